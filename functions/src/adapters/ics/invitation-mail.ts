// The email that carries one guest's copy of an event: subject, text and Message-ID around the
// iCalendar object. Titles are the conference reference only, so a subject line on a shared
// screen names nobody. A CANCEL carries no description, venue or link: it may go to someone
// just removed from the event, who must not learn where or how it now happens.
import { createHash } from 'node:crypto';
import type { Temporal } from 'temporal-polyfill';
import type { InvitationMail } from '../../ports';
import { invitationIcs } from './icalendar';
import type { InvitationContent, InvitationGuest, StoredInvitation } from './invitation-store';

/** One email owed to one guest: the event's current REQUEST, or a CANCEL. */
export interface Delivery {
  readonly guest: InvitationGuest;
  readonly method: 'REQUEST' | 'CANCEL';
}

/** What each guest is owed to bring their calendar level with the stored event. */
export function owedDeliveries(invitation: StoredInvitation): Delivery[] {
  return invitation.guests.flatMap((guest): Delivery[] => {
    if (invitation.cancelled || guest.removed) {
      return guest.sentSequence === null ? [] : [{ guest, method: 'CANCEL' }];
    }
    return guest.sentSequence === invitation.sequence ? [] : [{ guest, method: 'REQUEST' }];
  });
}

/** A short, stable stand-in for the guest's address, so each guest's Message-ID differs. */
function guestTag(address: string): string {
  return createHash('sha256').update(address).digest('hex').slice(0, 12);
}

export function uidFor(eventId: string, uidDomain: string): string {
  return `${eventId}@${uidDomain}`;
}

/**
 * Unique per event, sequence, method and guest (Gmail drops a second message with a Message-ID
 * it has seen), and the same again when an interrupted send is repeated.
 */
export function invitationMessageId(
  invitation: StoredInvitation,
  delivery: Delivery,
  uidDomain: string,
): string {
  const method = delivery.method === 'CANCEL' ? '.cancel' : '';
  return `<${invitation.eventId}.${invitation.sequence}${method}.${guestTag(delivery.guest.address)}@${uidDomain}>`;
}

function requestText(content: InvitationContent): string {
  const extra = [
    ...(content.url === null ? [] : [`Join by video: ${content.url}`]),
    ...(content.location === null || content.location === '' ? [] : [`Venue: ${content.location}`]),
  ];
  return [content.description.trimEnd(), ...(extra.length > 0 ? ['', ...extra] : [])].join('\n');
}

function cancelText(invitation: StoredInvitation, content: InvitationContent): string {
  return invitation.cancelled
    ? `${content.summary} is cancelled. Your calendar should remove it; if it does not, please delete it.`
    : `You are no longer invited to ${content.summary}. Your calendar should remove it; if it does not, please delete it.`;
}

/**
 * The email for `delivery`. `content` is what the event shows: the stored content, or for a
 * CANCEL to a guest removed by a change, the content before it.
 */
export function invitationMail(
  invitation: StoredInvitation,
  delivery: Delivery,
  content: InvitationContent,
  uidDomain: string,
  stamp: Temporal.Instant,
): InvitationMail {
  const { guest, method } = delivery;
  const cancel = method === 'CANCEL';
  const ics = invitationIcs({
    method,
    uid: invitation.uid,
    sequence: invitation.sequence,
    stamp,
    start: content.start,
    end: content.end,
    summary: content.summary,
    description: cancel ? null : content.description,
    location: cancel ? null : content.location,
    url: cancel ? null : content.url,
    organizer: invitation.owner,
    attendee: guest.address,
  });
  const subject = cancel
    ? `Cancelled: ${content.summary}`
    : guest.sentSequence === null
      ? `Invitation: ${content.summary}`
      : `Updated invitation: ${content.summary}`;
  return {
    to: guest.address,
    subject,
    text: cancel ? cancelText(invitation, content) : requestText(content),
    method,
    ics,
    messageIdHeader: invitationMessageId(invitation, delivery, uidDomain),
  };
}
