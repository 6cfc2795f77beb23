// The trace headers the embedded server adds above a message it accepts (RFC 5321 Return-Path and
// Received, RFC 8601 Authentication-Results, Delivered-To), and the removal of those a sender
// wrote in the server's place (any Return-Path; Authentication-Results in our server's name):
// only the receiving server may speak for itself.
import type { Temporal } from 'temporal-polyfill';
import { parseAuthenticationResults } from '../../domain/intake/authentication-results';

/** RFC 5322's date, in UTC: what every mail client shows in the reader's own zone. */
export function mailDate(at: Temporal.Instant): string {
  return new Date(at.epochMilliseconds).toUTCString().replace('GMT', '+0000');
}

/** Header text can carry no line breaks: a client hostname or login is the sender's to choose. */
function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').slice(0, 200);
}

export interface Stamp {
  readonly authservId: string;
  readonly at: Temporal.Instant;
  readonly client: { readonly hostname: string; readonly address: string; readonly helo: string };
  readonly sessionId: string;
  /** The address the client signed in as, verified; null when it did not sign in. */
  readonly signedInAs: string | null;
  /** The From header's one address; null when there is none or several. */
  readonly from: string | null;
}

/**
 * What the embedded server says of the sender, as RFC 8601 results. A sender who signed in to
 * this server as the From address is as good as a DMARC pass for that address's domain: the
 * server itself checked who sent it. Anyone else gets no pass, so intake holds their email.
 */
export function authenticationResults(stamp: Stamp): string {
  const from = stamp.from;
  const domain = from === null ? null : from.slice(from.lastIndexOf('@') + 1);
  if (stamp.signedInAs === null) {
    return `${stamp.authservId}; auth=none; spf=none; dkim=none; dmarc=none${domain === null ? '' : ` header.from=${domain}`}`;
  }
  const auth = `auth=pass smtp.auth=${oneLine(stamp.signedInAs)}`;
  if (from !== null && domain !== null && from === stamp.signedInAs) {
    return `${stamp.authservId}; ${auth}; dmarc=pass (sender signed in as the From address) header.from=${domain}`;
  }
  return `${stamp.authservId}; ${auth}; dmarc=none (signed in as another address)${domain === null ? '' : ` header.from=${domain}`}`;
}

/**
 * RFC 5321 section 4.4: the envelope's reverse-path, which the final delivery server records. Empty
 * for the null reverse-path of a bounce, which is `<>`, so a bounce can be told by its topmost one.
 */
export function returnPath(mailFrom: string): string {
  // smtp-server refuses control characters in addresses; the header is kept one line regardless.
  return `<${mailFrom.replace(/[\r\n]/g, '')}>`;
}

export function received(stamp: Stamp, recipient: string | null): string {
  const { client } = stamp;
  const withWhat = stamp.signedInAs === null ? 'ESMTP' : 'ESMTPA';
  return (
    `from ${oneLine(client.helo)} (${oneLine(client.hostname)} [${oneLine(client.address)}]) ` +
    `by ${stamp.authservId} with ${withWhat} id ${stamp.sessionId}${recipient === null ? '' : ` for <${recipient}>`}; ` +
    mailDate(stamp.at)
  );
}

/** The header block and the rest, split at the first empty line (CRLF or bare LF). */
export function split(raw: Buffer): { head: string; rest: Buffer } {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const end = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf + 2 : lf >= 0 ? lf + 1 : raw.length;
  return { head: raw.subarray(0, end).toString('latin1'), rest: raw.subarray(end) };
}

/** The message without the header fields `drop` picks (each whole, with its continuation lines). */
function withoutFields(raw: Buffer, drop: (field: string) => boolean): Buffer {
  const { head, rest } = split(raw);
  const fields: string[] = [];
  for (const line of head.split(/(?<=\n)/)) {
    const previous = /^[ \t]/.test(line) ? fields.pop() : undefined;
    fields.push(previous === undefined ? line : previous + line);
  }
  const kept = fields.filter((field) => !drop(field));
  // Nothing to drop is the usual case: the message is handed back as it came, not copied.
  return kept.length === fields.length ? raw : Buffer.concat([Buffer.from(kept.join(''), 'latin1'), rest]);
}

/**
 * Removes every Authentication-Results header whose authserv-id is ours (RFC 8601 section 5),
 * read as intake reads it: unfolded, comments and quotes stripped, so a forgery folded after the
 * colon or hidden behind a comment is removed too.
 */
export function withoutOwnResults(raw: Buffer, authservId: string): Buffer {
  const own = authservId.trim().toLowerCase();
  return withoutFields(raw, (field) => {
    const value = /^authentication-results[ \t]*:([\s\S]*)$/i.exec(field)?.[1];
    return value !== undefined && parseAuthenticationResults(value.replace(/\r?\n/g, ''))?.authservId === own;
  });
}

/**
 * Removes any Return-Path the message arrived with. RFC 5321 section 4.4: only the final delivery
 * server adds one, so one already there is the sender's, and must not stand beside (or, if ours
 * were ever missing, in place of) the one the server puts on top.
 */
export function withoutReturnPath(raw: Buffer): Buffer {
  return withoutFields(raw, (field) => /^return-path[ \t]*:/i.test(field));
}

/** The message with headers added on top, in the order given (the first becomes topmost). */
export function prepend(raw: Buffer, headers: readonly (readonly [string, string])[]): Buffer {
  const text = headers.map(([name, value]) => `${name}: ${value}\r\n`).join('');
  return Buffer.concat([Buffer.from(text, 'utf8'), raw]);
}
