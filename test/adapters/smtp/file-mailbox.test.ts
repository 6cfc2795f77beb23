// The request inbox as a folder: messages numbered as they are delivered, those numbers as the
// history intake syncs by, each message read as intake reads Gmail's, labels kept beside it, and
// the whole state surviving a restart. Real files in a temporary folder.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import MailComposer from 'nodemailer/lib/mail-composer';
import { Temporal } from 'temporal-polyfill';
import { FileMailbox } from '../../../functions/src/adapters/smtp/file-mailbox';
import { fileStamp, folderOf, MailDir, MailFolderError } from '../../../functions/src/adapters/smtp/mail-dir';
import type { Mailer } from '../../../functions/src/ports';

const INBOX = 'ChildProtectionInviteReportRequest@hackney.gov.uk';
const AUTHSERV = 'conference-desk.localhost';
const SENDER = 'dsl@school.example.org';
const NOW = Temporal.Instant.from('2026-11-30T10:00:00Z');
/** A small but real PDF: its magic bytes are what the attachment inspector looks at. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/**
 * Sending is the SmtpMailer's job (see the embedded server's tests); nothing here sends, and the
 * inbox must not try to.
 */
const unusedMailer: Mailer = {
  address: INBOX.toLowerCase(),
  send: () => Promise.reject(new Error('this test sends nothing')),
  sentContains: () => Promise.reject(new Error('this test sends nothing')),
};

/** A clock the test moves. */
function movableClock(start: Temporal.Instant = NOW): {
  now(): Temporal.Instant;
  move(minutes: number): void;
} {
  let now = start;
  return {
    now: () => now,
    move: (minutes) => {
      now = now.add({ minutes });
    },
  };
}

let root: string;
let clock: ReturnType<typeof movableClock>;

function inbox(): FileMailbox {
  return new FileMailbox({
    address: INBOX,
    mailDir: new MailDir(root),
    mailer: unusedMailer,
    clock,
    authservId: AUTHSERV,
  });
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'file-mailbox-'));
  clock = movableClock();
});

/** A report as a mail client sends it: text and a PDF, with the server's verdict on top. */
async function report(subject = 'Report for CPC-7F3K', dmarc = 'pass'): Promise<Buffer> {
  const raw = await new MailComposer({
    from: `Designated Safeguarding Lead <${SENDER}>`,
    to: INBOX,
    subject,
    text: 'Please find my report attached.',
    messageId: `<${subject.replace(/\W/g, '')}@school.example.org>`,
    date: new Date('2026-11-30T09:58:00Z'),
    attachments: [{ filename: 'report.pdf', content: PDF, contentType: 'application/pdf' }],
  })
    .compile()
    .build();
  return Buffer.concat([
    Buffer.from(`Authentication-Results: ${AUTHSERV}; dmarc=${dmarc} header.from=school.example.org\r\n`),
    raw,
  ]);
}

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

const plain = (n: number): Buffer => Buffer.from(`Subject: message ${n}\r\n\r\nbody ${n}\r\n`);

describe('delivering into the inbox', () => {
  test('numbers the messages 1, 2, 3 in twelve digits, each an .eml with a .json beside it', async () => {
    const mailbox = inbox();
    expect(await mailbox.currentHistoryId()).toBe('0');
    const ids = [];
    for (const n of [1, 2, 3]) ids.push(await mailbox.deliver(plain(n), [INBOX.toLowerCase()]));
    expect(ids).toEqual(['000000000001', '000000000002', '000000000003']);
    expect(await mailbox.currentHistoryId()).toBe('3');

    const folder = join(root, INBOX.toLowerCase());
    expect(readdirSync(folder).sort()).toEqual(ids.flatMap((id) => [`${id}.eml`, `${id}.json`]));
    expect(readFileSync(join(folder, '000000000002.eml'))).toEqual(plain(2));
    expect(JSON.parse(readFileSync(join(folder, '000000000002.json'), 'utf8'))).toEqual({
      receivedAt: NOW.toString(),
      deliveredTo: [INBOX.toLowerCase()],
      labels: [],
      size: plain(2).byteLength,
    });
    expect(statSync(join(folder, '000000000002.eml')).mode & 0o777).toBe(0o600);
  });

  test('gives messages delivered at once different numbers', async () => {
    const mailbox = inbox();
    const ids = await Promise.all([1, 2, 3, 4, 5].map((n) => mailbox.deliver(plain(n), [INBOX])));
    expect([...ids].sort()).toEqual([
      '000000000001',
      '000000000002',
      '000000000003',
      '000000000004',
      '000000000005',
    ]);
  });

  test('goes on from the last number after a restart', async () => {
    await inbox().deliver(plain(1), [INBOX]);
    await inbox().deliver(plain(2), [INBOX]);
    const restarted = inbox();
    expect(await restarted.currentHistoryId()).toBe('2');
    expect(await restarted.deliver(plain(3), [INBOX])).toBe('000000000003');
  });

  test('does not count a message whose .json was never written (a crash part-way), and reuses its number', async () => {
    const mailbox = inbox();
    await mailbox.deliver(plain(1), [INBOX]);
    writeFileSync(join(root, INBOX.toLowerCase(), '000000000002.eml'), plain(99));
    const restarted = inbox();
    expect(await restarted.changesSince('0')).toEqual({
      kind: 'changes',
      messageIds: ['000000000001'],
      historyId: '1',
    });
    expect(await restarted.deliver(plain(2), [INBOX])).toBe('000000000002');
    expect(readFileSync(join(root, INBOX.toLowerCase(), '000000000002.eml'))).toEqual(plain(2));
  });
});

describe('the history intake syncs by', () => {
  test('lists the messages numbered above the cursor, oldest first, and the cursor to move to', async () => {
    const mailbox = inbox();
    for (const n of [1, 2, 3]) await mailbox.deliver(plain(n), [INBOX]);
    expect(await mailbox.changesSince('0')).toEqual({
      kind: 'changes',
      messageIds: ['000000000001', '000000000002', '000000000003'],
      historyId: '3',
    });
    expect(await mailbox.changesSince('2')).toEqual({
      kind: 'changes',
      messageIds: ['000000000003'],
      historyId: '3',
    });
    expect(await mailbox.changesSince('3')).toEqual({ kind: 'changes', messageIds: [], historyId: '3' });
  });

  test('says the history expired for a cursor beyond the last message (a folder started afresh) or not a number', async () => {
    const mailbox = inbox();
    await mailbox.deliver(plain(1), [INBOX]);
    expect(await mailbox.changesSince('2')).toEqual({ kind: 'expired' });
    expect(await mailbox.changesSince('12345678901234567890')).toEqual({ kind: 'expired' });
    expect(await mailbox.changesSince('three')).toEqual({ kind: 'expired' });
  });

  test('finds the messages received after an instant, at most the limit, saying when there are more', async () => {
    const mailbox = inbox();
    const first = clock.now();
    await mailbox.deliver(plain(1), [INBOX]);
    clock.move(10);
    const second = clock.now();
    await mailbox.deliver(plain(2), [INBOX]);
    clock.move(10);
    await mailbox.deliver(plain(3), [INBOX]);

    expect(await mailbox.receivedSince(first.subtract({ seconds: 1 }), 10)).toEqual({
      messageIds: ['000000000001', '000000000002', '000000000003'],
      complete: true,
    });
    expect(await mailbox.receivedSince(first, 10)).toEqual({
      messageIds: ['000000000002', '000000000003'],
      complete: true,
    });
    expect(await mailbox.receivedSince(first, 1)).toEqual({ messageIds: ['000000000002'], complete: false });
    expect(await mailbox.receivedSince(second.add({ minutes: 10 }), 10)).toEqual({
      messageIds: [],
      complete: true,
    });
  });

  test('arms a "watch" at the current history for a week, with nothing to renew', async () => {
    const mailbox = inbox();
    await mailbox.deliver(plain(1), [INBOX]);
    expect(await mailbox.watch()).toEqual({ historyId: '1', expiresAt: NOW.add({ hours: 24 * 7 }) });
  });
});

describe('reading a message', () => {
  test('reads it as intake reads Gmail: sender, subject, the PDF, the server’s verdict, when it arrived', async () => {
    const mailbox = inbox();
    const raw = await report();
    clock.move(2);
    const id = await mailbox.deliver(raw, [INBOX]);
    const message = await mailbox.read(id, 1_000_000);
    expect(message).toMatchObject({
      id,
      labelIds: ['INBOX'],
      receivedAt: NOW.add({ minutes: 2 }),
      sizeEstimate: raw.byteLength,
      outcome: {
        kind: 'read',
        message: {
          messageIdHeader: 'ReportforCPC7F3K@school.example.org',
          from: [{ address: SENDER, name: 'Designated Safeguarding Lead' }],
          recipients: [INBOX.toLowerCase()],
          subject: 'Report for CPC-7F3K',
          date: Temporal.Instant.from('2026-11-30T09:58:00Z'),
          attachments: [
            {
              filename: 'report.pdf',
              contentType: 'application/pdf',
              size: PDF.byteLength,
              sha256: createHash('sha256').update(PDF).digest('hex'),
              findings: [],
            },
          ],
          authentication: { authservId: AUTHSERV, dmarc: { result: 'pass', domain: 'school.example.org' } },
          size: raw.byteLength,
        },
      },
    });
  });

  test('trusts no verdict but its own server’s', async () => {
    const mailbox = new FileMailbox({
      address: INBOX,
      mailDir: new MailDir(root),
      mailer: unusedMailer,
      clock,
      authservId: 'mx.google.com',
    });
    const message = await mailbox.read(await mailbox.deliver(await report(), [INBOX]), 1_000_000);
    expect(message?.outcome).toMatchObject({ kind: 'read', message: { authentication: null } });
  });

  test('stops at the size limit, still knowing the size the mailbox holds', async () => {
    const mailbox = inbox();
    const raw = await report();
    const message = await mailbox.read(await mailbox.deliver(raw, [INBOX]), 200);
    expect(message?.sizeEstimate).toBe(raw.byteLength);
    expect(message?.outcome).toMatchObject({ kind: 'unreadable', reason: 'too-large' });
  });

  test('finds nothing for a number never delivered, or an id that is not one', async () => {
    const mailbox = inbox();
    await mailbox.deliver(plain(1), [INBOX]);
    expect(await mailbox.read('000000000002', 1_000_000)).toBeUndefined();
    expect(await mailbox.read('../../etc/passwd', 1_000_000)).toBeUndefined();
    expect(await mailbox.read('1', 1_000_000)).toBeUndefined();
  });

  test('links to the .eml as a file URL a developer can open', async () => {
    const mailbox = inbox();
    const id = await mailbox.deliver(plain(1), [INBOX]);
    const link = mailbox.link(id);
    expect(link).toMatch(/^file:\/\/\/.*\/000000000001\.eml$/);
    expect(fileURLToPath(link)).toBe(mailbox.pathOf(id));
    expect(readFileSync(fileURLToPath(link))).toEqual(plain(1));
  });
});

describe('labels', () => {
  test('are added once and removed whatever their case, and the message keeps its INBOX label', async () => {
    const mailbox = inbox();
    const id = await mailbox.deliver(plain(1), [INBOX]);
    await mailbox.relabel(id, ['Conference Desk/Filed', 'Conference Desk/Acknowledged'], []);
    await mailbox.relabel(id, ['conference desk/FILED'], []);
    expect((await mailbox.read(id, 1_000_000))?.labelIds).toEqual([
      'INBOX',
      'Conference Desk/Filed',
      'Conference Desk/Acknowledged',
    ]);
    await mailbox.relabel(id, ['Conference Desk/Held'], ['CONFERENCE DESK/FILED']);
    expect((await mailbox.read(id, 1_000_000))?.labelIds).toEqual([
      'INBOX',
      'Conference Desk/Acknowledged',
      'Conference Desk/Held',
    ]);
  });

  test('are kept beside the message, so a restarted service sees them', async () => {
    const id = await inbox().deliver(plain(1), [INBOX]);
    await inbox().relabel(id, ['Conference Desk/Filed'], []);
    expect((await inbox().read(id, 1_000_000))?.labelIds).toEqual(['INBOX', 'Conference Desk/Filed']);
  });

  test('are not lost when two relabels of one message run at once', async () => {
    const mailbox = inbox();
    const id = await mailbox.deliver(plain(1), [INBOX]);
    await Promise.all([
      mailbox.relabel(id, ['A'], []),
      mailbox.relabel(id, ['B'], []),
      mailbox.relabel(id, ['C'], []),
    ]);
    expect((await mailbox.read(id, 1_000_000))?.labelIds).toEqual(['INBOX', 'A', 'B', 'C']);
  });

  test('of a message that is not there change nothing', async () => {
    const mailbox = inbox();
    await mailbox.relabel('000000000009', ['Conference Desk/Filed'], []);
    expect(existsSync(join(root, INBOX.toLowerCase(), '000000000009.json'))).toBe(false);
  });
});

describe('the mail folder', () => {
  test('names each recipient’s folder by the address, lower-cased', () => {
    expect(folderOf(' Reports+CPC-7F3K@Hackney.gov.uk ')).toBe('reports+cpc-7f3k@hackney.gov.uk');
    expect(new MailDir(root).folder('DC.One@Police.example.org')).toBe(
      join(root, 'dc.one@police.example.org'),
    );
  });

  test.each([
    '../x@y',
    'a/b@c',
    'a\\b@c',
    '..@example.org',
    '.hidden@example.org',
    'a@b/../../c',
    'not-an-address',
    '',
  ])('refuses %j as a folder', (address) => {
    const error = thrownBy(() => folderOf(address));
    expect(error).toBeInstanceOf(MailFolderError);
    expect(error).toMatchObject({ code: 'SMTP.BAD_RECIPIENT', status: 400 });
  });

  test('keeps a message for a recipient as an .eml named by when it came, with the invitation beside it', async () => {
    const mailDir = new MailDir(root);
    const kept = await mailDir.keep(
      'DC.One@police.example.org',
      plain(1),
      NOW,
      'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
    );
    const folder = join(root, 'dc.one@police.example.org');
    expect(kept.eml).toMatch(new RegExp(`^${folder}/20261130T100000Z-[0-9a-f]{6}\\.eml$`));
    expect(kept.ics).toBe(kept.eml.replace(/\.eml$/, '.ics'));
    expect(readFileSync(kept.eml)).toEqual(plain(1));
    expect(readFileSync(kept.ics ?? '', 'utf8')).toBe('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
    const second = await mailDir.keep('dc.one@police.example.org', plain(2), NOW, null);
    expect(second.ics).toBeNull();
    expect(readdirSync(folder).filter((name) => name.endsWith('.eml'))).toHaveLength(2);
    expect(readdirSync(folder).some((name) => name.endsWith('.tmp'))).toBe(false);
  });

  test('stamps file names so that they sort as time does', () => {
    expect(fileStamp(Temporal.Instant.from('2026-12-07T10:30:59.999Z'))).toBe('20261207T103059Z');
  });
});
