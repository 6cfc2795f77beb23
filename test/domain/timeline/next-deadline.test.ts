// The next thing a conference owes, for the overview: reports while any is missing, then the
// record and decision until it is sent, the outcome to the child, and the first core group.
import { Temporal } from 'temporal-polyfill';
import { loadPreset } from '../../../functions/src/domain/policy/presets';
import { nextDeadline, type DeadlineFacts } from '../../../functions/src/domain/timeline/next-deadline';
import { draftConference, NOW } from '../../support/bookings';

const policy = loadPreset('hackney');
const { timeline } = draftConference();
const open: DeadlineFacts = { reportsMissing: true, recordSent: false, coreGroupPossible: true };
const at = (iso: string): Temporal.Instant => Temporal.Instant.from(iso);
const next = (facts: DeadlineFacts, now: Temporal.Instant): string | null => {
  const deadline = nextDeadline(timeline, facts, policy, now);
  return deadline === null ? null : `${deadline.what} ${deadline.at.toString({ timeZoneName: 'never' })}`;
};

describe('the next deadline', () => {
  test('is the report deadline while a report is missing and it has not passed', () => {
    expect(next(open, NOW)).toBe('reports 2026-12-04T17:00:00+00:00');
  });

  test('moves on to the record and decision, at the end of its working day, once reports are in or late', () => {
    const record = `record-and-decision ${timeline.recordDue.toString()}T17:00:00+00:00`;
    expect(next({ ...open, reportsMissing: false }, NOW)).toBe(record);
    expect(next(open, at('2026-12-05T09:00:00Z'))).toBe(record);
  });

  test('skips the record once it is sent, and the core group once an outcome made none', () => {
    const after = at('2026-12-07T14:00:00Z');
    const sent = next({ reportsMissing: false, recordSent: true, coreGroupPossible: false }, after);
    expect(sent).toBe(`outcome-to-child ${timeline.outcomeToChildDue.toString()}T17:00:00+00:00`);
  });

  test('is null once everything has fallen due', () => {
    expect(next(open, at('2027-06-01T09:00:00Z'))).toBeNull();
  });
});
