// Dates and times as the service's messages and calendar descriptions write them, in one place
// so every email and invitation says a date the same way.
import type { Temporal } from 'temporal-polyfill';

/** "Friday 4 December 2026", as GOV.UK writes dates (ICU would put a comma after the weekday). */
export function longDate(value: Temporal.PlainDate): string {
  return `${value.toLocaleString('en-GB', { weekday: 'long' })} ${value.day} ${value.toLocaleString('en-GB', { month: 'long' })} ${value.year}`;
}

/** "10:30", on the 24-hour clock. */
export function clock(value: Temporal.ZonedDateTime): string {
  return value.toPlainTime().toString({ smallestUnit: 'minute' });
}

/** "17:00 on Friday 4 December 2026". */
export function timeOnDate(value: Temporal.ZonedDateTime): string {
  return `${clock(value)} on ${longDate(value.toPlainDate())}`;
}
