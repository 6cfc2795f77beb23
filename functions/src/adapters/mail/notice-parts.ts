// Reads the small machine-written parts that automatic mail is made of: a calendar answer
// (iTIP, RFC 5546), the per-recipient fields of a delivery status notification (RFC 3464) and
// the message a read receipt is about (RFC 8098). Each part is read from a bounded copy of its
// text; none of it is kept but the few facts returned.
import type { CalendarFacts } from '../../domain/intake/inbound-message';
import { parseReply } from '../ics/icalendar';

/** Machine-written parts are small; past this their text is not read (the part is still hashed). */
export const NOTICE_TEXT_LIMIT = 256 * 1024;

/** iCalendar content lines, unfolded (RFC 5545 3.1). */
function unfoldedLines(text: string): string[] {
  return text
    .replace(/\r\n|\r/g, '\n')
    .replace(/\n[ \t]/g, '')
    .split('\n');
}

/**
 * The method and, for a REPLY, the answer. The METHOD property is what a calendar acts on; the
 * Content-Type's method parameter (RFC 6047 2.4) is the fallback for a body that names none.
 */
export function calendarFacts(text: string, methodParameter: string | null): CalendarFacts {
  const line = unfoldedLines(text).find((l) => /^METHOD(?:;[^:]*)?:/i.test(l));
  const method = (line?.slice(line.indexOf(':') + 1) ?? methodParameter ?? '').trim().toUpperCase() || null;
  const reply = method === 'REPLY' ? parseReply(text, methodParameter ?? undefined) : null;
  return {
    method,
    reply:
      reply === null
        ? null
        : { uid: reply.uid, sequence: reply.sequence, attendee: reply.attendee, answer: reply.partstat },
  };
}

/** RFC 822-style fields, unfolded, in groups separated by blank lines (RFC 3464 2.1). */
function fieldGroups(text: string): Map<string, string>[] {
  const groups: Map<string, string>[] = [];
  let current = new Map<string, string>();
  const unfolded = text.replace(/\r\n|\r/g, '\n').replace(/\n[ \t]+/g, ' ');
  for (const line of unfolded.split('\n')) {
    if (line.trim() === '') {
      if (current.size > 0) groups.push(current);
      current = new Map();
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!current.has(name)) current.set(name, line.slice(colon + 1).trim());
  }
  if (current.size > 0) groups.push(current);
  return groups;
}

/** "rfc822; Dc.One@Police.example.org" → "dc.one@police.example.org"; null for other address types. */
function typedAddress(value: string | undefined): string | null {
  if (value === undefined) return null;
  const semicolon = value.indexOf(';');
  const type = semicolon < 0 ? 'rfc822' : value.slice(0, semicolon).trim().toLowerCase();
  const address = (semicolon < 0 ? value : value.slice(semicolon + 1)).trim().replace(/^<|>$/g, '');
  return (type === 'rfc822' || type === 'utf-8') && /^[^@\s]+@[^@\s]+$/.test(address)
    ? address.toLowerCase()
    : null;
}

/** Each recipient a delivery status notification reports on, with its Action and Status. */
export function deliveryStatusRecipients(
  text: string,
): { address: string; action: string | null; status: string | null }[] {
  // The first group is per message (Reporting-MTA, Arrival-Date); the rest are per recipient.
  return fieldGroups(text).flatMap((fields) => {
    const address = typedAddress(fields.get('final-recipient') ?? fields.get('original-recipient'));
    if (address === null) return [];
    const action = fields.get('action')?.split(/[\s(]/)[0]?.toLowerCase() ?? null;
    const status = /^\d\.\d{1,3}\.\d{1,3}/.exec(fields.get('status') ?? '')?.[0] ?? null;
    return [{ address, action: action === '' ? null : action, status }];
  });
}

/** The Original-Message-ID a read receipt names (RFC 8098 3.2.5), without angle brackets. */
export function receiptOriginalMessageId(text: string): string | null {
  for (const fields of fieldGroups(text)) {
    const id = fields.get('original-message-id')?.trim().replace(/^<|>$/g, '').trim();
    if (id !== undefined && id !== '') return id;
  }
  return null;
}
