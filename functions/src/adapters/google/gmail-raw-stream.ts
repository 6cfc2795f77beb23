// Splits Gmail's messages.get?format=raw answer as it streams in: the base64url `raw` field is
// decoded straight into a stream of MIME bytes, and the small fields around it are collected. A
// 25 MB attachment makes `raw` a 35 MB JSON string, so it is never held whole.
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import { JsonSyntaxError, JsonValueScanner } from './json-value-scanner';

export interface GmailRawFields {
  readonly id: string;
  readonly threadId: string;
  readonly labelIds: string[];
  readonly sizeEstimate: number | null;
  readonly historyId: string | null;
  /** Milliseconds since the epoch, as Gmail writes it (a string). */
  readonly internalDate: string | null;
}

/** Gmail's answer is not the JSON this expects; the message says where, never what the content was. */
export class GmailRawMessageError extends Error {
  override readonly name = 'GmailRawMessageError';
}

/**
 * `raw` gives the decoded message bytes, with backpressure (the body is read no faster than
 * `raw` is). `fields` settles once the whole answer has been read, so read `raw` first or
 * alongside: awaiting `fields` alone would wait forever. If the JSON is malformed or has no
 * `raw`, `raw` errors and `fields` rejects, both with a GmailRawMessageError; if `raw` is
 * destroyed before the end, the body is destroyed and `fields` rejects.
 */
export function splitGmailRawMessage(body: Readable): { raw: Readable; fields: Promise<GmailRawFields> } {
  const fields = Promise.withResolvers<GmailRawFields>();
  // Marks the rejection handled: a caller that stops reading early may never look at `fields`.
  fields.promise.catch(() => undefined);
  const raw = new GmailRawDecoder(fields.resolve);
  pipeline(body, raw, (error) => {
    if (!error) return;
    fields.reject(
      error instanceof GmailRawMessageError
        ? error
        : new GmailRawMessageError('The Gmail message was not read to the end', { cause: error }),
    );
  });
  return { raw, fields: fields.promise };
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const WANTED = new Set(['id', 'threadId', 'labelIds', 'sizeEstimate', 'historyId', 'internalDate']);
// A wanted field is small (labelIds is the longest); anything bigger is not Gmail's answer.
const MAX_FIELD_BYTES = 64 * 1024;
const NOT_BASE64 = /[^A-Za-z0-9+/_=-]/;
const JSON_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

type State =
  'start' | 'first-key' | 'key' | 'in-key' | 'colon' | 'value' | 'raw' | 'in-value' | 'after-value' | 'done';

/** A small tokenizer for the one top-level object, fed byte chunks in any split. */
class GmailRawDecoder extends Transform {
  private state: State = 'start';
  private consumed = 0;
  private key = '';
  private scanner = new JsonValueScanner(true, MAX_FIELD_BYTES);
  private readonly values = new Map<string, unknown>();
  private rawSeen = false;
  /** Characters after a backslash in `raw`, while an escape is split across chunks. */
  private escape: string | null = null;
  /** Base64 characters short of a 4-character group, carried to the next chunk. */
  private carry = '';
  private padded = false;

  constructor(private readonly onFields: (fields: GmailRawFields) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.consume(chunk);
      this.consumed += chunk.length;
      callback();
    } catch (error) {
      callback(
        error instanceof JsonSyntaxError
          ? new GmailRawMessageError(`The Gmail message JSON has ${error.message}`, { cause: error })
          : (error as Error),
      );
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      if (this.state !== 'done')
        throw new GmailRawMessageError('The Gmail message JSON ended before its object closed');
      if (!this.rawSeen) throw new GmailRawMessageError('The Gmail message JSON has no raw field');
      this.onFields(this.fields());
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  private consume(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.state === 'raw') {
        i = this.consumeRaw(chunk, i);
        continue;
      }
      if (this.state === 'in-key' || this.state === 'in-value') {
        const end = this.scanner.scan(chunk, i, this.consumed);
        if (end < 0) return;
        if (this.state === 'in-key') {
          this.key = String(this.scanner.value());
          this.state = 'colon';
        } else {
          if (WANTED.has(this.key)) this.values.set(this.key, this.scanner.value());
          this.state = 'after-value';
        }
        i = end;
        continue;
      }
      i = skipWhitespace(chunk, i);
      if (i >= chunk.length) return;
      if (this.punctuation(chunk[i] ?? 0, this.consumed + i)) i++;
    }
  }

  /**
   * Reads one structural byte: the object's braces, a colon, a comma, or a value's start. Returns
   * false when the byte begins a name or value that the scanner must read from its first byte.
   */
  private punctuation(byte: number, at: number): boolean {
    const expected = (what: string): GmailRawMessageError =>
      new GmailRawMessageError(`The Gmail message JSON has no ${what} at byte ${at}`);
    switch (this.state) {
      case 'start':
        if (byte !== 0x7b) throw expected('opening "{"');
        this.state = 'first-key';
        return true;
      case 'first-key':
      case 'key':
        if (byte === 0x7d && this.state === 'first-key') {
          this.state = 'done';
          return true;
        }
        if (byte !== QUOTE) throw expected('field name');
        this.startScan('in-key', true);
        return false;
      case 'colon':
        if (byte !== 0x3a) throw expected('":" after a field name');
        this.state = 'value';
        return true;
      case 'value':
        if (this.key === 'raw') {
          if (byte !== QUOTE) throw expected('string for raw');
          if (this.rawSeen)
            throw new GmailRawMessageError(`The Gmail message JSON has a second raw at byte ${at}`);
          this.state = 'raw';
          return true;
        }
        this.startScan('in-value', WANTED.has(this.key));
        return false;
      case 'after-value':
        if (byte === 0x2c) this.state = 'key';
        else if (byte === 0x7d) this.state = 'done';
        else throw expected('"," or "}" after a value');
        return true;
      default:
        throw new GmailRawMessageError(`The Gmail message JSON goes on after its object at byte ${at}`);
    }
  }

  private startScan(state: 'in-key' | 'in-value', capture: boolean): void {
    this.scanner = new JsonValueScanner(capture, MAX_FIELD_BYTES);
    this.state = state;
  }

  /** Decodes `raw` from `i` up to its closing quote or the chunk's end; returns where it stopped. */
  private consumeRaw(chunk: Buffer, start: number): number {
    let i = start;
    while (i < chunk.length) {
      if (this.escape !== null) {
        this.escape += String.fromCharCode(chunk[i] ?? 0);
        i++;
        if (this.escape.startsWith('u') && this.escape.length < 5) continue;
        this.rawCharacter(unescape(this.escape, this.consumed + i));
        this.escape = null;
        continue;
      }
      const quote = chunk.indexOf(QUOTE, i);
      const backslash = chunk.indexOf(BACKSLASH, i);
      const end = quote < 0 ? backslash : backslash < 0 ? quote : Math.min(quote, backslash);
      this.base64(chunk.toString('latin1', i, end < 0 ? chunk.length : end), this.consumed + i);
      if (end < 0) return chunk.length;
      i = end + 1;
      if (end === quote) {
        this.endRaw();
        return i;
      }
      this.escape = '';
    }
    return i;
  }

  private rawCharacter(character: string): void {
    // Line breaks and tabs (escaped, as JSON requires) are how some encoders wrap base64; skip them.
    if (!/^[\t\n\r ]$/.test(character)) this.base64(character, this.consumed);
  }

  private base64(text: string, at: number): void {
    if (text === '') return;
    const invalid = (): GmailRawMessageError =>
      new GmailRawMessageError(`The Gmail message's raw field is not base64url near byte ${at}`);
    if (NOT_BASE64.test(text)) throw invalid();
    const padding = text.indexOf('=');
    if (this.padded || padding >= 0) {
      if (/[^=]/.test(text.slice(this.padded ? 0 : padding))) throw invalid();
      this.padded = true;
    }
    const all = this.carry + (padding >= 0 ? text.slice(0, padding) : text);
    const whole = all.length - (all.length % 4);
    if (whole > 0) this.push(Buffer.from(all.slice(0, whole), 'base64'));
    this.carry = all.slice(whole);
  }

  private endRaw(): void {
    // Without padding the last group has 2 or 3 characters (1 or 2 bytes); 1 cannot be a byte.
    if (this.carry.length === 1)
      throw new GmailRawMessageError("The Gmail message's raw field has a truncated last group");
    if (this.carry.length > 0) this.push(Buffer.from(this.carry, 'base64'));
    this.carry = '';
    this.rawSeen = true;
    this.state = 'after-value';
  }

  private fields(): GmailRawFields {
    const text = (name: string): string | null => {
      const value = this.values.get(name);
      return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;
    };
    const id = this.values.get('id');
    const threadId = this.values.get('threadId');
    if (typeof id !== 'string' || typeof threadId !== 'string') {
      throw new GmailRawMessageError('The Gmail message JSON has no id or no threadId');
    }
    const labelIds = this.values.get('labelIds') ?? [];
    if (!Array.isArray(labelIds) || !labelIds.every((label) => typeof label === 'string')) {
      throw new GmailRawMessageError('The Gmail message JSON has labelIds that are not a list of strings');
    }
    const size = Number(this.values.get('sizeEstimate') ?? Number.NaN);
    return {
      id,
      threadId,
      labelIds,
      sizeEstimate: Number.isFinite(size) ? size : null,
      historyId: text('historyId'),
      internalDate: text('internalDate'),
    };
  }
}

/** One escape inside `raw`, backslash dropped: "/" → "/", "u002F" → "/", "n" → newline. */
function unescape(escape: string, at: number): string {
  if (escape.startsWith('u') && /^u[0-9a-fA-F]{4}$/.test(escape))
    return String.fromCharCode(parseInt(escape.slice(1), 16));
  const character = JSON_ESCAPES[escape];
  if (character === undefined)
    throw new GmailRawMessageError(`The Gmail message JSON has a bad escape near byte ${at}`);
  return character;
}

function skipWhitespace(chunk: Buffer, start: number): number {
  let i = start;
  while (
    i < chunk.length &&
    (chunk[i] === 0x20 || chunk[i] === 0x0a || chunk[i] === 0x0d || chunk[i] === 0x09)
  )
    i++;
  return i;
}
