// Value formats Google checks: RFC 3339 timestamps, full dates, IANA time zones, and the wall-clock
// arithmetic Calendar needs to place a local dateTime or an all-day date on the timeline.

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millis: number;
}

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parseDateTimeParts(text: string): { clock: WallClock; offsetMinutes: number | null } | null {
  const m = DATE_TIME.exec(text);
  if (m === null) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!validDay(year, month, day) || hour > 23 || minute > 59 || second > 60) return null;
  const millis = m[7] === undefined ? 0 : Math.floor(Number(`0${m[7]}`) * 1000);
  const zone = m[8];
  let offsetMinutes: number | null = null;
  if (zone !== undefined) {
    if (zone.toUpperCase() === 'Z') offsetMinutes = 0;
    else {
      const sign = zone.startsWith('-') ? -1 : 1;
      const [h, mi] = zone.slice(1).split(':').map(Number) as [number, number];
      if (h > 23 || mi > 59) return null;
      offsetMinutes = sign * (h * 60 + mi);
    }
  }
  return { clock: { year, month, day, hour, minute, second, millis }, offsetMinutes };
}

/** RFC 3339 date-time; `requireOffset` for Google's query timestamps ("mandatory time zone offset"). */
export function isDateTime(text: string, requireOffset: boolean): boolean {
  const parsed = parseDateTimeParts(text);
  return parsed !== null && (!requireOffset || parsed.offsetMinutes !== null);
}

export function hasOffset(text: string): boolean {
  return parseDateTimeParts(text)?.offsetMinutes != null;
}

export function isDate(text: string): boolean {
  const m = DATE.exec(text);
  return m !== null && validDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in ms. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? '0');
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - (instant - (instant % 1000));
}

/** The wall clock read as if it were UTC. */
function asUtc(clock: WallClock): number {
  return Date.UTC(
    clock.year,
    clock.month - 1,
    clock.day,
    clock.hour,
    clock.minute,
    clock.second,
    clock.millis,
  );
}

function wallClockToInstant(clock: WallClock, timeZone: string): number {
  const utc = asUtc(clock);
  const first = utc - zoneOffsetMs(utc, timeZone);
  return utc - zoneOffsetMs(first, timeZone);
}

/** The instant a Calendar dateTime names: its own offset, else its timeZone's wall clock. */
export function dateTimeInstant(text: string, timeZone: string): number | null {
  const parsed = parseDateTimeParts(text);
  if (parsed === null) return null;
  const { clock, offsetMinutes } = parsed;
  if (offsetMinutes === null) return wallClockToInstant(clock, timeZone);
  return asUtc(clock) - offsetMinutes * 60_000;
}

/** Midnight starting `date` (YYYY-MM-DD) in `timeZone`, as Calendar places all-day events. */
export function dateInstant(date: string, timeZone: string): number | null {
  if (!isDate(date)) return null;
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return wallClockToInstant({ year, month, day, hour: 0, minute: 0, second: 0, millis: 0 }, timeZone);
}

export function isEmail(text: string): boolean {
  return /^[^\s@<>(),;:"[\]]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(text);
}

/** Google's RFC 3339 rendering of server timestamps: millisecond precision, UTC. */
export function timestamp(instant: number): string {
  return new Date(instant).toISOString();
}
