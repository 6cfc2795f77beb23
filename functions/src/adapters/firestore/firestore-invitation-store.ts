// The iCalendar calendar's events in Firestore (invitations/{eventId}). Created once: an id stays
// taken after the event is cancelled, as in Google Calendar, so a withdrawn event is never
// silently reused. Every change is a transaction over the whole document, so a reply recorded
// while invitations go out is not lost.
import type { CollectionReference, Firestore } from '@google-cloud/firestore';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import type { Rsvp } from '../../domain/quorum';
import type { InvitationStore, StoredInvitation } from '../ics/invitation-store';
import { isAlreadyExists, isDocumentId, rootDocument } from './firestore-paths';
import { members, parseStored } from './stored-fields';

export const INVITATIONS_COLLECTION = 'invitations';

const PARTSTATS: Record<Rsvp, true> = {
  accepted: true,
  tentative: true,
  'needs-action': true,
  declined: true,
};

function isZoned(text: string): boolean {
  try {
    Temporal.ZonedDateTime.from(text);
    return true;
  } catch {
    return false;
  }
}

/** A time with its zone, e.g. 2026-12-07T10:30:00+00:00[Europe/London]. */
const zoned = z
  .string({ error: 'must be a date-time string' })
  .refine(isZoned, { error: 'must be a date and time with offset and time zone' });

const invitationSchema = z.object({
  owner: z.string().min(1),
  conferenceId: z.string().min(1),
  eventKey: z.string().min(1),
  uid: z.string().min(1),
  sequence: z.int().min(0),
  cancelled: z.boolean(),
  content: z.object({
    summary: z.string(),
    description: z.string(),
    location: z.string().nullable(),
    url: z.string().nullable(),
    start: zoned,
    end: zoned,
    hash: z.string().min(1),
  }),
  meet: z
    .object({
      space: z.string().nullable(),
      meetingCode: z.string(),
      meetingUri: z.string(),
      host: z.string(),
    })
    .nullable(),
  guests: z.array(
    z.object({
      address: z.string().min(1),
      sentSequence: z.int().min(0).nullable(),
      partstat: members(PARTSTATS),
      removed: z.boolean(),
    }),
  ),
  revision: z.int().min(0),
});

function encode(invitation: StoredInvitation): z.input<typeof invitationSchema> {
  const { content, meet } = invitation;
  return {
    owner: invitation.owner,
    conferenceId: invitation.conferenceId,
    eventKey: invitation.eventKey,
    uid: invitation.uid,
    sequence: invitation.sequence,
    cancelled: invitation.cancelled,
    content: {
      summary: content.summary,
      description: content.description,
      location: content.location,
      url: content.url,
      start: content.start.toString(),
      end: content.end.toString(),
      hash: content.hash,
    },
    meet:
      meet === null
        ? null
        : { space: meet.space, meetingCode: meet.meetingCode, meetingUri: meet.meetingUri, host: meet.host },
    guests: invitation.guests.map((g) => ({
      address: g.address,
      sentSequence: g.sentSequence,
      partstat: g.partstat,
      removed: g.removed,
    })),
    revision: invitation.revision,
  };
}

function decode(eventId: string, data: unknown): StoredInvitation {
  const doc = parseStored(invitationSchema, eventId, data);
  return {
    ...doc,
    eventId,
    content: {
      ...doc.content,
      start: Temporal.ZonedDateTime.from(doc.content.start),
      end: Temporal.ZonedDateTime.from(doc.content.end),
    },
  };
}

export class FirestoreInvitationStore implements InvitationStore {
  private readonly db: Firestore;
  private readonly invitations: CollectionReference;

  constructor({ db, root }: { readonly db: Firestore; readonly root?: string }) {
    this.db = db;
    const base = rootDocument(db, root);
    this.invitations =
      base === undefined ? db.collection(INVITATIONS_COLLECTION) : base.collection(INVITATIONS_COLLECTION);
  }

  async create(invitation: StoredInvitation): Promise<'created' | 'exists'> {
    try {
      await this.invitations.doc(invitation.eventId).create(encode({ ...invitation, revision: 0 }));
      return 'created';
    } catch (error) {
      if (isAlreadyExists(error)) return 'exists';
      throw error;
    }
  }

  async get(eventId: string): Promise<StoredInvitation | undefined> {
    if (!isDocumentId(eventId)) return undefined;
    const snapshot = await this.invitations.doc(eventId).get();
    return snapshot.exists ? decode(eventId, snapshot.data()) : undefined;
  }

  async update(
    eventId: string,
    change: (current: StoredInvitation) => StoredInvitation | null,
  ): Promise<StoredInvitation | undefined> {
    if (!isDocumentId(eventId)) return undefined;
    const ref = this.invitations.doc(eventId);
    return this.db.runTransaction(async (tx) => {
      const snapshot = await tx.get(ref);
      if (!snapshot.exists) return undefined;
      const current = decode(eventId, snapshot.data());
      const next = change(current);
      if (next === null) return current;
      const stored: StoredInvitation = { ...next, eventId, revision: current.revision + 1 };
      tx.set(ref, encode(stored));
      return stored;
    });
  }
}
