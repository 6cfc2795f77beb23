// Counting policy durations back from (or on from) an event. Hours are real elapsed time, so
// "48 hours before" stays 48 hours across a clock change; days land at a given wall-clock time
// on the resulting day, so "3 days before" is the same time of day in GMT and in BST.
import type { Temporal } from 'temporal-polyfill';
import type { WorkingCalendar } from '../calendar/working-days';
import type { Duration } from '../policy/schema';
import { atTime } from '../time/local-time';

export interface DeadlineContext {
  readonly calendar: WorkingCalendar;
  readonly timeZone: string;
}

/** The date `amount` days before or after `date`, in the duration's kind of day. */
export function shiftDate(
  date: Temporal.PlainDate,
  duration: Duration,
  direction: 1 | -1,
  ctx: DeadlineContext,
): Temporal.PlainDate {
  switch (duration.unit) {
    case 'working-days':
      return ctx.calendar.addWorkingDays(date, direction * duration.amount);
    case 'calendar-days':
      return date.add({ days: direction * duration.amount });
    case 'hours':
      throw new RangeError('a duration in hours has no date of its own; use beforeEvent');
  }
}

/**
 * The moment `duration` before `event`. Day-based durations fall due at `dayTime` on their day.
 */
export function beforeEvent(
  event: Temporal.ZonedDateTime,
  duration: Duration,
  dayTime: Temporal.PlainTime,
  ctx: DeadlineContext,
): Temporal.ZonedDateTime {
  if (duration.unit === 'hours') return event.subtract({ hours: duration.amount });
  return atTime(shiftDate(event.toPlainDate(), duration, -1, ctx), dayTime, ctx.timeZone);
}

/**
 * A deadline or reminder that lands on a weekend or bank holiday moves to `dayTime` on the last
 * working day before it: asking for a report "by Saturday" means "by Friday" to the people sending it.
 */
export function onWorkingDayOrEarlier(
  moment: Temporal.ZonedDateTime,
  dayTime: Temporal.PlainTime,
  ctx: DeadlineContext,
): Temporal.ZonedDateTime {
  const date = moment.toPlainDate();
  if (ctx.calendar.isWorkingDay(date)) return moment;
  return atTime(ctx.calendar.workingDayOnOrBefore(date), dayTime, ctx.timeZone);
}
