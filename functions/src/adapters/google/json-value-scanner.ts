// Steps over one JSON value in a byte stream, however it is split into chunks, keeping it only
// when asked: enough JSON to read a few small fields beside a huge one without a full parser.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** What is wrong, and where: "a value that is not JSON". Never quotes the value. */
export class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError';
}

/**
 * Finds where one JSON value (string, number, literal, object or array) ends, across chunks.
 * With `capture` (or for a number or literal, which are short) it keeps the bytes and parses
 * them, which also checks them; an unwanted string, object or array is only stepped over.
 */
export class JsonValueScanner {
  private readonly parts: Buffer[] = [];
  private length = 0;
  private started = false;
  private primitive = false;
  private depth = 0;
  private inString = false;
  private escaped = false;

  /** `maxBytes`: the most a kept value may take; past it the scan fails. */
  constructor(
    private readonly capture: boolean,
    private readonly maxBytes: number,
  ) {}

  /** Returns the index just after the value, or -1 when the value runs past this chunk. */
  scan(chunk: Buffer, start: number, consumed: number): number {
    let i = start;
    let end = -1;
    for (; i < chunk.length && end < 0; i++) {
      const byte = chunk[i] ?? 0;
      if (!this.started) {
        this.started = true;
        if (byte === QUOTE) this.inString = true;
        else if (byte === 0x7b || byte === 0x5b) this.depth = 1;
        else this.primitive = true;
      } else if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (byte === BACKSLASH) this.escaped = true;
        else if (byte === QUOTE) {
          this.inString = false;
          if (this.depth === 0) end = i + 1;
        } else if (byte < 0x20) {
          throw new JsonSyntaxError(`a control character in a string at byte ${consumed + i}`);
        }
      } else if (this.primitive) {
        if (byte === 0x2c || byte === 0x7d || byte === 0x5d || byte <= 0x20) end = i;
      } else if (byte === QUOTE) {
        this.inString = true;
      } else if (byte === 0x7b || byte === 0x5b) {
        this.depth++;
      } else if ((byte === 0x7d || byte === 0x5d) && --this.depth === 0) {
        end = i + 1;
      }
    }
    const stop = end < 0 ? chunk.length : end;
    if (this.capture || this.primitive) this.keep(chunk.subarray(start, stop), consumed + start);
    if (end >= 0 && this.primitive && !this.capture) this.value();
    return end;
  }

  /** The captured value, parsed; throws when it is not JSON. */
  value(): unknown {
    try {
      return JSON.parse(Buffer.concat(this.parts, this.length).toString('utf8'));
    } catch (error) {
      throw new JsonSyntaxError('a value that is not JSON', { cause: error });
    }
  }

  private keep(bytes: Buffer, at: number): void {
    this.length += bytes.length;
    if (this.length > this.maxBytes)
      throw new JsonSyntaxError(`a value longer than expected near byte ${at}`);
    this.parts.push(Buffer.from(bytes));
  }
}
