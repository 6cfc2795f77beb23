// What the embedded server refuses before it stores a message, read straight from the bytes: a
// header block that could be read as anything other than what the sender's fields say, line
// endings other than CRLF (SMTP smuggling's raw material), and blocks no reader should be given.
import {
  MAX_HEADER_BLOCK,
  MAX_LINE,
  MessageRefused,
  headerBlockProblem,
  messageProblem,
  readOrRefuse,
  refusalReply,
  type RefusalReason,
} from '../../../functions/src/adapters/smtp/message-checks';

const crlf = (...lines: string[]): string => lines.map((l) => `${l}\r\n`).join('');
const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');
const message = (head: string, body = 'Report attached.\r\n'): Buffer => bytes(`${head}\r\n${body}`);

const HEAD = crlf('From: DSL <dsl@school.example.org>', 'To: reports@hackney.gov.uk', 'Subject: Report');

describe('a message the server takes', () => {
  test.each([
    ['an ordinary header block and body', message(HEAD)],
    [
      'folded fields, with space or tab',
      message(crlf('Subject: a long', ' subject', 'To: a@b.example,', '\tc@d.example')),
    ],
    ['the obsolete space before the colon', message(crlf('Subject : hi'))],
    [
      '8-bit text in a field value (RFC 6532)',
      Buffer.from(`${crlf('Subject: Café report')}\r\nx\r\n`, 'utf8'),
    ],
    ['header fields and no body at all (RFC 5322 makes the body optional)', bytes(HEAD)],
    ['no header fields, only a body', bytes('\r\nJust a body.\r\n')],
    ['nothing at all', Buffer.alloc(0)],
    ['a line of 998 characters', message(crlf(`Subject: ${'x'.repeat(MAX_LINE - 9)}`))],
    ['a body line over 998 characters', message(HEAD, `${'x'.repeat(5000)}\r\n`)],
    ['a NUL in the body', message(HEAD, 'a\u0000b\r\n')],
    ['a body line holding only a dot (sent dot-stuffed, as ..)', message(HEAD, 'one\r\n.\r\ntwo\r\n')],
    ['a body line starting with a dot', message(HEAD, '.hidden\r\n')],
  ])('%s', (_name, raw) => {
    expect(messageProblem(raw)).toBeNull();
  });

  test(`a header block of ${MAX_HEADER_BLOCK / 1024} KB exactly`, () => {
    const line = `X-Filler: ${'x'.repeat(100 - 12)}\r\n`;
    // The last line is left at least 64 bytes: every line counts as that much at least.
    const head = line.repeat(Math.floor((MAX_HEADER_BLOCK - 64) / line.length));
    const raw = message(head + `X-Last: ${'y'.repeat(MAX_HEADER_BLOCK - head.length - 10)}\r\n`);
    expect(raw.indexOf('\r\n\r\n') + 2).toBe(MAX_HEADER_BLOCK);
    expect(messageProblem(raw)).toBeNull();
  });
});

describe('a header block the server refuses', () => {
  test.each<[string, Buffer, RefusalReason]>([
    [
      'one whose first line is a continuation, which would extend the server’s own header',
      message(crlf(' ; dkim=pass header.d=police.example.org', 'From: dc.one@police.example.org')),
      'header-continuation-first',
    ],
    [
      'one whose first line is a tab continuation',
      message(crlf('\tdkim=pass', 'From: a@b.example')),
      'header-continuation-first',
    ],
    [
      'one with a bare LF ending a field',
      bytes('Subject: hi\nFrom: a@b.example\r\n\r\nbody\r\n'),
      'bare-line-ending',
    ],
    ['one ended by a bare LF blank line', bytes('Subject: hi\n\nbody\n'), 'bare-line-ending'],
    [
      'one with a bare CR in a field',
      bytes('Subject: hi\rFrom: a@b.example\r\n\r\nbody\r\n'),
      'bare-line-ending',
    ],
    ['one with a bare CR before its CRLF', bytes('Subject: hi\r\r\n\r\nbody\r\n'), 'bare-line-ending'],
    ['one with a NUL in a field', message(crlf('Subject: a\u0000b')), 'nul-in-header'],
    [
      'one with a line of 999 characters',
      message(crlf(`Subject: ${'x'.repeat(MAX_LINE - 8)}`)),
      'header-line-too-long',
    ],
    ['one line of 1.5 MB', message(crlf(`Subject: ${'x'.repeat(1_500_000)}`)), 'header-line-too-long'],
    [
      'a line with no colon (a body with no empty line before it)',
      bytes(crlf('Subject: hi', 'Hello,')),
      'not-a-header-field',
    ],
    [
      'an mbox "From " line',
      message(crlf('From dsl@school.example.org Mon Nov 30 10:00:00 2026', HEAD)),
      'not-a-header-field',
    ],
    ['a field with no name', message(crlf(': no name')), 'not-a-header-field'],
    ['a field name with a space in it', message(crlf('Reply To: a@b.example')), 'not-a-header-field'],
    ['a field name with 8-bit characters', Buffer.from(crlf('Sujet\u00e9: x'), 'utf8'), 'not-a-header-field'],
  ])('%s', (_name, raw, reason) => {
    expect(messageProblem(raw)).toBe(reason);
    expect(headerBlockProblem(raw)).toBe(reason);
  });

  test('one over 256 KB however it is made up: long lines, or many short ones', () => {
    const long = `X-Filler: ${'x'.repeat(200)}\r\n`;
    expect(headerBlockProblem(message(long.repeat(Math.ceil(MAX_HEADER_BLOCK / long.length) + 1)))).toBe(
      'header-block-too-large',
    );
    // 20,000 lines of 8 bytes are 160 KB, yet more than mailparser's 1 MiB: it counts 64 a line.
    expect(headerBlockProblem(message('X-A: b\r\n'.repeat(20_000)))).toBe('header-block-too-large');
    expect(headerBlockProblem(message('X-A: b\r\n'.repeat(MAX_HEADER_BLOCK / 64)))).toBeNull();
    expect(headerBlockProblem(message('X-A: b\r\n'.repeat(MAX_HEADER_BLOCK / 64 + 1)))).toBe(
      'header-block-too-large',
    );
  });

  test('one of 1.5 MB with no empty line, whatever follows', () => {
    expect(messageProblem(bytes(`X-Filler: ${'x'.repeat(80)}\r\n`.repeat(17_000)))).toBe(
      'header-block-too-large',
    );
  });

  test('only in the header block: the same lines in the body are the body’s business', () => {
    const body = crlf(' starts with a space', 'no colon here', 'x'.repeat(MAX_LINE + 1), 'a\u0000b');
    expect(messageProblem(message(HEAD, body))).toBeNull();
  });
});

describe('line endings other than CRLF in the body', () => {
  test.each([
    ['a bare LF', 'one\ntwo\r\n'],
    ['a bare CR', 'one\rtwo\r\n'],
    ['a bare LF as the last line ending', 'one\r\ntwo\n'],
  ])('takes %s in the body: it cannot end the data, and such clients send real reports', (_name, body) => {
    expect(messageProblem(message(HEAD, body))).toBeNull();
  });

  // The end-of-data sequences of the 2023 "SMTP smuggling" attacks: a server that takes them as
  // the end would read what follows as a second message, in the first one's session.
  test.each([
    ['\\n.\\n', '\n.\n'],
    ['\\r.\\r', '\r.\r'],
    ['\\r\\n.\\n', '\r\n.\n'],
    ['\\n.\\r\\n', '\n.\r\n'],
    ['\\r\\n.\\r', '\r\n.\r'],
    ['\\r.\\r\\n', '\r.\r\n'],
  ])('refuses a line holding only a dot ended as %s, as smuggling', (_name, ending) => {
    const smuggled = `first body${ending}MAIL FROM:<x@police.example.org>\r\nRCPT TO:<reports@hackney.gov.uk>\r\nDATA\r\nFrom: dc.one@police.example.org\r\n\r\nforged\r\n`;
    expect(messageProblem(message(HEAD, smuggled))).toBe('dot-line-without-crlf');
  });

  test('names smuggling first, even where the header block is wrong too', () => {
    expect(messageProblem(message(crlf(' ; dkim=pass', HEAD), 'x\n.\nMAIL FROM:<a@b.example>\r\n'))).toBe(
      'dot-line-without-crlf',
    );
    expect(messageProblem(bytes('.\nMAIL FROM:<a@b.example>\r\n'))).toBe('dot-line-without-crlf');
  });
});

describe('the replies', () => {
  const reasons: RefusalReason[] = [
    'message-too-large',
    'dot-line-without-crlf',
    'bare-line-ending',
    'header-continuation-first',
    'nul-in-header',
    'header-line-too-long',
    'header-block-too-large',
    'not-a-header-field',
    'unreadable-header',
    'unreadable-mime',
  ];

  test.each(reasons)('%s is refused for good, with an enhanced status code of the same class', (reason) => {
    const reply = refusalReply(reason, 40_000_000);
    expect(reply.code).toBeGreaterThanOrEqual(500);
    expect(reply.code).toBeLessThan(600);
    expect(reply.text).toMatch(/^5\.\d\.\d [A-Z]/);
    // One line of plain ASCII: a reply is written straight into the sender's bounce.
    expect(reply.text).toMatch(/^[\x20-\x7e]+$/);
  });

  test('too large is 552 5.3.4; malformed is 550 5.6.0', () => {
    expect(refusalReply('message-too-large', 40_000_000)).toEqual({
      code: 552,
      text: '5.3.4 Messages larger than 40000000 bytes are refused',
    });
    expect(refusalReply('header-block-too-large', 1).text).toMatch(/^5\.3\.4 .*256 KB \(or 4096 lines\)/);
    expect(refusalReply('header-block-too-large', 1).code).toBe(552);
    expect(refusalReply('header-continuation-first', 1)).toEqual({
      code: 550,
      text: '5.6.0 The header block starts with a continuation line (a space or tab); it must start with a header field',
    });
  });
});

describe('reading that fails on the bytes', () => {
  test('is a refusal for the reason given, not an error to try again after', async () => {
    const failing = readOrRefuse(() => Promise.reject(new Error('EMAXLEN')), 'unreadable-mime');
    await expect(failing).rejects.toBeInstanceOf(MessageRefused);
    await expect(failing).rejects.toMatchObject({ reason: 'unreadable-mime' });
    await expect(readOrRefuse(() => Promise.resolve(7), 'unreadable-header')).resolves.toBe(7);
  });
});
