// What the reader learns from the parts of automatic and nested mail: the emails attached to an
// email, opened to a fixed depth; named text parts taken as files; the few facts of delivery
// reports, read receipts and calendar answers; what a bounce written in words names.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { readMessage } from '../../../functions/src/adapters/mail/read-message';
import type { InboundMessage } from '../../../functions/src/domain/intake/inbound-message';

const CRLF = (...lines: string[]): string => lines.join('\r\n');
const OPTIONS = { trustedAuthservId: 'mx.google.com', maxBytes: 5_000_000 };

async function read(raw: string | Buffer): Promise<InboundMessage> {
  const bytes = typeof raw === 'string' ? Buffer.from(raw, 'latin1') : raw;
  const outcome = await readMessage(Readable.from([bytes.subarray(0, 700), bytes.subarray(700)]), OPTIONS);
  if (outcome.kind === 'read') return outcome.message;
  if (outcome.partial === null) throw new Error(`unreadable: ${outcome.detail}`);
  return outcome.partial;
}

let boundaries = 0;

/** An email carrying `parts` (each a MIME part with its headers) in multipart/mixed. */
function email(parts: readonly string[], headers: readonly string[] = []): string {
  // Each its own boundary, as every mail program makes them: an attached email's must differ.
  const b = `b${(boundaries += 1)}`;
  return CRLF(
    'From: DC One <dc.one@police.example.org>',
    'To: reports@hackney.gov.uk',
    'Subject: CPC-7F3K police report',
    'Message-ID: <outer@police.example.org>',
    ...headers,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${b}"`,
    '',
    `--${b}`,
    'Content-Type: text/plain',
    '',
    'Please see attached.',
    ...parts.flatMap((p) => [`--${b}`, p]),
    `--${b}--`,
    '',
  );
}

const EXE = CRLF(
  'Content-Type: application/octet-stream; name="invoice.exe"',
  'Content-Transfer-Encoding: base64',
  '',
  Buffer.from('MZ\x90\x00').toString('base64'),
);

/** An email attached as message/rfc822 (or, base64, as a named .eml file). */
function attached(inner: string, how: 'rfc822' | 'eml-file' = 'rfc822', name = 'forwarded.eml'): string {
  return how === 'rfc822'
    ? CRLF(
        `Content-Type: message/rfc822; name="${name}"`,
        `Content-Disposition: attachment; filename="${name}"`,
        '',
        inner,
      )
    : CRLF(
        `Content-Type: application/octet-stream; name="${name}"`,
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from(inner, 'latin1').toString('base64').replace(/.{76}/g, '$&\r\n'),
      );
}

describe('emails attached to an email', () => {
  test('are opened, and what they carry is listed with where it was found', async () => {
    const message = await read(email([attached(email([EXE]))]));
    expect(message.attachments.map((a) => [a.filename, a.within, a.findings])).toEqual([
      ['forwarded.eml', [], []],
      ['invoice.exe', ['forwarded.eml'], ['executable-content']],
    ]);
  });

  test('are opened whatever they are declared as, when named .eml', async () => {
    const message = await read(email([attached(email([EXE]), 'eml-file', 'Fwd.eml')]));
    expect(message.attachments.map((a) => [a.filename, a.within])).toEqual([
      ['Fwd.eml', []],
      ['invoice.exe', ['Fwd.eml']],
    ]);
  });

  test('are opened three levels down; the fourth is not opened, and says so', async () => {
    let nest = email([EXE]);
    for (const level of [4, 3, 2, 1]) nest = email([attached(nest, 'rfc822', `level${level}.eml`)]);
    const message = await read(nest);
    expect(message.attachments.map((a) => [a.filename, a.within.length, a.findings])).toEqual([
      ['level1.eml', 0, []],
      ['level2.eml', 1, []],
      ['level3.eml', 2, []],
      ['level4.eml', 3, ['nested-too-deep']],
    ]);
  });

  test('an Outlook .msg is opened and its files listed', async () => {
    const msg = readFileSync(join(__dirname, '../../fixtures/intake-corpus/msgreader/attachmentFiles.msg'));
    const part = CRLF(
      'Content-Type: application/vnd.ms-outlook; name="Report.msg"',
      'Content-Transfer-Encoding: base64',
      '',
      msg.toString('base64').replace(/.{76}/g, '$&\r\n'),
    );
    const message = await read(email([part]));
    expect(message.attachments.map((a) => [a.filename, a.within])).toEqual([
      ['Report.msg', []],
      ['jpg.jpg', ['Report.msg']],
      ['png.png', ['Report.msg']],
      ['tif.tif', ['Report.msg']],
    ]);
  });

  test('a .msg that is not one is reported as unreadable, not as empty', async () => {
    const part = CRLF('Content-Type: application/octet-stream; name="Report.msg"', '', 'not an Outlook file');
    const [msg] = (await read(email([part]))).attachments;
    expect(msg?.findings).toEqual(['unreadable-message']);
  });
});

describe('named parts', () => {
  test('a text part with a file name is a file, not body text', async () => {
    const script = CRLF(
      'Content-Type: text/plain; name="update.js"',
      'Content-Disposition: inline',
      '',
      'WScript.Shell.Run("calc")',
    );
    const message = await read(email([script]));
    expect(message.attachments.map((a) => a.filename)).toEqual(['update.js']);
  });
});

describe('the parts automatic mail is made of', () => {
  const dsn = email(
    [
      CRLF(
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.police.example.org',
        '',
        'Final-Recipient: rfc822; Dc.Typo@Police.example.org',
        'Action: failed',
        'Status: 5.1.1 (no such user)',
        '',
      ),
      CRLF(
        'Content-Type: text/rfc822-headers',
        '',
        'From: childprotectioninvitereportrequest@hackney.gov.uk',
        'To: dc.typo@police.example.org',
        'Reply-To: childprotectioninvitereportrequest+cpc-7f3k@hackney.gov.uk',
        'Subject: Report request: conference CPC-7F3K',
        'Message-ID: <abc-report-request@hackney.gov.uk>',
        '',
      ),
    ],
    ['Return-Path: <>'],
  ).replace('multipart/mixed;', 'multipart/report; report-type=delivery-status;');

  test('a delivery report says for whom, how, and which email it returns', async () => {
    const message = await read(dsn);
    expect(message.origin).toMatchObject({
      contentType: 'multipart/report',
      reportType: 'delivery-status',
      returnPath: '',
    });
    expect(message.report).toEqual({
      recipients: [{ address: 'dc.typo@police.example.org', action: 'failed', status: '5.1.1' }],
      original: {
        messageIdHeader: 'abc-report-request@hackney.gov.uk',
        recipients: ['dc.typo@police.example.org'],
        replyTo: ['childprotectioninvitereportrequest+cpc-7f3k@hackney.gov.uk'],
        subject: 'Report request: conference CPC-7F3K',
      },
    });
  });

  test('a calendar answer gives its method, whose answer, and which event', async () => {
    const ics = CRLF(
      'BEGIN:VCALENDAR',
      'METHOD:REPLY',
      'BEGIN:VEVENT',
      'UID:ev123@google.com',
      'SEQUENCE:2',
      'ATTENDEE;PARTSTAT=DECLINED:mailto:DC.One@police.example.org',
      'END:VEVENT',
      'END:VCALENDAR',
    );
    const message = await read(email([CRLF('Content-Type: text/calendar; method=REPLY', '', ics)]));
    expect(message.attachments[0]?.calendar).toEqual({
      method: 'REPLY',
      reply: {
        uid: 'ev123@google.com',
        sequence: 2,
        attendee: 'dc.one@police.example.org',
        answer: 'declined',
      },
    });
  });

  test('the method parameter stands in for a calendar body that names none', async () => {
    const ics = CRLF(
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'UID:ev1@google.com',
      'ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@b.example',
      'END:VEVENT',
      'END:VCALENDAR',
    );
    const message = await read(email([CRLF('Content-Type: text/calendar; method=REPLY', '', ics)]));
    expect(message.attachments[0]?.calendar?.reply?.answer).toBe('accepted');
  });

  test('a bounce in words names the address and the email in its text', async () => {
    const text = CRLF(
      'From: MAILER-DAEMON@mx.police.example.org',
      'To: reports@hackney.gov.uk',
      'Subject: failure notice',
      '',
      '<dc.typo@police.example.org>:',
      'Sorry, no mailbox here by that name.',
      '--- Below this line is a copy of the message.',
      'Message-ID: <abc-report-request@hackney.gov.uk>',
      '',
    );
    const message = await read(text);
    expect(message.mentioned).toEqual({
      addresses: ['dc.typo@police.example.org', 'abc-report-request@hackney.gov.uk'],
      messageIds: ['dc.typo@police.example.org', 'abc-report-request@hackney.gov.uk'],
    });
  });

  test('Auto-Submitted: any value but "no", among several, is what counts', async () => {
    const message = await read(email([], ['Auto-Submitted: no', 'Auto-Submitted: auto-replied (vacation)']));
    expect(message.origin.autoSubmitted).toBe('auto-replied');
  });
});
