import { chooseConference } from '../../../functions/src/domain/intake/choose-conference';
import { bookedConference } from './intake-fixtures';

const a = bookedConference('CPC-AAAA');
const b = bookedConference('CPC-BBBB');
const named = (...cs: ({ reference: string } | string)[]) =>
  cs.map((c) =>
    typeof c === 'string'
      ? { reference: c, conference: undefined }
      : { reference: c.reference, conference: [a, b].find((x) => x === c) },
  );

describe('which conference an email is for', () => {
  it('takes the plus address first', () => {
    const outcome = chooseConference({ plusAddress: named(a), subject: [], invitedOpen: [b] });
    expect(outcome).toMatchObject({
      kind: 'matched',
      rule: 'plus-address',
      conference: { reference: 'CPC-AAAA' },
    });
  });

  it('accepts a subject that quotes other references alongside the address’s own', () => {
    const outcome = chooseConference({ plusAddress: named(a), subject: named(b, a), invitedOpen: [] });
    expect(outcome).toMatchObject({
      kind: 'matched',
      rule: 'plus-address',
      conference: { reference: 'CPC-AAAA' },
    });
  });

  it('holds an email whose address and subject name different conferences', () => {
    const outcome = chooseConference({ plusAddress: named(a), subject: named(b), invitedOpen: [] });
    expect(outcome).toMatchObject({ kind: 'unmatched', reason: { code: 'several-matches' } });
    expect(outcome.kind === 'unmatched' && outcome.candidates).toEqual(['CPC-AAAA', 'CPC-BBBB']);
  });

  it('holds an email sent to two conferences’ addresses', () => {
    expect(chooseConference({ plusAddress: named(a, b), subject: [], invitedOpen: [] })).toMatchObject({
      kind: 'unmatched',
      reason: { code: 'several-matches' },
    });
  });

  it('uses the subject when no plus address names a conference', () => {
    expect(
      chooseConference({ plusAddress: named('CPC-ZZZZ'), subject: named(b), invitedOpen: [a] }),
    ).toMatchObject({
      kind: 'matched',
      rule: 'subject',
      conference: { reference: 'CPC-BBBB' },
    });
    expect(chooseConference({ plusAddress: [], subject: named(a, b), invitedOpen: [] })).toMatchObject({
      kind: 'unmatched',
      reason: { code: 'several-matches' },
    });
  });

  it('falls back to the sender’s one open invitation', () => {
    expect(chooseConference({ plusAddress: [], subject: [], invitedOpen: [a] })).toMatchObject({
      kind: 'matched',
      rule: 'invited-sender',
    });
  });

  it('does not guess when the sender is invited to several, or names a reference that does not exist', () => {
    const several = chooseConference({ plusAddress: [], subject: [], invitedOpen: [a, b] });
    expect(several).toMatchObject({
      kind: 'unmatched',
      reason: { code: 'several-matches' },
      candidates: ['CPC-AAAA', 'CPC-BBBB'],
    });
    const mistyped = chooseConference({ plusAddress: [], subject: named('CPC-ZZZZ'), invitedOpen: [a] });
    expect(mistyped).toMatchObject({
      kind: 'unmatched',
      reason: { code: 'no-match' },
      candidates: ['CPC-AAAA'],
    });
    expect(mistyped.kind === 'unmatched' && mistyped.reason.message).toMatch(
      /CPC-ZZZZ, which is not a conference/,
    );
  });

  it('holds an email that names nothing and comes from nobody invited', () => {
    expect(chooseConference({ plusAddress: [], subject: [], invitedOpen: [] })).toMatchObject({
      kind: 'unmatched',
      reason: { code: 'no-match' },
      candidates: [],
    });
  });
});
