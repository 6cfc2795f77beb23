// Reads one raw email (RFC 822 bytes, streamed) into the facts intake needs, holding neither the
// attachments nor the text: each attachment streams through the inspector and is let go, and the
// text is only counted.
import { Duplex, finished, type Readable } from 'node:stream';
import type { AttachmentStream, MailParserOptions, MessageText } from 'mailparser';
import type {
  AttachmentFacts,
  InboundMessage,
  ReadOutcome,
  UnreadableReason,
} from '../../domain/intake/inbound-message';
import { inspectAttachment, type DeclaredAttachment } from './inspect-attachment';
import { mailparser } from './mailparser-package';
import { headerFacts, type HeaderFacts } from './message-headers';
import { textCharacters } from './text-characters';

export interface ReadOptions {
  /** The authserv-id of the council's receiving server, e.g. mx.google.com. */
  readonly trustedAuthservId: string;
  /** Bytes of raw message read at most; past it the message is 'too-large'. */
  readonly maxBytes: number;
  /** To/Cc addresses kept at most (all are counted). Default 1,000. */
  readonly recipientLimit?: number;
}

const DEFAULT_RECIPIENT_LIMIT = 1000;

// HTML longer than this is not converted to text (html-to-text is slow on megabytes of markup);
// its visible text is counted by text-characters instead.
const MAX_HTML_TO_CONVERT = 1_000_000;

const PARSER_OPTIONS: MailParserOptions = {
  checksumAlgo: false, // the inspector takes SHA-256 itself
  skipTextToHtml: true,
  skipTextLinks: true,
  skipImageLinks: true,
  maxHtmlLengthToParse: MAX_HTML_TO_CONVERT,
};

/**
 * Reads `source` to its end, or to `maxBytes`. The promise always resolves (never rejects): bad
 * MIME, a failing stream and an oversized message each give an 'unreadable' outcome. The source
 * is consumed, and destroyed if reading stops early.
 *
 * mailparser's streaming MailParser is used rather than simpleParser, which would buffer every
 * attachment. Text parts are still buffered by mailparser until the end of the message (it
 * joins them into one string), so maxBytes is also what bounds the memory text can take.
 */
export function readMessage(source: Readable, options: ReadOptions): Promise<ReadOutcome> {
  return new Promise((resolve) => {
    const parser = new (mailparser().MailParser)(PARSER_OPTIONS);
    const recipientLimit = options.recipientLimit ?? DEFAULT_RECIPIENT_LIMIT;
    const attachments: AttachmentFacts[] = [];
    const inspections: Promise<void>[] = [];
    const streaming = new Set<Readable>();
    const headerEnd = new HeaderEnd();
    let headers: HeaderFacts | null = null;
    let characters = 0;
    let received = 0;
    /** Why the input was ended before the source was: over the limit, or the source failed. */
    let stopped: { readonly reason: 'too-large' | 'malformed'; readonly detail: string } | null = null;
    let settled = false;

    const message = (): InboundMessage | null =>
      // Headers cut off part way could end mid-address: none are better than wrong ones.
      headers === null || (stopped !== null && !headerEnd.seen)
        ? null
        : { ...headers, textCharacters: characters, attachments: [...attachments], size: received };

    const settle = (outcome: ReadOutcome): void => {
      if (settled) return;
      settled = true;
      source.off('data', onData);
      // Stop the work still under way; their errors have listeners and are ignored from now on.
      if (!source.readableEnded) source.destroy();
      if (!parser.readableEnded) parser.destroy();
      for (const content of streaming) content.destroy();
      resolve(outcome);
    };
    const unreadable = (reason: UnreadableReason, detail: string): void => {
      settle({ kind: 'unreadable', reason, partial: message(), detail });
    };
    // Every handler runs under this, so nothing thrown inside one escapes as an uncaught exception.
    const guarded =
      <A extends unknown[]>(handler: (...args: A) => void) =>
      (...args: A): void => {
        if (settled) return;
        try {
          handler(...args);
        } catch (error) {
          unreadable('malformed', parseFailure(error));
        }
      };

    /**
     * Ends the parser's input early; what was written is still parsed, so the coordinator learns
     * what the headers (and any attachment before the stop) said.
     */
    const stop = (reason: 'too-large' | 'malformed', detail: string, last?: Buffer): void => {
      stopped = { reason, detail };
      source.off('data', onData);
      if (last !== undefined) headerEnd.watch(last);
      parser.end(last);
      source.destroy();
    };

    const onData = guarded((chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      received += bytes.length;
      if (received > options.maxBytes) {
        stop(
          'too-large',
          tooLargeDetail(options.maxBytes),
          bytes.subarray(0, bytes.length - (received - options.maxBytes)),
        );
        return;
      }
      headerEnd.watch(bytes);
      if (!parser.write(bytes)) {
        source.pause();
        parser.once('drain', () => source.resume());
      }
    });

    source.on('data', onData);
    finished(
      source,
      guarded((error?: Error | null) => {
        if (stopped !== null) return; // destroyed here on purpose
        if (error)
          stop('malformed', 'The email could not be read to the end: the stream it came from failed.');
        else parser.end();
      }),
    );

    parser.on(
      'headers',
      guarded(() => {
        if (parser.headers === false || parser.headerLines === false) return;
        headers = headerFacts(parser.headers, parser.headerLines, {
          trustedAuthservId: options.trustedAuthservId,
          recipientLimit,
        });
      }),
    );

    parser.on(
      'data',
      guarded((item: AttachmentStream | MessageText) => {
        if (item.type === 'text') {
          characters = textCharacters(item.text, item.html);
          return;
        }
        const content = item.content;
        streaming.add(content);
        const inspection = inspectAttachment(content, declaredOf(item)).then(
          guarded((facts: AttachmentFacts) => {
            streaming.delete(content);
            // After a stop an attachment may end only because the input did: not a fact to report.
            if (stopped === null) attachments.push(facts);
            item.release?.();
          }),
          guarded(() => {
            unreadable('malformed', 'An attachment could not be decoded.');
          }),
        );
        inspections.push(inspection);
      }),
    );

    parser.on('error', (error: unknown) => {
      if (stopped !== null) unreadable(stopped.reason, stopped.detail);
      else unreadable('malformed', parseFailure(error));
    });

    parser.on(
      'end',
      guarded(() => {
        // mailparser has ended every attachment's content by now; ending any still open is a
        // safety net so that an unexpected structure cannot leave this promise waiting forever.
        for (const content of streaming) {
          if (content instanceof Duplex && !content.writableEnded) content.end();
        }
        void Promise.all(inspections).then(
          guarded(() => {
            settle(outcomeOf(message(), stopped));
          }),
        );
      }),
    );
  });
}

function outcomeOf(
  read: InboundMessage | null,
  stopped: { readonly reason: UnreadableReason; readonly detail: string } | null,
): ReadOutcome {
  if (stopped !== null) return { kind: 'unreadable', partial: read, ...stopped };
  if (read === null) {
    return { kind: 'unreadable', reason: 'malformed', partial: null, detail: 'The email has no headers.' };
  }
  // A zero-byte attachment is no more a report than no attachment: malformed MIME often
  // leaves one behind when it loses a part's content.
  if (read.textCharacters === 0 && !read.attachments.some((a) => a.size > 0)) {
    return {
      kind: 'unreadable',
      reason: 'empty',
      partial: read,
      detail: 'The email has no text and no attachment with content; its MIME structure may be broken.',
    };
  }
  return { kind: 'read', message: read };
}

/** Watches the start of the message for the blank line that ends its header block. */
class HeaderEnd {
  seen = false;
  private carry = Buffer.alloc(0);

  watch(bytes: Buffer): void {
    if (this.seen) return;
    const window = Buffer.concat([this.carry, bytes]);
    this.seen = window.includes('\n\n') || window.includes('\n\r\n');
    this.carry = Buffer.from(window.subarray(-2));
  }
}

function declaredOf(attachment: AttachmentStream): DeclaredAttachment {
  // mailparser swaps application/octet-stream for a type guessed from the file name; the
  // part's own Content-Type header is what the sender declared.
  const header = attachment.headers.get('content-type');
  const declared =
    typeof header === 'object' && 'value' in header && typeof header.value === 'string'
      ? header.value
      : attachment.contentType;
  return { filename: attachment.filename ?? null, contentType: declared.trim().toLowerCase() };
}

function tooLargeDetail(maxBytes: number): string {
  return `The email is larger than the limit of ${megabytes(maxBytes)}, so it was not read to the end.`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;
}

/** A coordinator-safe account of a parser failure: mailparser's messages can quote the message. */
function parseFailure(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return code === 'EMAXLEN'
    ? 'The email has more parts, or larger headers, than the reader allows.'
    : 'The email’s MIME structure could not be read.';
}
