// The peer corpus of malformed and edge-case MIME (test/fixtures/mime-corpus/README.md): every
// message is read or held with a reason, none throws or hangs, and none whose content was lost
// counts as read. The table records what each gives today, so a change of behaviour (say, after
// a mailparser upgrade) shows up here.
import { createReadStream, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readMessage } from '../../../functions/src/adapters/mail/read-message';
import type { ReadOutcome } from '../../../functions/src/domain/intake/inbound-message';

const CORPUS = join(__dirname, '../../fixtures/mime-corpus');

/** One line per outcome: "read: text + 2 attachments", "read: 1 attachment", "unreadable: empty". */
function summary(outcome: ReadOutcome): string {
  if (outcome.kind === 'unreadable') return `unreadable: ${outcome.reason}`;
  const { textCharacters, attachments } = outcome.message;
  const parts = [
    ...(textCharacters > 0 ? ['text'] : []),
    ...(attachments.length > 0
      ? [`${attachments.length} attachment${attachments.length === 1 ? '' : 's'}`]
      : []),
  ];
  return `read: ${parts.join(' + ')}`;
}

const EXPECTED: Record<string, string> = {
  'mailparser__base64encodedroot.eml': 'read: 1 attachment', // the root part is a base64 PNG
  'mailparser__decoderended.eml': 'read: text + 1 attachment', // an empty message/rfc822 part (0 bytes)
  'mailparser__delivery-status.eml': 'read: text + 2 attachments', // the delivery-status part and the returned message/rfc822
  'mailparser__mixed.eml': 'read: text',
  'mailparser__nested.eml': 'read: text',
  'mailparser__spam.eml': 'read: text', // HTML only: counted from the HTML, mailparser gives no text
  'mime4j__bad-newlines-multiple-parts-base64.eml': 'read: 1 attachment', // the base64 message/rfc822, opened: it carries no part
  'mime4j__base64encoded-rfc822message-nested.eml': 'read: 2 attachments', // the base64 message/rfc822, and the part it carries
  'mime4j__basic-plain-very-long-lines.eml': 'read: text',
  'mime4j__basic-plain-with-bad-header-separator.eml': 'read: text',
  'mime4j__boundary-name-clash.eml': 'read: text + 1 attachment',
  'mime4j__ending-boundaries.eml': 'unreadable: empty', // content lost (corpus README)
  'mime4j__malformedHeader-nocrlfcrlf.eml': 'read: text',
  'mime4j__malformedHeader-noheader.eml': 'unreadable: empty', // content lost (corpus README)
  'mime4j__misplaced-boundary.eml': 'read: text',
  'mime4j__missing-boundary.eml': 'unreadable: empty', // content lost (corpus README)
  'mime4j__missing-inner-boundary.eml': 'read: text',
  'mime4j__missing-inner-start-boundary.eml': 'read: text',
  'mime4j__multipartdigestnestedemptyparts.eml': 'read: text',
  'mime4j__multipartemptypart.eml': 'unreadable: empty', // one part with no headers and no body
  'mime4j__multipartnopart.eml': 'unreadable: empty', // content lost (corpus README)
  'mime4j__obsolete.eml': 'read: text',
  'mime4j__russian-headers.eml': 'read: 1 attachment', // "Список.doc", declared text/plain
  'mime4j__very-very-long-boundary.eml': 'read: text',
  'mime4j__weird-boundary.eml': 'read: text',
  'mimetools__badbound.eml': 'unreadable: empty', // boundary and delimiters folded over two lines: no part found
  'mimetools__hdr-fakeout.eml': 'unreadable: empty', // a "blank" line holding a space: the body is read as headers
  'mimetools__infinite.eml': 'read: 1 attachment', // text/plain with a name: a file, whose name is checked
  'mimetools__multi-2evil.eml': 'read: text + 2 attachments',
  'mimetools__x-gzip64.eml': 'read: 1 attachment', // text/plain named ".signature": a file
};

const files = readdirSync(CORPUS).filter((name) => name.endsWith('.eml'));

test('the table covers every message in the corpus', () => {
  expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
});

test.each(files)('%s', async (file) => {
  const outcome = await readMessage(createReadStream(join(CORPUS, file), { highWaterMark: 256 }), {
    trustedAuthservId: 'mx.google.com',
    maxBytes: 1_000_000,
  });
  expect(summary(outcome)).toBe(EXPECTED[file]);
  expect(outcome.kind === 'unreadable' ? outcome.detail : '').not.toMatch(/@/);
});

test.each([
  'mime4j__missing-boundary.eml',
  'mime4j__ending-boundaries.eml',
  'mime4j__multipartnopart.eml',
  'mime4j__malformedHeader-noheader.eml',
])('%s, which loses its content, is never taken for a report', async (file) => {
  const outcome = await readMessage(createReadStream(join(CORPUS, file)), {
    trustedAuthservId: 'mx.google.com',
    maxBytes: 1_000_000,
  });
  expect(outcome.kind).toBe('unreadable');
});
