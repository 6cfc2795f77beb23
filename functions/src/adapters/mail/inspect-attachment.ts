// Looks at an attachment's bytes as they stream past (hash, size, and what the bytes really are)
// without holding the attachment: a 25 MB report costs a few dozen bytes of carry-over.
import { createHash } from 'node:crypto';
import type { AttachmentFacts, AttachmentFinding } from '../../domain/intake/inbound-message';
import { claimsDocument, declaresMarkup, declaresPdf, isTnef } from '../../domain/intake/attachment-risk';
import { MarkupScanner, PdfScanner, sniffMarkup } from './active-content';
import {
  entryFindings,
  FIXED_PART,
  headerLength,
  LOCAL_HEADER_SIGNATURE,
  truncatedHeaderFindings,
} from './zip-local-header';

/** What the sender's MIME headers claimed; the bytes are judged on their own. */
export interface DeclaredAttachment {
  readonly filename: string | null;
  /** Lower-cased MIME type. */
  readonly contentType: string;
}

export type Inspection = Pick<AttachmentFacts, 'size' | 'sha256' | 'findings'>;

const FINDING_ORDER: readonly AttachmentFinding[] = [
  'executable-content',
  'macro-project',
  'encrypted-archive',
  'risky-archive-entry',
  'nested-archive',
  'uninspectable-archive',
  'tnef',
  'active-content',
  'pdf-actions',
  'disguised-content',
  'nested-too-deep',
  'unreadable-message',
];

const bytes = (...values: number[]): Buffer => Buffer.from(values);

// Formats are told by their first bytes (the file's "magic").
const EXECUTABLE_MAGIC = [
  Buffer.from('MZ'), // DOS and Windows programs and libraries (PE)
  bytes(0x7f, 0x45, 0x4c, 0x46), // ELF: Linux, Android native code
  bytes(0xfe, 0xed, 0xfa, 0xce), // Mach-O 32-bit, big-endian
  bytes(0xfe, 0xed, 0xfa, 0xcf), // Mach-O 64-bit, big-endian
  bytes(0xce, 0xfa, 0xed, 0xfe), // Mach-O 32-bit
  bytes(0xcf, 0xfa, 0xed, 0xfe), // Mach-O 64-bit
  bytes(0xca, 0xfe, 0xba, 0xbe), // Mach-O universal binary (and Java class files)
  Buffer.from('#!'), // a script naming its interpreter
];
const UNINSPECTABLE_ARCHIVE_MAGIC = [
  bytes(0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c), // 7z
  bytes(0x52, 0x61, 0x72, 0x21, 0x1a, 0x07), // RAR 4 and 5: "Rar!\x1a\x07"
  bytes(0x1f, 0x8b, 0x08), // gzip (deflate)
  bytes(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00), // xz
  bytes(0x4d, 0x53, 0x43, 0x46, 0x00, 0x00, 0x00, 0x00), // Microsoft cabinet: "MSCF\0\0\0\0"
];
// bzip2: "BZh", a block size digit, then the block magic (pi's digits), so text starting "BZh" is not taken for one.
const BZIP2 = /^BZh[1-9]\x31\x41\x59\x26\x53\x59/;
const OLE_MAGIC = bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1);
const TNEF_MAGIC = bytes(0x78, 0x9f, 0x3e, 0x22);
const PDF_MAGIC = Buffer.from('%PDF-');
// Enough to tell markup from its start (a byte order mark, an XML declaration, a doctype) and to
// find a PDF header, which may follow up to 1,024 bytes of something else (ISO 32000-1 7.5.2).
const HEAD_BYTES = 1024;

// Directory entry names in an OLE compound file (Word 97–2003 .doc, Excel .xls) are UTF-16LE. A
// VBA project lives in a storage named "Macros" (Word) or "_VBA_PROJECT_CUR" (Excel) holding a
// "_VBA_PROJECT" stream. "Macros" is matched with its terminating NUL so that a document whose
// text (also UTF-16LE in .doc) merely says "Macros" is not taken for one.
const OLE_MACRO_NAMES = [Buffer.from('_VBA_PROJECT', 'utf16le'), Buffer.from('Macros\0', 'utf16le')];

// A pattern can straddle two chunks: the last bytes of one are searched again with the next.
const TAIL_BYTES = Math.max(LOCAL_HEADER_SIGNATURE.length, ...OLE_MACRO_NAMES.map((p) => p.length)) - 1;

/** A ZIP local header whose signature has been seen but whose name has not all arrived. */
interface PendingHeader {
  /** Offset of the signature in the attachment. */
  readonly start: number;
  bytes: Buffer;
}

/**
 * Feed it the decoded bytes with `update`, in whatever chunks they come, then call `finish`
 * once. Memory stays bounded: a few dozen bytes of tail, plus one ZIP header while its name is
 * split across chunks (at most 30 + 65,535 bytes, as the name length is 16 bits).
 */
export class AttachmentInspector {
  private readonly hash = createHash('sha256');
  private readonly found = new Set<AttachmentFinding>();
  private size = 0;
  private head = Buffer.alloc(0);
  private tail = Buffer.alloc(0);
  private sawOleMacroName = false;
  /** Where the next ZIP signature may start, so a header is read once however chunks fall. */
  private nextZipSearch = 0;
  private pending: PendingHeader | null = null;
  /** Markup and PDF scanners: made at once when the name or type says so, else once the head is known. */
  private markup: MarkupScanner | null = null;
  private pdf: PdfScanner | null = null;
  private sniffed = false;

  constructor(private readonly declared: DeclaredAttachment) {
    if (declaresMarkup(declared.filename, declared.contentType)) this.markup = new MarkupScanner();
    if (declaresPdf(declared.filename, declared.contentType)) this.pdf = new PdfScanner();
  }

  update(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.hash.update(chunk);
    const seen = this.head;
    if (seen.length < HEAD_BYTES) {
      this.head = Buffer.concat([seen, chunk.subarray(0, HEAD_BYTES - seen.length)]);
      // Scanners the head calls for start on the bytes before this chunk, then take it below.
      if (this.head.length >= HEAD_BYTES) this.sniff(seen);
    }
    this.markup?.update(chunk);
    this.pdf?.update(chunk);
    const windowStart = this.size - this.tail.length;
    this.size += chunk.length;
    this.feedPending(chunk);

    const window = this.tail.length === 0 ? chunk : Buffer.concat([this.tail, chunk]);
    this.scanZipHeaders(window, windowStart);
    if (!this.sawOleMacroName) this.sawOleMacroName = OLE_MACRO_NAMES.some((name) => window.includes(name));
    // A copy, so the tail does not keep the whole chunk alive.
    this.tail = Buffer.from(window.subarray(Math.max(0, window.length - TAIL_BYTES)));
  }

  /**
   * Once the head is known, starts the scanners the bytes call for whatever the name says (an
   * HTML page named report.pdf opens in a browser from a webmail preview), scanning the head
   * they missed.
   */
  private sniff(before: Buffer): void {
    if (this.sniffed) return;
    this.sniffed = true;
    if (this.markup === null && sniffMarkup(this.head) !== null) {
      this.markup = new MarkupScanner();
      this.markup.update(before);
    }
    if (this.pdf === null && this.head.includes(PDF_MAGIC)) {
      this.pdf = new PdfScanner();
      this.pdf.update(before);
    }
  }

  finish(): Inspection {
    if (this.pending !== null) this.record(truncatedHeaderFindings(this.pending.bytes));
    this.pending = null;
    // A file shorter than the head: every byte is in it, and no scanner has seen them yet.
    this.sniff(this.head);
    this.pdf?.finish();
    const head = this.head;
    const { filename, contentType } = this.declared;
    if (this.markup?.found === true) this.found.add('active-content');
    if (this.pdf?.found === true) this.found.add('pdf-actions');
    if (sniffMarkup(head) !== null && claimsDocument(filename, contentType))
      this.found.add('disguised-content');
    if (EXECUTABLE_MAGIC.some((magic) => startsWith(head, magic))) this.found.add('executable-content');
    if (startsWith(head, OLE_MAGIC) && this.sawOleMacroName) this.found.add('macro-project');
    if (
      UNINSPECTABLE_ARCHIVE_MAGIC.some((magic) => startsWith(head, magic)) ||
      BZIP2.test(head.toString('latin1'))
    ) {
      this.found.add('uninspectable-archive');
    }
    if (startsWith(head, TNEF_MAGIC) || isTnef(this.declared.filename, this.declared.contentType)) {
      this.found.add('tnef');
    }
    return {
      size: this.size,
      sha256: this.hash.digest('hex'),
      findings: FINDING_ORDER.filter((finding) => this.found.has(finding)),
    };
  }

  private record(findings: readonly AttachmentFinding[]): void {
    for (const finding of findings) this.found.add(finding);
  }

  private scanZipHeaders(window: Buffer, windowStart: number): void {
    if (this.pending !== null) return; // carries on once the header being read is complete
    let from = Math.max(0, this.nextZipSearch - windowStart);
    for (;;) {
      const at = window.indexOf(LOCAL_HEADER_SIGNATURE, from);
      if (at < 0) return;
      const rest = window.subarray(at);
      const length = headerLength(rest);
      if (rest.length < FIXED_PART || (length !== null && rest.length < length)) {
        this.pending = { start: windowStart + at, bytes: Buffer.from(rest) };
        return;
      }
      if (length !== null) this.record(entryFindings(rest.subarray(0, length)));
      from = at + (length ?? 1);
      this.nextZipSearch = windowStart + from;
    }
  }

  /** Adds the start of `chunk` to a header being read; records it once its name is complete. */
  private feedPending(chunk: Buffer): void {
    const pending = this.pending;
    if (pending === null) return;
    let offset = 0;
    for (;;) {
      const need = pending.bytes.length < FIXED_PART ? FIXED_PART : headerLength(pending.bytes);
      if (need === null) {
        this.pending = null;
        this.nextZipSearch = pending.start + 1;
        return;
      }
      if (pending.bytes.length >= need) {
        this.record(entryFindings(pending.bytes.subarray(0, need)));
        this.pending = null;
        this.nextZipSearch = pending.start + need;
        return;
      }
      if (offset >= chunk.length) return;
      const take = chunk.subarray(offset, offset + need - pending.bytes.length);
      pending.bytes = Buffer.concat([pending.bytes, take]);
      offset += take.length;
    }
  }
}

/** Reads `content` to its end through an inspector; rejects if the stream fails. */
export async function inspectAttachment(
  content: AsyncIterable<unknown>,
  declared: DeclaredAttachment,
): Promise<DeclaredAttachment & Inspection> {
  const inspector = new AttachmentInspector(declared);
  for await (const chunk of content) {
    inspector.update(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  }
  return { filename: declared.filename, contentType: declared.contentType, ...inspector.finish() };
}

function startsWith(buffer: Buffer, prefix: Buffer): boolean {
  return buffer.length >= prefix.length && buffer.subarray(0, prefix.length).equals(prefix);
}
