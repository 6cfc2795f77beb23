// The embedded SMTP server, spoken to by nodemailer over loopback as a mail client or the
// council's relay would: the request inbox's mail filed once with the server's own trace and
// verdict on top, everyone else's kept as files, invitation replies passed on, and nothing
// accepted (250) that is not on disk. Files are real, in a temporary folder; the inbox sends
// through a real SmtpMailer to the same server, with its sent log on the Firestore emulator.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Firestore } from '@google-cloud/firestore';
import type { InboxAuthentication } from '../../../functions/src/adapters/smtp/embedded-smtp-server';
import {
  AUTHSERV,
  CALENDAR_OWNER,
  INBOX,
  MAX_BYTES,
  PLUS,
  POLICE,
  RELAY,
  SENDER,
  UPSTREAM,
  filesUnder,
  headerLines,
  intakeVerdict,
  named,
  refusedWith,
  report,
  send,
  startSmtp,
  stopSmtps,
  type StartOptions,
} from '../../support/embedded-smtp';
import { testFirestore } from '../../support/firestore';

let db: Firestore;

beforeAll(() => {
  db = testFirestore();
});

afterEach(stopSmtps);

afterAll(async () => {
  await db.terminate();
});

const start = (authentication: InboxAuthentication, options?: StartOptions) =>
  startSmtp(db, authentication, options);

describe('a developer’s machine (development mode)', () => {
  const development: InboxAuthentication = { kind: 'development' };

  test('files one message for the inbox and its plus address, with its trace and verdict on top', async () => {
    const { smtp, mailbox, filed } = await start(development);
    const info = await send(smtp, report({ to: [INBOX, PLUS] }), { user: SENDER, pass: 'anything' });
    expect(info.accepted).toEqual([INBOX, PLUS]);
    expect(info.response).toMatch(/^250 .*Accepted as 000000000001/);
    expect(filed).toEqual(['000000000001']);
    expect(await mailbox.changesSince('0')).toEqual({
      kind: 'changes',
      messageIds: ['000000000001'],
      historyId: '1',
    });

    const lines = headerLines(readFileSync(mailbox.pathOf('000000000001')));
    expect(lines[0]).toBe(`Return-Path: <${SENDER}>`);
    expect(lines[1]).toBe(`Delivered-To: ${INBOX}`);
    expect(lines[2]).toMatch(
      new RegExp(`^Received: from .* by ${AUTHSERV} with ESMTPA id \\S+ for <${INBOX}>; `),
    );
    expect(lines[3]).toBe(
      `Authentication-Results: ${AUTHSERV}; auth=pass smtp.auth=${SENDER}; dmarc=pass (sender signed in as the From address) header.from=school.example.org`,
    );
    const meta = JSON.parse(
      readFileSync(mailbox.pathOf('000000000001').replace(/\.eml$/, '.json'), 'utf8'),
    ) as {
      deliveredTo: string[];
    };
    expect(meta.deliveredTo).toEqual([INBOX, PLUS]);
  });

  test('counts a sender who signed in as the From address as authenticated', async () => {
    const { smtp, mailbox, filed } = await start(development);
    await send(smtp, report(), { user: SENDER.toUpperCase(), pass: 'anything' });
    const message = await mailbox.read(filed[0] ?? '', MAX_BYTES);
    expect(message?.outcome).toMatchObject({ kind: 'read', message: { from: [{ address: SENDER }] } });
    expect(intakeVerdict(message)).toBeNull();
  });

  test('counts a sender who did not sign in, or signed in as someone else, as not authenticated', async () => {
    const { smtp, mailbox, filed } = await start(development);
    await send(smtp, report());
    await send(smtp, report(), { user: 'head@school.example.org', pass: 'anything' });
    const [anonymous, other] = await Promise.all(filed.map((id) => mailbox.read(id, MAX_BYTES)));
    expect(intakeVerdict(anonymous)).toBe('not-authenticated');
    expect(intakeVerdict(other)).toBe('not-authenticated');
    const lines = headerLines(readFileSync(mailbox.pathOf(filed[0] ?? '')));
    expect(named(lines, 'Received')[0]).toMatch(/ with ESMTP id /);
    expect(named(lines, 'Authentication-Results')).toEqual([
      `Authentication-Results: ${AUTHSERV}; auth=none; spf=none; dkim=none; dmarc=none header.from=school.example.org`,
    ]);
  });

  test('removes a verdict the sender forged in the server’s name, keeping other servers’', async () => {
    const { smtp, mailbox, filed } = await start(development);
    await send(
      smtp,
      report({
        headers: [
          { key: 'Authentication-Results', value: `${AUTHSERV}; dmarc=pass header.from=school.example.org` },
          {
            key: 'Authentication-Results',
            value: 'mx.school.example.org; spf=pass smtp.mailfrom=school.example.org',
          },
        ],
      }),
    );
    const lines = headerLines(readFileSync(mailbox.pathOf(filed[0] ?? '')));
    expect(named(lines, 'Authentication-Results')).toEqual([
      `Authentication-Results: ${AUTHSERV}; auth=none; spf=none; dkim=none; dmarc=none header.from=school.example.org`,
      'Authentication-Results: mx.school.example.org; spf=pass smtp.mailfrom=school.example.org',
    ]);
    expect(intakeVerdict(await mailbox.read(filed[0] ?? '', MAX_BYTES))).toBe('not-authenticated');
  });

  test('keeps mail for anyone else as an .eml in their folder, with the invitation beside it as an .ics', async () => {
    const { smtp, mailDir, mailbox } = await start(development);
    const ics =
      'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:x@hackney.gov.uk\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    await send(smtp, {
      from: CALENDAR_OWNER,
      to: POLICE,
      subject: 'Invitation: Conference CPC-ABCD',
      text: 'You are invited.',
      icalEvent: { method: 'REQUEST', content: ics },
    });
    await send(smtp, {
      from: INBOX,
      to: 'Social.Worker@hackney.gov.uk',
      subject: 'Reminder',
      text: 'A reminder.',
    });

    const police = filesUnder(mailDir.folder(POLICE));
    expect(police).toHaveLength(2);
    expect(police[0]).toMatch(/^20261123T090000Z-[0-9a-f]{6}\.eml$/);
    expect(police[1]).toBe(police[0]?.replace(/\.eml$/, '.ics'));
    expect(readFileSync(join(mailDir.folder(POLICE), police[1] ?? ''), 'utf8')).toBe(ics);
    const lines = headerLines(readFileSync(join(mailDir.folder(POLICE), police[0] ?? '')));
    expect(lines.slice(0, 2)).toEqual([`Return-Path: <${CALENDAR_OWNER}>`, `Delivered-To: ${POLICE}`]);
    expect(named(lines, 'Subject')).toEqual(['Subject: Invitation: Conference CPC-ABCD']);

    expect(filesUnder(mailDir.folder('social.worker@hackney.gov.uk'))).toEqual([
      expect.stringMatching(/^20261123T090000Z-[0-9a-f]{6}\.eml$/),
    ]);
    expect(await mailbox.currentHistoryId()).toBe('0');
  });

  test('files the inbox’s copy and keeps the others’ when one message names both', async () => {
    const { smtp, mailDir, mailbox, filed } = await start(development);
    await send(smtp, report({ to: [INBOX], cc: [POLICE] }));
    expect(filed).toEqual(['000000000001']);
    expect(filesUnder(mailDir.folder(POLICE))).toHaveLength(1);
    expect(await mailbox.currentHistoryId()).toBe('1');
  });

  test('passes an invitation reply to the calendar owner on, parsed, and keeps it too', async () => {
    const { smtp, replies, mailDir } = await start(development);
    await send(
      smtp,
      {
        from: POLICE,
        to: CALENDAR_OWNER,
        subject: 'Accepted: Conference CPC-ABCD (professionals)',
        text: 'DC One has accepted.',
        icalEvent: {
          method: 'REPLY',
          content: [
            'BEGIN:VCALENDAR',
            'VERSION:2.0',
            'METHOD:REPLY',
            'BEGIN:VEVENT',
            'UID:0123456789abcdefghijp10@conference-desk.hackney.gov.uk',
            'SEQUENCE:2',
            `ATTENDEE;PARTSTAT=ACCEPTED;CN=DC One:mailto:DC.One@Police.example.org`,
            'END:VEVENT',
            'END:VCALENDAR',
            '',
          ].join('\r\n'),
        },
      },
      { user: POLICE, pass: 'anything' },
    );
    expect(replies).toEqual([
      {
        uid: '0123456789abcdefghijp10@conference-desk.hackney.gov.uk',
        sequence: 2,
        attendee: POLICE,
        partstat: 'accepted',
      },
    ]);
    expect(filesUnder(mailDir.folder(CALENDAR_OWNER)).filter((f) => f.endsWith('.ics'))).toHaveLength(1);
  });

  test('passes nothing on for an invitation sent to someone other than the calendar owner', async () => {
    const { smtp, replies } = await start(development);
    await send(smtp, {
      from: POLICE,
      to: 'someone@hackney.gov.uk',
      subject: 'Accepted',
      text: 'Accepted.',
      icalEvent: {
        method: 'REPLY',
        content:
          'BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:a@b\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:dc.one@police.example.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
      },
    });
    expect(replies).toEqual([]);
  });

  test('refuses a message over the size limit with 552, and stores nothing', async () => {
    const { smtp, mailbox, mailDir, filed } = await start(development);
    const code = await refusedWith(send(smtp, report({ text: 'x'.repeat(MAX_BYTES * 2) })));
    expect(code).toBe(552);
    expect(filed).toEqual([]);
    expect(await mailbox.currentHistoryId()).toBe('0');
    expect(filesUnder(mailDir.folder(INBOX))).toEqual([]);
  });

  test('refuses with 553 a recipient whose address cannot be a folder', async () => {
    const { smtp, mailDir } = await start(development);
    expect(await refusedWith(send(smtp, { from: SENDER, to: 'a/b@example.org', text: 'x' }))).toBe(553);
    expect(filesUnder(mailDir.root)).toEqual([]);
  });

  test('sends the inbox’s own emails through the same server, keeping them for the recipient', async () => {
    const { mailbox, mailDir } = await start(development);
    const messageIdHeader = '<ack-1@conference-desk.hackney.gov.uk>';
    await mailbox.send({
      to: SENDER,
      subject: 'Re: Report for CPC-ABCD',
      text: 'Received, thank you.',
      html: '<p>Received, thank you.</p>',
      messageIdHeader,
      inReplyTo: null,
      replyTo: null,
      autoSubmitted: 'auto-replied',
    });
    expect(await mailbox.sentContains(messageIdHeader)).toBe(true);
    const [eml] = filesUnder(mailDir.folder(SENDER));
    const lines = headerLines(readFileSync(join(mailDir.folder(SENDER), eml ?? '')));
    expect(named(lines, 'Message-ID')).toEqual([`Message-ID: ${messageIdHeader}`]);
  });

  test('logs what it received without any address', async () => {
    const { smtp, logs } = await start(development);
    await send(smtp, report({ to: [INBOX, POLICE] }), { user: SENDER, pass: 'anything' });
    const received = logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(received).toContainEqual(
      expect.objectContaining({ message: 'smtp.received', recipients: 2, inbox: true, signedIn: true }),
    );
    expect(logs.join('\n')).not.toMatch(/@/);
  });
});

describe('behind the council’s relay (relay mode)', () => {
  const relay: InboxAuthentication = { kind: 'relay', user: RELAY.user, password: RELAY.password };
  const login = { user: RELAY.user, pass: RELAY.password };

  test('refuses mail from anyone who has not signed in', async () => {
    const { smtp, filed } = await start(relay);
    expect(await refusedWith(send(smtp, report()))).toBe(530);
    expect(filed).toEqual([]);
  });

  test('refuses a wrong password', async () => {
    const { smtp } = await start(relay);
    expect(await refusedWith(send(smtp, report(), { user: RELAY.user, pass: 'not-the-password' }))).toBe(535);
    expect(await refusedWith(send(smtp, report(), { user: SENDER, pass: RELAY.password }))).toBe(535);
  });

  test('takes mail only for the inbox, its plus addresses and the calendar owner', async () => {
    const { smtp, filed, replies } = await start(relay);
    expect(await refusedWith(send(smtp, report({ to: POLICE }), login))).toBe(550);
    expect(
      await refusedWith(send(smtp, report({ to: 'childprotectioninvitereportrequest@evil.example' }), login)),
    ).toBe(550);
    const partly = await send(smtp, report({ to: [INBOX, POLICE] }), login);
    expect(partly.accepted).toEqual([INBOX]);
    expect(partly.rejected).toEqual([POLICE]);
    await send(smtp, report({ to: PLUS }), login);
    const decline = (verdict: string | null) =>
      send(
        smtp,
        {
          from: POLICE,
          to: CALENDAR_OWNER,
          subject: 'Declined',
          text: 'Declined.',
          ...(verdict === null ? {} : { headers: [{ key: 'Authentication-Results', value: verdict }] }),
          icalEvent: {
            method: 'REPLY',
            content:
              'BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:a@conference-desk.hackney.gov.uk\r\nATTENDEE;PARTSTAT=DECLINED:mailto:dc.one@police.example.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
          },
        },
        login,
      );
    // A reply counts only when the relay's verdict shows the guest's own domain sent it.
    await decline(null);
    await decline(`${AUTHSERV}; dmarc=fail header.from=police.example.org`);
    expect(replies).toEqual([]);
    await decline(`${AUTHSERV}; dmarc=pass header.from=police.example.org`);
    expect(filed).toEqual(['000000000001', '000000000002']);
    expect(replies).toMatchObject([{ attendee: POLICE, partstat: 'declined' }]);
  });

  test('adds no verdict of its own: the relay’s stays the topmost, and intake trusts it', async () => {
    const { smtp, mailbox, filed } = await start(relay, { authservId: UPSTREAM });
    await send(
      smtp,
      report({
        headers: [
          {
            key: 'Authentication-Results',
            value: `${UPSTREAM}; spf=pass smtp.mailfrom=school.example.org; dmarc=pass header.from=school.example.org`,
          },
        ],
      }),
      login,
    );
    const lines = headerLines(readFileSync(mailbox.pathOf(filed[0] ?? '')));
    expect(lines[0]).toBe(`Return-Path: <${SENDER}>`);
    expect(lines[1]).toBe(`Delivered-To: ${INBOX}`);
    expect(lines[2]).toMatch(/^Received: .* with ESMTP id /);
    expect(named(lines, 'Authentication-Results')).toEqual([
      `Authentication-Results: ${UPSTREAM}; spf=pass smtp.mailfrom=school.example.org; dmarc=pass header.from=school.example.org`,
    ]);
    expect(intakeVerdict(await mailbox.read(filed[0] ?? '', MAX_BYTES), UPSTREAM)).toBeNull();
  });
});

describe('when a message cannot be stored', () => {
  test('answers 451 so the sender keeps it and tries again, and takes it once storing works', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'embedded-smtp-'));
    const mailRoot = join(dir, 'mail');
    writeFileSync(mailRoot, 'a file where the mail folder should be');
    const { smtp, mailbox, filed, logs } = await start({ kind: 'development' }, { mailRoot });

    const code = await refusedWith(send(smtp, report(), { user: SENDER, pass: 'anything' }));
    expect(code).toBe(451);
    expect(filed).toEqual([]);
    expect(logs.map((line) => (JSON.parse(line) as { message: string }).message)).toContain(
      'smtp.deliver_failed',
    );

    rmSync(mailRoot);
    mkdirSync(mailRoot);
    const info = await send(smtp, report(), { user: SENDER, pass: 'anything' });
    expect(info.accepted).toEqual([INBOX]);
    expect(filed).toEqual(['000000000001']);
    expect(await mailbox.changesSince('0')).toEqual({
      kind: 'changes',
      messageIds: ['000000000001'],
      historyId: '1',
    });
  });
});
