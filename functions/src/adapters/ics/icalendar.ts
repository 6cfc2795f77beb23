// iCalendar invitations (RFC 5545) for iTIP over email (RFC 5546, RFC 6047), written and read
// by hand: one VEVENT per message with exactly one ATTENDEE, because guests must never see each
// other's addresses, and replies read leniently, as Outlook and Google Calendar write them.
import { Temporal } from 'temporal-polyfill';
import type { Rsvp } from '../../domain/quorum';

export interface InvitationIcsInput {
  readonly method: 'REQUEST' | 'CANCEL';
  /** Stable for the event's whole life: how calendars match an update or a cancel to it. */
  readonly uid: string;
  readonly sequence: number;
  /** When this copy was written (DTSTAMP). */
  readonly stamp: Temporal.Instant;
  readonly start: Temporal.ZonedDateTime;
  readonly end: Temporal.ZonedDateTime;
  readonly summary: string;
  readonly description: string | null;
  readonly location: string | null;
  /** The video link. */
  readonly url: string | null;
  /** The calendar owner's address: where replies go. */
  readonly organizer: string;
  /** The one guest this copy is for. */
  readonly attendee: string;
}

export interface InvitationReply {
  readonly uid: string;
  readonly sequence: number;
  /** The replying guest's address, lower-cased. */
  readonly attendee: string;
  readonly partstat: Rsvp;
}

export const LONDON = 'Europe/London';

/**
 * The UK's rule since 1996 (the EU's): BST from 01:00 UTC on the last Sunday of March to 01:00
 * UTC on the last Sunday of October. Written out so every client reads the same rule, whatever
 * its own zone names ("GMT Standard Time" in Outlook).
 */
const LONDON_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${LONDON}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0100',
  'TZNAME:BST',
  'DTSTART:19700329T010000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0000',
  'TZNAME:GMT',
  'DTSTART:19701025T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

function lastSundayAt1Utc(year: number, month: number): Temporal.Instant {
  const last = Temporal.PlainDate.from({ year, month, day: 1 }).with({ day: 31 });
  const sunday = last.subtract({ days: last.dayOfWeek % 7 });
  return sunday.toZonedDateTime({ timeZone: 'UTC', plainTime: '01:00' }).toInstant();
}

/** Hours ahead of UTC in London by the rule written in the VTIMEZONE above. */
function londonRuleOffset(instant: Temporal.Instant): 0 | 1 {
  const { year } = instant.toZonedDateTimeISO('UTC');
  const inSummer =
    Temporal.Instant.compare(instant, lastSundayAt1Utc(year, 3)) >= 0 &&
    Temporal.Instant.compare(instant, lastSundayAt1Utc(year, 10)) < 0;
  return inSummer ? 1 : 0;
}

/**
 * Whether a reader applying our VTIMEZONE to the local time gets this instant back. Not for a
 * time the clocks skip, nor the second pass of a repeated hour (RFC 5545 reads the first), nor
 * if the law ever changes and the zone database with it: those are written in UTC instead.
 */
function londonLocalIsExact(time: Temporal.ZonedDateTime): boolean {
  if (time.timeZoneId !== LONDON) return false;
  const local = time.toPlainDateTime().toZonedDateTime('UTC').toInstant();
  for (const hours of [1, 0] as const) {
    const reading = local.subtract({ hours });
    if (londonRuleOffset(reading) === hours) return reading.equals(time.toInstant());
  }
  return false;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function basicDateTime(t: Temporal.PlainDateTime | Temporal.ZonedDateTime): string {
  return `${pad(t.year, 4)}${pad(t.month)}${pad(t.day)}T${pad(t.hour)}${pad(t.minute)}${pad(t.second)}`;
}

function utc(instant: Temporal.Instant): string {
  return `${basicDateTime(instant.toZonedDateTimeISO('UTC'))}Z`;
}

function dateTimeLine(name: 'DTSTART' | 'DTEND', time: Temporal.ZonedDateTime): string {
  return londonLocalIsExact(time)
    ? `${name};TZID=${LONDON}:${basicDateTime(time)}`
    : `${name}:${utc(time.toInstant())}`;
}

/** Drops what RFC 5545 forbids in a value (controls other than tab), and unpaired surrogates. */
function withoutControls(value: string, keepNewlines: boolean): string {
  let out = '';
  for (const ch of value.toWellFormed()) {
    const code = ch.codePointAt(0) ?? 0;
    if (code === 9 || (code === 10 && keepNewlines) || (code >= 32 && code !== 127)) out += ch;
  }
  return out;
}

/** TEXT values: backslash, semicolon and comma escaped, each line break written as \n. */
export function escapeText(value: string): string {
  return withoutControls(value.replace(/\r\n|\r/g, '\n'), true)
    .replace(/[\\;,]/g, (ch) => `\\${ch}`)
    .replace(/\n/g, '\\n');
}

/** URIs are not escaped, but a line break in one would end the property. */
const uri = (value: string): string => withoutControls(value, false);
const mailto = (address: string): string => `mailto:${uri(address.trim())}`;

function utf8Length(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}

/** Folds a content line into lines of at most 75 octets, never inside a UTF-8 character. */
export function fold(line: string): string {
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  // A continuation line starts with a space, leaving 74 octets for content.
  let limit = 75;
  for (const ch of line) {
    const size = utf8Length(ch);
    if (octets + size > limit) {
      lines.push(current);
      current = '';
      octets = 0;
      limit = 74;
    }
    current += ch;
    octets += size;
  }
  lines.push(current);
  return lines.join('\r\n ');
}

export function invitationIcs(input: InvitationIcsInput): string {
  const request = input.method === 'REQUEST';
  const needsZone = londonLocalIsExact(input.start) || londonLocalIsExact(input.end);
  const optional = (name: string, value: string | null): string[] =>
    value === null || value === '' ? [] : [`${name}:${value}`];
  const lines = [
    'BEGIN:VCALENDAR',
    'PRODID:-//Conference Desk//EN',
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    `METHOD:${input.method}`,
    ...(needsZone ? LONDON_VTIMEZONE : []),
    'BEGIN:VEVENT',
    `UID:${escapeText(input.uid)}`,
    `SEQUENCE:${Math.trunc(input.sequence)}`,
    `DTSTAMP:${utc(input.stamp)}`,
    dateTimeLine('DTSTART', input.start),
    dateTimeLine('DTEND', input.end),
    `SUMMARY:${escapeText(input.summary)}`,
    ...optional('DESCRIPTION', input.description === null ? null : escapeText(input.description)),
    ...optional('LOCATION', input.location === null ? null : escapeText(input.location)),
    ...optional('URL', input.url === null ? null : uri(input.url)),
    `ORGANIZER:${mailto(input.organizer)}`,
    request
      ? `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:${mailto(input.attendee)}`
      : `ATTENDEE;ROLE=REQ-PARTICIPANT:${mailto(input.attendee)}`,
    `STATUS:${request ? 'CONFIRMED' : 'CANCELLED'}`,
    'TRANSP:OPAQUE',
    'CLASS:PRIVATE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

// ---- Replies -------------------------------------------------------------------------------

interface ContentLine {
  readonly name: string;
  readonly params: ReadonlyMap<string, string>;
  readonly value: string;
}

/** Splits at `separator` wherever it is outside double quotes. */
function splitOutsideQuotes(text: string, separator: string, limit = Infinity): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length && parts.length < limit - 1; i += 1) {
    const ch = text.charAt(i);
    if (ch === '"') quoted = !quoted;
    else if (ch === separator && !quoted) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function contentLine(line: string): ContentLine | null {
  const [head = '', value] = splitOutsideQuotes(line, ':', 2);
  if (value === undefined) return null;
  const [name = '', ...rawParams] = splitOutsideQuotes(head, ';');
  const params = new Map<string, string>();
  for (const param of rawParams) {
    const at = param.indexOf('=');
    if (at < 0) continue;
    const raw = param.slice(at + 1).trim();
    params.set(param.slice(0, at).trim().toUpperCase(), raw.replace(/^"(.*)"$/s, '$1'));
  }
  return { name: name.trim().toUpperCase(), params, value };
}

export function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, ch: string) => (ch === 'n' || ch === 'N' ? '\n' : ch));
}

const PARTSTAT: Partial<Record<string, Rsvp>> = {
  ACCEPTED: 'accepted',
  TENTATIVE: 'tentative',
  DECLINED: 'declined',
  'NEEDS-ACTION': 'needs-action',
};

/**
 * The reply an iTIP REPLY carries, or null when `text` is not one we can use: another method,
 * no UID, no attendee with a mailto: address, or a PARTSTAT we have no word for (DELEGATED).
 * `impliedMethod`: the MIME part's method parameter (RFC 6047 2.4), for a body naming none.
 */
export function parseReply(text: string, impliedMethod?: string): InvitationReply | null {
  const lines = text
    .replace(/\r\n|\r/g, '\n')
    .replace(/\n[ \t]/g, '')
    .split('\n');
  const path: string[] = [];
  let method: string | undefined;
  let uid: string | undefined;
  let sequence: string | undefined;
  let attendee: ContentLine | undefined;
  let seenEvent = false;
  for (const raw of lines) {
    const line = contentLine(raw);
    if (line === null) continue;
    const where = path.join('/');
    if (line.name === 'BEGIN') {
      path.push(line.value.trim().toUpperCase());
      continue;
    }
    if (line.name === 'END') {
      if (path.pop() === 'VEVENT') seenEvent = true;
      continue;
    }
    if (where === 'VCALENDAR' && line.name === 'METHOD') method = line.value.trim().toUpperCase();
    // The first event only: a reply holds one (more would be exceptions to a recurrence).
    if (where !== 'VCALENDAR/VEVENT' || seenEvent) continue;
    if (line.name === 'UID') uid ??= unescapeText(line.value.trim());
    else if (line.name === 'SEQUENCE') sequence ??= line.value.trim();
    else if (line.name === 'ATTENDEE' && attendee === undefined && line.params.has('PARTSTAT'))
      attendee = line;
  }
  if ((method ?? impliedMethod?.trim().toUpperCase()) !== 'REPLY') return null;
  if (uid === undefined || uid === '' || attendee === undefined) return null;
  const address = /^mailto:(.+)$/i.exec(attendee.value.trim())?.[1]?.trim().toLowerCase();
  const partstat = PARTSTAT[(attendee.params.get('PARTSTAT') ?? '').toUpperCase()];
  const seq = sequence === undefined ? 0 : /^\d{1,9}$/.test(sequence) ? Number(sequence) : undefined;
  if (address === undefined || address === '' || partstat === undefined || seq === undefined) return null;
  return { uid, sequence: seq, attendee: address, partstat };
}
