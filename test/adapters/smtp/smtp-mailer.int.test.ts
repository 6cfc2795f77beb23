// Sending through an SMTP relay: nodemailer over loopback to a real SMTP server started here,
// every message read back with mailparser, and what the relay accepted logged in Firestore (the
// emulator) by Message-ID, because SMTP has no Sent folder to look in afterwards.
import type { Firestore } from '@google-cloud/firestore';
import { simpleParser, type AddressObject } from 'mailparser';
import { FirestoreSentLog } from '../../../functions/src/adapters/firestore/firestore-sent-log';
import {
  SmtpMailer,
  smtpTransport,
  type SmtpSettings,
} from '../../../functions/src/adapters/smtp/smtp-mailer';
import { freePort } from '../../../functions/src/local/firestore-emulator';
import { UpstreamError, type AppError } from '../../../functions/src/domain/errors';
import type { OutgoingMail } from '../../../functions/src/ports';
import { NOW } from '../../support/bookings';
import { randomRoot, testFirestore } from '../../support/firestore';
import { startSmtpPeer, type ReceivedMail, type SmtpPeer } from '../../support/smtp-peer';

const INBOX = 'ChildProtectionInviteReportRequest@hackney.gov.uk';
const CALENDAR_OWNER = 'cp-conferences@hackney.gov.uk';
const POLICE = 'dc.one@police.example.org';
const REFUSED = 'gone@school.example.org';
const RELAY_LOGIN = { user: 'conference-desk', pass: 'relay-password' };

let peer: SmtpPeer;
let port: number;
let received: ReceivedMail[];
let db: Firestore;
let sentLog: FirestoreSentLog;
const closers: (() => void)[] = [];

beforeAll(async () => {
  db = testFirestore();
  peer = await startSmtpPeer({ login: RELAY_LOGIN });
  peer.refuse.add(REFUSED);
  ({ port, received } = peer);
});

afterAll(async () => {
  for (const close of closers) close();
  await peer.close();
  await db.terminate();
});

beforeEach(() => {
  received.length = 0;
  sentLog = new FirestoreSentLog({ db, root: randomRoot() });
});

function mailer(from: string, settings: Partial<SmtpSettings> = {}): SmtpMailer {
  const transport = smtpTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    requireTls: false,
    auth: null,
    timeoutMs: 5_000,
    ...settings,
  });
  closers.push(() => {
    transport.close();
  });
  return new SmtpMailer(transport, from, sentLog, { now: () => NOW });
}

function acknowledgement(overrides: Partial<OutgoingMail> = {}): OutgoingMail {
  return {
    to: POLICE,
    subject: 'Re: Report for CPC-7F3K',
    text: 'Thank you: your report for CPC-7F3K was received.',
    html: '<p>Thank you: your report for CPC-7F3K was received.</p>',
    messageIdHeader: `<ack-${Math.random().toString(36).slice(2)}@conference-desk.hackney.gov.uk>`,
    inReplyTo: '<report-1@police.example.org>',
    replyTo: CALENDAR_OWNER,
    autoSubmitted: 'auto-replied',
    ...overrides,
  };
}

const addresses = (value: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).flatMap((v) =>
    v.value.map((a) => a.address ?? ''),
  );

/** The error `promise` was rejected with. */
async function failure(promise: Promise<unknown>): Promise<AppError> {
  return promise.then(
    () => {
      throw new Error('expected the send to fail');
    },
    (error: unknown) => {
      if (!(error instanceof UpstreamError)) throw error;
      return error;
    },
  );
}

describe('sending an email', () => {
  test('delivers it from the sending address with our Message-ID, threaded and marked automatic', async () => {
    const mail = acknowledgement();
    const sent = await mailer(INBOX).send(mail);
    expect(sent).toEqual({ id: mail.messageIdHeader });
    expect(received).toHaveLength(1);
    const [message] = received;
    expect(message?.mailFrom).toBe(INBOX.toLowerCase());
    expect(message?.rcpt).toEqual([POLICE]);

    const parsed = await simpleParser(message?.raw ?? Buffer.alloc(0));
    expect(addresses(parsed.from)).toEqual([INBOX.toLowerCase()]);
    expect(addresses(parsed.to)).toEqual([POLICE]);
    expect(addresses(parsed.replyTo)).toEqual([CALENDAR_OWNER]);
    expect(parsed.messageId).toBe(mail.messageIdHeader);
    expect(parsed.inReplyTo).toBe('<report-1@police.example.org>');
    expect(parsed.references).toBe('<report-1@police.example.org>');
    expect(parsed.headers.get('auto-submitted')).toBe('auto-replied');
    // No out-of-office, auto-reply or receipt should answer it; a failed delivery still bounces.
    expect(parsed.headers.get('x-auto-response-suppress')).toBe('DR, RN, NRN, OOF, AutoReply');
    expect(parsed.subject).toBe('Re: Report for CPC-7F3K');
    expect(parsed.text?.trim()).toBe('Thank you: your report for CPC-7F3K was received.');
    expect(parsed.html).toContain('<p>Thank you: your report for CPC-7F3K was received.</p>');
  });

  test('marks what the timeline sends as auto-generated, and starts a thread when it answers nothing', async () => {
    await mailer(INBOX).send(
      acknowledgement({ autoSubmitted: 'auto-generated', inReplyTo: null, replyTo: null }),
    );
    const parsed = await simpleParser(received[0]?.raw ?? Buffer.alloc(0));
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(parsed.inReplyTo).toBeUndefined();
    expect(parsed.references).toBeUndefined();
    expect(parsed.replyTo).toBeUndefined();
  });

  test('logs the Message-ID as sent only once the relay accepted it', async () => {
    const mail = acknowledgement();
    const sender = mailer(INBOX);
    expect(await sender.sentContains(mail.messageIdHeader)).toBe(false);
    await sender.send(mail);
    expect(await sender.sentContains(mail.messageIdHeader)).toBe(true);
    // The log is keyed by the Message-ID itself, brackets or not.
    expect(await sender.sentContains(mail.messageIdHeader.slice(1, -1))).toBe(true);
    expect(await sender.sentContains('<another@conference-desk.hackney.gov.uk>')).toBe(false);
  });

  test('signs in to the relay with the configured login', async () => {
    await mailer(INBOX, { auth: RELAY_LOGIN }).send(acknowledgement());
    expect(received[0]?.user).toBe(RELAY_LOGIN.user);
    const error = await failure(
      mailer(INBOX, { auth: { user: 'conference-desk', pass: 'wrong' } }).send(acknowledgement()),
    );
    expect(error.code).toBe('SMTP.SEND_FAILED');
  });
});

describe('when the relay does not take the email', () => {
  test('says the recipient was refused, names no address, and logs nothing as sent', async () => {
    const mail = acknowledgement({ to: REFUSED });
    const sender = mailer(INBOX);
    const error = await failure(sender.send(mail));
    expect(['SMTP.RECIPIENT_REFUSED', 'SMTP.SEND_FAILED']).toContain(error.code);
    expect(error.message).toContain('550');
    expect(error.message).not.toContain('@');
    expect(received).toHaveLength(0);
    expect(await sender.sentContains(mail.messageIdHeader)).toBe(false);
  });

  test('says a server that is down failed, to be tried again, naming no address', async () => {
    const closed = await freePort();
    const mail = acknowledgement();
    const sender = mailer(INBOX, { port: closed });
    const error = await failure(sender.send(mail));
    expect(error).toMatchObject({ code: 'SMTP.SEND_FAILED', status: 503 });
    expect(error.message).toMatch(
      /^The mail server did not accept an email \(\w+\); it will be tried again$/,
    );
    expect(error.message).not.toContain('@');
    expect(error.message).not.toContain(String(closed));
    expect(await sender.sentContains(mail.messageIdHeader)).toBe(false);
  });

  test('refuses to send over a connection that cannot be encrypted when TLS is required', async () => {
    const mail = acknowledgement();
    const sender = mailer(INBOX, { requireTls: true });
    const error = await failure(sender.send(mail));
    expect(error.code).toBe('SMTP.SEND_FAILED');
    expect(received).toHaveLength(0);
    expect(await sender.sentContains(mail.messageIdHeader)).toBe(false);
  });
});

describe('sending an invitation', () => {
  const ics = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Conference Desk//EN',
    'METHOD:REQUEST',
    'BEGIN:VEVENT',
    'UID:abc@conference-desk.hackney.gov.uk',
    'SEQUENCE:0',
    'DTSTAMP:20261123T090000Z',
    'DTSTART:20261207T103000Z',
    'DTEND:20261207T120000Z',
    'SUMMARY:Conference CPC-7F3K (professionals)',
    `ORGANIZER:mailto:${CALENDAR_OWNER}`,
    `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${POLICE}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');

  test('puts the calendar in a text/calendar part with its method, as calendar clients read an invitation', async () => {
    const messageIdHeader = '<invite-1@conference-desk.hackney.gov.uk>';
    await mailer(CALENDAR_OWNER).sendInvitation({
      to: POLICE,
      subject: 'Invitation: Conference CPC-7F3K (professionals)',
      text: 'You are invited to conference CPC-7F3K.',
      method: 'REQUEST',
      ics,
      messageIdHeader,
    });
    expect(received[0]?.rcpt).toEqual([POLICE]);
    const raw = received[0]?.raw.toString('utf8') ?? '';
    expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);

    const parsed = await simpleParser(received[0]?.raw ?? Buffer.alloc(0));
    expect(addresses(parsed.from)).toEqual([CALENDAR_OWNER]);
    expect(parsed.messageId).toBe(messageIdHeader);
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(parsed.headers.get('x-auto-response-suppress')).toBe('DR, RN, NRN, OOF, AutoReply');
    expect(parsed.text?.trim()).toBe('You are invited to conference CPC-7F3K.');
    const calendar = parsed.attachments.find((a) => a.contentType === 'text/calendar');
    expect(calendar?.content.toString('utf8')).toBe(ics);
    expect(await mailer(CALENDAR_OWNER).sentContains(messageIdHeader)).toBe(true);
  });

  test('sends a cancellation with method=CANCEL', async () => {
    await mailer(CALENDAR_OWNER).sendInvitation({
      to: POLICE,
      subject: 'Cancelled: Conference CPC-7F3K (professionals)',
      text: 'Conference CPC-7F3K is cancelled.',
      method: 'CANCEL',
      ics: ics.replace('METHOD:REQUEST', 'METHOD:CANCEL'),
      messageIdHeader: '<cancel-1@conference-desk.hackney.gov.uk>',
    });
    expect(received[0]?.raw.toString('utf8')).toMatch(
      /Content-Type: text\/calendar; charset=utf-8; method=CANCEL/i,
    );
  });
});
