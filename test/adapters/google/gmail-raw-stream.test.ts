// Splitting Gmail's format=raw answer as it streams: the message bytes out of `raw`, the small
// fields beside it, whatever the chunking, layout and encoding details.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import {
  GmailRawMessageError,
  splitGmailRawMessage,
  type GmailRawFields,
} from '../../../functions/src/adapters/google/gmail-raw-stream';

const MIME = Buffer.from(
  'From: Alex Placeholder <alex.placeholder@example.org>\r\nSubject: CPC-7F3K report\r\n\r\nReport attached. £5 – “quoted”\r\n',
);
const FIELDS: GmailRawFields = {
  id: '19a2b3c4d5e6f708',
  threadId: '19a2b3c4d5e6f708',
  labelIds: ['INBOX', 'UNREAD', 'Label_12'],
  sizeEstimate: 6321,
  historyId: '8675309',
  internalDate: '1760433127000',
};

/** The answer as Gmail sends it, compact and in Gmail's field order. */
function answer(raw: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id: FIELDS.id,
    threadId: FIELDS.threadId,
    labelIds: FIELDS.labelIds,
    snippet: 'Report attached. £5 – “quoted”',
    sizeEstimate: FIELDS.sizeEstimate,
    raw,
    historyId: FIELDS.historyId,
    internalDate: FIELDS.internalDate,
    ...extra,
  });
}

/** Feeds `chunks` one at a time and collects both outputs; never rejects, so failures can be inspected. */
async function split(chunks: readonly (string | Buffer)[]) {
  const { raw, fields } = splitGmailRawMessage(Readable.from(chunks.map((c) => Buffer.from(c))));
  const received: Buffer[] = [];
  let rawError: unknown = null;
  try {
    for await (const chunk of raw) received.push(chunk as Buffer);
  } catch (error) {
    rawError = error;
  }
  const settled = await fields.then(
    (value) => ({ value, error: null }),
    (error: unknown) => ({ value: null, error }),
  );
  return { bytes: Buffer.concat(received), rawError, fields: settled.value, fieldsError: settled.error };
}

async function expectSplit(
  chunks: readonly (string | Buffer)[],
  mime = MIME,
  fields = FIELDS,
): Promise<void> {
  const result = await split(chunks);
  expect(result.rawError).toBeNull();
  expect(result.bytes.equals(mime)).toBe(true);
  expect(result.fields).toEqual(fields);
}

async function expectMalformed(document: string, message: RegExp): Promise<void> {
  const result = await split([document]);
  expect(result.rawError).toBeInstanceOf(GmailRawMessageError);
  expect(result.fieldsError).toBeInstanceOf(GmailRawMessageError);
  expect((result.fieldsError as Error).message).toMatch(message);
}

const chunked = (text: string, size: number): string[] =>
  Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));

describe('a well-formed answer', () => {
  test('gives the decoded message and the fields', async () => {
    await expectSplit([answer(MIME.toString('base64url'))]);
  });

  test('is read the same when pretty-printed, fields reordered, unknown fields nested', async () => {
    const pretty = JSON.stringify(
      {
        payload: {
          headers: [{ name: 'X-Odd', value: 'braces } ] { [ and "quotes" \\ here' }],
          parts: [[], {}],
        },
        internalDate: FIELDS.internalDate,
        raw: MIME.toString('base64url'),
        labelIds: FIELDS.labelIds,
        historyId: FIELDS.historyId,
        threadId: FIELDS.threadId,
        empty: null,
        flag: true,
        ratio: -1.5e3,
        sizeEstimate: FIELDS.sizeEstimate,
        id: FIELDS.id,
      },
      null,
      '\t',
    ).replace(/\n/g, '\r\n   \n');
    await expectSplit([pretty]);
  });

  test('is read the same when split at any one position', async () => {
    const document = answer(MIME.toString('base64url'));
    for (let at = 0; at <= document.length; at++) {
      await expectSplit([document.slice(0, at), document.slice(at)]);
    }
  });

  test.each([1, 2, 3, 5, 7])(
    'is read the same in chunks of %i bytes, pretty-printed or compact',
    async (size) => {
      const raw = MIME.toString('base64url');
      await expectSplit(chunked(answer(raw), size));
      await expectSplit(chunked(JSON.stringify(JSON.parse(answer(raw)), null, 2), size));
    },
  );

  test('splits a multi-byte UTF-8 character in a kept field across chunks', async () => {
    const document = Buffer.from(answer(MIME.toString('base64url'), { id: 'é😀' }));
    const at = document.indexOf('😀');
    const result = await split([document.subarray(0, at + 2), document.subarray(at + 2)]);
    expect(result.fields?.id).toBe('é😀');
  });

  test('decodes escapes in the small fields', async () => {
    const document = answer(MIME.toString('base64url')).replace(
      `"id":"${FIELDS.id}"`,
      '"id":"a\\"b\\\\c\\/d\\u00e9\\ud83d\\ude00\\n"',
    );
    expect((await split([document])).fields?.id).toBe('a"b\\c/dé😀\n');
  });

  test('accepts historyId and internalDate written as numbers, and defaults what is missing', async () => {
    const document = JSON.stringify({
      id: 'm',
      threadId: 't',
      raw: 'YQ',
      historyId: 42,
      internalDate: 1760433127000,
    });
    await expectSplit([document], Buffer.from('a'), {
      id: 'm',
      threadId: 't',
      labelIds: [],
      sizeEstimate: null,
      historyId: '42',
      internalDate: '1760433127000',
    });
  });
});

describe('the base64 in raw', () => {
  test.each([0, 1, 2, 3, 4, 5])('decodes %i trailing bytes with or without "=" padding', async (extra) => {
    const mime = Buffer.concat([MIME, Buffer.from('xyzab'.slice(0, extra))]);
    await expectSplit([answer(mime.toString('base64url'))], mime);
    await expectSplit([answer(mime.toString('base64url').padEnd(Math.ceil(mime.length / 3) * 4, '='))], mime);
  });

  test("accepts the standard alphabet's + and / as well as - and _", async () => {
    const mime = Buffer.from([0xfb, 0xff, 0xbf, 0x3e, 0x3f, 0x00, 0xfa]);
    await expectSplit([answer(mime.toString('base64'))], mime);
    await expectSplit([answer(mime.toString('base64url'))], mime);
  });

  test('accepts JSON escapes: \\/ and \\u002B, and escaped line breaks between groups', async () => {
    const mime = Buffer.from([0xfb, 0xff, 0xbf, 0x3e, 0x3f, 0x00, 0xfa, 0x41, 0x42]);
    const base64 = mime.toString('base64');
    const wrapped = `${base64.slice(0, 4)}\n${base64.slice(4)}`
      .replace(/\//g, '\\/')
      .replace(/\+/g, '\\u002B')
      .replace(/\n/g, '\\r\\n');
    const document = JSON.stringify({ id: 'm', threadId: 't', raw: 'PLACEHOLDER' }).replace(
      'PLACEHOLDER',
      wrapped,
    );
    const fields = {
      id: 'm',
      threadId: 't',
      labelIds: [],
      sizeEstimate: null,
      historyId: null,
      internalDate: null,
    };
    for (let at = 0; at <= document.length; at++) {
      await expectSplit([document.slice(0, at), document.slice(at)], mime, fields);
    }
  });
});

describe('a malformed answer', () => {
  const raw = MIME.toString('base64url');
  test.each([
    ['not an object', '["raw"]', /no opening "\{"/],
    [
      'an error answer with no raw',
      '{"error":{"code":404,"message":"Requested entity was not found."}}',
      /no raw/,
    ],
    ['no colon', `{"id" "x","raw":"${raw}"}`, /":" after a field name/],
    ['no comma', `{"id":"x" "raw":"${raw}"}`, /"," or "\}"/],
    ['text after the object', `${answer(raw)} {}`, /goes on after its object/],
    ['the object cut short', answer(raw).slice(0, -10), /ended before its object closed/],
    ['raw cut short', answer(raw).slice(0, answer(raw).indexOf(raw) + 10), /ended before its object closed/],
    ['raw not a string', '{"id":"x","threadId":"t","raw":null}', /no string for raw/],
    ['a character that is not base64', answer(raw.slice(0, 8) + '*' + raw.slice(8)), /not base64url/],
    ['a space in raw', answer(raw.slice(0, 8) + ' ' + raw.slice(8)), /not base64url/],
    ['data after padding', answer('YQ==YQ'), /not base64url/],
    [
      'a last group of one character',
      answer(raw + 'Q'.repeat(((4 - (raw.length % 4)) % 4) + 1)),
      /truncated last group/,
    ],
    ['a second raw', answer(raw).slice(0, -1) + ',"raw":"YQ"}', /second raw/],
    ['a bad escape in raw', answer('YWBAD').replace('YWBAD', 'YW\\x'), /bad escape/],
    [
      'a bad literal',
      answer(raw, { sizeEstimate: 'x' }).replace('"sizeEstimate":"x"', '"sizeEstimate":nul'),
      /not JSON/,
    ],
    ['an unknown field with a bad literal', answer(raw).replace('{', '{"extra":tru,'), /not JSON/],
    [
      'a control character in a string',
      answer(raw).replace('"snippet":"', '"snippet":"\u0001'),
      /control character/,
    ],
    ['no id', JSON.stringify({ threadId: 't', raw }), /no id/],
    ['labelIds not a list of strings', answer(raw, { labelIds: [1] }), /labelIds/],
    ['an empty body', '', /ended before its object closed/],
  ])('%s: raw errors and fields rejects', async (_what, document, message) => {
    await expectMalformed(document, message);
  });

  test('the error says where, never what the message said', async () => {
    const result = await split([answer('secret*name@example.org')]);
    expect((result.rawError as Error).message).not.toMatch(/secret|example/);
  });
});

describe('streams', () => {
  test('a failing body fails raw and rejects fields', async () => {
    const body = new Readable({ read() {} });
    body.push(answer(MIME.toString('base64url')).slice(0, 80));
    setImmediate(() => body.destroy(new Error('socket hang up')));
    const { raw, fields } = splitGmailRawMessage(body);
    await expect(finished(raw.resume())).rejects.toThrow('socket hang up');
    await expect(fields).rejects.toThrow(GmailRawMessageError);
  });

  test('destroying raw before the end stops reading the body and rejects fields', async () => {
    const body = Readable.from(chunked(answer(Buffer.alloc(1_000_000, 7).toString('base64url')), 65_536));
    const { raw, fields } = splitGmailRawMessage(body);
    raw.once('data', () => raw.destroy());
    await expect(fields).rejects.toThrow('not read to the end');
    expect(body.destroyed).toBe(true);
  });

  test('a 30 MB message fed in 64 KB chunks comes out whole, the body never read far ahead of it', async () => {
    const total = 30 * 1024 * 1024;
    const sent = createHash('sha256');
    let bodyBytes = 0;
    // Gmail's answer, made as it is read: the prefix, the raw value 48 KB of message at a time
    // (whole base64 groups, so the pieces join), then the suffix.
    function* document(): Generator<Buffer> {
      const [prefix = '', suffix = ''] = answer('RAW').split('RAW');
      yield Buffer.from(prefix);
      let state = 1;
      for (let made = 0; made < total; made += 49_152) {
        const piece = Buffer.alloc(Math.min(49_152, total - made));
        for (let i = 0; i < piece.length; i += 4)
          piece.writeUInt32LE((state = (state * 1_664_525 + 1_013_904_223) >>> 0), i);
        sent.update(piece);
        yield Buffer.from(piece.toString('base64url'));
      }
      yield Buffer.from(suffix);
    }
    const pieces = document();
    const body = new Readable({
      highWaterMark: 65_536,
      read() {
        const next = pieces.next();
        if (next.done) this.push(null);
        else {
          bodyBytes += next.value.length;
          this.push(next.value);
        }
      },
    });
    const { raw, fields } = splitGmailRawMessage(body);
    const received = createHash('sha256');
    let receivedBytes = 0;
    let furthestAhead = 0;
    for await (const chunk of raw) {
      received.update(chunk as Buffer);
      receivedBytes += (chunk as Buffer).length;
      // Base64 is 4/3 of the bytes it carries; how much of the body has been read but not yet handed on?
      furthestAhead = Math.max(furthestAhead, bodyBytes - (receivedBytes * 4) / 3);
      await new Promise<void>((resolve) => setImmediate(resolve)); // a consumer slower than the body
    }
    expect(receivedBytes).toBe(total);
    expect(received.digest('hex')).toBe(sent.digest('hex'));
    await expect(fields).resolves.toEqual(FIELDS);
    expect(furthestAhead).toBeLessThan(1024 * 1024);
  }, 20_000);
});
