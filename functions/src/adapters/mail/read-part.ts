// Reads one attached part of an email as it streams past: hashes and inspects its bytes, and,
// for an attached email (message/rfc822, an .eml or an Outlook .msg), opens it and inspects what
// it carries, to a fixed depth; for the machine-written parts of automatic mail (a calendar
// answer, a delivery report, returned headers) it reads the few facts they give.
import { Readable } from 'node:stream';
import type { AttachmentStream, HeaderValue } from 'mailparser';
import { emailFileKind } from '../../domain/intake/attachment-risk';
import type { AttachmentFacts, AttachmentFinding, CalendarFacts } from '../../domain/intake/inbound-message';
import { AttachmentInspector, type DeclaredAttachment } from './inspect-attachment';
import { structured, type ReturnedHeaders } from './message-headers';
import { walkMime, type MimeWalkResult, type PartContext, type PartResult } from './mime-walk';
import {
  calendarFacts,
  deliveryStatusRecipients,
  NOTICE_TEXT_LIMIT,
  receiptOriginalMessageId,
} from './notice-parts';
import { outlookAttachments, type OutlookAttachment } from './outlook-message';

/**
 * Attached emails opened inside each other: the email itself is depth 0; attached emails are
 * opened at depths 1 to 3, and one more level down is held unopened. Real forwarding rarely goes
 * past two; the bound keeps a crafted "email inside an email" nest from costing unbounded work.
 */
export const MAX_NESTED_EMAILS = 3;

type Kind = 'mime' | 'outlook' | 'calendar' | 'delivery-status' | 'receipt' | 'headers' | 'file';

function kindOf(declared: DeclaredAttachment): Kind {
  const type = declared.contentType.split(';')[0]?.trim() ?? '';
  // Google Calendar attaches its answer a second time as invite.ics, declared application/ics.
  if (type === 'text/calendar' || type === 'application/ics') return 'calendar';
  if (type === 'message/delivery-status' || type === 'message/global-delivery-status')
    return 'delivery-status';
  if (type === 'message/disposition-notification' || type === 'message/global-disposition-notification')
    return 'receipt';
  if (type === 'text/rfc822-headers' || type === 'message/global-headers') return 'headers';
  return emailFileKind(declared.filename, declared.contentType) ?? 'file';
}

/** What the sender's MIME headers claimed; mailparser guesses octet-stream's type from the name. */
export function declaredOf(attachment: AttachmentStream): DeclaredAttachment {
  const header = attachment.headers.get('content-type');
  const declared =
    typeof header === 'object' && 'value' in header && typeof header.value === 'string'
      ? header.value
      : attachment.contentType;
  return { filename: attachment.filename ?? null, contentType: declared.trim().toLowerCase() };
}

function methodParameter(attachment: AttachmentStream): string | null {
  return structured(attachment.headers.get('content-type'))?.params.method ?? null;
}

/** A copy of the first `limit` bytes, for parts whose text is read. */
class Capture {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  constructor(private readonly limit: number) {}
  add(chunk: Buffer): void {
    if (this.size >= this.limit) return;
    const take = chunk.subarray(0, this.limit - this.size);
    this.chunks.push(Buffer.from(take));
    this.size += take.length;
  }
  get complete(): boolean {
    return this.size < this.limit;
  }
  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** How much of an Outlook .msg is read into memory to open it (it cannot be read as a stream). */
const OUTLOOK_LIMIT = 30_000_000;

export async function readPart(attachment: AttachmentStream, context: PartContext): Promise<PartResult> {
  const declared = declaredOf(attachment);
  const kind = kindOf(declared);
  const inspector = new AttachmentInspector(declared);
  const opens = (kind === 'mime' || kind === 'outlook') && context.depth < MAX_NESTED_EMAILS;
  const inner: PartContext = {
    depth: context.depth + 1,
    within: [...context.within, declared.filename ?? ''],
  };
  const nested = opens && kind === 'mime' ? walkMime(inner, readPart) : null;
  const text =
    kind === 'calendar' || kind === 'delivery-status' || kind === 'receipt' || kind === 'headers'
      ? new Capture(NOTICE_TEXT_LIMIT)
      : opens && kind === 'outlook'
        ? new Capture(OUTLOOK_LIMIT)
        : null;
  await pump(attachment.content, (chunk) => {
    inspector.update(chunk);
    text?.add(chunk);
    return nested?.write(chunk);
  });
  nested?.end();
  const extra: AttachmentFinding[] = [];
  if ((kind === 'mime' || kind === 'outlook') && !opens) extra.push('nested-too-deep');
  let carried: readonly AttachmentFacts[] = [];
  let walked: MimeWalkResult | null = null;
  if (nested !== null) {
    walked = await nested.result;
    if (walked.failed) extra.push('unreadable-message');
    carried = walked.parts.flatMap((p) => p.facts);
  } else if (opens && kind === 'outlook' && text !== null) {
    const outlook = text.complete ? await carriedByOutlook(text.bytes(), inner) : null;
    if (outlook === null) extra.push('unreadable-message');
    else carried = outlook;
  }
  const notice = text !== null && kind !== 'outlook' ? text.bytes().toString('utf8') : null;
  const calendar: CalendarFacts | null =
    kind === 'calendar' && notice !== null ? calendarFacts(notice, methodParameter(attachment)) : null;
  const inspected = inspector.finish();
  const facts: AttachmentFacts = {
    filename: declared.filename,
    contentType: declared.contentType,
    ...inspected,
    findings: [...inspected.findings, ...extra],
    within: context.within,
    // Shown in the body: a Content-ID, and inline or inside multipart/related (Gmail marks the
    // icon of its own bounces as an attachment, inside the related part its HTML shows it from).
    inline:
      attachment.contentId !== undefined &&
      (attachment.contentDisposition === 'inline' || attachment.related === true),
    calendar,
  };
  return {
    facts: [facts, ...carried],
    deliveryStatus: kind === 'delivery-status' && notice !== null ? deliveryStatusRecipients(notice) : null,
    returned: walked?.returned ?? (kind === 'headers' && notice !== null ? await headersOnly(notice) : null),
    receiptOf: kind === 'receipt' && notice !== null ? receiptOriginalMessageId(notice) : null,
  };
}

/** What a .msg carries, each file read as a part of its own; null when it cannot be opened. */
async function carriedByOutlook(bytes: Buffer, context: PartContext): Promise<AttachmentFacts[] | null> {
  const entries = outlookAttachments(bytes);
  if (entries === null) return null;
  const facts: AttachmentFacts[] = [];
  for (const entry of entries) facts.push(...(await readPart(asPart(entry), context)).facts);
  return facts;
}

/**
 * A file from a .msg in the shape mailparser gives a MIME part, so one reader judges both: an
 * embedded Outlook item is declared as a .msg, and opened in turn while the depth allows.
 */
function asPart(entry: OutlookAttachment): AttachmentStream {
  const contentType = entry.embeddedMessage ? 'application/vnd.ms-outlook' : entry.contentType;
  const headers = new Map<string, HeaderValue>([['content-type', { value: contentType, params: {} }]]);
  return {
    type: 'attachment',
    content: Readable.from([Buffer.from(entry.bytes)]),
    contentType,
    partId: null,
    ...(entry.filename === null ? {} : { filename: entry.filename }),
    contentDisposition: entry.inline ? 'inline' : 'attachment',
    ...(entry.inline ? { contentId: '<outlook-inline>' } : {}),
    headers,
    release: null,
  };
}

/** Returned headers (text/rfc822-headers) read as an email with no body. */
async function headersOnly(text: string): Promise<ReturnedHeaders | null> {
  const walk = walkMime({ depth: MAX_NESTED_EMAILS, within: [] }, readPart);
  await walk.write(Buffer.from(`${text.replace(/(\r?\n)+$/, '')}\r\n\r\n`, 'utf8'));
  walk.end();
  return (await walk.result).returned;
}

/** Reads `content` to its end, handing each chunk on and waiting while the receiver is full. */
async function pump(content: Readable, onChunk: (chunk: Buffer) => Promise<void> | undefined): Promise<void> {
  for await (const chunk of content) {
    await onChunk(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  }
}
