// Just enough RFC 5322 / MIME for Gmail's answers: the top-level header block (metadata format,
// rfc822msgid: search, threading, the recipients and From checks of messages.send) and the text
// snippet Gmail derives from the first text part. Bodies are never decoded beyond the part the
// snippet needs, so a 30 MB attachment costs only a few boundary searches.

export interface Header {
  name: string;
  value: string;
}

export interface SplitMessage {
  /** Top-level headers in order, unfolded, values as UTF-8 text. */
  headers: Header[];
  /** Byte offset just past the last header line (where the blank line starts). */
  headerEnd: number;
  /** Byte offset where the body starts. */
  bodyStart: number;
}

function headerBlockEnd(raw: Buffer): { headerEnd: number; bodyStart: number } {
  // A message (or part) that starts with a blank line has no headers.
  if (raw[0] === 0x0a) return { headerEnd: 0, bodyStart: 1 };
  if (raw[0] === 0x0d && raw[1] === 0x0a) return { headerEnd: 0, bodyStart: 2 };
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  if (crlf !== -1 && (lf === -1 || crlf < lf)) return { headerEnd: crlf + 2, bodyStart: crlf + 4 };
  if (lf !== -1) return { headerEnd: lf + 1, bodyStart: lf + 2 };
  return { headerEnd: raw.length, bodyStart: raw.length };
}

/** Unfolds header lines; lines that are not `name: value` (nor continuations) are skipped. */
export function parseHeaderText(text: string): Header[] {
  const headers: Header[] = [];
  for (const line of text.split(/\r?\n/)) {
    const last = headers[headers.length - 1];
    if (/^[ \t]/.test(line)) {
      if (last !== undefined) last.value += line;
      continue;
    }
    const m = /^([^:\s]+):[ \t]*(.*)$/.exec(line);
    if (m !== null) headers.push({ name: m[1] ?? '', value: m[2] ?? '' });
  }
  return headers.map((h) => ({ name: h.name, value: h.value.trim() }));
}

export function splitMessage(raw: Buffer): SplitMessage {
  const { headerEnd, bodyStart } = headerBlockEnd(raw);
  return { headers: parseHeaderText(raw.subarray(0, headerEnd).toString('utf8')), headerEnd, bodyStart };
}

/**
 * Whether `raw` reads as an RFC 5322 message: a non-empty header block of `name: value` fields
 * (folded lines allowed, not first), optionally followed by a blank line and a body.
 */
export function isRfc822(raw: Buffer): boolean {
  const { headerEnd } = headerBlockEnd(raw);
  if (headerEnd === 0) return false;
  const lines = raw
    .subarray(0, headerEnd)
    .toString('latin1')
    .replace(/\r?\n$/, '')
    .split(/\r?\n/);
  return lines.every((line, i) => (i > 0 && /^[ \t]/.test(line)) || /^[\x21-\x39\x3b-\x7e]+:/.test(line));
}

export function headerValue(headers: readonly Header[], name: string): string | undefined {
  const wanted = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === wanted)?.value;
}

/** `<id@host>` or `id@host` → `id@host`; undefined for anything else. */
export function normalizeMessageId(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const m = /^<?([^<>\s]+@[^<>\s]+)>?$/.exec(value.trim());
  return m?.[1];
}

/** Every `<...>` id in In-Reply-To and References, without brackets. */
export function referencedIds(headers: readonly Header[]): string[] {
  const text = `${headerValue(headers, 'In-Reply-To') ?? ''} ${headerValue(headers, 'References') ?? ''}`;
  return [...text.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1] ?? '');
}

/** The subject as threading compares it: without Re:/Fwd: prefixes, case and surrounding space. */
export function threadSubject(headers: readonly Header[]): string {
  let subject = (headerValue(headers, 'Subject') ?? '').trim();
  for (
    let m = /^(re|fwd?|aw|wg)\s*:\s*/i.exec(subject);
    m !== null;
    m = /^(re|fwd?|aw|wg)\s*:\s*/i.exec(subject)
  )
    subject = subject.slice(m[0].length);
  return subject.toLowerCase();
}

/** Splits an address list on top-level commas (not inside quotes, <...> or comments). */
function splitList(value: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  let angle = 0;
  let comment = 0;
  for (let i = 0; i < value.length; i += 1) {
    const c = value[i] ?? '';
    if (c === '\\' && quoted) {
      current += c + (value[i + 1] ?? '');
      i += 1;
      continue;
    }
    if (c === '"' && comment === 0) quoted = !quoted;
    else if (!quoted && c === '(') comment += 1;
    else if (!quoted && c === ')' && comment > 0) comment -= 1;
    else if (!quoted && comment === 0 && c === '<') angle += 1;
    else if (!quoted && comment === 0 && c === '>' && angle > 0) angle -= 1;
    if (c === ',' && !quoted && angle === 0 && comment === 0) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out;
}

const ADDR_SPEC = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/**
 * The addr-specs of an address-list header (`A <a@x.org>, b@y.org, group: c@z.org;`), or null when
 * an entry is not an address.
 */
export function parseAddresses(value: string): string[] | null {
  const out: string[] = [];
  for (const rawEntry of splitList(value)) {
    let entry = rawEntry.replace(/\([^()]*\)/g, '').trim();
    // Group syntax: "name: a@x, b@y;" — the display name goes, the addresses stay.
    const group = /^[^"<>@]*:(.*?);?$/.exec(entry);
    if (group !== null && !entry.includes('<')) entry = (group[1] ?? '').trim();
    entry = entry.replace(/;$/, '').trim();
    if (entry === '') continue;
    const angle = /<([^<>]*)>\s*$/.exec(entry);
    const addr = (angle === null ? entry : (angle[1] ?? '')).trim();
    if (!ADDR_SPEC.test(addr)) return null;
    out.push(addr);
  }
  return out;
}

/** The display-name part of a From value (`"Name" <a@x>` → `"Name"`), or '' when there is none. */
export function displayName(value: string): string {
  const at = value.lastIndexOf('<');
  return at <= 0 ? '' : value.slice(0, at).trim();
}

/**
 * Rewrites the top-level header block: replaces every header named in `replace` (all occurrences,
 * folded lines included) and appends `append`. The body bytes are untouched; header bytes that are
 * not rewritten are kept exactly (read as latin1 so no byte is re-encoded).
 */
export function rewriteHeaders(
  raw: Buffer,
  replace: ReadonlyMap<string, string>,
  append: readonly Header[],
): Buffer {
  const { headerEnd, bodyStart } = headerBlockEnd(raw);
  const text = raw.subarray(0, headerEnd).toString('latin1');
  const eol = text.includes('\r\n') || (headerEnd === 0 && raw[0] === 0x0d) ? '\r\n' : '\n';
  const lines = text === '' ? [] : text.replace(/\r?\n$/, '').split(/\r?\n/);
  const kept: string[] = [];
  let skipping = false;
  const wanted = new Map([...replace].map(([k, v]) => [k.toLowerCase(), v]));
  const done = new Set<string>();
  for (const line of lines) {
    if (/^[ \t]/.test(line)) {
      if (!skipping) kept.push(line);
      continue;
    }
    const name = /^([^:\s]+):/.exec(line)?.[1]?.toLowerCase();
    const replacement = name === undefined ? undefined : wanted.get(name);
    skipping = replacement !== undefined;
    if (name !== undefined && replacement !== undefined) {
      if (!done.has(name)) kept.push(`${line.slice(0, name.length)}: ${latin1(replacement)}`);
      done.add(name);
    } else kept.push(line);
  }
  for (const h of append) kept.push(`${h.name}: ${latin1(h.value)}`);
  const head = Buffer.from(kept.map((l) => l + eol).join(''), 'latin1');
  // An empty message gets the blank line that ends its new header block.
  const rest = bodyStart === 0 ? Buffer.from(eol) : Buffer.alloc(0);
  return Buffer.concat([head, rest, raw.subarray(headerEnd)]);
}

/** UTF-8 text as the latin1 string of its bytes, so it survives the latin1 round trip above. */
function latin1(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

interface ContentType {
  type: string;
  params: Map<string, string>;
}

function contentType(headers: readonly Header[]): ContentType {
  const value = headerValue(headers, 'Content-Type') ?? 'text/plain';
  const [type = '', ...rest] = value.split(';');
  const params = new Map<string, string>();
  for (const p of rest) {
    const m = /^\s*([^=\s]+)\s*=\s*("((?:[^"\\]|\\.)*)"|[^;\s]*)/.exec(p);
    if (m !== null) params.set((m[1] ?? '').toLowerCase(), m[3] ?? m[2] ?? '');
  }
  return { type: type.trim().toLowerCase() || 'text/plain', params };
}

function multipartParts(body: Buffer, boundary: string): Buffer[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Buffer[] = [];
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const after = at + delimiter.length;
    if (body[after] === 0x2d && body[after + 1] === 0x2d) break; // the closing delimiter
    const eol = body.indexOf(0x0a, after);
    if (eol === -1) break;
    const next = body.indexOf(delimiter, eol + 1);
    let end = next === -1 ? body.length : next;
    if (body[end - 1] === 0x0a) end -= 1;
    if (body[end - 1] === 0x0d) end -= 1;
    parts.push(body.subarray(eol + 1, Math.max(end, eol + 1)));
    at = next;
  }
  return parts;
}

interface TextPart {
  html: boolean;
  charset: string;
  encoding: string;
  body: Buffer;
}

/** The first text/plain leaf, else the first text/html one, depth-first (attachments skipped). */
function findText(raw: Buffer, depth: number): { plain?: TextPart; html?: TextPart } {
  const { headers, bodyStart } = splitMessage(raw);
  const ct = contentType(headers);
  const body = raw.subarray(bodyStart);
  const disposition = (headerValue(headers, 'Content-Disposition') ?? '').toLowerCase();
  if (ct.type.startsWith('multipart/')) {
    const boundary = ct.params.get('boundary');
    if (boundary === undefined || depth > 8) return {};
    const found: { plain?: TextPart; html?: TextPart } = {};
    for (const part of multipartParts(body, boundary)) {
      const inner = findText(part, depth + 1);
      if (found.plain === undefined && inner.plain !== undefined) found.plain = inner.plain;
      if (found.html === undefined && inner.html !== undefined) found.html = inner.html;
      if (found.plain !== undefined) break;
    }
    return found;
  }
  if (disposition.startsWith('attachment')) return {};
  const part: TextPart = {
    html: ct.type === 'text/html',
    charset: ct.params.get('charset') ?? 'us-ascii',
    encoding: (headerValue(headers, 'Content-Transfer-Encoding') ?? '7bit').toLowerCase(),
    body,
  };
  if (ct.type === 'text/plain') return { plain: part };
  if (ct.type === 'text/html') return { html: part };
  return {};
}

/** Enough of a text part to make a snippet from: bounded, so huge bodies stay cheap. */
const SNIPPET_SOURCE_BYTES = 64 * 1024;

function decodeQuotedPrintable(text: string): Buffer {
  const bytes: number[] = [];
  const soft = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i += 1) {
    const c = soft[i] ?? '';
    const hex = soft.slice(i + 1, i + 3);
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(c, 'utf8'));
  }
  return Buffer.from(bytes);
}

function decodeText(part: TextPart): string {
  const source = part.body.subarray(0, SNIPPET_SOURCE_BYTES);
  let bytes: Buffer;
  if (part.encoding === 'base64')
    bytes = Buffer.from(source.toString('latin1').replace(/[^A-Za-z0-9+/]/g, ''), 'base64');
  else if (part.encoding === 'quoted-printable') bytes = decodeQuotedPrintable(source.toString('latin1'));
  else bytes = source;
  try {
    return new TextDecoder(part.charset).decode(bytes);
  } catch {
    // An unknown charset label: read it as UTF-8 rather than fail the message.
    return new TextDecoder('utf-8').decode(bytes);
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function htmlToText(html: string): string {
  return html
    .replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X'))
        return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
      return ENTITIES[name.toLowerCase()] ?? whole;
    });
}

/** Gmail's snippet length: a couple of hundred characters of the text, whitespace collapsed. */
const SNIPPET_CHARS = 200;

/** Gmail's `snippet`: the start of the first text part, whitespace collapsed, HTML-escaped. */
export function snippetOf(raw: Buffer): string {
  const { plain, html } = findText(raw, 0);
  const part = plain ?? html;
  if (part === undefined) return '';
  const decoded = decodeText(part);
  const text = (part.html ? htmlToText(decoded) : decoded).replace(/\s+/g, ' ').trim();
  // Array.from counts code points, so a cut never splits a surrogate pair.
  return Array.from(text)
    .slice(0, SNIPPET_CHARS)
    .join('')
    .trim()
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The top-level Content-Type's media type, as the metadata format's payload.mimeType shows it. */
export function mimeTypeOf(headers: readonly Header[]): string {
  return contentType(headers).type;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An RFC 5322 Date header value in UTC, e.g. `Mon, 7 Dec 2026 10:00:00 +0000`. */
export function rfc5322Date(instant: number): string {
  const d = new Date(instant);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()] ?? ''}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}
