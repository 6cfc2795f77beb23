// Whether an email matched to a conference can be filed against it, and as what: the sender must
// be invited to that conference, their domain must have sent it, the attachments must not be able
// to carry code, and the conference must still be ahead. Otherwise it waits for a coordinator,
// with every reason that applies (so nobody files it after fixing only the first).
import type { Temporal } from 'temporal-polyfill';
import type { Conference } from '../conference/conference';
import { attachmentProblems } from './attachment-problems';
import type { InboundMessage } from './inbound-message';
import type { Contribution, HoldReason } from './report';
import { authenticationProblem } from './sender-authentication';

/** Who the sender is to the conference. */
export type SenderRole =
  /** invitee: the invited address whose report it is; null when only the agency is known. */
  | { readonly kind: 'professional'; readonly agency: string; readonly invitee: string | null }
  | { readonly kind: 'family'; readonly relationship: string }
  | { readonly kind: 'chair' }
  | { readonly kind: 'not-invited' };

export function senderRole(conference: Conference, address: string, socialCareAgency: string): SenderRole {
  const lower = address.toLowerCase();
  const { invitees } = conference;
  if (invitees.socialWorker.email === lower) {
    return { kind: 'professional', agency: socialCareAgency, invitee: lower };
  }
  const professional = invitees.professionals.find((p) => p.email === lower);
  if (professional !== undefined)
    return { kind: 'professional', agency: professional.agency, invitee: lower };
  const family = invitees.family.find((f) => f.email === lower);
  if (family !== undefined) return { kind: 'family', relationship: family.relationship };
  if (invitees.chair.email === lower) return { kind: 'chair' };
  return { kind: 'not-invited' };
}

function formatDate(instant: Temporal.Instant, zone: string): string {
  return instant.toZonedDateTimeISO(zone).toPlainDate().toLocaleString('en-GB', { dateStyle: 'long' });
}

/** Why nothing may be filed against the conference any more, or null while it is ahead. */
export function closedProblem(conference: Conference, receivedAt: Temporal.Instant): HoldReason | null {
  const { timeline, reference } = conference;
  const zone = timeline.start.timeZoneId;
  if (conference.status === 'cancelled') {
    return { code: 'conference-closed', message: `${reference} was cancelled.` };
  }
  if (
    conference.status === 'held' ||
    timeline.end.toInstant().epochMilliseconds <= receivedAt.epochMilliseconds
  ) {
    return {
      code: 'conference-closed',
      message: `${reference} took place on ${formatDate(timeline.start.toInstant(), zone)}, before this email arrived.`,
    };
  }
  return null;
}

/** The deadline a contribution is measured against: reports by the report deadline, the family's views before the conference. */
export function contributionOf(
  conference: Conference,
  role: SenderRole,
  receivedAt: Temporal.Instant,
): Contribution | null {
  const { timeline } = conference;
  if (role.kind === 'professional' || role.kind === 'family') {
    const due =
      role.kind === 'professional'
        ? timeline.reportDue.toInstant()
        : timeline.audiences
            .filter((a) => a.audience === 'family')
            .map((a) => a.arrive.toInstant())
            .reduce(
              (a, b) => (a.epochMilliseconds <= b.epochMilliseconds ? a : b),
              timeline.start.toInstant(),
            );
    return {
      kind: role.kind === 'professional' ? 'report' : 'family-views',
      agency: role.kind === 'professional' ? role.agency : null,
      invitee: role.kind === 'professional' ? role.invitee : null,
      relationship: role.kind === 'family' ? role.relationship : null,
      timing: receivedAt.epochMilliseconds <= due.epochMilliseconds ? 'on-time' : 'late',
      due,
    };
  }
  return null;
}

export interface AssessSettings {
  readonly socialCareAgency: string;
  /** The authserv-id of the council's own receiving server (mx.google.com for Gmail). */
  readonly authservId: string;
}

export type Assessment =
  | { readonly kind: 'file'; readonly contribution: Contribution }
  | {
      readonly kind: 'hold';
      readonly reasons: readonly HoldReason[];
      /** What it would be filed as, when the sender is known to the conference. */
      readonly contribution: Contribution | null;
    };

/**
 * What holds a message whatever conference it is for: not exactly one sender, a sender the
 * receiving server could not authenticate, or an attachment that can carry code.
 */
export function messageProblems(message: InboundMessage, settings: AssessSettings): HoldReason[] {
  const reasons: HoldReason[] = [];
  const [sender] = message.from;
  if (message.from.length !== 1 || sender === undefined) {
    reasons.push({
      code: 'several-senders',
      message:
        message.from.length === 0
          ? 'The email has no sender address.'
          : `The email names ${message.from.length} senders, so it cannot be told whose report it is.`,
    });
  } else {
    const auth = authenticationProblem(sender.address, message.authentication, settings.authservId);
    if (auth !== null) reasons.push(auth);
  }
  reasons.push(...attachmentProblems(message.attachments));
  return reasons;
}

export function assessMessage(
  message: InboundMessage,
  conference: Conference,
  receivedAt: Temporal.Instant,
  settings: AssessSettings,
): Assessment {
  const reasons: HoldReason[] = [];
  const closed = closedProblem(conference, receivedAt);
  if (closed !== null) reasons.push(closed);

  let contribution: Contribution | null = null;
  const [sender] = message.from;
  if (message.from.length === 1 && sender !== undefined) {
    const role = senderRole(conference, sender.address, settings.socialCareAgency);
    contribution = contributionOf(conference, role, receivedAt);
    if (role.kind === 'not-invited') {
      reasons.push({
        code: 'sender-not-invited',
        message: `The sender is not invited to ${conference.reference}. If they sent it for an invited agency, file it under that agency.`,
      });
    } else if (role.kind === 'chair') {
      reasons.push({
        code: 'sender-not-invited',
        message: `The sender chairs ${conference.reference}; chairs do not send reports. File it under an agency if it is one.`,
      });
    }
  }
  reasons.push(...messageProblems(message, settings));

  if (reasons.length === 0 && contribution !== null) return { kind: 'file', contribution };
  return { kind: 'hold', reasons, contribution };
}
