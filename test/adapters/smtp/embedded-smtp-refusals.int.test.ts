// The embedded server against bytes no good client would send, written raw over a socket: a forged
// continuation that would extend the server's own verdict, smuggled second messages, header
// blocks too large or malformed to read. Each is refused for good (5xx), logged by reason alone,
// and leaves nothing on disk; only a failure here that may pass gets 451. What is stored carries
// the server's Return-Path on top and no sender's, as mailparser (not our own reader) sees it.
import { readFileSync } from 'node:fs';
import type { Firestore } from '@google-cloud/firestore';
import { simpleParser } from 'mailparser';
import type { InboxAuthentication } from '../../../functions/src/adapters/smtp/embedded-smtp-server';
import {
  CALENDAR_OWNER,
  INBOX,
  POLICE,
  RELAY,
  SENDER,
  UPSTREAM,
  filesUnder,
  intakeVerdict,
  logMessages,
  send,
  startSmtp,
  stopSmtps,
  type RunningSmtp,
  type StartOptions,
} from '../../support/embedded-smtp';
import { testFirestore } from '../../support/firestore';
import { RawSmtp, sendRaw, type RawReply } from '../../support/raw-smtp';

let db: Firestore;

beforeAll(() => {
  db = testFirestore();
});

afterEach(stopSmtps);

afterAll(async () => {
  await db.terminate();
});

const development: InboxAuthentication = { kind: 'development' };
const relay: InboxAuthentication = { kind: 'relay', user: RELAY.user, password: RELAY.password };
const login = { user: RELAY.user, pass: RELAY.password };
/** Large enough that the header block's own limit, not the message's, is what a test meets. */
const ROOMY = 5_000_000;

const start = (authentication: InboxAuthentication, options?: StartOptions): Promise<RunningSmtp> =>
  startSmtp(db, authentication, options);

const crlf = (...lines: string[]): string => lines.map((l) => `${l}\r\n`).join('');

/** The police report the forger wants filed, with `top` above its header block. */
function policeReport(top = ''): string {
  return (
    top +
    crlf(
      `From: DC One <${POLICE}>`,
      `To: ${INBOX}`,
      'Subject: Police report for CPC-ABCD',
      'Date: Mon, 23 Nov 2026 09:00:00 +0000',
      'Message-ID: <report-1@police.example.org>',
      '',
      'The police report is attached.',
    )
  );
}

/** What the server logged about refusing, as the log has it. */
function refusals(running: RunningSmtp): Record<string, unknown>[] {
  return running.logs
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => entry.message === 'smtp.refused');
}

/** Nothing stored anywhere (no inbox message, no .eml, no temporary file) and intake told of nothing. */
async function expectNothingStored(running: RunningSmtp): Promise<void> {
  expect(running.filed).toEqual([]);
  expect(await running.mailbox.currentHistoryId()).toBe('0');
  expect(filesUnder(running.mailDir.root).filter((f) => /\.(eml|json|ics|tmp)$/.test(f))).toEqual([]);
}

const expectReply = (reply: RawReply, code: number, enhanced: string): void => {
  expect(`${reply.code} ${reply.text.slice(0, enhanced.length)}`).toBe(`${code} ${enhanced}`);
};

describe('the forged continuation (the police report that passed as DKIM-signed)', () => {
  test('refuses a header block that starts with a continuation line with 550 5.6.0, storing nothing', async () => {
    const running = await start(development);
    const reply = await sendRaw(running.smtp.host, running.smtp.port, {
      from: POLICE,
      to: [INBOX],
      data: policeReport(' ; dkim=pass header.d=police.example.org\r\n'),
    });
    expectReply(reply, 550, '5.6.0');
    expect(reply.text).toMatch(/continuation/);
    await expectNothingStored(running);
    expect(refusals(running)).toEqual([
      expect.objectContaining({
        reason: 'header-continuation-first',
        code: 550,
        bytes: expect.any(Number) as number,
      }),
    ]);
    expect(running.logs.join('\n')).not.toMatch(/@|police|dkim/i);
  });

  test('refuses it with a tab, too, and behind the relay, where the relay’s stamp would be extended', async () => {
    const local = await start(development);
    const tab = await sendRaw(local.smtp.host, local.smtp.port, {
      from: POLICE,
      to: [INBOX],
      data: policeReport('\tdkim=pass header.d=police.example.org\r\n'),
    });
    expectReply(tab, 550, '5.6.0');
    await expectNothingStored(local);

    const behindRelay = await start(relay, { authservId: UPSTREAM });
    const relayed = await sendRaw(behindRelay.smtp.host, behindRelay.smtp.port, {
      from: POLICE,
      to: [INBOX],
      data: policeReport(' ; dkim=pass header.d=police.example.org\r\n'),
      login,
    });
    expectReply(relayed, 550, '5.6.0');
    await expectNothingStored(behindRelay);
  });

  test('files the same report without the continuation, as not authenticated', async () => {
    const running = await start(development);
    const reply = await sendRaw(running.smtp.host, running.smtp.port, {
      from: POLICE,
      to: [INBOX],
      data: policeReport(),
    });
    expect(reply.code).toBe(250);
    const message = await running.mailbox.read(running.filed[0] ?? '', ROOMY);
    expect(intakeVerdict(message, undefined, POLICE)).toBe('not-authenticated');
  });
});

describe('malformed header blocks, refused for good', () => {
  const filler = `X-Filler: ${'x'.repeat(80)}\r\n`;
  test.each([
    ['a 1.5 MB header block', 552, '5.3.4', 'header-block-too-large', filler.repeat(17_000) + policeReport()],
    [
      'a header line over 998 characters',
      550,
      '5.6.0',
      'header-line-too-long',
      policeReport(`Subject: ${'x'.repeat(1000)}\r\n`),
    ],
    ['a bare LF in the header block', 550, '5.6.0', 'bare-line-ending', policeReport('X-A: b\nX-C: d\r\n')],
    ['a bare CR in the header block', 550, '5.6.0', 'bare-line-ending', policeReport('X-A: b\rX-C: d\r\n')],
    ['a NUL in the header block', 550, '5.6.0', 'nul-in-header', policeReport('X-A: b\u0000c\r\n')],
    ['a header line that is no field', 550, '5.6.0', 'not-a-header-field', policeReport('Hello there\r\n')],
  ])('refuses %s with %i %s (%s), not 451', async (_name, code, enhanced, reason, data) => {
    const running = await start(development, { maxBytes: ROOMY });
    const reply = await sendRaw(running.smtp.host, running.smtp.port, { from: POLICE, to: [INBOX], data });
    expectReply(reply, code, enhanced);
    await expectNothingStored(running);
    expect(refusals(running)).toEqual([expect.objectContaining({ reason, code })]);
  });

  test('refuses with 550 5.6.0 an invitation reply whose MIME no reader can take, not 451', async () => {
    const running = await start(development, { maxBytes: ROOMY });
    // The top header block is fine; a part's own header has 20,000 lines, over mailparser's limit.
    const data = crlf(
      `From: ${POLICE}`,
      `To: ${CALENDAR_OWNER}`,
      'Subject: Accepted',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/calendar; method=REPLY',
      ...Array.from({ length: 20_000 }, () => 'X-A: b'),
      '',
      'BEGIN:VCALENDAR',
      '--b--',
    );
    const reply = await sendRaw(running.smtp.host, running.smtp.port, {
      from: POLICE,
      to: [CALENDAR_OWNER],
      data,
    });
    expectReply(reply, 550, '5.6.0');
    await expectNothingStored(running);
    expect(refusals(running)).toEqual([expect.objectContaining({ reason: 'unreadable-mime' })]);
  });
});

describe('SMTP smuggling (RFC 5321 section 4.1.1.4: the data ends only at CRLF.CRLF)', () => {
  const smuggled = crlf(
    `MAIL FROM:<${POLICE}>`,
    `RCPT TO:<${INBOX}>`,
    'DATA',
    `From: DC One <${POLICE}>`,
    'Subject: Police report for CPC-ABCD',
    '',
    'Smuggled.',
  );

  test.each([
    ['\\n.\\n', '\n.\n'],
    ['\\r.\\r', '\r.\r'],
    ['\\r\\n.\\n', '\r\n.\n'],
    ['\\n.\\r\\n', '\n.\r\n'],
  ])(
    'refuses a message with a second one smuggled after %s with 550 5.6.0, as one message, storing neither',
    async (_name, ending) => {
      const running = await start(development);
      const client = await RawSmtp.open(running.smtp.host, running.smtp.port);
      try {
        expect((await client.command('EHLO raw.test')).code).toBe(250);
        expect((await client.command(`MAIL FROM:<${SENDER}>`)).code).toBe(250);
        expect((await client.command(`RCPT TO:<${INBOX}>`)).code).toBe(250);
        expect((await client.command('DATA')).code).toBe(354);
        client.write(`${crlf(`From: ${SENDER}`, 'Subject: hello', '')}First.${ending}${smuggled}.\r\n`);
        // One reply for everything up to the real CRLF.CRLF: no 250 for a second transaction.
        expectReply(await client.reply(), 550, '5.6.0');
        expect((await client.command('QUIT')).code).toBe(221);
      } finally {
        client.close();
      }
      await expectNothingStored(running);
      expect(refusals(running)).toEqual([expect.objectContaining({ reason: 'dot-line-without-crlf' })]);
    },
  );

  test('stays in step after a refusal: the next transaction on the connection is taken as itself', async () => {
    const running = await start(development);
    const client = await RawSmtp.open(running.smtp.host, running.smtp.port);
    try {
      await client.command('EHLO raw.test');
      await client.command(`MAIL FROM:<${SENDER}>`);
      await client.command(`RCPT TO:<${INBOX}>`);
      await client.command('DATA');
      client.write(`${crlf(`From: ${SENDER}`, '')}First.\n.\n${smuggled}.\r\n`);
      expect((await client.reply()).code).toBe(550);
      expect((await client.command(`MAIL FROM:<${SENDER}>`)).code).toBe(250);
      expect((await client.command(`RCPT TO:<${INBOX}>`)).code).toBe(250);
      expect((await client.command('DATA')).code).toBe(354);
      client.write(`${crlf(`From: ${SENDER}`, 'Subject: the real one', '', 'Hello.')}.\r\n`);
      expect((await client.reply()).code).toBe(250);
    } finally {
      client.close();
    }
    expect(running.filed).toEqual(['000000000001']);
    const stored = await simpleParser(readFileSync(running.mailbox.pathOf('000000000001')));
    expect(stored.subject).toBe('the real one');
  });
});

describe('the Return-Path on top of what is stored', () => {
  /** The stored copy's header fields as mailparser reads them, topmost first: [name, value]. */
  async function storedHeaders(path: string): Promise<[string, string][]> {
    const parsed = await simpleParser(readFileSync(path));
    return parsed.headerLines.map((h) => [h.key, h.line.slice(h.line.indexOf(':') + 1).trim()]);
  }

  test('puts the envelope sender topmost and drops the Return-Path the sender wrote', async () => {
    const running = await start(development);
    const reply = await sendRaw(running.smtp.host, running.smtp.port, {
      from: SENDER,
      to: [INBOX, POLICE],
      data: crlf(
        'Return-Path: <bounces@evil.example>',
        `From: ${SENDER}`,
        'return-path:',
        ' <folded@evil.example>',
        'Subject: Report',
        '',
        'Report attached.',
      ),
    });
    expect(reply.code).toBe(250);
    const inbox = await storedHeaders(running.mailbox.pathOf(running.filed[0] ?? ''));
    expect(inbox.map(([name]) => name).slice(0, 4)).toEqual([
      'return-path',
      'delivered-to',
      'received',
      'authentication-results',
    ]);
    expect(inbox.filter(([name]) => name === 'return-path')).toEqual([['return-path', `<${SENDER}>`]]);
    const [kept] = filesUnder(running.mailDir.folder(POLICE));
    const other = await storedHeaders(`${running.mailDir.folder(POLICE)}/${kept ?? ''}`);
    expect(other.filter(([name]) => name === 'return-path')).toEqual([['return-path', `<${SENDER}>`]]);
    expect(other[0]).toEqual(['return-path', `<${SENDER}>`]);
  });

  test('writes <> for a bounce’s null reverse-path', async () => {
    const running = await start(development);
    const reply = await sendRaw(running.smtp.host, running.smtp.port, {
      from: '',
      to: [INBOX],
      data: crlf(
        'From: Mail Delivery System <mailer-daemon@school.example.org>',
        'Subject: Undelivered',
        '',
        'x',
      ),
    });
    expect(reply.code).toBe(250);
    expect((await storedHeaders(running.mailbox.pathOf(running.filed[0] ?? '')))[0]).toEqual([
      'return-path',
      '<>',
    ]);
  });

  test('puts the relay’s envelope sender topmost behind the relay, above its trusted stamp', async () => {
    const running = await start(relay, { authservId: UPSTREAM });
    const stamp = `${UPSTREAM}; spf=pass smtp.mailfrom=school.example.org; dmarc=pass header.from=school.example.org`;
    const reply = await sendRaw(running.smtp.host, running.smtp.port, {
      from: 'bounces+srs@council.example',
      to: [INBOX],
      data: crlf(
        `Authentication-Results: ${stamp}`,
        'Return-Path: <bounces@evil.example>',
        `From: ${SENDER}`,
        'Subject: Report',
        '',
        'Report attached.',
      ),
      login,
    });
    expect(reply.code).toBe(250);
    const headers = await storedHeaders(running.mailbox.pathOf(running.filed[0] ?? ''));
    expect(headers.slice(0, 4)).toEqual([
      ['return-path', '<bounces+srs@council.example>'],
      ['delivered-to', INBOX],
      ['received', expect.stringMatching(/ with ESMTP id /)],
      ['authentication-results', stamp],
    ]);
    expect(headers.filter(([name]) => name === 'return-path')).toHaveLength(1);
    expect(intakeVerdict(await running.mailbox.read(running.filed[0] ?? '', ROOMY), UPSTREAM)).toBeNull();
  });
});

describe('failures that may pass', () => {
  test('answers 451 4.3.0 when the reply cannot be recorded (Firestore down), so the guest’s server tries again', async () => {
    const running = await start(development, {
      recordReply: () => Promise.reject(new Error('14 UNAVAILABLE: Firestore is down')),
    });
    const reply = send(
      running.smtp,
      {
        from: POLICE,
        to: CALENDAR_OWNER,
        subject: 'Accepted',
        text: 'Accepted.',
        icalEvent: {
          method: 'REPLY',
          content:
            'BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:a@conference-desk.hackney.gov.uk\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:dc.one@police.example.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
        },
      },
      { user: POLICE, pass: 'anything' },
    );
    await expect(reply).rejects.toMatchObject({
      responseCode: 451,
      response: expect.stringMatching(/^451 4\.3\.0 /) as string,
    });
    expect(logMessages(running.logs)).toContain('smtp.deliver_failed');
    expect(logMessages(running.logs)).not.toContain('smtp.refused');
  });
});
