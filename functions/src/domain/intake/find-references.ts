// The conference references an email names: as the token of a plus address of the request inbox
// (reports+cpc-7f3k@council.gov.uk, which the report invitations ask people to reply to), and
// in the subject. Pure text work; the store says which references exist.
import { REFERENCE_ALPHABET } from '../conference/conference';
import type { InboundMessage } from './inbound-message';

const CHARS = `[${REFERENCE_ALPHABET}]`;
/** Word-bounded so "XCPC-7F3K9" is not read as a reference; case-insensitive as people retype them. */
const SUBJECT_REFERENCE = new RegExp(`(?<![A-Z0-9])CPC-(${CHARS}{4})(?![A-Z0-9])`, 'gi');
const TOKEN = new RegExp(`^cpc-(${CHARS}{4})$`, 'i');

export interface NamedReferences {
  /** From plus addresses of the inbox in To, Cc, Delivered-To or X-Original-To. */
  readonly plusAddress: readonly string[];
  /** From the subject, in order of appearance. */
  readonly subject: readonly string[];
}

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/** The reference in `address` if it is `inbox` with a conference token after a plus. */
export function plusAddressReference(address: string, inbox: string): string | null {
  const at = inbox.lastIndexOf('@');
  const local = inbox.slice(0, at).toLowerCase();
  const domain = inbox.slice(at + 1).toLowerCase();
  const lower = address.toLowerCase();
  const addressAt = lower.lastIndexOf('@');
  if (addressAt < 0 || lower.slice(addressAt + 1) !== domain) return null;
  const addressLocal = lower.slice(0, addressAt);
  if (!addressLocal.startsWith(`${local}+`)) return null;
  const token = TOKEN.exec(addressLocal.slice(local.length + 1));
  return token === null ? null : `CPC-${(token[1] ?? '').toUpperCase()}`;
}

export function subjectReferences(subject: string | null): string[] {
  if (subject === null) return [];
  return unique([...subject.matchAll(SUBJECT_REFERENCE)].map((m) => `CPC-${(m[1] ?? '').toUpperCase()}`));
}

export function namedReferences(message: InboundMessage, inbox: string): NamedReferences {
  const addresses = [...message.deliveredTo, ...message.recipients];
  const plus = addresses.map((a) => plusAddressReference(a, inbox)).filter((r): r is string => r !== null);
  return { plusAddress: unique(plus), subject: subjectReferences(message.subject) };
}
