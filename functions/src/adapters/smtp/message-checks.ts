// The checks the embedded server makes of a message's bytes before it stores anything, and the
// permanent SMTP reply for each: a header block that can be read more than one way (a leading
// continuation line, a bare CR or LF, a NUL, an over-long line or block, a line that is not a
// field), and a lone dot beside a bare line ending anywhere, the raw material of SMTP smuggling.
// A bare LF elsewhere in the body is taken, as Postfix takes it (smtpd_forbid_bare_newline
// "normalize"): the data ends only at CRLF.CRLF here, so it cannot end a message early, and a
// report from a client that writes LF bodies must not bounce for it.

/** Why a message was refused. Logged as it is: it names what was wrong, never what the message said. */
export type RefusalReason =
  | 'message-too-large'
  | 'dot-line-without-crlf'
  | 'bare-line-ending'
  | 'header-continuation-first'
  | 'nul-in-header'
  | 'header-line-too-long'
  | 'header-block-too-large'
  | 'not-a-header-field'
  | 'unreadable-header'
  | 'unreadable-mime';

/** An SMTP reply: its code, then the text, which starts with its RFC 3463 enhanced status code. */
export interface SmtpReply {
  readonly code: number;
  readonly text: string;
}

/** RFC 5322 section 2.1.1: a line is at most 998 characters, not counting its CRLF. */
export const MAX_LINE = 998;

/**
 * The largest header block taken, each line counted as at least 64 bytes as mailparser counts it
 * (so at most 4,096 lines). 256 KB is half of what Gmail takes (500 KB, 5,000 fields) and two and
 * a half times the point where Postfix starts cutting headers off (header_size_limit, 100 KB), so
 * no real message comes near it; and a quarter of mailparser's 1 MiB, so neither the server's own
 * read of the block nor intake's later one meets that limit, trace headers and all. Counting
 * bytes alone would not do: 20,000 lines of 8 bytes are 160 KB, and over mailparser's limit.
 */
export const MAX_HEADER_BLOCK = 256 * 1024;
const LINE_FLOOR = 64;

const CR = 0x0d;
const LF = 0x0a;

/** RFC 5322 field-name (printable US-ASCII but the colon), then the obsolete syntax's optional WSP. */
const FIELD_START = /^[\x21-\x39\x3b-\x7e]+[ \t]*:/;

/** The reason to refuse `raw` (the DATA as the server received it, dots unstuffed), or null. */
export function messageProblem(raw: Buffer): RefusalReason | null {
  // Checked first so that the log says when a message looked like smuggling, not only malformed.
  if (lineEndingProblem(raw) === 'dot-line-without-crlf') return 'dot-line-without-crlf';
  return headerBlockProblem(raw);
}

/**
 * The reason to refuse the header block at the top of `raw`, or null. The block ends at the first
 * empty line; with none, the whole message is the block (RFC 5322 makes the body optional), so a
 * body that was never separated from its headers is refused as the first line that is no field.
 */
export function headerBlockProblem(raw: Buffer): RefusalReason | null {
  let cost = 0;
  for (let start = 0; start < raw.length;) {
    const lf = raw.indexOf(LF, start);
    if (lf >= 0 && raw[lf - 1] !== CR) return 'bare-line-ending';
    const next = lf < 0 ? raw.length : lf + 1;
    // The line without its CRLF; subarray keeps each search within the line, so the scan is linear.
    const line = raw.subarray(start, lf < 0 ? raw.length : lf - 1);
    if (line.includes(CR)) return 'bare-line-ending';
    if (line.length === 0) return null;
    if (line.length > MAX_LINE) return 'header-line-too-long';
    if (line.includes(0)) return 'nul-in-header';
    const continuation = line[0] === 0x20 || line[0] === 0x09;
    // A continuation at the top would join whatever header the server puts above the block.
    if (continuation && start === 0) return 'header-continuation-first';
    if (!continuation && !FIELD_START.test(line.toString('latin1'))) return 'not-a-header-field';
    cost += Math.max(next - start, LINE_FLOOR);
    if (cost > MAX_HEADER_BLOCK) return 'header-block-too-large';
    start = next;
  }
  return null;
}

/**
 * A line holding only a dot with a bare CR or LF on either side of it: what a server that takes
 * bare line endings reads as the end of the data (`\n.\n`, `\r.\r`, `\r\n.\n`, `\n.\r\n`), with
 * a second message smuggled after it. smtp-server ends the data only at CRLF.CRLF, so here the
 * rest stays in this one message; refusing it keeps such a message from being stored at all. (A
 * dot line between two CRLFs is content: the sender dot-stuffed it, and smtp-server unstuffed it.)
 */
const LONE_DOT_BESIDE_BARE_BREAK = /(?:^|[\r\n])\.(?:\n|\r(?!\n))|(?:\r|(?<!\r)\n)\.(?:[\r\n]|$)/;

/** Whether any CR is not followed by LF, or any LF not preceded by CR, and whether one borders a lone dot. */
function lineEndingProblem(raw: Buffer): 'dot-line-without-crlf' | 'bare-line-ending' | null {
  if (!hasBareLineEnding(raw)) return null;
  // Only a message already refused is searched again, so a clean 40 MB report is scanned once.
  return LONE_DOT_BESIDE_BARE_BREAK.test(raw.toString('latin1'))
    ? 'dot-line-without-crlf'
    : 'bare-line-ending';
}

function hasBareLineEnding(raw: Buffer): boolean {
  for (let at = raw.indexOf(CR); at >= 0; at = raw.indexOf(CR, at + 1)) {
    if (raw[at + 1] !== LF) return true;
  }
  for (let at = raw.indexOf(LF); at >= 0; at = raw.indexOf(LF, at + 1)) {
    if (raw[at - 1] !== CR) return true;
  }
  return false;
}

/** The reply for each refusal: 5xx, as the same bytes would be refused again; never any of the message. */
export function refusalReply(reason: RefusalReason, maxBytes: number): SmtpReply {
  const malformed = (text: string): SmtpReply => ({ code: 550, text: `5.6.0 ${text}` });
  switch (reason) {
    case 'message-too-large':
      return { code: 552, text: `5.3.4 Messages larger than ${maxBytes} bytes are refused` };
    case 'header-block-too-large':
      return {
        code: 552,
        text: `5.3.4 The header block is larger than ${MAX_HEADER_BLOCK / 1024} KB (or ${MAX_HEADER_BLOCK / LINE_FLOOR} lines), the most taken here`,
      };
    case 'dot-line-without-crlf':
      return malformed(
        'A line holding only a dot does not end with CRLF (as in SMTP smuggling); end every line with CRLF (RFC 5321 section 2.3.8)',
      );
    case 'bare-line-ending':
      return malformed('The message has a bare CR or LF; end every line with CRLF (RFC 5321 section 2.3.8)');
    case 'header-continuation-first':
      return malformed(
        'The header block starts with a continuation line (a space or tab); it must start with a header field',
      );
    case 'nul-in-header':
      return malformed('The header block contains a NUL character');
    case 'header-line-too-long':
      return malformed(
        `A header line is longer than ${MAX_LINE} characters (RFC 5322 section 2.1.1); fold long header fields`,
      );
    case 'not-a-header-field':
      return malformed(
        'A line of the header block is neither a header field (a name and a colon) nor a continuation; an empty line must separate the header from the body',
      );
    case 'unreadable-header':
      return malformed('The header block cannot be read');
    case 'unreadable-mime':
      return malformed('The MIME structure of the message cannot be read');
  }
}

/** An SMTP error reply as smtp-server sends it from a callback. */
export class SmtpRefusal extends Error {
  constructor(
    readonly responseCode: number,
    text: string,
  ) {
    super(text);
  }
}

/** Thrown while storing when a message turns out to be refusable; anything else thrown is temporary. */
export class MessageRefused extends Error {
  constructor(readonly reason: RefusalReason) {
    super(`The message was refused: ${reason}`);
  }
}

/** `reading`'s result; a parser that fails on these bytes fails on them every time, so it is a refusal. */
export async function readOrRefuse<T>(reading: () => Promise<T>, reason: RefusalReason): Promise<T> {
  try {
    return await reading();
  } catch {
    throw new MessageRefused(reason);
  }
}
