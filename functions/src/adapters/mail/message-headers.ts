// The facts a message's top-level headers give: who sent it, to whom, where the receiving server
// delivered it, and what that server found when it checked the sender.
import type { HeaderLines, Headers, HeaderValue } from 'mailparser';
import { Temporal } from 'temporal-polyfill';
import { trustedVerdicts } from '../../domain/intake/authentication-results';
import type {
  InboundMessage,
  MailAddress,
  MessageOrigin,
  MessageReport,
} from '../../domain/intake/inbound-message';
import { mailparser } from './mailparser-package';

export type HeaderFacts = Pick<
  InboundMessage,
  | 'messageIdHeader'
  | 'from'
  | 'recipients'
  | 'recipientCount'
  | 'deliveredTo'
  | 'subject'
  | 'date'
  | 'authentication'
  | 'origin'
>;

/** What a returned message's headers say (a bounce's copy of what the service sent). */
export type ReturnedHeaders = NonNullable<MessageReport['original']>;

export interface HeaderOptions {
  readonly trustedAuthservId: string;
  readonly recipientLimit: number;
}

/**
 * Reads `headers` (mailparser's decoded map) and `lines` (the raw header lines, in order).
 * Repeated headers come from the raw lines: the map keeps only the first From, and folds other
 * repeats into arrays whose order and shape depend on the header's name.
 */
export function headerFacts(headers: Headers, lines: HeaderLines, options: HeaderOptions): HeaderFacts {
  const recipients = unique(addresses(lines, 'to', 'cc').map((a) => a.address));
  return {
    messageIdHeader: messageId(headers.get('message-id')),
    from: addresses(lines, 'from'),
    recipients: recipients.slice(0, options.recipientLimit),
    recipientCount: recipients.length,
    deliveredTo: unique(addresses(lines, 'delivered-to', 'x-original-to').map((a) => a.address)),
    subject: nonEmptyString(headers.get('subject')),
    date: dateOf(valuesOf(lines, 'date')[0]),
    authentication: trustedVerdicts(valuesOf(lines, 'authentication-results'), options.trustedAuthservId),
    origin: originOf(headers, lines),
  };
}

/** The headers of an email a bounce or a receipt carries back: which message it is about. */
export function returnedHeaders(headers: Headers, lines: HeaderLines): ReturnedHeaders {
  return {
    messageIdHeader: messageId(headers.get('message-id')),
    recipients: unique(addresses(lines, 'to', 'cc').map((a) => a.address)),
    replyTo: unique(addresses(lines, 'reply-to').map((a) => a.address)),
    subject: nonEmptyString(headers.get('subject')),
  };
}

/** Each value of a header as a keyword: without comments or parameters, lower-cased, never empty. */
function keywords(lines: HeaderLines, key: string): string[] {
  return valuesOf(lines, key)
    .map((value) =>
      (
        value
          .replace(/\([^()]*\)/g, ' ')
          .split(';')[0]
          ?.trim() ?? ''
      ).toLowerCase(),
    )
    .filter((word) => word !== '');
}

/** The first value of a header as a keyword; null when absent or empty. */
function keyword(lines: HeaderLines, key: string): string | null {
  return keywords(lines, key)[0] ?? null;
}

/** A structured header's value and parameters (Content-Type, Content-Disposition). */
export function structured(
  value: HeaderValue | undefined,
): { value: string; params: Readonly<Record<string, string>> } | null {
  if (typeof value !== 'object' || Array.isArray(value) || value instanceof Date) return null;
  const { value: main, params } = value as { value?: unknown; params?: unknown };
  if (typeof main !== 'string' || typeof params !== 'object' || params === null) return null;
  return { value: main, params: params as Readonly<Record<string, string>> };
}

function originOf(headers: Headers, lines: HeaderLines): MessageOrigin {
  const type = structured(headers.get('content-type'));
  const contentType = type?.value.toLowerCase() ?? 'text/plain';
  const reportType =
    contentType === 'multipart/report' ? (type?.params['report-type'] ?? '').trim().toLowerCase() : '';
  // The delivering server puts its Return-Path on top (RFC 5321 4.4): only the topmost is its.
  const returnPath = valuesOf(lines, 'return-path')[0];
  // RFC 3834 allows one Auto-Submitted; given several, any that is not "no" makes it automatic.
  const submitted = keywords(lines, 'auto-submitted');
  return {
    autoSubmitted: submitted.find((k) => k !== 'no') ?? submitted[0] ?? null,
    xAutoreply: keyword(lines, 'x-autoreply'),
    xAutorespond: keyword(lines, 'x-autorespond'),
    precedence: keyword(lines, 'precedence'),
    returnPath:
      returnPath === undefined
        ? null
        : returnPath
            .replace(/\([^()]*\)/g, '')
            .trim()
            .replace(/^<|>$/g, '')
            .trim()
            .toLowerCase(),
    contentType,
    reportType: reportType === '' ? null : reportType,
  };
}

/**
 * Every value of the named headers, in header order, unfolded. mailsplit keeps each line as a
 * latin1 string of the raw bytes; 8-bit headers are UTF-8 in practice (RFC 6532).
 */
function valuesOf(lines: HeaderLines, ...keys: string[]): string[] {
  return lines
    .filter((line) => keys.includes(line.key))
    .map((line) =>
      Buffer.from(line.line.slice(line.line.indexOf(':') + 1), 'latin1')
        .toString('utf8')
        .replace(/\r?\n(?=[ \t])/g, '')
        .trim(),
    );
}

function addresses(lines: HeaderLines, ...keys: string[]): MailAddress[] {
  const values = valuesOf(lines, ...keys);
  if (values.length === 0) return [];
  // flatten: members of a group ("Team: a@x, b@y;") count as recipients in their own right.
  return mailparser()
    .parseAddressHeader(values, { flatten: true })
    .value.map((entry) => ({ address: (entry.address ?? '').trim().toLowerCase(), name: entry.name }))
    .filter((entry) => entry.address !== '');
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function messageId(value: unknown): string | null {
  const id = nonEmptyString(value)?.trim().replace(/^<|>$/g, '').trim();
  return id === undefined || id === '' ? null : id;
}

/**
 * The Date header as an instant. Read from the raw line: mailparser replaces a date it cannot
 * read with the time of parsing, which would pass an unreadable date off as a real one.
 */
function dateOf(value: string | undefined): Temporal.Instant | null {
  if (value === undefined) return null;
  const millis = Date.parse(value);
  return Number.isNaN(millis) ? null : Temporal.Instant.fromEpochMilliseconds(millis);
}
