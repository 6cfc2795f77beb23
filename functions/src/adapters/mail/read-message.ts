// Reads one raw email (RFC 822 bytes, streamed) into the facts intake needs, holding neither the
// attachments nor the text: each attachment streams through the inspector and is let go (an
// attached email is opened and its own parts inspected the same way), and the text is only
// counted. This file bounds the reading: the size limit, a failing source, what was learnt
// before reading stopped.
import { finished, type Readable } from 'node:stream';
import type { HeaderLines, Headers } from 'mailparser';
import type {
  AttachmentFacts,
  InboundMessage,
  MessageReport,
  ReadOutcome,
} from '../../domain/intake/inbound-message';
import { headerFacts, type HeaderFacts } from './message-headers';
import { walkMime, type MimeWalkResult, type PartResult } from './mime-walk';
import { readPart } from './read-part';

export interface ReadOptions {
  /** The authserv-id of the council's receiving server, e.g. mx.google.com. */
  readonly trustedAuthservId: string;
  /** Bytes of raw message read at most; past it the message is 'too-large'. */
  readonly maxBytes: number;
  /** To/Cc addresses kept at most (all are counted). Default 1,000. */
  readonly recipientLimit?: number;
}

const DEFAULT_RECIPIENT_LIMIT = 1000;

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
    const walk = walkMime({ depth: 0, within: [] }, readPart);
    const recipientLimit = options.recipientLimit ?? DEFAULT_RECIPIENT_LIMIT;
    const headerEnd = new HeaderEnd();
    let headers: HeaderFacts | null = null;
    const attachments: AttachmentFacts[] = [];
    const parts: PartResult[] = [];
    let received = 0;
    /** Why the input was ended before the source was: over the limit, or the source failed. */
    let stopped: { readonly reason: 'too-large' | 'malformed'; readonly detail: string } | null = null;
    let settled = false;

    walk.onPart((part) => {
      // After a stop a part may end only because the input did: not a fact to report.
      if (stopped !== null) return;
      attachments.push(...part.facts);
      parts.push(part);
    });
    walk.onHeaders((map: Headers, lines: HeaderLines) => {
      try {
        headers = headerFacts(map, lines, { trustedAuthservId: options.trustedAuthservId, recipientLimit });
      } catch {
        walk.destroy();
      }
    });

    const message = (walked: MimeWalkResult | null): InboundMessage | null =>
      // Headers cut off part way could end mid-address: none are better than wrong ones.
      headers === null || (stopped !== null && !headerEnd.seen)
        ? null
        : {
            ...headers,
            textCharacters: walked?.characters ?? 0,
            mentioned: walked?.mentioned ?? { addresses: [], messageIds: [] },
            attachments: [...attachments],
            report: headers.origin.contentType === 'multipart/report' ? reportOf(parts) : null,
            size: received,
          };

    const settle = (outcome: ReadOutcome): void => {
      if (settled) return;
      settled = true;
      source.off('data', onData);
      if (!source.readableEnded) source.destroy();
      resolve(outcome);
    };

    /**
     * Ends the parser's input early; what was written is still parsed, so the coordinator learns
     * what the headers (and any attachment before the stop) said.
     */
    const stop = (reason: 'too-large' | 'malformed', detail: string, last?: Buffer): void => {
      stopped = { reason, detail };
      source.off('data', onData);
      if (last !== undefined) headerEnd.watch(last);
      walk.end(last);
      source.destroy();
    };

    const onData = (chunk: Buffer | string): void => {
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
      const full = walk.write(bytes);
      if (full !== undefined) {
        source.pause();
        void full.then(() => source.resume());
      }
    };

    source.on('data', onData);
    finished(source, (error?: Error | null) => {
      if (stopped !== null || settled) return; // destroyed here on purpose
      if (error) stop('malformed', 'The email could not be read to the end: the stream it came from failed.');
      else walk.end();
    });

    void walk.result.then((walked) => {
      const read = message(walked);
      if (stopped !== null) settle({ kind: 'unreadable', partial: read, ...stopped });
      else if (walked.failed !== null) {
        settle({ kind: 'unreadable', reason: 'malformed', partial: read, detail: walked.failed });
      } else settle(outcomeOf(read));
    });
  });
}

/** A bounce's or a receipt's facts, from its machine-written parts (of the email itself only). */
function reportOf(parts: readonly PartResult[]): MessageReport {
  const own = parts.filter((p) => p.facts[0]?.within.length === 0);
  const returned = own.find((p) => p.returned !== null)?.returned ?? null;
  const receiptOf = own.find((p) => p.receiptOf !== null)?.receiptOf ?? null;
  return {
    recipients: own.flatMap((p) => p.deliveryStatus ?? []),
    original:
      returned !== null
        ? { ...returned, messageIdHeader: returned.messageIdHeader ?? receiptOf }
        : receiptOf === null
          ? null
          : { messageIdHeader: receiptOf, recipients: [], replyTo: [], subject: null },
  };
}

function outcomeOf(read: InboundMessage | null): ReadOutcome {
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

function tooLargeDetail(maxBytes: number): string {
  return `The email is larger than the limit of ${megabytes(maxBytes)}, so it was not read to the end.`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;
}
