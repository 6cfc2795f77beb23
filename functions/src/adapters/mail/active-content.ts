// Finds what can run or reach out in an attachment as its bytes stream past: script and event
// handlers in HTML, SVG and XML (and external entities, which make an XML reader fetch or read
// files), and JavaScript, launch actions, embedded files and rich media in a PDF. A report inbox
// has no need for any of them, so a file that has one waits for a person instead of being filed.
// These are scans of the raw bytes, as pdfid and mail gateways do: a PDF name hidden inside a
// compressed object stream (PDF 1.5) is not seen, nor HTML written in an encoding that is not
// ASCII-compatible (UTF-16).

/** Bytes kept from one chunk to the next, so a pattern split across two chunks is still found. */
const MARKUP_TAIL = 512;

// Lower-cased latin1 text. Each pattern is one thing a browser or an XML reader acts on.
const MARKUP_PATTERNS: readonly RegExp[] = [
  /<script[\s/>]/,
  /<(?:object|embed|applet|iframe|frame|foreignobject|form)[\s/>]/,
  // An event handler attribute inside a tag (onload=, onclick=, onmouseover=, …).
  /<[a-z][^<>]{0,400}?[\s"'/]on[a-z]{3,30}\s*=/,
  // javascript: and vbscript: as a link or a CSS url() (after entities are decoded, below); the
  // same words in a sentence are only words.
  /(?:=|url\()\s*["']?\s*(?:java|vb)script\s*:/,
  /<meta[^<>]{0,400}?http-equiv\s*=\s*["']?refresh/,
  // An external entity makes an XML reader fetch a URL or read a local file (XXE).
  /<!entity[^<>]{0,400}?\s(?:system|public)[\s"']/,
];

/**
 * Character references as a browser decodes them in an attribute: "&#106;ava&#x73;cript&#58;" is
 * javascript: to it. Tabs and newlines, which a browser drops from a URL's scheme, go too.
 */
function decoded(text: string): string {
  return text
    .replace(/&#x0*([0-9a-f]{1,6});?|&#0*([0-9]{1,7});?/g, (entity, hex?: string, dec?: string) => {
      const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
      return code > 0x10ffff ? entity : String.fromCodePoint(code);
    })
    .replace(/&colon;/g, ':')
    .replace(/&(?:tab|newline);/g, '')
    .replace(/(?<=[a-z])[\t\n\r]+(?=[a-z:])/g, '');
}

/** Scans HTML, SVG or XML for active content, in chunks of any size. */
export class MarkupScanner {
  private tail = '';
  private hit = false;

  update(chunk: Buffer): void {
    if (this.hit) return;
    // The tail is kept as it came, so a reference split across two chunks is decoded whole.
    const raw = this.tail + chunk.toString('latin1').toLowerCase();
    const window = decoded(raw);
    this.hit = MARKUP_PATTERNS.some((pattern) => pattern.test(window));
    this.tail = raw.slice(-MARKUP_TAIL);
  }

  get found(): boolean {
    return this.hit;
  }
}

// PDF names that run code, start programs, carry files or play Flash (ISO 32000-1 12.6, 7.11.4).
const PDF_ACTION_NAMES = new Set([
  'JavaScript',
  'JS',
  'Launch',
  'EmbeddedFile',
  'EmbeddedFiles',
  'RichMedia',
]);
/** ISO 32000-1 7.3.5: a name is at most 127 bytes; a longer run is not one we look for. */
const LONGEST_NAME = 127;

function isNameByte(byte: number): boolean {
  // Whitespace and the delimiters ( ) < > [ ] { } / % end a name.
  return !(
    byte === 0x00 ||
    byte === 0x09 ||
    byte === 0x0a ||
    byte === 0x0c ||
    byte === 0x0d ||
    byte === 0x20 ||
    byte === 0x28 ||
    byte === 0x29 ||
    byte === 0x3c ||
    byte === 0x3e ||
    byte === 0x5b ||
    byte === 0x5d ||
    byte === 0x7b ||
    byte === 0x7d ||
    byte === 0x2f ||
    byte === 0x25
  );
}

/** A name as the PDF reader sees it: #xx is the byte xx (7.3.5), so /J#61vaScript is /JavaScript. */
function decodeName(raw: string): string {
  return raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Scans a PDF's bytes for the names of actions and contents that can run or carry something. */
export class PdfScanner {
  /** The name being read when the last chunk ended; null when not inside one. */
  private pending: string | null = null;
  private hit = false;

  update(chunk: Buffer): void {
    if (this.hit) return;
    let at = 0;
    if (this.pending !== null) at = this.readName(chunk, 0, this.pending);
    while (!this.found && at < chunk.length) {
      const slash = chunk.indexOf(0x2f, at);
      if (slash < 0) return;
      at = this.readName(chunk, slash + 1, '');
    }
  }

  /** Reads a name from `start`, continuing `sofar`; returns where scanning resumes. */
  private readName(chunk: Buffer, start: number, sofar: string): number {
    let end = start;
    while (end < chunk.length && isNameByte(chunk[end] ?? 0) && sofar.length + end - start <= LONGEST_NAME)
      end++;
    const name = sofar + chunk.toString('latin1', start, end);
    if (end === chunk.length && name.length <= LONGEST_NAME) {
      this.pending = name;
      return end;
    }
    this.pending = null;
    if (PDF_ACTION_NAMES.has(decodeName(name))) this.hit = true;
    return end;
  }

  finish(): void {
    if (this.pending !== null && PDF_ACTION_NAMES.has(decodeName(this.pending))) this.hit = true;
    this.pending = null;
  }

  get found(): boolean {
    return this.hit;
  }
}

export type MarkupKind = 'html' | 'svg' | 'xml';

/**
 * What markup a file's first bytes are, whatever its name says: how a browser or a preview pane
 * would take it. Null when it does not start like markup.
 */
export function sniffMarkup(head: Buffer): MarkupKind | null {
  const text = head
    .toString('latin1')
    .replace(/^\xef\xbb\xbf/, '') // UTF-8 byte order mark
    .trimStart()
    .toLowerCase();
  if (text.startsWith('<?xml')) return /<svg[\s>]/.test(text) ? 'svg' : 'xml';
  if (text.startsWith('<svg')) return 'svg';
  if (
    /^<(?:!doctype\s+html|html|head|body|script|iframe|meta|title|div|p|a|img|table|form)[\s>/]/.test(text)
  ) {
    return 'html';
  }
  if (text.startsWith('<!doctype')) return /<svg[\s>]/.test(text) ? 'svg' : 'xml';
  return null;
}
