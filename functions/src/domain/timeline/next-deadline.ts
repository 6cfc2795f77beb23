// The next thing a conference owes someone, for the coordinator's overview: reports while any is
// missing, then the record and decision until it is sent, the outcome to the child, and the first
// core group. Dates without a time fall due at the end of the working day, as every day-based
// deadline does (policy workingHours.end).
import { Temporal } from 'temporal-polyfill';
import type { Policy } from '../policy/schema';
import { atTime, parseClockTime } from '../time/local-time';
import type { Timeline } from './plan-timeline';

export type DeadlineKind = 'reports' | 'record-and-decision' | 'outcome-to-child' | 'core-group';

export const DEADLINE_LABELS: Readonly<Record<DeadlineKind, string>> = {
  reports: 'Reports due',
  'record-and-decision': 'Record and decision due',
  'outcome-to-child': 'Outcome to the child due',
  'core-group': 'First core group meeting due',
};

export interface Deadline {
  readonly what: DeadlineKind;
  readonly at: Temporal.ZonedDateTime;
}

export interface DeadlineFacts {
  readonly reportsMissing: boolean;
  readonly recordSent: boolean;
  /** False once an outcome is recorded without a core group (no plan); true before an outcome. */
  readonly coreGroupPossible: boolean;
}

export function nextDeadline(
  timeline: Pick<Timeline, 'reportDue' | 'recordDue' | 'outcomeToChildDue' | 'coreGroupDue'>,
  facts: DeadlineFacts,
  policy: Pick<Policy, 'workingHours' | 'timeZone'>,
  now: Temporal.Instant,
): Deadline | null {
  const endOfDay = (date: Temporal.PlainDate): Temporal.ZonedDateTime =>
    atTime(date, parseClockTime(policy.workingHours.end), policy.timeZone);
  const owed: Deadline[] = [];
  if (facts.reportsMissing) owed.push({ what: 'reports', at: timeline.reportDue });
  if (!facts.recordSent) owed.push({ what: 'record-and-decision', at: endOfDay(timeline.recordDue) });
  owed.push({ what: 'outcome-to-child', at: endOfDay(timeline.outcomeToChildDue) });
  if (timeline.coreGroupDue !== null && facts.coreGroupPossible) {
    owed.push({ what: 'core-group', at: endOfDay(timeline.coreGroupDue) });
  }
  const ahead = owed
    .filter((d) => Temporal.Instant.compare(d.at.toInstant(), now) > 0)
    .sort((a, b) => Temporal.ZonedDateTime.compare(a.at, b.at));
  return ahead[0] ?? null;
}
