// Guests' answers to Google Calendar invitations that reached the report inbox by email
// (emailedReplies/{eventId}-{hash of the guest's address}). Google Calendar reads the answers
// that go to the organiser's own mailbox; one sent to the report inbox it never sees, so the
// service keeps it here and the calendar adapter counts it (emailed-replies-calendar.ts). The
// service does not write it into the Google event: an organiser setting a guest's answer can
// reset that guest's copy of the event (Calendar API, events resource, attendees.responseStatus).
import type { CollectionReference, Firestore } from '@google-cloud/firestore';
import type { Rsvp } from '../../domain/quorum';
import { recipientKey } from '../../domain/outbox/outbox-entry';
import type { ConferenceStore, EmailedReply, InvitationReplies } from '../../ports';
import { rootDocument } from './firestore-paths';

export const EMAILED_REPLIES_COLLECTION = 'emailedReplies';

/** The iCalendar UID Google Calendar gives an event made through the API (RFC 5545 UID). */
const GOOGLE_UID_DOMAIN = 'google.com';

interface StoredReply {
  readonly eventId: string;
  readonly attendee: string;
  readonly answer: Rsvp;
  readonly sequence: number;
}

function isInvitee(conference: Awaited<ReturnType<ConferenceStore['get']>>, address: string): boolean {
  if (conference === undefined) return false;
  const { invitees } = conference;
  return [
    invitees.socialWorker.email,
    invitees.chair.email,
    ...invitees.professionals.map((p) => p.email),
    ...invitees.family.flatMap((f) => (f.email === undefined ? [] : [f.email])),
  ].includes(address);
}

export class FirestoreEmailedReplies implements InvitationReplies {
  private readonly collection: CollectionReference;

  constructor(
    private readonly options: {
      readonly db: Firestore;
      readonly root: string | undefined;
      readonly conferences: Pick<ConferenceStore, 'getByEventId'>;
    },
  ) {
    const base = rootDocument(options.db, options.root);
    this.collection =
      base === undefined
        ? options.db.collection(EMAILED_REPLIES_COLLECTION)
        : base.collection(EMAILED_REPLIES_COLLECTION);
  }

  async record(reply: EmailedReply): Promise<'recorded' | 'outdated' | 'unknown-event'> {
    const at = reply.uid.lastIndexOf('@');
    if (at <= 0 || reply.uid.slice(at + 1).toLowerCase() !== GOOGLE_UID_DOMAIN) return 'unknown-event';
    const eventId = reply.uid.slice(0, at);
    const conference = await this.options.conferences.getByEventId(eventId);
    const event = conference?.events.find((e) => e.eventId === eventId);
    if (event === undefined || !isInvitee(conference, reply.attendee)) return 'unknown-event';
    if (conference?.status === 'cancelled' || event.state !== 'created') return 'outdated';
    const doc = this.collection.doc(`${eventId}-${recipientKey(reply.attendee)}`);
    return this.options.db.runTransaction(async (tx) => {
      const stored = (await tx.get(doc)).data() as StoredReply | undefined;
      // An answer to an earlier version of the invitation says nothing about this one.
      if (stored !== undefined && stored.sequence > reply.sequence) return 'outdated';
      const next: StoredReply = {
        eventId,
        attendee: reply.attendee,
        answer: reply.answer,
        sequence: reply.sequence,
      };
      tx.set(doc, next);
      return 'recorded';
    });
  }

  /** The emailed answers to one event, by guest. */
  async forEvent(eventId: string): Promise<ReadonlyMap<string, Rsvp>> {
    const found = await this.collection.where('eventId', '==', eventId).get();
    return new Map(
      found.docs.map((d) => {
        const reply = d.data() as StoredReply;
        return [reply.attendee, reply.answer] as const;
      }),
    );
  }
}
