// Reading dates and wall-clock times as a coordinator types them, and placing wall-clock times
// in the council's time zone. A 10:00 conference is 10:00 in GMT and in BST; a time the clocks
// skip, or pass twice, is refused rather than silently moved.
import { z } from 'zod';
import { Temporal } from 'temporal-polyfill';
import { FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR } from '../calendar/working-days';

/** Whether `value` names a time zone this runtime knows (IANA names such as Europe/London). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/;

/** A calendar date written YYYY-MM-DD, or a message saying why it is not one. */
export function parseLocalDate(text: string): Temporal.PlainDate | string {
  // What was typed is not repeated: a date field can hold anything someone pasted into it.
  if (!DATE.test(text)) return 'must be a date written YYYY-MM-DD';
  let date: Temporal.PlainDate;
  try {
    date = Temporal.PlainDate.from(text, { overflow: 'reject' });
  } catch {
    return 'is not a real date';
  }
  // Working days, and so every deadline, are known only for these years.
  if (date.year < FIRST_SUPPORTED_YEAR || date.year > LAST_SUPPORTED_YEAR) {
    return `must be in the years ${FIRST_SUPPORTED_YEAR} to ${LAST_SUPPORTED_YEAR}, which the calendar knows`;
  }
  return date;
}

/** A wall-clock date and time written YYYY-MM-DDTHH:mm, or a message saying why it is not one. */
export function parseLocalDateTime(text: string): Temporal.PlainDateTime | string {
  const match = DATE_TIME.exec(text);
  if (match === null) return 'must be a date and time written YYYY-MM-DDTHH:mm';
  const [, datePart = '', hours = '', minutes = ''] = match;
  const date = parseLocalDate(datePart);
  if (typeof date === 'string')
    return date === 'must be a date written YYYY-MM-DD' ? 'is not a real date' : date;
  if (Number(hours) > 23 || Number(minutes) > 59) return 'is not a time of day';
  return date.toPlainDateTime({ hour: Number(hours), minute: Number(minutes) });
}

export function parseClockTime(text: string): Temporal.PlainTime {
  return Temporal.PlainTime.from(text);
}

/** A zod string type whose value is read by `parse`; the parser's message becomes the issue. */
function parsedString<T>(parse: (text: string) => T | string) {
  return z.string().transform((text, ctx) => {
    const parsed = parse(text);
    if (typeof parsed === 'string') {
      ctx.addIssue({ code: 'custom', message: parsed });
      return z.NEVER;
    }
    return parsed;
  });
}

const CLOCK_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

/** A time of day written HH:mm (24-hour), or a message saying why it is not one. */
export function parseClockTimeText(text: string): Temporal.PlainTime | string {
  return CLOCK_TIME.test(text) ? Temporal.PlainTime.from(text) : 'must be a 24-hour time written HH:mm';
}

/** zod types for the same formats, so the CLI and the HTTP API share one set of messages. */
export const localDateSchema = parsedString(parseLocalDate);
export const localDateTimeSchema = parsedString(parseLocalDateTime);
export const clockTimeSchema = parsedString(parseClockTimeText);

/**
 * The instant a wall-clock time names in `timeZone`, or a message when the clocks skip it
 * (spring forward) or pass it twice (fall back).
 */
export function zonedOrProblem(
  local: Temporal.PlainDateTime,
  timeZone: string,
): Temporal.ZonedDateTime | string {
  const earlier = local.toZonedDateTime(timeZone, { disambiguation: 'earlier' });
  const later = local.toZonedDateTime(timeZone, { disambiguation: 'later' });
  if (earlier.equals(later)) return earlier;
  const when = `${local.toPlainDate().toString()} ${local.toPlainTime().toString({ smallestUnit: 'minute' })}`;
  if (!earlier.toPlainDateTime().equals(local)) {
    return `${when} does not exist in ${timeZone}: the clocks go forward then`;
  }
  return `${when} happens twice in ${timeZone}: the clocks go back then`;
}

/** A wall-clock time on a date in `timeZone` (used for deadlines, which never fall in a clock change). */
export function atTime(
  date: Temporal.PlainDate,
  time: Temporal.PlainTime,
  timeZone: string,
): Temporal.ZonedDateTime {
  return date.toZonedDateTime({ timeZone, plainTime: time });
}

/** ISO 8601 with the offset and no zone name: 2026-03-30T10:00:00+01:00. */
export function isoWithOffset(value: Temporal.ZonedDateTime): string {
  return value.toString({ timeZoneName: 'never' });
}
