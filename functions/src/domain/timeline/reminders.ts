// The messages a conference's timeline implies, with when each falls due. The outbox (a later
// issue) queues these; here they are only planned, so a booking preview can show them.
import type { Temporal } from 'temporal-polyfill';
import type { Duration, Policy } from '../policy/schema';
import { atTime, parseClockTime } from '../time/local-time';
import { beforeEvent, onWorkingDayOrEarlier, shiftDate, type DeadlineContext } from './deadlines';

export type ReminderKind =
  'report-reminder' | 'report-overdue' | 'quorum-check' | 'day-before' | 'record-due' | 'feedback-request';

export type ReminderAudience = 'professionals' | 'family' | 'coordinator' | 'chair' | 'attendees';

export interface Reminder {
  readonly kind: ReminderKind;
  readonly audience: ReminderAudience;
  readonly at: Temporal.ZonedDateTime;
}

export interface ReminderContext {
  readonly policy: Policy;
  readonly ctx: DeadlineContext;
  readonly start: Temporal.ZonedDateTime;
  readonly end: Temporal.ZonedDateTime;
  readonly reportDue: Temporal.ZonedDateTime;
  readonly recordDue: Temporal.PlainDate;
}

export function planReminders({
  policy,
  ctx,
  start,
  end,
  reportDue,
  recordDue,
}: ReminderContext): Reminder[] {
  const { reminders, feedback, workingHours } = policy;
  const out: Reminder[] = [];
  // Nobody is sent a reminder on a weekend or bank holiday; it goes on the working day before.
  const timed = (rule: { before: Duration; at: string }, event: Temporal.ZonedDateTime) => {
    const at = parseClockTime(rule.at);
    return onWorkingDayOrEarlier(beforeEvent(event, rule.before, at, ctx), at, ctx);
  };

  if (reminders.report !== null) {
    out.push({ kind: 'report-reminder', audience: 'professionals', at: timed(reminders.report, reportDue) });
  }
  if (reminders.reportOverdue) out.push({ kind: 'report-overdue', audience: 'professionals', at: reportDue });
  for (const check of reminders.quorumChecks) {
    out.push({ kind: 'quorum-check', audience: 'coordinator', at: timed(check, start) });
  }
  if (reminders.dayBefore !== null) {
    const at = parseClockTime(reminders.dayBefore.at);
    const day = ctx.calendar.addWorkingDays(start.toPlainDate(), -1);
    out.push({ kind: 'day-before', audience: 'family', at: atTime(day, at, ctx.timeZone) });
    out.push({ kind: 'day-before', audience: 'professionals', at: atTime(day, at, ctx.timeZone) });
  }
  out.push({
    kind: 'record-due',
    audience: 'chair',
    at: atTime(recordDue, parseClockTime(workingHours.start), ctx.timeZone),
  });
  if (feedback.request) {
    const day = shiftDate(end.toPlainDate(), feedback.after, 1, ctx);
    out.push({
      kind: 'feedback-request',
      audience: 'attendees',
      at: atTime(day, parseClockTime(feedback.at), ctx.timeZone),
    });
  }
  return out.sort((a, b) => a.at.epochMilliseconds - b.at.epochMilliseconds);
}
