// Where the iCalendar "calendar" keeps its events: what each guest was last sent and how they
// replied. Email has no calendar to ask, so this record is the calendar; a port, so the
// Firestore store and a test's in-memory one are interchangeable.
import { createHash } from 'node:crypto';
import type { Temporal } from 'temporal-polyfill';
import type { MeetDetails } from '../../domain/conference/conference';
import type { Rsvp } from '../../domain/quorum';

export interface InvitationGuest {
  /** Lower-cased. */
  readonly address: string;
  /**
   * The SEQUENCE of the invitation this guest holds from us; null when they hold none (not sent
   * yet, or cancelled since). Behind the event's sequence: they are owed a REQUEST; set on a
   * removed guest or a cancelled event: they are owed a CANCEL.
   */
  readonly sentSequence: number | null;
  readonly partstat: Rsvp;
  /** No longer invited; kept so a late reply is recognised and ignored. */
  readonly removed: boolean;
}

/** What guests see of the event: a change to any of it is a new SEQUENCE for everyone. */
export interface InvitationContentFields {
  readonly summary: string;
  readonly description: string;
  readonly location: string | null;
  /** The video link. */
  readonly url: string | null;
  readonly start: Temporal.ZonedDateTime;
  readonly end: Temporal.ZonedDateTime;
}

export interface InvitationContent extends InvitationContentFields {
  /** sha-256 of the fields, so a change is found without comparing each. */
  readonly hash: string;
}

export interface StoredInvitation {
  readonly eventId: string;
  /** The calendar owner: the organizer of every copy. */
  readonly owner: string;
  readonly conferenceId: string;
  readonly eventKey: string;
  readonly uid: string;
  readonly sequence: number;
  readonly cancelled: boolean;
  readonly content: InvitationContent;
  readonly meet: MeetDetails | null;
  /** Chair first, in the order they were invited. */
  readonly guests: readonly InvitationGuest[];
  /** Bumped by the store on every write. */
  readonly revision: number;
}

export interface InvitationStore {
  /** Stores a new event; 'exists' (nothing written) when the id is taken, even by a cancelled one. */
  create(invitation: StoredInvitation): Promise<'created' | 'exists'>;
  get(eventId: string): Promise<StoredInvitation | undefined>;
  /**
   * Applies `change` to the event as stored, atomically: it may run more than once, so it must
   * only compute. Null writes nothing. Returns the event as it now is; undefined when never made.
   */
  update(
    eventId: string,
    change: (current: StoredInvitation) => StoredInvitation | null,
  ): Promise<StoredInvitation | undefined>;
}

export function invitationContent(fields: InvitationContentFields): InvitationContent {
  const canonical = JSON.stringify([
    fields.summary,
    fields.description,
    fields.location,
    fields.url,
    fields.start.toString(),
    fields.end.toString(),
  ]);
  return { ...fields, hash: createHash('sha256').update(canonical).digest('hex') };
}
