// Whether an email was sent by a program rather than a person: an out-of-office, a bounce, a read
// receipt, a calendar answer. Such mail is never a report: filing an auto-reply from the social
// worker as their report would tell the chair a report is in that nobody wrote, and answering it
// would start a mail loop. Only what the standards and real responders put in the headers
// counts; headers a case-management system may also send with a real report do not.
import type { Conference } from '../conference/conference';
import { senderRole } from './assess-message';
import { isInboxAddress } from './inbox-address';
import type { AttachmentFacts, InboundMessage } from './inbound-message';

/** The rules in the order they are tried: the first that matches names the record. */
export const AUTOMATIC_RULES = [
  'delivery-status',
  'disposition-notification',
  'other-report',
  'calendar-reply',
  'null-sender',
  'mailer-daemon',
  'own-address',
  'auto-submitted',
  'x-autoreply',
  'x-autorespond',
  'precedence',
] as const;
export type AutomaticRule = (typeof AUTOMATIC_RULES)[number];

/** The service's own addresses: mail from them is its own coming back. */
export interface OwnAddresses {
  readonly inbox: string;
  readonly calendarOwner: string;
}

// RFC 5546: the methods an attendee sends to the organiser (DECLINECOUNTER and the rest go the
// other way, and are not answers to our invitations).
const ATTENDEE_METHODS = new Set(['REPLY', 'COUNTER', 'REFRESH']);
// RFC 3834 section 3.1.8 names the local parts that must never be answered; postmaster and
// MAILER-DAEMON are what bounces and receipts come from in practice (qmail, Sendmail, Exchange).
const DAEMON_LOCAL_PARTS = new Set(['mailer-daemon', 'postmaster']);
// "list" is left out: a mailing list's message can be a person's report.
const AUTOMATIC_PRECEDENCE = new Set(['bulk', 'junk', 'auto_reply']);
// Parts a report, a receipt or an answer is made of, which carry nothing a person wrote for us.
const NOTICE_TYPES = new Set([
  'text/calendar',
  'application/ics',
  'message/delivery-status',
  'message/global-delivery-status',
  'message/disposition-notification',
  'message/global-disposition-notification',
  'message/feedback-report',
  'text/rfc822-headers',
  'message/global-headers',
  'message/rfc822',
  'message/global',
]);

function localPart(address: string): string {
  return address.slice(0, Math.max(0, address.lastIndexOf('@'))).toLowerCase();
}

function isOwn(address: string, own: OwnAddresses): boolean {
  return address.toLowerCase() === own.calendarOwner.toLowerCase() || isInboxAddress(address, own.inbox);
}

/** A calendar part of the email itself (not of an email attached to it) that answers an invitation. */
export function calendarAnswer(message: InboundMessage): AttachmentFacts | undefined {
  return message.attachments.find(
    (a) => a.within.length === 0 && a.calendar !== null && ATTENDEE_METHODS.has(a.calendar.method ?? ''),
  );
}

/** The first rule the email matches, or null when nothing says a program sent it. */
export function automaticRule(message: InboundMessage, own: OwnAddresses): AutomaticRule | null {
  const { origin } = message;
  if (origin.contentType === 'multipart/report') {
    if (origin.reportType === 'delivery-status') return 'delivery-status';
    if (origin.reportType === 'disposition-notification') return 'disposition-notification';
    return 'other-report';
  }
  if (calendarAnswer(message) !== undefined) return 'calendar-reply';
  if (origin.returnPath === '') return 'null-sender';
  if (message.from.some((f) => DAEMON_LOCAL_PARTS.has(localPart(f.address)))) return 'mailer-daemon';
  if (message.from.length > 0 && message.from.every((f) => isOwn(f.address, own))) return 'own-address';
  if (origin.autoSubmitted !== null && origin.autoSubmitted !== 'no') return 'auto-submitted';
  if (origin.xAutoreply !== null && origin.xAutoreply !== 'no') return 'x-autoreply';
  if (origin.xAutorespond !== null) return 'x-autorespond';
  if (origin.precedence !== null && AUTOMATIC_PRECEDENCE.has(origin.precedence)) return 'precedence';
  return null;
}

/**
 * Whether a part could be something a person sent for the conference. Automatic mail carrying
 * one is held for a coordinator, because nothing a person sent may vanish as "automatic": an
 * out-of-office reply can still carry the report. Calendar answers, delivery and read reports,
 * returned headers and signature images are what such mail is made of; an attached email is
 * judged by what it carries (its own parts are listed after it).
 */
export function couldBeReport(attachment: AttachmentFacts): boolean {
  if (attachment.size === 0) return false;
  const type = attachment.contentType.split(';')[0]?.trim() ?? '';
  if (NOTICE_TYPES.has(type) || attachment.calendar !== null) return false;
  return !(attachment.inline && type.startsWith('image/'));
}

const WORDS: Record<AutomaticRule, string> = {
  'delivery-status': 'a delivery report (a bounce or a delay notice) from a mail server',
  'disposition-notification': 'a read receipt',
  'other-report': 'an automatic report from a mail system',
  'calendar-reply': 'an answer to a calendar invitation',
  'null-sender': 'sent with no return address, as mail servers send bounces',
  'mailer-daemon': 'from a mail server (MAILER-DAEMON or postmaster)',
  'own-address': 'from the service’s own address: its own email coming back',
  'auto-submitted': 'marked by the sender’s system as sent automatically (Auto-Submitted)',
  'x-autoreply': 'an automatic reply (X-Autoreply)',
  'x-autorespond': 'an automatic reply (X-Autorespond)',
  precedence: 'marked as bulk or automatic mail (Precedence)',
};

/** What the rule means, in words a coordinator can act on; no content, no names. */
export function automaticWords(rule: AutomaticRule): string {
  return WORDS[rule];
}

/**
 * Who an address is to the conference, in words for the coordinator ("police", "the social
 * worker", "the mother"), or null when it is nobody invited. A bounce says whose address failed.
 */
export function inviteeOf(conference: Conference, address: string, socialCareAgency: string): string | null {
  if (conference.invitees.socialWorker.email === address.toLowerCase()) return 'the social worker';
  const role = senderRole(conference, address, socialCareAgency);
  switch (role.kind) {
    case 'professional':
      return `the ${role.agency} professional`;
    case 'family':
      return `the family (${role.relationship})`;
    case 'chair':
      return 'the chair';
    case 'not-invited':
      return null;
  }
}
