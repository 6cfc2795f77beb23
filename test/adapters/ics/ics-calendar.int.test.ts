// The iCalendar calendar end to end: the real Firestore store on the emulator, the real SMTP
// mailer sending over loopback to a real SMTP server, and every message read back with
// mailparser and ical.js, as a guest's mail client would read it.
import type { Firestore } from '@google-cloud/firestore';
import ICAL from 'ical.js';
import { simpleParser, type AddressObject } from 'mailparser';
import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { Temporal } from 'temporal-polyfill';
import { FirestoreInvitationStore } from '../../../functions/src/adapters/firestore/firestore-invitation-store';
import { FirestoreSentLog } from '../../../functions/src/adapters/firestore/firestore-sent-log';
import { parseReply } from '../../../functions/src/adapters/ics/icalendar';
import { IcsCalendar } from '../../../functions/src/adapters/ics/ics-calendar';
import { VideoLinks } from '../../../functions/src/adapters/ics/video-links';
import { SmtpMailer, smtpTransport } from '../../../functions/src/adapters/smtp/smtp-mailer';
import { eventIdFor, type PlannedEvent } from '../../../functions/src/domain/conference/calendar-plan';
import type { MeetDetails } from '../../../functions/src/domain/conference/conference';
import { EventExistsError, EventGoneError, type EventSpec } from '../../../functions/src/ports';
import { CHAIR, conferenceId, NOW, UNIT_MAILBOX } from '../../support/bookings';
import { randomRoot, testFirestore } from '../../support/firestore';
import { startSmtpPeer, type ReceivedMail, type SmtpPeer } from '../../support/smtp-peer';

const UID_DOMAIN = 'conference-desk.hackney.gov.uk';
const SOCIAL_WORKER = 'social.worker@hackney.gov.uk';
const POLICE = 'dc.one@police.example.org';
const HEALTH = 'health.visitor@nhs.example.org';
const GUESTS = [CHAIR, SOCIAL_WORKER, POLICE];
const TITLE = 'Conference CPC-7F3K (professionals)';
const VENUE = 'Hackney Service Centre, Room 2';
const DESCRIPTION = 'Child protection conference CPC-7F3K.\nPlease send your report two working days before.';

/** What the test SMTP server took in, and the recipients it refuses with 550. */
let inbox: SmtpPeer;
let transport: Transporter<SMTPTransport.SentMessageInfo>;
let db: Firestore;
let calendar: IcsCalendar;

beforeAll(async () => {
  db = testFirestore();
  inbox = await startSmtpPeer();
  const { port } = inbox;
  transport = smtpTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    requireTls: false,
    auth: null,
    timeoutMs: 5_000,
  });
});

afterAll(async () => {
  transport.close();
  await inbox.close();
  await db.terminate();
});

beforeEach(() => {
  inbox.received.length = 0;
  inbox.refuse.clear();
  const root = randomRoot();
  const clock = { now: () => NOW };
  calendar = new IcsCalendar({
    store: new FirestoreInvitationStore({ db, root }),
    sender: new SmtpMailer(transport, UNIT_MAILBOX, new FirestoreSentLog({ db, root }), clock),
    video: new VideoLinks('https://video.hackney.gov.uk/room/{room}'),
    clock,
    uidDomain: UID_DOMAIN,
  });
});

const london = (local: string): Temporal.ZonedDateTime =>
  Temporal.PlainDateTime.from(local).toZonedDateTime('Europe/London');

interface SpecChanges {
  readonly start?: string;
  readonly guests?: readonly string[];
  readonly description?: string;
  readonly location?: string | null;
  readonly meet?: MeetDetails;
}

/** The professionals' event of a conference on Monday 7 December 2026, 10:30 to 12:00. */
function professionals(conference: string, changes: SpecChanges = {}): EventSpec {
  const start = london(changes.start ?? '2026-12-07T10:30');
  const event: PlannedEvent = {
    key: 'professionals-1',
    audience: 'professionals',
    part: 1,
    partCount: 1,
    start,
    end: start.add({ minutes: 90 }),
    guests: changes.guests ?? GUESTS,
    title: TITLE,
  };
  return {
    eventId: eventIdFor(conference, 'professionals-1', 0),
    conferenceId: conference,
    event,
    description: changes.description ?? DESCRIPTION,
    location: changes.location === undefined ? VENUE : changes.location,
    meet: changes.meet ?? { create: conference },
  };
}

interface Opened {
  readonly rcpt: readonly string[];
  readonly to: readonly string[];
  readonly from: readonly string[];
  readonly subject: string;
  readonly messageId: string;
  readonly text: string;
  readonly raw: string;
  readonly calendar: ICAL.Component;
  readonly event: ICAL.Component;
}

const addresses = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (field === undefined ? [] : Array.isArray(field) ? field : [field]).flatMap((a) =>
    a.value.map((v) => v.address ?? ''),
  );

async function open(received: ReceivedMail): Promise<Opened> {
  const mail = await simpleParser(received.raw);
  const part = mail.attachments.find((a) => a.contentType === 'text/calendar');
  if (part === undefined) throw new Error('no text/calendar part');
  const calendarObject = ICAL.Component.fromString(part.content.toString('utf8'));
  ICAL.TimezoneService.reset();
  for (const zone of calendarObject.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const event = calendarObject.getFirstSubcomponent('vevent');
  if (event === null) throw new Error('no VEVENT');
  return {
    rcpt: received.rcpt,
    to: addresses(mail.to),
    from: addresses(mail.from),
    subject: mail.subject ?? '',
    messageId: mail.messageId ?? '',
    text: mail.text ?? '',
    raw: received.raw.toString('utf8'),
    calendar: calendarObject,
    event,
  };
}

/** Every message received since the last call, in the order sent. */
async function delivered(): Promise<Opened[]> {
  const opened = await Promise.all(inbox.received.map(open));
  inbox.received.length = 0;
  return opened;
}

const value = (component: ICAL.Component, name: string): unknown => component.getFirstPropertyValue(name);

function start(mail: Opened): string {
  const time = mail.event.getFirstPropertyValue('dtstart');
  if (!(time instanceof ICAL.Time)) throw new Error('DTSTART is not a date-time');
  return Temporal.Instant.fromEpochMilliseconds(time.toUnixTime() * 1000).toString();
}

function attendees(mail: Opened): unknown[] {
  return mail.event.getAllProperties('attendee').map((p) => p.getFirstValue());
}

/** A reply as Outlook writes it, read by the same parser the reply intake uses. */
function reply(uid: string, attendee: string, partstat: string, sequence: number) {
  const parsed = parseReply(
    [
      'BEGIN:VCALENDAR',
      'METHOD:REPLY',
      'BEGIN:VEVENT',
      `ATTENDEE;PARTSTAT=${partstat};CN="Guest, A":MAILTO:${attendee.toUpperCase()}`,
      `UID:${uid}`,
      `SEQUENCE:${sequence}`,
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n'),
  );
  if (parsed === null) throw new Error('the reply did not parse');
  return parsed;
}

describe('inserting an event', () => {
  it('sends one invitation per guest, each listing only that guest', async () => {
    const conference = conferenceId();
    const spec = professionals(conference);
    const made = await calendar.insert(UNIT_MAILBOX, spec);

    expect(made).toEqual({
      eventId: spec.eventId,
      cancelled: false,
      conferenceId: conference,
      meet: {
        space: null,
        meetingCode: expect.stringMatching(/^[a-z2-7]{20}$/) as unknown,
        meetingUri: expect.stringMatching(
          /^https:\/\/video\.hackney\.gov\.uk\/room\/[a-z2-7]{20}$/,
        ) as unknown,
        host: UNIT_MAILBOX,
      },
    });
    const link = made.meet !== null && made.meet !== 'pending' ? made.meet.meetingUri : '';
    const mails = await delivered();
    expect(mails.map((m) => m.rcpt)).toEqual(GUESTS.map((g) => [g]));
    for (const mail of mails) {
      const [guest = ''] = mail.rcpt;
      expect(mail.to).toEqual([guest]);
      expect(mail.from).toEqual([UNIT_MAILBOX]);
      expect(mail.subject).toBe(`Invitation: ${TITLE}`);
      expect(value(mail.calendar, 'method')).toBe('REQUEST');
      expect(value(mail.event, 'uid')).toBe(`${spec.eventId}@${UID_DOMAIN}`);
      expect(value(mail.event, 'sequence')).toBe(0);
      expect(value(mail.event, 'organizer')).toBe(`mailto:${UNIT_MAILBOX}`);
      expect(attendees(mail)).toEqual([`mailto:${guest}`]);
      expect(value(mail.event, 'url')).toBe(link);
      expect(value(mail.event, 'location')).toBe(VENUE);
      expect(value(mail.event, 'description')).toBe(DESCRIPTION);
      expect(start(mail)).toBe('2026-12-07T10:30:00Z');
      expect(mail.text).toBe(`${DESCRIPTION}\n\nJoin by video: ${link}\nVenue: ${VENUE}`);
      expect(mail.messageId).toMatch(new RegExp(`^<${spec.eventId}\\.0\\.[0-9a-f]{12}@${UID_DOMAIN}>$`));
      // Nothing in the message, headers included, names another guest.
      for (const other of GUESTS.filter((g) => g !== guest)) expect(mail.raw).not.toContain(other);
    }
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(3);
    expect(await calendar.get(UNIT_MAILBOX, spec.eventId)).toEqual(made);
    expect(await calendar.replies(UNIT_MAILBOX, spec.eventId)).toEqual(
      new Map(GUESTS.map((g) => [g, 'needs-action'])),
    );
  });

  it('uses the meeting it is given instead of making one', async () => {
    const meet: MeetDetails = {
      space: null,
      meetingCode: 'standing',
      meetingUri: 'https://teams.example.org/l/standing',
      host: CHAIR,
    };
    const made = await calendar.insert(UNIT_MAILBOX, professionals(conferenceId(), { meet }));
    expect(made.meet).toEqual(meet);
    expect((await delivered()).map((m) => value(m.event, 'url'))).toEqual(GUESTS.map(() => meet.meetingUri));
  });

  it('refuses a second insert of the same id and sends nothing', async () => {
    const spec = professionals(conferenceId());
    await calendar.insert(UNIT_MAILBOX, spec);
    await delivered();
    await expect(calendar.insert(UNIT_MAILBOX, spec)).rejects.toBeInstanceOf(EventExistsError);
    expect(inbox.received).toHaveLength(0);
  });

  it('knows nothing of an id never made, nor of an event in another calendar', async () => {
    const spec = professionals(conferenceId());
    expect(await calendar.get(UNIT_MAILBOX, spec.eventId)).toBeUndefined();
    expect(await calendar.replies(UNIT_MAILBOX, spec.eventId)).toBeUndefined();
    await expect(calendar.update(UNIT_MAILBOX, spec)).rejects.toBeInstanceOf(EventGoneError);
    expect(await calendar.delete(UNIT_MAILBOX, spec.eventId)).toBe('gone');
    await calendar.insert(UNIT_MAILBOX, spec);
    expect(await calendar.get('someone.else@hackney.gov.uk', spec.eventId)).toBeUndefined();
    expect(await calendar.delete('someone.else@hackney.gov.uk', spec.eventId)).toBe('gone');
  });
});

describe('updating an event', () => {
  it('sends a new time to everyone with a higher sequence and the same uid', async () => {
    const spec = professionals(conferenceId());
    await calendar.insert(UNIT_MAILBOX, spec);
    await delivered();

    await calendar.update(UNIT_MAILBOX, professionals(spec.conferenceId, { start: '2026-12-08T14:00' }));
    const mails = await delivered();
    expect(mails.map((m) => m.rcpt)).toEqual(GUESTS.map((g) => [g]));
    for (const mail of mails) {
      expect(mail.subject).toBe(`Updated invitation: ${TITLE}`);
      expect(value(mail.calendar, 'method')).toBe('REQUEST');
      expect(value(mail.event, 'uid')).toBe(`${spec.eventId}@${UID_DOMAIN}`);
      expect(value(mail.event, 'sequence')).toBe(1);
      expect(start(mail)).toBe('2026-12-08T14:00:00Z');
      expect(attendees(mail)).toEqual([`mailto:${mail.rcpt[0] ?? ''}`]);
    }
  });

  it('sends nothing when nothing changed', async () => {
    const spec = professionals(conferenceId());
    await calendar.insert(UNIT_MAILBOX, spec);
    await delivered();
    await calendar.update(UNIT_MAILBOX, spec);
    await calendar.update(UNIT_MAILBOX, professionals(spec.conferenceId));
    expect(inbox.received).toHaveLength(0);
  });

  it('sends a removed guest alone a cancellation, without the details that changed', async () => {
    const spec = professionals(conferenceId());
    await calendar.insert(UNIT_MAILBOX, spec);
    await delivered();

    const movedVenue = 'Stoke Newington Library, Meeting Room';
    await calendar.update(
      UNIT_MAILBOX,
      professionals(spec.conferenceId, { guests: [CHAIR, SOCIAL_WORKER], location: movedVenue }),
    );
    const mails = await delivered();
    const cancel = mails.find((m) => m.rcpt[0] === POLICE);
    expect(cancel?.subject).toBe(`Cancelled: ${TITLE}`);
    expect(cancel && value(cancel.calendar, 'method')).toBe('CANCEL');
    expect(cancel && value(cancel.event, 'status')).toBe('CANCELLED');
    expect(cancel && value(cancel.event, 'uid')).toBe(`${spec.eventId}@${UID_DOMAIN}`);
    expect(cancel && attendees(cancel)).toEqual([`mailto:${POLICE}`]);
    expect(cancel?.raw).not.toContain('Stoke Newington');
    expect(cancel?.raw).not.toContain('video.hackney.gov.uk');
    const requests = mails.filter((m) => m.rcpt[0] !== POLICE);
    expect(requests.map((m) => m.rcpt[0])).toEqual([CHAIR, SOCIAL_WORKER]);
    expect(requests.map((m) => value(m.event, 'location'))).toEqual([movedVenue, movedVenue]);
    expect(requests.map((m) => value(m.event, 'sequence'))).toEqual([1, 1]);
    expect(await calendar.replies(UNIT_MAILBOX, spec.eventId)).toEqual(
      new Map([
        [CHAIR, 'needs-action'],
        [SOCIAL_WORKER, 'needs-action'],
      ]),
    );
  });

  it('invites an added guest alone; a guest removed and invited again gets a newer version', async () => {
    const spec = professionals(conferenceId());
    await calendar.insert(UNIT_MAILBOX, spec);
    await delivered();

    await calendar.update(UNIT_MAILBOX, professionals(spec.conferenceId, { guests: [...GUESTS, HEALTH] }));
    const [added, ...others] = await delivered();
    expect(others).toHaveLength(0);
    expect(added?.rcpt).toEqual([HEALTH]);
    expect(added?.subject).toBe(`Invitation: ${TITLE}`);
    expect(added && value(added.event, 'sequence')).toBe(0);

    await calendar.update(
      UNIT_MAILBOX,
      professionals(spec.conferenceId, { guests: [CHAIR, SOCIAL_WORKER, HEALTH] }),
    );
    const [removed, ...none] = await delivered();
    expect(none).toHaveLength(0);
    expect(
      removed && [removed.rcpt[0], value(removed.calendar, 'method'), value(removed.event, 'sequence')],
    ).toEqual([POLICE, 'CANCEL', 0]);

    // The police's calendar holds a CANCEL at sequence 0: only a later version brings it back.
    await calendar.update(UNIT_MAILBOX, professionals(spec.conferenceId, { guests: [...GUESTS, HEALTH] }));
    const again = await delivered();
    expect(again.map((m) => [m.rcpt[0], value(m.calendar, 'method'), value(m.event, 'sequence')])).toEqual([
      [CHAIR, 'REQUEST', 1],
      [SOCIAL_WORKER, 'REQUEST', 1],
      [POLICE, 'REQUEST', 1],
      [HEALTH, 'REQUEST', 1],
    ]);
    expect(again.find((m) => m.rcpt[0] === POLICE)?.subject).toBe(`Invitation: ${TITLE}`);
  });
});

describe('deleting an event', () => {
  it('sends everyone a cancellation with a higher sequence; then the event is gone', async () => {
    const spec = professionals(conferenceId());
    await calendar.insert(UNIT_MAILBOX, spec);
    await calendar.update(UNIT_MAILBOX, professionals(spec.conferenceId, { guests: [CHAIR, SOCIAL_WORKER] }));
    await delivered();

    expect(await calendar.delete(UNIT_MAILBOX, spec.eventId)).toBe('deleted');
    const mails = await delivered();
    // The police were told when they were removed: not again.
    expect(mails.map((m) => m.rcpt)).toEqual([[CHAIR], [SOCIAL_WORKER]]);
    for (const mail of mails) {
      expect(mail.subject).toBe(`Cancelled: ${TITLE}`);
      expect(value(mail.calendar, 'method')).toBe('CANCEL');
      expect(value(mail.event, 'status')).toBe('CANCELLED');
      expect(value(mail.event, 'sequence')).toBe(1);
      expect(value(mail.event, 'uid')).toBe(`${spec.eventId}@${UID_DOMAIN}`);
      expect(mail.text).toBe(
        `${TITLE} is cancelled. Your calendar should remove it; if it does not, please delete it.`,
      );
    }

    expect(await calendar.delete(UNIT_MAILBOX, spec.eventId)).toBe('gone');
    await expect(calendar.update(UNIT_MAILBOX, spec)).rejects.toBeInstanceOf(EventGoneError);
    await expect(calendar.insert(UNIT_MAILBOX, spec)).rejects.toBeInstanceOf(EventExistsError);
    expect(await calendar.get(UNIT_MAILBOX, spec.eventId)).toMatchObject({ cancelled: true });
    expect(await calendar.replies(UNIT_MAILBOX, spec.eventId)).toBeUndefined();
    expect(inbox.received).toHaveLength(0);
  });
});

describe('replies', () => {
  it('records each guest’s answer, ignoring replies to an earlier version and strangers', async () => {
    const spec = professionals(conferenceId());
    await calendar.insert(UNIT_MAILBOX, spec);
    const uid = `${spec.eventId}@${UID_DOMAIN}`;

    expect(await calendar.recordReply(reply(uid, POLICE, 'ACCEPTED', 0))).toBe('recorded');
    expect(await calendar.recordReply(reply(uid, SOCIAL_WORKER, 'DECLINED', 0))).toBe('recorded');
    expect(await calendar.replies(UNIT_MAILBOX, spec.eventId)).toEqual(
      new Map([
        [CHAIR, 'needs-action'],
        [SOCIAL_WORKER, 'declined'],
        [POLICE, 'accepted'],
      ]),
    );

    expect(
      await calendar.recordReply(reply(`${conferenceId()}p10@${UID_DOMAIN}`, POLICE, 'DECLINED', 0)),
    ).toBe('unknown');
    expect(
      await calendar.recordReply(reply(`${spec.eventId}@elsewhere.example.org`, POLICE, 'DECLINED', 0)),
    ).toBe('unknown');
    expect(await calendar.recordReply(reply(uid, HEALTH, 'ACCEPTED', 0))).toBe('unknown');

    // A new description keeps the answers but moves the version on.
    await calendar.update(
      UNIT_MAILBOX,
      professionals(spec.conferenceId, { description: `${DESCRIPTION}\nParking at the rear.` }),
    );
    expect(await calendar.recordReply(reply(uid, POLICE, 'DECLINED', 0))).toBe('outdated');
    expect((await calendar.replies(UNIT_MAILBOX, spec.eventId))?.get(POLICE)).toBe('accepted');
    expect(await calendar.recordReply(reply(uid, CHAIR, 'TENTATIVE', 1))).toBe('recorded');
    expect((await calendar.replies(UNIT_MAILBOX, spec.eventId))?.get(CHAIR)).toBe('tentative');
  });

  it('asks everyone again when the time changes', async () => {
    const spec = professionals(conferenceId());
    await calendar.insert(UNIT_MAILBOX, spec);
    const uid = `${spec.eventId}@${UID_DOMAIN}`;
    await calendar.recordReply(reply(uid, POLICE, 'ACCEPTED', 0));

    await calendar.update(UNIT_MAILBOX, professionals(spec.conferenceId, { start: '2026-12-07T14:00' }));
    expect(await calendar.replies(UNIT_MAILBOX, spec.eventId)).toEqual(
      new Map(GUESTS.map((g) => [g, 'needs-action'])),
    );

    expect(await calendar.delete(UNIT_MAILBOX, spec.eventId)).toBe('deleted');
    expect(await calendar.recordReply(reply(uid, POLICE, 'ACCEPTED', 2))).toBe('outdated');
  });
});

describe('a send that fails part-way', () => {
  it('invites the others, throws, and the next update invites only the guest left out', async () => {
    const spec = professionals(conferenceId());
    inbox.refuse.add(SOCIAL_WORKER);
    const failure = calendar.insert(UNIT_MAILBOX, spec);
    await expect(failure).rejects.toMatchObject({ code: 'CALENDAR.INVITATIONS_UNSENT', status: 503 });
    await expect(failure).rejects.toThrow(
      `1 of 3 invitation emails for calendar event ${spec.eventId} were not sent (SMTP.SEND_FAILED)`,
    );
    expect((await delivered()).map((m) => m.rcpt)).toEqual([[CHAIR], [POLICE]]);

    inbox.refuse.clear();
    await calendar.update(UNIT_MAILBOX, spec);
    const [late, ...others] = await delivered();
    expect(others).toHaveLength(0);
    expect(late?.rcpt).toEqual([SOCIAL_WORKER]);
    expect(late?.subject).toBe(`Invitation: ${TITLE}`);
    expect(late && value(late.event, 'sequence')).toBe(0);

    await calendar.update(UNIT_MAILBOX, spec);
    expect(inbox.received).toHaveLength(0);
  });

  it('invites the guest left out when a retried booking reads the event, and not again after', async () => {
    const spec = professionals(conferenceId());
    inbox.refuse.add(SOCIAL_WORKER);
    await expect(calendar.insert(UNIT_MAILBOX, spec)).rejects.toMatchObject({
      code: 'CALENDAR.INVITATIONS_UNSENT',
    });
    await delivered();
    // Still refused: reading says so rather than pretending everyone was invited.
    await expect(calendar.get(UNIT_MAILBOX, spec.eventId)).rejects.toMatchObject({
      code: 'CALENDAR.INVITATIONS_UNSENT',
    });

    inbox.refuse.clear();
    expect(await calendar.get(UNIT_MAILBOX, spec.eventId)).toMatchObject({ cancelled: false });
    expect((await delivered()).map((m) => m.rcpt)).toEqual([[SOCIAL_WORKER]]);
    await calendar.get(UNIT_MAILBOX, spec.eventId);
    expect(inbox.received).toHaveLength(0);
  });

  it('finishes the cancellations of a delete that failed part-way when deleted again', async () => {
    const spec = professionals(conferenceId());
    await calendar.insert(UNIT_MAILBOX, spec);
    await delivered();

    inbox.refuse.add(POLICE);
    await expect(calendar.delete(UNIT_MAILBOX, spec.eventId)).rejects.toMatchObject({
      code: 'CALENDAR.INVITATIONS_UNSENT',
    });
    expect((await delivered()).map((m) => m.rcpt)).toEqual([[CHAIR], [SOCIAL_WORKER]]);

    inbox.refuse.clear();
    expect(await calendar.delete(UNIT_MAILBOX, spec.eventId)).toBe('gone');
    const [late, ...others] = await delivered();
    expect(others).toHaveLength(0);
    expect(late && [late.rcpt[0], value(late.calendar, 'method'), value(late.event, 'sequence')]).toEqual([
      POLICE,
      'CANCEL',
      1,
    ]);
  });
});
