// What intake learns from real-looking report emails, as Outlook, Gmail and Apple Mail send them
// and as the council's Gmail receives them (see test/fixtures/mail/README.md).
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMessage, type ReadOptions } from '../../../functions/src/adapters/mail/read-message';
import type { InboundMessage, ReadOutcome } from '../../../functions/src/domain/intake/inbound-message';
import { comparable } from '../../support/temporal-compare';

const FIXTURES = join(__dirname, '../../fixtures/mail');
const INBOX = 'childprotectioninvitereportrequest@hackney.gov.uk';
const PLUS = 'childprotectioninvitereportrequest+cpc-7f3k@hackney.gov.uk';
const OPTIONS: ReadOptions = { trustedAuthservId: 'mx.google.com', maxBytes: 25_000_000 };

const GOOGLE_PASS = (domain: string) => ({
  authservId: 'mx.google.com',
  spf: { result: 'pass', domain },
  dkim: [{ result: 'pass', domain }],
  dmarc: { result: 'pass', domain },
});

/** Reads a fixture in small chunks, so that every header and part crosses chunk boundaries. */
function read(name: string, options: ReadOptions = OPTIONS): Promise<ReadOutcome> {
  return readMessage(createReadStream(join(FIXTURES, name), { highWaterMark: 512 }), options);
}

async function readOk(name: string): Promise<InboundMessage> {
  const outcome = await read(name);
  if (outcome.kind !== 'read') throw new Error(`${name} was ${outcome.reason}: ${outcome.detail}`);
  return outcome.message;
}

/**
 * The decoded bytes of a base64 attachment, found in the fixture by its file name without a
 * MIME parser, so the expected size and hash do not depend on the code under test.
 */
function attachmentBytes(fixture: string, filename: string): Buffer {
  const eml = readFileSync(join(FIXTURES, fixture), 'latin1');
  const named = eml.indexOf(`filename="${filename}"`);
  const start = eml.indexOf('\r\n\r\n', named) + 4;
  return Buffer.from(eml.slice(start, eml.indexOf('\r\n--', start)), 'base64');
}

function expectedFacts(fixture: string, filename: string, contentType: string) {
  const bytes = attachmentBytes(fixture, filename);
  return {
    filename,
    contentType,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    within: [],
    inline: false,
    calendar: null,
  };
}

describe('a report from Outlook (Exchange Online)', () => {
  const fixture = 'outlook-docx-report.eml';

  test('gives the sender, the recipients, the delivery address, subject, date and message id', async () => {
    const message = await readOk(fixture);
    expect(comparable(message)).toMatchObject({
      messageIdHeader: 'LO0P265MB61234567A1B2C3D4E5F6A7B8C9D0E1F2@LO0P265MB6123.GBRP265.PROD.OUTLOOK.COM',
      from: [{ address: 'alex.placeholder@example.org', name: 'Placeholder, Alex (Health Visitor)' }],
      recipients: [INBOX, 'duty.manager@example.org'],
      recipientCount: 2,
      deliveredTo: [INBOX],
      subject: 'CPC-7F3K health visiting report',
      date: 'Temporal.Instant 2025-10-14T09:11:58Z',
      size: readFileSync(join(FIXTURES, fixture)).length,
    });
  });

  test('has text from the quoted-printable body', async () => {
    expect((await readOk(fixture)).textCharacters).toBeGreaterThan(100);
  });

  test('gives the Word attachment its name, type, size and SHA-256, with nothing found in it', async () => {
    const type = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    expect((await readOk(fixture)).attachments).toEqual([
      { ...expectedFacts(fixture, 'CPC-7F3K Health Visiting Report.docx', type), findings: [] },
    ]);
  });

  test("takes SPF, DKIM and DMARC from Google's own header, not from the ARC copy", async () => {
    expect((await readOk(fixture)).authentication).toEqual(GOOGLE_PASS('example.org'));
  });
});

describe('a report from the Gmail web client, sent to the plus address', () => {
  const fixture = 'gmail-pdf-report.eml';

  test('records the plus address as recipient and as where Gmail delivered it', async () => {
    const message = await readOk(fixture);
    expect(message.recipients).toEqual([PLUS]);
    // Delivered-To and X-Original-To name the same address: listed once.
    expect(message.deliveredTo).toEqual([PLUS]);
  });

  test('gives the PDF and the sender', async () => {
    const message = await readOk(fixture);
    expect(message.from).toEqual([
      { address: 'reception.placeholder@example.com', name: 'Riley Placeholder' },
    ]);
    expect(message.attachments).toEqual([
      { ...expectedFacts(fixture, 'CPC-7F3K GP report.pdf', 'application/pdf'), findings: [] },
    ]);
    expect(message.authentication).toEqual(GOOGLE_PASS('example.com'));
    expect(comparable(message.date)).toBe('Temporal.Instant 2025-10-15T13:40:05Z');
  });
});

describe('a report from Apple Mail with the PDF shown inline', () => {
  const fixture = 'apple-mail-inline-pdf.eml';

  test('counts an inline PDF as an attachment, and the text on both sides of it', async () => {
    const message = await readOk(fixture);
    expect(message.attachments).toEqual([
      { ...expectedFacts(fixture, 'CPC-7F3K school report.pdf', 'application/pdf'), findings: [] },
    ]);
    const before = 'Hi, Please see the school’s report below.'.length;
    expect(message.textCharacters).toBeGreaterThan(before);
    expect(message.messageIdHeader).toBe('8F2D1C3B-4A5E-4B6F-9C7D-1E2F3A4B5C6D@example.org');
  });
});

describe("a family member's My Views reply", () => {
  test('is plain text from a personal address to the plus address, with no attachments', async () => {
    const message = await readOk('family-my-views-reply.eml');
    expect(message).toMatchObject({
      from: [{ address: 'sunny.placeholder84@example.com', name: 'Sunny Placeholder' }],
      recipients: [PLUS],
      deliveredTo: [PLUS],
      subject: 'Re: My Views - CPC-7F3K',
      attachments: [],
    });
    expect(message.textCharacters).toBeGreaterThan(400);
  });
});

describe('a body in windows-1252 with an ISO-8859-1 subject', () => {
  test('is decoded: curly apostrophe, en dash and pound sign each count as one character', async () => {
    const message = await readOk('windows-1252-body.eml');
    expect(message.subject).toBe('CPC-7F3K – attendance résumé');
    const body =
      'Dear team, The school’s attendance for this term is 91% – see below. Lunch debt of £12.50 has been written off. Regards, Morgan Placeholder';
    expect(message.textCharacters).toBe(body.length);
  });
});

describe('attachments that hold a report back', () => {
  test("Outlook's winmail.dat is TNEF", async () => {
    const fixture = 'outlook-winmail-dat.eml';
    expect((await readOk(fixture)).attachments).toEqual([
      { ...expectedFacts(fixture, 'winmail.dat', 'application/ms-tnef'), findings: ['tnef'] },
    ]);
  });

  test('a ZIP with an encrypted entry', async () => {
    const fixture = 'encrypted-zip.eml';
    expect((await readOk(fixture)).attachments).toEqual([
      {
        ...expectedFacts(fixture, 'CPC-7F3K report.zip', 'application/x-zip-compressed'),
        findings: ['encrypted-archive'],
      },
    ]);
  });

  test('a macro-enabled Word document, its type lower-cased', async () => {
    const fixture = 'docm-attachment.eml';
    expect((await readOk(fixture)).attachments).toEqual([
      {
        ...expectedFacts(fixture, 'CPC-7F3K report.docm', 'application/vnd.ms-word.document.macroenabled.12'),
        findings: ['macro-project'],
      },
    ]);
  });

  test('a program named report.pdf.exe keeps the type the sender declared', async () => {
    // mailparser would call it application/x-msdownload, guessed from the name.
    const fixture = 'exe-disguised-as-pdf.eml';
    expect((await readOk(fixture)).attachments).toEqual([
      {
        ...expectedFacts(fixture, 'report.pdf.exe', 'application/octet-stream'),
        findings: ['executable-content'],
      },
    ]);
  });
});

describe('a forged sender', () => {
  test("is shown by Google's dmarc=fail; the sender's own dmarc=pass header below it is ignored", async () => {
    const message = await readOk('forged-from-dmarc-fail.eml');
    expect(message.from).toEqual([{ address: 'alex.placeholder@example.org', name: 'Alex Placeholder' }]);
    expect(message.authentication).toEqual({
      authservId: 'mx.google.com',
      spf: { result: 'pass', domain: 'example.net' },
      dkim: [],
      dmarc: { result: 'fail', domain: 'example.org' },
    });
  });

  test('gets no verdicts at all when the council trusts another server', async () => {
    const outcome = await read('forged-from-dmarc-fail.eml', {
      ...OPTIONS,
      trustedAuthservId: 'mx.example.gov.uk',
    });
    expect(outcome.kind === 'read' && outcome.message.authentication).toBeNull();
  });
});

describe('an email with no body', () => {
  test('is unreadable as empty, with what its headers said', async () => {
    const outcome = await read('no-body.eml');
    expect(outcome).toMatchObject({
      kind: 'unreadable',
      reason: 'empty',
      partial: { subject: 'CPC-7F3K', textCharacters: 0, attachments: [], recipients: [INBOX] },
    });
    expect(outcome.kind === 'unreadable' && outcome.detail).not.toMatch(/@|CPC-7F3K/);
  });
});
