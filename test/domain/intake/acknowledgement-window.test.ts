// A sender is acknowledged at most once an hour per conference; reports inside the hour wait, and
// go in one email.
import { Temporal } from 'temporal-polyfill';
import {
  acknowledgementNotBefore,
  coveredTogether,
} from '../../../functions/src/domain/intake/acknowledgement-window';
import type { Acknowledgement, ReportRecord } from '../../../functions/src/domain/intake/report';
import { bookedConference, filedReport, POLICE } from './intake-fixtures';

const conference = bookedConference();
const T0 = Temporal.Instant.from('2026-11-30T10:00:00Z');
const at = (minutes: number): Temporal.Instant => T0.add({ minutes });

function filed(from: string, ack: Partial<Acknowledgement>, receivedMinute = 0): ReportRecord {
  const record = filedReport(conference, from, {}, { receivedAt: at(receivedMinute) });
  return { ...record, acknowledgement: { ...record.acknowledgement, ...ack } };
}

describe('when an acknowledgement may go', () => {
  test('at once, for the first report from a sender', () => {
    expect(acknowledgementNotBefore([], POLICE, at(0))).toEqual(at(0));
  });

  test('an hour after the last one sent, inside that hour', () => {
    const first = filed(POLICE, { state: 'sent', sentAt: at(0) });
    expect(acknowledgementNotBefore([first], POLICE, at(20))).toEqual(at(60));
  });

  test('at once again, once the hour has passed', () => {
    const first = filed(POLICE, { state: 'sent', sentAt: at(0) });
    expect(acknowledgementNotBefore([first], POLICE, at(61))).toEqual(at(61));
  });

  test('with one already waiting for its hour: the same time, so both go in one email', () => {
    const first = filed(POLICE, { state: 'sent', sentAt: at(0) });
    const waiting = filed(POLICE, { state: 'pending', notBefore: at(60) }, 10);
    expect(acknowledgementNotBefore([first, waiting], POLICE, at(30))).toEqual(at(60));
  });

  test('an hour after one being sent right now, whose sending has not finished', () => {
    const going = filed(POLICE, { state: 'pending', notBefore: at(0), attempts: 1 });
    expect(acknowledgementNotBefore([going], POLICE, at(1))).toEqual(at(60));
  });

  test('other senders, and acknowledgements never sent, do not count', () => {
    const other = filed('dsl@school.example.org', { state: 'sent', sentAt: at(0) });
    const none = filed(POLICE, { state: 'none', sentAt: null });
    expect(acknowledgementNotBefore([other, none], POLICE, at(5))).toEqual(at(5));
  });
});

describe('what one acknowledgement email covers', () => {
  test('every record of the sender waiting by then and covered by no other email, oldest first', () => {
    const lead = filed(POLICE, { state: 'pending', notBefore: at(60) }, 20);
    const earlier = filed(POLICE, { state: 'pending', notBefore: at(60) }, 10);
    const notYet = filed(POLICE, { state: 'pending', notBefore: at(120) }, 70);
    const elsewhere = filed(POLICE, { state: 'pending', notBefore: at(60), coveredBy: 'another' }, 30);
    const sent = filed(POLICE, { state: 'sent', sentAt: at(0) }, 0);
    const school = filed('dsl@school.example.org', { state: 'pending', notBefore: at(60) }, 15);
    const covered = coveredTogether(lead, [lead, earlier, notYet, elsewhere, sent, school], at(60));
    expect(covered.map((r) => r.messageId)).toEqual([earlier.messageId, lead.messageId]);
  });

  test('records it already claimed, on a retry', () => {
    const lead = filed(POLICE, { state: 'pending', notBefore: at(60) }, 20);
    const claimed = filed(POLICE, { state: 'pending', notBefore: at(60), coveredBy: lead.messageId }, 30);
    expect(coveredTogether(lead, [lead, claimed], at(65)).map((r) => r.messageId)).toEqual([
      lead.messageId,
      claimed.messageId,
    ]);
  });
});
