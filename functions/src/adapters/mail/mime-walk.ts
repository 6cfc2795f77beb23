// One pass of mailparser's streaming MailParser over an email (the one received, or one attached
// to it): its headers, how much text it has, and every part read as it streams past (read-part),
// without holding attachments. Used for the email itself and, one level down each time, for the
// emails attached to it.
import type {
  AttachmentStream,
  HeaderLines,
  Headers,
  MailParser,
  MailParserOptions,
  MessageText,
} from 'mailparser';
import { mailparser } from './mailparser-package';
import { returnedHeaders, type ReturnedHeaders } from './message-headers';
import type { deliveryStatusRecipients } from './notice-parts';
import { mentionsIn } from './mentions';
import { textCharacters } from './text-characters';
import type { AttachmentFacts } from '../../domain/intake/inbound-message';

export interface PartContext {
  /** Depth of the email the part belongs to (0: the email itself). */
  readonly depth: number;
  /** The attached emails above it, outermost first, by file name. */
  readonly within: readonly string[];
}

export interface PartResult {
  /** This part, then every part inside it when it is an attached email. */
  readonly facts: readonly AttachmentFacts[];
  /** Per-recipient results, when the part is a delivery status notification's. */
  readonly deliveryStatus: ReturnType<typeof deliveryStatusRecipients> | null;
  /** The headers of the message a bounce or receipt returns (an attached email or its headers). */
  readonly returned: ReturnedHeaders | null;
  /** The Message-ID a read receipt names. */
  readonly receiptOf: string | null;
}

/** Reads one part; passed in so that reading an attached email can walk it in turn. */
export type PartReader = (attachment: AttachmentStream, context: PartContext) => Promise<PartResult>;

// HTML longer than this is not converted to text (html-to-text is slow on megabytes of markup);
// its visible text is counted by text-characters instead.
const MAX_HTML_TO_CONVERT = 1_000_000;

const PARSER_OPTIONS: MailParserOptions = {
  checksumAlgo: false, // the inspector takes SHA-256 itself
  skipTextToHtml: true,
  skipTextLinks: true,
  skipImageLinks: true,
  maxHtmlLengthToParse: MAX_HTML_TO_CONVERT,
  // Delivery reports become parts to read, not text to count.
  keepDeliveryStatus: true,
  // Every attached email is a part read-part opens, whatever its disposition, so the depth of
  // nesting is ours to bound (mailsplit would otherwise splice inline ones in, to any depth).
  ignoreEmbedded: true,
};

export interface MimeWalkResult {
  readonly headers: { readonly map: Headers; readonly lines: HeaderLines } | null;
  /** The headers as a bounce's returned message is read: which message it is about. */
  readonly returned: ReturnedHeaders | null;
  readonly characters: number;
  readonly mentioned: { readonly addresses: readonly string[]; readonly messageIds: readonly string[] };
  readonly parts: readonly PartResult[];
  /** Why the MIME could not be read to the end (words for a coordinator), or null. */
  readonly failed: string | null;
}

export interface MimeWalk {
  /** Writes a chunk; a promise to wait for when the parser is full. */
  write(chunk: Buffer): Promise<void> | undefined;
  end(last?: Buffer): void;
  /** Stops everything still under way; the result then says what was learnt. */
  destroy(): void;
  readonly result: Promise<MimeWalkResult>;
  /** The parser's headers as soon as they are read (the email itself needs them early). */
  onHeaders(listener: (map: Headers, lines: HeaderLines) => void): void;
  /** Each part as soon as it has been read, in the order they finish. */
  onPart(listener: (part: PartResult) => void): void;
}

interface MimeNodeLike {
  readonly filename?: string | false;
}
interface CreatedNode {
  isAttachment?: boolean;
}

/**
 * A part with a file name is an attachment whatever its type or disposition: mailparser folds
 * `text/plain; name="update.js"` shown inline into the body text, where its name is never seen.
 * MailParser has no option for this, so its node factory is wrapped; a mailparser that no
 * longer has one fails here, loudly, rather than letting named text through unchecked.
 */
function namedPartsAreAttachments(parser: MailParser): void {
  const internals = parser as unknown as { createNode?: (node: MimeNodeLike) => CreatedNode };
  const create = internals.createNode;
  if (typeof create !== 'function') {
    throw new Error('mailparser has no createNode: check how named text parts are told from the body');
  }
  internals.createNode = (node: MimeNodeLike): CreatedNode => {
    const made = create.call(parser, node);
    if (made.isAttachment === false && typeof node.filename === 'string' && node.filename !== '') {
      made.isAttachment = true;
    }
    return made;
  };
}

/** A coordinator-safe account of a parser failure: mailparser's messages can quote the message. */
export function parseFailure(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return code === 'EMAXLEN'
    ? 'The email has more parts, or larger headers, than the reader allows.'
    : 'The email’s MIME structure could not be read.';
}

export function walkMime(context: PartContext, readPart: PartReader): MimeWalk {
  const parser = new (mailparser().MailParser)(PARSER_OPTIONS);
  namedPartsAreAttachments(parser);
  const parts: Promise<PartResult>[] = [];
  const streaming = new Set<AttachmentStream>();
  let headers: MimeWalkResult['headers'] = null;
  let characters = 0;
  let mentioned: MimeWalkResult['mentioned'] = { addresses: [], messageIds: [] };
  let failed: string | null = null;
  let finish: (result: MimeWalkResult) => void = () => undefined;
  const result = new Promise<MimeWalkResult>((resolve) => {
    finish = resolve;
  });
  let settled = false;
  const settle = async (): Promise<void> => {
    if (settled) return;
    settled = true;
    // A part that failed makes the walk fail, but what the others found is still reported.
    const read = await Promise.all(parts.map((p) => p.catch(() => null)));
    if (read.includes(null)) failed ??= 'An attachment could not be decoded.';
    finish({
      headers,
      // Only an attached email is ever a returned one (the email itself has its own header facts).
      returned: headers === null || context.depth === 0 ? null : returnedHeaders(headers.map, headers.lines),
      characters,
      mentioned,
      parts: read.filter((p): p is PartResult => p !== null),
      failed,
    });
  };
  const fail = (detail: string): void => {
    failed ??= detail;
    for (const part of streaming) part.content.destroy();
    if (!parser.destroyed) parser.destroy();
    void settle();
  };
  const listeners: ((map: Headers, lines: HeaderLines) => void)[] = [];
  const partListeners: ((part: PartResult) => void)[] = [];
  // Every handler runs under this, so nothing thrown inside one escapes as an uncaught exception.
  const guarded =
    <A extends unknown[]>(handler: (...args: A) => void) =>
    (...args: A): void => {
      if (settled) return;
      try {
        handler(...args);
      } catch (error) {
        fail(parseFailure(error));
      }
    };

  parser.on(
    'headers',
    guarded(() => {
      if (parser.headers === false || parser.headerLines === false) return;
      headers = { map: parser.headers, lines: parser.headerLines };
      for (const listener of listeners) listener(parser.headers, parser.headerLines);
    }),
  );
  parser.on(
    'data',
    guarded((item: AttachmentStream | MessageText) => {
      if (item.type === 'text') {
        characters = textCharacters(item.text, item.html);
        mentioned = mentionsIn(item.text);
        return;
      }
      streaming.add(item);
      const part = readPart(item, context)
        .then((read) => {
          for (const listener of partListeners) listener(read);
          return read;
        })
        .finally(() => {
          streaming.delete(item);
          item.release?.();
        });
      // A part's own failure is reported by settle; this keeps it from being unhandled meanwhile.
      part.catch(() => {
        failed ??= 'An attachment could not be decoded.';
      });
      parts.push(part);
    }),
  );
  parser.on('error', (error: unknown) => {
    fail(parseFailure(error));
  });
  parser.on(
    'end',
    guarded(() => {
      void settle();
    }),
  );

  return {
    write(chunk) {
      if (settled || parser.writableEnded) return undefined;
      if (parser.write(chunk)) return undefined;
      return new Promise((resolve) => {
        // Destroyed while full (reading stopped): 'close' comes instead of 'drain'.
        const go = (): void => {
          parser.off('drain', go);
          parser.off('close', go);
          resolve();
        };
        parser.once('drain', go);
        parser.once('close', go);
      });
    },
    end(last) {
      if (!settled && !parser.writableEnded) parser.end(last);
    },
    destroy() {
      fail(failed ?? 'Reading stopped before the end of the email.');
    },
    result,
    onHeaders(listener) {
      listeners.push(listener);
    },
    onPart(listener) {
      partListeners.push(listener);
    },
  };
}
