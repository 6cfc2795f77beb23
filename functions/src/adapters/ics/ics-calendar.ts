// The calendar for councils without Google Calendar: each event kept in the invitation store
// and sent to each guest as an iCalendar email (iMIP) of its own, so no guest sees another's
// address. Mirrors GoogleCalendar: ids stay taken after a delete, a changed event goes out with
// a higher SEQUENCE, an unchanged one goes to nobody. What each guest was sent is recorded as it
// goes, so a send that fails part-way is finished by the next update without repeating the rest.
import type { MeetDetails } from '../../domain/conference/conference';
import { AppError, UpstreamError } from '../../domain/errors';
import type { Rsvp } from '../../domain/quorum';
import {
  EventExistsError,
  EventGoneError,
  type CalendarGateway,
  type Clock,
  type EventSpec,
  type ExistingEvent,
  type InvitationSender,
  type MeetGateway,
} from '../../ports';
import type { InvitationReply } from './icalendar';
import { invitationMail, owedDeliveries, uidFor, type Delivery } from './invitation-mail';
import {
  invitationContent,
  type InvitationContent,
  type InvitationGuest,
  type InvitationStore,
  type StoredInvitation,
} from './invitation-store';

export interface IcsCalendarOptions {
  readonly store: InvitationStore;
  readonly sender: InvitationSender;
  /** Makes the video link when a spec asks for one ({create}). */
  readonly video: MeetGateway;
  readonly clock: Clock;
  /** The domain in every UID and Message-ID, e.g. conference-desk.hackney.gov.uk. */
  readonly uidDomain: string;
}

export type ReplyOutcome = 'recorded' | 'unknown' | 'outdated';

function guestsOf(spec: EventSpec): string[] {
  return [...new Set(spec.event.guests.map((g) => g.trim().toLowerCase()))];
}

function contentOf(spec: EventSpec, meet: MeetDetails): InvitationContent {
  return invitationContent({
    summary: spec.event.title,
    description: spec.description,
    location: spec.location,
    url: meet.meetingUri,
    start: spec.event.start,
    end: spec.event.end,
  });
}

const invited = (address: string): InvitationGuest => ({
  address,
  sentSequence: null,
  partstat: 'needs-action',
  removed: false,
});

function sameMeet(a: MeetDetails | null, b: MeetDetails): boolean {
  return (
    a !== null &&
    a.space === b.space &&
    a.meetingCode === b.meetingCode &&
    a.meetingUri === b.meetingUri &&
    a.host === b.host
  );
}

/** The event after `spec`; null when it already matches (nothing to write, nobody to tell). */
function revise(
  current: StoredInvitation,
  content: InvitationContent,
  meet: MeetDetails,
  wanted: readonly string[],
): StoredInvitation | null {
  const timesChanged =
    !current.content.start.toInstant().equals(content.start.toInstant()) ||
    !current.content.end.toInstant().equals(content.end.toInstant());
  const stored = new Map(current.guests.map((g) => [g.address, g]));
  const keep = new Set(wanted);
  // A guest sent a CANCEL ignores a REQUEST that is not newer than it.
  const readded = wanted.some((address) => stored.get(address)?.removed === true);
  const guests = [
    ...current.guests.map((g): InvitationGuest =>
      keep.has(g.address)
        ? { ...g, removed: false, partstat: timesChanged || g.removed ? 'needs-action' : g.partstat }
        : { ...g, removed: true },
    ),
    ...wanted.filter((address) => !stored.has(address)).map(invited),
  ];
  const contentChanged = content.hash !== current.content.hash;
  const guestsChanged = JSON.stringify(guests) !== JSON.stringify(current.guests);
  if (!contentChanged && !guestsChanged && sameMeet(current.meet, meet)) return null;
  return {
    ...current,
    sequence: contentChanged || readded ? current.sequence + 1 : current.sequence,
    content,
    meet,
    guests,
  };
}

function marked(current: StoredInvitation, delivery: Delivery, sequence: number): StoredInvitation | null {
  const { address } = delivery.guest;
  const guest = current.guests.find((g) => g.address === address);
  if (guest === undefined) return null;
  // A REQUEST leaves them holding `sequence` (unless a newer one overtook it); a CANCEL, nothing.
  const sentSequence =
    delivery.method === 'CANCEL'
      ? null
      : guest.sentSequence !== null && guest.sentSequence > sequence
        ? guest.sentSequence
        : sequence;
  if (sentSequence === guest.sentSequence) return null;
  return { ...current, guests: current.guests.map((g) => (g === guest ? { ...g, sentSequence } : g)) };
}

export class IcsCalendar implements CalendarGateway {
  private readonly uidDomain: string;

  constructor(private readonly options: IcsCalendarOptions) {
    this.uidDomain = options.uidDomain.toLowerCase();
  }

  /** The event if `owner`'s calendar has it: ids are per calendar in Google too. */
  private async find(owner: string, eventId: string): Promise<StoredInvitation | undefined> {
    const stored = await this.options.store.get(eventId);
    return stored?.owner === owner.toLowerCase() ? stored : undefined;
  }

  async insert(owner: string, spec: EventSpec): Promise<ExistingEvent> {
    const meet = 'create' in spec.meet ? await this.options.video.createSpace(owner) : spec.meet;
    const invitation: StoredInvitation = {
      eventId: spec.eventId,
      owner: owner.toLowerCase(),
      conferenceId: spec.conferenceId,
      eventKey: spec.event.key,
      uid: uidFor(spec.eventId, this.uidDomain),
      sequence: 0,
      cancelled: false,
      content: contentOf(spec, meet),
      meet,
      guests: guestsOf(spec).map(invited),
      revision: 0,
    };
    if ((await this.options.store.create(invitation)) === 'exists') throw new EventExistsError(spec.eventId);
    await this.deliver(invitation);
    return { eventId: spec.eventId, cancelled: false, conferenceId: spec.conferenceId, meet };
  }

  async get(owner: string, eventId: string): Promise<ExistingEvent | undefined> {
    const stored = await this.find(owner, eventId);
    if (stored === undefined) return undefined;
    // Google's insert invites everyone or no one; this one can stop part-way. A retried booking
    // reads the event instead of inserting it again, so reading is where the guests left out are
    // invited (and it fails again, saying so, while the relay still refuses them).
    if (!stored.cancelled && owedDeliveries(stored).length > 0) await this.deliver(stored);
    return { eventId, cancelled: stored.cancelled, conferenceId: stored.conferenceId, meet: stored.meet };
  }

  async update(owner: string, spec: EventSpec): Promise<void> {
    const found = await this.find(owner, spec.eventId);
    if (found === undefined || found.cancelled) throw new EventGoneError(spec.eventId);
    // {create} keeps the link the event has: a new one on every change would strand guests.
    const meet =
      'create' in spec.meet ? (found.meet ?? (await this.options.video.createSpace(owner))) : spec.meet;
    const content = contentOf(spec, meet);
    const wanted = guestsOf(spec);
    let before = found;
    const stored = await this.options.store.update(spec.eventId, (current) => {
      before = current;
      return current.cancelled ? null : revise(current, content, meet, wanted);
    });
    if (stored === undefined || stored.cancelled) throw new EventGoneError(spec.eventId);
    // Someone removed by this change is told it is off with what they were sent, not the new details.
    await this.deliver(stored, before.content);
  }

  async delete(owner: string, eventId: string): Promise<'deleted' | 'gone'> {
    const found = await this.find(owner, eventId);
    if (found === undefined) return 'gone';
    // Set by the transaction's last (committed) run.
    const decided = { cancelledNow: false };
    const stored = await this.options.store.update(eventId, (current) => {
      decided.cancelledNow = !current.cancelled;
      return current.cancelled ? null : { ...current, sequence: current.sequence + 1, cancelled: true };
    });
    if (stored === undefined) return 'gone';
    // Also finishes the CANCELs of an earlier delete that failed part-way.
    await this.deliver(stored);
    return decided.cancelledNow ? 'deleted' : 'gone';
  }

  async replies(owner: string, eventId: string): Promise<ReadonlyMap<string, Rsvp> | undefined> {
    const stored = await this.find(owner, eventId);
    // As Google: a cancelled event has no replies to count.
    if (stored === undefined || stored.cancelled) return undefined;
    return new Map(stored.guests.filter((g) => !g.removed).map((g) => [g.address, g.partstat]));
  }

  /**
   * Records a guest's reply (an iTIP REPLY read from the owner's mailbox). 'unknown' for an event
   * or guest not ours; 'outdated' for a reply to an earlier version, or to a cancelled event.
   */
  async recordReply(reply: InvitationReply): Promise<ReplyOutcome> {
    const at = reply.uid.lastIndexOf('@');
    if (at <= 0 || reply.uid.slice(at + 1).toLowerCase() !== this.uidDomain) return 'unknown';
    const eventId = reply.uid.slice(0, at);
    const attendee = reply.attendee.trim().toLowerCase();
    // Set by the transaction's last (committed) run; unknown when there is no such event.
    const decided: { outcome: ReplyOutcome } = { outcome: 'unknown' };
    await this.options.store.update(eventId, (current) => {
      const guest = current.guests.find((g) => g.address === attendee && !g.removed);
      if (guest === undefined || current.uid.toLowerCase() !== reply.uid.toLowerCase()) {
        decided.outcome = 'unknown';
        return null;
      }
      if (current.cancelled || reply.sequence < current.sequence) {
        decided.outcome = 'outdated';
        return null;
      }
      decided.outcome = 'recorded';
      if (guest.partstat === reply.partstat) return null;
      const guests = current.guests.map((g) => (g === guest ? { ...g, partstat: reply.partstat } : g));
      return { ...current, guests };
    });
    return decided.outcome;
  }

  /**
   * Sends what each guest is owed, recording each as it goes. A refused guest does not stop the
   * others (one mistyped address must not leave the family uninvited); the failures are reported
   * after all were tried.
   */
  private async deliver(invitation: StoredInvitation, removedContent?: InvitationContent): Promise<void> {
    const owed = owedDeliveries(invitation);
    let failed = 0;
    let firstFailure: unknown;
    for (const delivery of owed) {
      const content =
        delivery.method === 'CANCEL' && !invitation.cancelled
          ? (removedContent ?? invitation.content)
          : invitation.content;
      const mail = invitationMail(invitation, delivery, content, this.uidDomain, this.options.clock.now());
      try {
        await this.options.sender.sendInvitation(mail);
      } catch (error) {
        failed += 1;
        firstFailure ??= error;
        continue;
      }
      await this.options.store.update(invitation.eventId, (current) =>
        marked(current, delivery, invitation.sequence),
      );
    }
    if (failed > 0) {
      const code = firstFailure instanceof AppError ? ` (${firstFailure.code})` : '';
      throw new UpstreamError(
        'CALENDAR.INVITATIONS_UNSENT',
        `${failed} of ${owed.length} invitation emails for calendar event ${invitation.eventId} were not sent${code}; ` +
          'the others were. Check the mail server, then save the conference again: only the unsent ones go out.',
        503,
        { cause: firstFailure },
      );
    }
  }
}
