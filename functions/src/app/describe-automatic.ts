// What an automatic email was about, for its record: the conference it concerns (a bounce of a
// report request, an out-of-office answering one, a guest's calendar answer), whose address a
// bounce says failed, and whether a calendar answer could be counted as the guest's reply.
import type { Temporal } from 'temporal-polyfill';
import type { Conference } from '../domain/conference/conference';
import { calendarAnswer, inviteeOf, type AutomaticRule } from '../domain/intake/automatic-mail';
import type { InboundMessage } from '../domain/intake/inbound-message';
import type { AutomaticMail } from '../domain/intake/report';
import { authenticationProblem } from '../domain/intake/sender-authentication';
import { outboxEmailOf } from '../domain/outbox/outbox-entry';
import { decide, type Decision } from './decide-filing';
import type { IntakeDeps } from './intake-deps';

// RFC 3464 2.3.3: failed and delayed are the actions that mean the email has not arrived.
const UNDELIVERED_ACTIONS = new Set(['failed', 'delayed']);
// What a bounce written as plain text (no multipart/report) comes as: from a mail server, or with
// the null reverse-path. Only these are read for the addresses and emails their words name.
const TEXT_BOUNCE_RULES = new Set<AutomaticRule>(['null-sender', 'mailer-daemon']);

/** Addresses and Message-IDs a plain-text bounce names in its words; none for anything else. */
function textBounce(message: InboundMessage, rule: AutomaticRule): InboundMessage['mentioned'] {
  return message.report === null && TEXT_BOUNCE_RULES.has(rule)
    ? message.mentioned
    : { addresses: [], messageIds: [] };
}

/**
 * The email as matching should read it: a bounce or receipt is about the message it returns,
 * whose Reply-To (the service's carry a conference's plus address) and subject name the
 * conference even where Gmail has replaced our Message-ID.
 */
function asAbout(message: InboundMessage, mentioned: InboundMessage['mentioned']): InboundMessage {
  const original = message.report?.original;
  // Nothing returned and nothing named: the email is read as it is.
  if ((original === null || original === undefined) && mentioned.addresses.length === 0) return message;
  return {
    ...message,
    recipients: [
      ...message.recipients,
      ...(original?.replyTo ?? []),
      ...(original?.recipients ?? []),
      ...mentioned.addresses,
    ],
    subject: [message.subject, original?.subject ?? null].filter((s) => s !== null).join(' ') || null,
  };
}

async function conferenceOf(
  deps: IntakeDeps,
  message: InboundMessage,
  mentioned: InboundMessage['mentioned'],
  receivedAt: Temporal.Instant,
  decided: Decision | undefined,
): Promise<{ conference: Conference | null; aboutMessage: string | null }> {
  const originalId = message.report?.original?.messageIdHeader ?? null;
  for (const id of [...(originalId === null ? [] : [originalId]), ...mentioned.messageIds]) {
    const ours = outboxEmailOf(`<${id}>`);
    const conference = ours === null ? undefined : await deps.conferences.get(ours.conferenceId);
    if (ours !== null && conference !== undefined) return { conference, aboutMessage: ours.kind };
  }
  const uid = calendarAnswer(message)?.calendar?.reply?.uid;
  const eventId = uid?.slice(0, Math.max(0, uid.lastIndexOf('@')));
  if (eventId !== undefined && eventId !== '') {
    const conference = await deps.conferences.getByEventId(eventId);
    if (conference !== undefined) return { conference, aboutMessage: null };
  }
  const about = asAbout(message, mentioned);
  // The caller's own matching of the email, when it read the same email, is not done again.
  const decision =
    about === message && decided !== undefined ? decided : await decide(deps, about, receivedAt);
  return { conference: decision.conference, aboutMessage: null };
}

/** Counts a calendar answer as the guest's reply when the guest really sent it. */
async function countAnswer(deps: IntakeDeps, message: InboundMessage): Promise<AutomaticMail['answer']> {
  const reply = calendarAnswer(message)?.calendar?.reply;
  if (reply === null || reply === undefined) return null;
  const [sender] = message.from;
  const fromGuest =
    message.from.length === 1 &&
    sender?.address === reply.attendee &&
    authenticationProblem(sender.address, message.authentication, deps.settings.authservId) === null;
  const base = { attendee: reply.attendee, answer: reply.answer };
  if (!fromGuest) return { ...base, counted: 'not-the-guest' };
  if (deps.replies === undefined) return { ...base, counted: 'not-recorded' };
  return { ...base, counted: await deps.replies.record(reply) };
}

export async function describeAutomatic(
  deps: IntakeDeps,
  message: InboundMessage,
  rule: AutomaticRule,
  receivedAt: Temporal.Instant,
  /** What matching already decided for the email as it is (when it is held for a possible report). */
  decided?: Decision,
): Promise<{ readonly automatic: AutomaticMail; readonly conference: Conference | null }> {
  const mentioned = textBounce(message, rule);
  const { conference, aboutMessage } = await conferenceOf(deps, message, mentioned, receivedAt, decided);
  const agency = deps.settings.policy.socialCareAgency;
  const reported = (message.report?.recipients ?? []).filter(
    (r) => r.action === null || UNDELIVERED_ACTIONS.has(r.action),
  );
  // A bounce in words: the invitees it names are the addresses it says failed.
  const named =
    conference === null
      ? []
      : mentioned.addresses
          .filter((address) => inviteeOf(conference, address, agency) !== null)
          .map((address) => ({ address, action: null, status: null }));
  const undelivered = [...reported, ...named].map((r) => ({
    ...r,
    invitee: conference === null ? null : inviteeOf(conference, r.address, agency),
  }));
  return {
    automatic: { rule, aboutMessage, undelivered, answer: await countAnswer(deps, message) },
    conference,
  };
}
