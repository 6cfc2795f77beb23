// The iCalendar we write, read back by an independent parser (ical.js, with the VTIMEZONE from
// the same file), and replies as Outlook and Google Calendar write them.
import ICAL from 'ical.js';
import { Temporal } from 'temporal-polyfill';
import {
  invitationIcs,
  parseReply,
  type InvitationIcsInput,
} from '../../../functions/src/adapters/ics/icalendar';

const ORGANIZER = 'cp-conferences@hackney.gov.uk';
const GUEST = 'dc.one@police.example.org';
const UID = '0123456789abcdefghijp10@conference-desk.hackney.gov.uk';

const london = (local: string): Temporal.ZonedDateTime =>
  Temporal.PlainDateTime.from(local).toZonedDateTime('Europe/London');

function input(overrides: Partial<InvitationIcsInput> = {}): InvitationIcsInput {
  return {
    method: 'REQUEST',
    uid: UID,
    sequence: 3,
    stamp: Temporal.Instant.from('2026-11-23T09:00:00.123Z'),
    start: london('2026-12-07T10:30'),
    end: london('2026-12-07T12:00'),
    summary: 'Conference CPC-7F3K (professionals)',
    description: 'Please send your report two working days before.',
    location: 'Hackney Service Centre, Room 2',
    url: 'https://video.hackney.gov.uk/room/abcdefghijklmnopqrst',
    organizer: ORGANIZER,
    attendee: GUEST,
    ...overrides,
  };
}

/** The calendar as ical.js reads it, with its own VTIMEZONE (if any) the only one registered. */
function read(ics: string): { calendar: ICAL.Component; event: ICAL.Component } {
  const calendar = ICAL.Component.fromString(ics);
  ICAL.TimezoneService.reset();
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const event = calendar.getFirstSubcomponent('vevent');
  if (event === null) throw new Error('no VEVENT');
  return { calendar, event };
}

function instant(event: ICAL.Component, name: 'dtstart' | 'dtend' | 'dtstamp'): Temporal.Instant {
  const value = event.getFirstPropertyValue(name);
  if (!(value instanceof ICAL.Time)) throw new Error(`${name} is not a date-time`);
  return Temporal.Instant.fromEpochMilliseconds(value.toUnixTime() * 1000);
}

function text(component: ICAL.Component, name: string): string {
  const value = component.getFirstPropertyValue(name);
  if (typeof value !== 'string') throw new Error(`${name} is not text`);
  return value;
}

const physicalLines = (ics: string): string[] => ics.split('\r\n').slice(0, -1);

describe('an invitation (METHOD:REQUEST)', () => {
  it('is one VCALENDAR with one VEVENT carrying the uid, sequence, stamp and organizer', () => {
    const { calendar, event } = read(invitationIcs(input()));
    expect(calendar.name).toBe('vcalendar');
    expect(text(calendar, 'method')).toBe('REQUEST');
    expect(text(calendar, 'prodid')).toBe('-//Conference Desk//EN');
    expect(text(calendar, 'version')).toBe('2.0');
    expect(text(calendar, 'calscale')).toBe('GREGORIAN');
    expect(calendar.getAllSubcomponents('vevent')).toHaveLength(1);
    expect(text(event, 'uid')).toBe(UID);
    expect(event.getFirstPropertyValue('sequence')).toBe(3);
    expect(instant(event, 'dtstamp').toString()).toBe('2026-11-23T09:00:00Z');
    expect(text(event, 'organizer')).toBe(`mailto:${ORGANIZER}`);
    expect(text(event, 'summary')).toBe('Conference CPC-7F3K (professionals)');
    expect(text(event, 'location')).toBe('Hackney Service Centre, Room 2');
    expect(text(event, 'url')).toBe('https://video.hackney.gov.uk/room/abcdefghijklmnopqrst');
    expect(text(event, 'status')).toBe('CONFIRMED');
    expect(text(event, 'transp')).toBe('OPAQUE');
    expect(text(event, 'class')).toBe('PRIVATE');
  });

  it('lists exactly one attendee, the guest it is sent to, asked to reply', () => {
    const { event } = read(invitationIcs(input()));
    const attendees = event.getAllProperties('attendee');
    expect(attendees).toHaveLength(1);
    const [attendee] = attendees;
    expect(attendee?.getFirstValue()).toBe(`mailto:${GUEST}`);
    expect(attendee?.getParameter('role')).toBe('REQ-PARTICIPANT');
    expect(attendee?.getParameter('partstat')).toBe('NEEDS-ACTION');
    expect(attendee?.getParameter('rsvp')).toBe('TRUE');
  });

  it('writes London times with TZID=Europe/London and a VTIMEZONE that places them right in winter', () => {
    const ics = invitationIcs(input());
    expect(ics).toContain('DTSTART;TZID=Europe/London:20261207T103000\r\n');
    const { calendar, event } = read(ics);
    expect(calendar.getAllSubcomponents('vtimezone')).toHaveLength(1);
    expect(event.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/London');
    expect(instant(event, 'dtstart').toString()).toBe('2026-12-07T10:30:00Z');
    expect(instant(event, 'dtend').toString()).toBe('2026-12-07T12:00:00Z');
  });

  it('places a London time one hour behind in UTC after the clocks go forward in March', () => {
    // The clocks go forward at 01:00 UTC on Sunday 28 March 2027.
    const ics = invitationIcs(input({ start: london('2027-03-29T10:30'), end: london('2027-03-29T12:00') }));
    expect(ics).toContain('DTSTART;TZID=Europe/London:20270329T103000\r\n');
    const { event } = read(ics);
    expect(instant(event, 'dtstart').toString()).toBe('2027-03-29T09:30:00Z');
    expect(instant(event, 'dtend').toString()).toBe('2027-03-29T11:00:00Z');
  });

  it('agrees with the zone database at 10:30 on every day from 2026 to 2030', () => {
    const { calendar } = read(invitationIcs(input()));
    const zone = ICAL.TimezoneService.get('Europe/London');
    expect(zone).toBeDefined();
    const wrong: string[] = [];
    for (let day = Temporal.PlainDate.from('2026-01-01'); day.year < 2031; day = day.add({ days: 1 })) {
      const local = day.toPlainDateTime('10:30');
      const time = ICAL.Time.fromData(
        { year: local.year, month: local.month, day: local.day, hour: 10, minute: 30, second: 0 },
        zone,
      );
      const expected = local.toZonedDateTime('Europe/London').epochMilliseconds;
      if (time.toUnixTime() * 1000 !== expected) wrong.push(day.toString());
    }
    expect(calendar.getAllSubcomponents('vtimezone')).toHaveLength(1);
    expect(wrong).toEqual([]);
  });

  it('writes other zones as UTC, with no VTIMEZONE', () => {
    const start = Temporal.ZonedDateTime.from('2026-12-07T10:30[America/New_York]');
    const ics = invitationIcs(input({ start, end: start.add({ hours: 1 }) }));
    expect(ics).toContain('DTSTART:20261207T153000Z\r\n');
    expect(ics).not.toContain('VTIMEZONE');
    const { event } = read(ics);
    expect(instant(event, 'dtstart').toString()).toBe('2026-12-07T15:30:00Z');
    expect(instant(event, 'dtend').toString()).toBe('2026-12-07T16:30:00Z');
  });

  it('writes the second pass of the repeated October hour in UTC, which a local time cannot name', () => {
    const start = Temporal.ZonedDateTime.from('2027-10-31T01:30+00:00[Europe/London]');
    const ics = invitationIcs(input({ start, end: start.add({ hours: 1 }) }));
    expect(ics).toContain('DTSTART:20271031T013000Z\r\n');
    expect(instant(read(ics).event, 'dtstart').toString()).toBe('2027-10-31T01:30:00Z');
  });

  it('escapes semicolons, commas, backslashes and line breaks, and keeps non-ASCII text', () => {
    const description = 'Room 2; Floor 3, Block B\nBring: report\\notes\r\nCafé – “Zoë” 👩‍👧 Ünïcödé\n\nEnd';
    const location = 'Hackney Service Centre; Room 2, Mare Street';
    const ics = invitationIcs(input({ description, location }));
    expect(ics).toContain('DESCRIPTION:Room 2\\; Floor 3\\, Block B\\nBring: report\\\\notes\\n');
    const { event } = read(ics);
    expect(text(event, 'description')).toBe(description.replace('\r\n', '\n'));
    expect(text(event, 'location')).toBe(location);
  });

  it('folds long lines to 75 octets without splitting a character, with CRLF line ends only', () => {
    const description = `${'Ärztin 👩‍⚕️ Über '.repeat(30)}${'x'.repeat(200)}€€€€`;
    const ics = invitationIcs(input({ description }));
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = physicalLines(ics);
    expect(lines.filter((line) => line.startsWith(' ')).length).toBeGreaterThan(5);
    for (const line of lines) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      expect(line.isWellFormed()).toBe(true);
    }
    expect(text(read(ics).event, 'description')).toBe(description);
  });

  it('leaves out the location and link when there are none', () => {
    const { event } = read(invitationIcs(input({ location: null, url: null })));
    expect(event.getFirstProperty('location')).toBeNull();
    expect(event.getFirstProperty('url')).toBeNull();
  });
});

describe('a cancellation (METHOD:CANCEL)', () => {
  it('is marked cancelled, for the one guest, without asking for a reply', () => {
    const ics = invitationIcs(input({ method: 'CANCEL', sequence: 4, description: null, location: null }));
    const { calendar, event } = read(ics);
    expect(text(calendar, 'method')).toBe('CANCEL');
    expect(text(event, 'status')).toBe('CANCELLED');
    expect(event.getFirstPropertyValue('sequence')).toBe(4);
    expect(text(event, 'uid')).toBe(UID);
    const attendees = event.getAllProperties('attendee');
    expect(attendees).toHaveLength(1);
    expect(attendees[0]?.getFirstValue()).toBe(`mailto:${GUEST}`);
    expect(attendees[0]?.getParameter('rsvp')).toBeUndefined();
    expect(event.getFirstProperty('description')).toBeNull();
  });
});

/** Lines joined with CRLF, as mail delivers them. */
const crlf = (...lines: string[]): string => lines.join('\r\n') + '\r\n';

describe('parseReply', () => {
  it("reads Outlook's reply: quoted CN with a comma and colon, MAILTO: in capitals, folded lines", () => {
    const reply = crlf(
      'BEGIN:VCALENDAR',
      'METHOD:REPLY',
      'PRODID:Microsoft Exchange Server 2010',
      'VERSION:2.0',
      'BEGIN:VTIMEZONE',
      'TZID:GMT Standard Time',
      'BEGIN:STANDARD',
      'DTSTART:16010101T020000',
      'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0000',
      'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10',
      'END:STANDARD',
      'END:VTIMEZONE',
      'BEGIN:VEVENT',
      'ATTENDEE;PARTSTAT=ACCEPTED;CN="Officer, D.C.: Police; Hackney":MAILTO:DC.One@P',
      ' olice.Example.org',
      'COMMENT;LANGUAGE=en-GB:I will bring the report\\, as agreed.\\n',
      'SUMMARY;LANGUAGE=en-GB:Accepted: Conference CPC-7F3K (professionals)',
      'DTSTART;TZID=GMT Standard Time:20261207T103000',
      'DTEND;TZID=GMT Standard Time:20261207T120000',
      'UID:0123456789abcdefghijp10@conference-desk.hac',
      ' kney.gov.uk',
      'CLASS:PUBLIC',
      'PRIORITY:5',
      'DTSTAMP:20261124T101500Z',
      'TRANSP:OPAQUE',
      'STATUS:CONFIRMED',
      'SEQUENCE:2',
      'X-MICROSOFT-CDO-APPT-SEQUENCE:2',
      'X-MICROSOFT-CDO-REPLYTIME:20261124T101500Z',
      'END:VEVENT',
      'END:VCALENDAR',
    );
    expect(parseReply(reply)).toEqual({
      uid: UID,
      sequence: 2,
      attendee: 'dc.one@police.example.org',
      partstat: 'accepted',
    });
  });

  it("reads Google Calendar's reply, folded mid-parameter", () => {
    const reply = crlf(
      'BEGIN:VCALENDAR',
      'PRODID:-//Google Inc//Google Calendar 70.9054//EN',
      'VERSION:2.0',
      'CALSCALE:GREGORIAN',
      'METHOD:REPLY',
      'BEGIN:VEVENT',
      'DTSTART:20261207T103000Z',
      'DTEND:20261207T120000Z',
      'DTSTAMP:20261124T101500Z',
      'ORGANIZER;CN=cp-conferences@hackney.gov.uk:mailto:cp-conferences@hackney.g',
      ' ov.uk',
      `UID:${UID}`,
      'ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=DECLINED;CN=parent',
      ' .one@example.com;X-NUM-GUESTS=0:mailto:parent.one@example.com',
      'CREATED:20261123T090000Z',
      'LAST-MODIFIED:20261124T101500Z',
      'SEQUENCE:0',
      'STATUS:CONFIRMED',
      'SUMMARY:Conference CPC-7F3K (family)',
      'TRANSP:OPAQUE',
      'END:VEVENT',
      'END:VCALENDAR',
    );
    expect(parseReply(reply)).toEqual({
      uid: UID,
      sequence: 0,
      attendee: 'parent.one@example.com',
      partstat: 'declined',
    });
  });

  it.each([
    ['TENTATIVE', 'tentative'],
    ['needs-action', 'needs-action'],
    ['Accepted', 'accepted'],
  ])('reads PARTSTAT=%s as %s, with bare LF line ends and tab folding', (partstat, rsvp) => {
    const reply = [
      'BEGIN:VCALENDAR',
      'METHOD:reply',
      'BEGIN:VEVENT',
      `UID:${UID}`,
      'SEQUENCE:5',
      `ATTENDEE;PARTSTAT="${partstat}":mailto:`,
      '\tsw@hackney.gov.uk',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\n');
    expect(parseReply(reply)).toEqual({
      uid: UID,
      sequence: 5,
      attendee: 'sw@hackney.gov.uk',
      partstat: rsvp,
    });
  });

  it('reads none from a REQUEST, even one with a PARTSTAT', () => {
    expect(parseReply(invitationIcs(input()))).toBeNull();
  });

  it.each([
    ['no UID', 'SEQUENCE:1\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org'],
    ['no attendee', `UID:${UID}`],
    ['no PARTSTAT', `UID:${UID}\r\nATTENDEE:mailto:a@example.org`],
    ['an unknown PARTSTAT', `UID:${UID}\r\nATTENDEE;PARTSTAT=DELEGATED:mailto:a@example.org`],
    ['an attendee that is not an address', `UID:${UID}\r\nATTENDEE;PARTSTAT=ACCEPTED:urn:uuid:1234`],
    [
      'a SEQUENCE that is not a number',
      `UID:${UID}\r\nSEQUENCE:two\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:a@b.org`,
    ],
  ])('reads none from a reply with %s', (_, body) => {
    expect(
      parseReply(
        crlf('BEGIN:VCALENDAR', 'METHOD:REPLY', 'BEGIN:VEVENT', body, 'END:VEVENT', 'END:VCALENDAR'),
      ),
    ).toBeNull();
  });

  it('reads none from text that is not iCalendar', () => {
    expect(parseReply('Thanks, I will be there.\r\n')).toBeNull();
  });
});
