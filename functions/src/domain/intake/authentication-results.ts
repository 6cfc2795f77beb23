// Reads the SPF, DKIM and DMARC verdicts the council's own receiving server wrote into an
// Authentication-Results header (RFC 8601), and refuses every other such header.
import type { AuthMethodResult, AuthenticationVerdicts } from './inbound-message';

/**
 * The verdicts the trusted server stamped, or null when it stamped none we can read.
 *
 * `headerValues` are every Authentication-Results value of the message, topmost first. Only the
 * first is used, and only when its authserv-id is the trusted one. Anyone can write
 * "Authentication-Results: mx.google.com; dmarc=pass" into a message they send: a receiving
 * server prepends its own header above everything the message arrived with, so the topmost
 * header is the only one the sender could not have written. A lower header naming the trusted
 * server is either that forgery or another server's opinion, and is ignored rather than merged.
 * ARC-Authentication-Results is a different header (a sealed copy made by a forwarder) and is
 * never passed in: it speaks for an earlier hop, not for the server that delivered the message.
 */
export function trustedVerdicts(
  headerValues: readonly string[],
  trustedAuthservId: string,
): AuthenticationVerdicts | null {
  const topmost = headerValues[0];
  if (topmost === undefined) return null;
  const verdicts = parseAuthenticationResults(topmost);
  if (verdicts === null) return null;
  return verdicts.authservId === trustedAuthservId.trim().toLowerCase() ? verdicts : null;
}

/** One header value read on its own; null when it does not even name an authserv-id. Never throws. */
export function parseAuthenticationResults(value: string): AuthenticationVerdicts | null {
  const [head, ...resinfos] = splitOutsideQuotes(stripComments(value), ';');
  const authservId = unquote(firstWord(head ?? '')).toLowerCase();
  // A server that omits the authserv-id (Microsoft 365 does) puts a method first instead;
  // it names no server, so it cannot be the trusted one.
  if (authservId === '' || authservId.includes('=')) return null;

  let spf: AuthMethodResult | null = null;
  let dmarc: AuthMethodResult | null = null;
  const dkim: AuthMethodResult[] = [];
  for (const resinfo of resinfos) {
    const parsed = parseResinfo(resinfo);
    if (parsed === null) continue; // "none", or something unreadable: no verdict from it
    const { method, result, properties } = parsed;
    if (method === 'spf' && spf === null) {
      spf = { result, domain: domainOf(properties.get('smtp.mailfrom')) };
    } else if (method === 'dkim') {
      dkim.push({
        result,
        domain: domainOf(properties.get('header.d') ?? properties.get('header.i')),
      });
    } else if (method === 'dmarc' && dmarc === null) {
      dmarc = { result, domain: domainOf(properties.get('header.from')) };
    }
    // Other methods (iprev, auth, arc, bimi, compauth, …) say nothing about the sender's domain.
  }
  return { authservId, spf, dkim, dmarc };
}

interface Resinfo {
  readonly method: string;
  readonly result: string;
  readonly properties: ReadonlyMap<string, string>;
}

// method [ "/" version ] "=" result, then properties such as smtp.mailfrom=… or reason="…".
const METHODSPEC = /^\s*([a-z0-9_-]+)\s*(?:\/\s*[0-9]+\s*)?=\s*([a-z0-9_-]+)/i;
// A property value runs to the next space: header.b can hold '=', '+' and '/'; a quoted local
// part may come before an @domain.
const PROPSPEC = /([a-z0-9_-]+(?:\.[a-z0-9_.-]+)?)\s*=\s*((?:"(?:[^"\\]|\\.)*")?[^\s";]*)/gi;

function parseResinfo(text: string): Resinfo | null {
  const spec = METHODSPEC.exec(text);
  if (spec === null) return null;
  const [whole, method = '', result = ''] = spec;
  const properties = new Map<string, string>();
  for (const match of text.slice(whole.length).matchAll(PROPSPEC)) {
    const key = (match[1] ?? '').toLowerCase();
    // The first occurrence wins, as with the result itself.
    if (!properties.has(key)) properties.set(key, unquote(match[2] ?? ''));
  }
  return { method: method.toLowerCase(), result: result.toLowerCase(), properties };
}

/** "x@NHS.net" → "nhs.net", "@nhs.net" → "nhs.net", "nhs.net" → "nhs.net"; empty → null. */
function domainOf(value: string | undefined): string | null {
  if (value === undefined) return null;
  const domain = value
    .slice(value.lastIndexOf('@') + 1)
    .trim()
    .replace(/\.$/, '')
    .toLowerCase();
  return domain === '' ? null : domain;
}

function firstWord(text: string): string {
  const trimmed = text.trim();
  if (trimmed.startsWith('"')) {
    const end = closingQuote(trimmed, 0);
    return trimmed.slice(0, end + 1);
  }
  return trimmed.split(/\s+/)[0] ?? '';
}

function unquote(text: string): string {
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) {
    return text.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return text;
}

/** Index of the quote that closes the one at `open`, or the last index when it is never closed. */
function closingQuote(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return text.length - 1;
}

/**
 * Replaces each (comment) with a space: comments nest, may hold escaped parentheses, and do not
 * count inside quoted strings. An unclosed comment runs to the end, as a lenient reader would.
 */
function stripComments(text: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (depth > 0) {
      if (c === '\\') i++;
      else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) out += ' ';
    } else if (c === '(') {
      depth = 1;
    } else if (c === '"') {
      const end = closingQuote(text, i);
      out += text.slice(i, end + 1);
      i = end;
    } else {
      out += c;
    }
  }
  return out;
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') i = closingQuote(text, i);
    else if (text[i] === separator) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
