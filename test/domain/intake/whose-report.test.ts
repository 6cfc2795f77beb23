// Whose report a held email is when a coordinator files it. Per person, an email from someone
// not invited, filed for an agency with several invitees, needs the coordinator to say which
// invitee's report it is; the answer names the field and never repeats an address.
import { whoseReport } from '../../../functions/src/domain/intake/whose-report';
import { loadPreset } from '../../../functions/src/domain/policy/presets';
import type { Policy } from '../../../functions/src/domain/policy/schema';
import { conferenceWithTwoFromHealth, GP, HEALTH_VISITOR, POLICE } from './intake-fixtures';

const perPerson = loadPreset('hackney');
const perAgency: Policy = { ...perPerson, reports: { ...perPerson.reports, per: 'agency' } };
const conference = conferenceWithTwoFromHealth('CPC-7F3K');
const STRANGER = 'practice.manager@surgery.example.org';

describe('filing a held email', () => {
  test('for the invitee the coordinator names, as that invitee’s report under their agency', () => {
    expect(whoseReport(conference, STRANGER, { agency: 'health', invitee: GP }, perPerson)).toEqual({
      kind: 'decided',
      role: { kind: 'professional', agency: 'health', invitee: GP },
      label: 'Health (GP, health visitor, midwife, school nurse, paediatrician) (GP)',
    });
    expect(whoseReport(conference, STRANGER, { invitee: GP }, perPerson)).toMatchObject({
      role: { agency: 'health', invitee: GP },
    });
  });

  test('per person, needs the invitee when the agency has several and the sender is none of them', () => {
    const answer = whoseReport(conference, STRANGER, { agency: 'health' }, perPerson);
    expect(answer).toEqual({
      kind: 'problem',
      problem: {
        field: 'invitee',
        message:
          'is needed: 2 professionals are invited to CPC-7F3K for Health (GP, health visitor, midwife, school nurse, paediatrician) and each owes their own report, so say whose report this is',
      },
    });
  });

  test('per agency, files it as the agency’s without an invitee', () => {
    expect(whoseReport(conference, STRANGER, { agency: 'health' }, perAgency)).toMatchObject({
      kind: 'decided',
      role: { agency: 'health', invitee: null },
    });
  });

  test('for the agency’s only invitee when it has one, and for the sender when the sender is one of several', () => {
    expect(whoseReport(conference, STRANGER, { agency: 'police' }, perPerson)).toMatchObject({
      role: { agency: 'police', invitee: POLICE },
    });
    expect(
      whoseReport(conference, 'Health.Visitor@nhs.example.org', { agency: 'health' }, perPerson),
    ).toMatchObject({ role: { agency: 'health', invitee: HEALTH_VISITOR } });
  });

  test('refuses an invitee who is not invited, or is invited for another agency, without repeating the address', () => {
    for (const choice of [{ invitee: STRANGER }, { invitee: 'chair.one@hackney.gov.uk' }]) {
      const answer = whoseReport(conference, STRANGER, choice, perPerson);
      expect(answer).toMatchObject({ kind: 'problem', problem: { field: 'invitee' } });
      expect(JSON.stringify(answer)).not.toMatch(/@/);
    }
    const mismatch = whoseReport(conference, STRANGER, { agency: 'police', invitee: GP }, perPerson);
    expect(mismatch).toMatchObject({ kind: 'problem', problem: { field: 'invitee' } });
    expect(JSON.stringify(mismatch)).not.toMatch(/@/);
  });

  test('from an invited sender with nothing named, as the sender’s own report', () => {
    expect(whoseReport(conference, GP, {}, perPerson)).toMatchObject({
      role: { kind: 'professional', agency: 'health', invitee: GP },
    });
    expect(whoseReport(conference, STRANGER, {}, perPerson)).toMatchObject({
      kind: 'problem',
      problem: { field: 'agency' },
    });
  });
});
