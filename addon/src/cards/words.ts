// Dates, times and text as the cards show them. The service writes times as ISO 8601 with the
// council's offset, so the council's wall-clock time is read off the string itself: no time
// zone data is needed in Apps Script, and a coordinator abroad still sees the council's times.

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

interface Parts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly time: string | null;
}

function parts(iso: string): Parts | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}))?/.exec(iso);
  if (match === null) return null;
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]), time: match[4] ?? null };
}

function weekday(p: Parts): string {
  return DAYS[new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay()] ?? '';
}

/** "Monday 7 December 2026" (and ", 10:30" when the value has a time). */
export function longDate(iso: string): string {
  const p = parts(iso);
  if (p === null) return iso;
  const date = `${weekday(p)} ${p.day} ${MONTHS[p.month - 1] ?? ''} ${p.year}`;
  return p.time === null ? date : `${date}, ${p.time}`;
}

/** "Mon 7 Dec, 10:30": for lists, where space is short. */
export function shortDate(iso: string): string {
  const p = parts(iso);
  if (p === null) return iso;
  const date = `${weekday(p).slice(0, 3)} ${p.day} ${(MONTHS[p.month - 1] ?? '').slice(0, 3)}`;
  return p.time === null ? date : `${date}, ${p.time}`;
}

/** "10:30". */
export function clock(iso: string): string {
  return parts(iso)?.time ?? iso;
}

/** Card text is a small HTML subset: whatever a person typed is escaped before it goes in. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export const RED = '#b3261e';
export const AMBER = '#8a5300';
export const GREEN = '#1b5e20';

export function coloured(color: string, text: string): string {
  return `<font color="${color}">${text}</font>`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Wall-clock date-time "2026-12-07T10:30" → milliseconds of the same digits read as UTC (pickers show UTC). */
export function wallClockMs(local: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(local);
  if (m === null) return undefined;
  return String(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0)));
}

/** The inverse of wallClockMs: what the picker showed, as the service's local date-time. */
export function wallClock(ms: number, withTime: boolean): string {
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return withTime ? `${date}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : date;
}

const AUDIENCES: Readonly<Record<string, string>> = {
  chair: 'Chair',
  family: 'Family',
  professionals: 'Professionals',
  everyone: 'Everyone',
};

/** An audience of the timeline ("family", "professionals", …) as a heading. */
export function audienceWords(audience: string): string {
  return AUDIENCES[audience] ?? esc(audience);
}
