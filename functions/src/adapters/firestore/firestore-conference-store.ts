// Keeps conferences in Firestore, one document per conference in `conferences` (with its audit
// trail beneath it), plus two index collections written in the same transaction: `references`
// (CPC-7F3K → conference, so references are unique) and `bookingKeys` (a coordinator's
// idempotency key → conference, so a retried booking finds what the first attempt made).
import { createHash } from 'node:crypto';
import type {
  CollectionReference,
  DocumentReference,
  Firestore,
  FirestoreDataConverter,
  QueryDocumentSnapshot,
} from '@google-cloud/firestore';
import { Temporal } from 'temporal-polyfill';
import type { Conference, ConferenceStatus } from '../../domain/conference/conference';
import { REFERENCE_PATTERN } from '../../domain/conference/conference';
import { AppError, ConflictError, NotFoundError } from '../../domain/errors';
import type { AuditEntry, BookingClaim, ConferenceQuery, ConferenceStore } from '../../ports';
import { decodeAudit, encodeAudit } from './audit-codec';
import { decodeConference, encodeConference, type ConferenceDocument } from './conference-codec';
import { isAlreadyExists, isDocumentId, rootDocument } from './firestore-paths';
import { toTimestamp } from './stored-fields';

export const CONFERENCES_COLLECTION = 'conferences';
export const REFERENCES_COLLECTION = 'references';
export const BOOKING_KEYS_COLLECTION = 'bookingKeys';
export const AUDIT_COLLECTION = 'audit';

/** Enough to get past a run of taken references; 31⁴ references make a long run vanishingly rare. */
const REFERENCE_ATTEMPTS = 20;

export const conferenceConverter: FirestoreDataConverter<Conference, ConferenceDocument> = {
  toFirestore(conference: Conference): ConferenceDocument {
    return encodeConference(conference);
  },
  fromFirestore(snapshot: QueryDocumentSnapshot): Conference {
    return decodeConference(snapshot.id, snapshot.data());
  },
};

export { FirestoreStoreError } from './firestore-paths';

export interface FirestoreConferenceStoreOptions {
  readonly db: Firestore;
  /** A document path such as "tenants/hackney"; '' or absent means the top level. */
  readonly root?: string;
  /** Candidate references (CPC-XXXX); the store keeps drawing until one is free. */
  readonly nextReference: () => string;
}

class ReferenceTaken extends Error {}

interface KeyDocument {
  readonly conferenceId: string;
  readonly fingerprint: string;
}

function readKey(data: unknown): KeyDocument | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { conferenceId, fingerprint } = data as Record<string, unknown>;
  return typeof conferenceId === 'string' && typeof fingerprint === 'string'
    ? { conferenceId, fingerprint }
    : undefined;
}

export class FirestoreConferenceStore implements ConferenceStore {
  private readonly db: Firestore;
  private readonly conferences: CollectionReference<Conference, ConferenceDocument>;
  private readonly references: CollectionReference;
  private readonly bookingKeys: CollectionReference;
  private readonly nextReference: () => string;

  constructor({ db, root, nextReference }: FirestoreConferenceStoreOptions) {
    this.db = db;
    const base = rootDocument(db, root);
    const collection = (name: string): CollectionReference =>
      base === undefined ? db.collection(name) : base.collection(name);
    this.conferences = collection(CONFERENCES_COLLECTION).withConverter(conferenceConverter);
    this.references = collection(REFERENCES_COLLECTION);
    this.bookingKeys = collection(BOOKING_KEYS_COLLECTION);
    this.nextReference = nextReference;
  }

  private auditOf(id: string): CollectionReference {
    return this.conferences.doc(id).collection(AUDIT_COLLECTION);
  }

  private keyDocument(createdBy: string, key: string): DocumentReference {
    // Hashed so the key (chosen by a client) can never form a path, and scoped to its coordinator.
    const id = createHash('sha256').update(`${createdBy}\n${key}`).digest('hex');
    return this.bookingKeys.doc(id);
  }

  async create(
    draft: Omit<Conference, 'reference'>,
    claim: BookingClaim,
    audit: AuditEntry,
  ): Promise<{ conference: Conference; created: boolean }> {
    const keyRef = this.keyDocument(draft.createdBy, claim.idempotencyKey);
    for (let attempt = 0; attempt < REFERENCE_ATTEMPTS; attempt += 1) {
      const reference = this.nextReference();
      try {
        return await this.db.runTransaction(async (tx) => {
          const key = await tx.get(keyRef);
          if (key.exists) {
            const stored = readKey(key.data());
            if (stored === undefined) {
              throw new AppError(
                'STORE.KEY_INVALID',
                'A stored booking key is damaged; ask IT to check bookingKeys',
                500,
              );
            }
            if (stored.fingerprint !== claim.fingerprint) {
              throw new ConflictError(
                'BOOKING.KEY_REUSED',
                'This booking form was already used to book a different conference. Open a new booking form to book another.',
              );
            }
            const existing = await tx.get(this.conferences.doc(stored.conferenceId));
            const conference = existing.data();
            if (conference === undefined) {
              throw new AppError(
                'STORE.KEY_ORPHANED',
                'A booking key points at a missing conference; ask IT to check',
                500,
              );
            }
            return { conference, created: false };
          }
          const referenceRef = this.references.doc(reference);
          if ((await tx.get(referenceRef)).exists) throw new ReferenceTaken();
          const conference: Conference = { ...draft, reference };
          tx.create(referenceRef, { conferenceId: draft.id });
          tx.create(keyRef, {
            conferenceId: draft.id,
            fingerprint: claim.fingerprint,
            createdAt: toTimestamp(draft.createdAt),
          });
          tx.create(this.conferences.doc(draft.id), conference);
          tx.create(this.auditOf(draft.id).doc(), encodeAudit(audit, draft.revision));
          return { conference, created: true };
        });
      } catch (error) {
        // Another booking took the reference (or the same key) first: draw again; a second
        // look at the key then returns the conference that won.
        if (error instanceof ReferenceTaken || isAlreadyExists(error)) continue;
        throw error;
      }
    }
    throw new AppError(
      'REFERENCE.EXHAUSTED',
      `No free conference reference after ${REFERENCE_ATTEMPTS} tries; try again, and tell IT if it persists`,
      503,
    );
  }

  async update(conference: Conference, expectedRevision: number, audit: AuditEntry): Promise<void> {
    if (conference.revision !== expectedRevision + 1) {
      throw new AppError('STORE.REVISION_MISMATCH', 'An update must carry the next revision', 500);
    }
    const ref = this.conferences.doc(conference.id);
    await this.db.runTransaction(async (tx) => {
      const current = await tx.get(ref.withConverter(null));
      if (!current.exists) {
        throw new NotFoundError(
          'CONFERENCE.NOT_FOUND',
          `Conference ${conference.reference} no longer exists`,
        );
      }
      if (current.get('revision') !== expectedRevision) {
        throw new ConflictError(
          'CONFERENCE.CHANGED',
          `Conference ${conference.reference} was changed by someone else meanwhile; reload it and try again`,
        );
      }
      tx.set(ref, conference);
      tx.create(this.auditOf(conference.id).doc(), encodeAudit(audit, conference.revision));
    });
  }

  async get(id: string): Promise<Conference | undefined> {
    // No conference can be saved under such an id, and passing it on could reach another path.
    if (!isDocumentId(id)) return undefined;
    return (await this.conferences.doc(id).get()).data();
  }

  async getByReference(reference: string): Promise<Conference | undefined> {
    if (!REFERENCE_PATTERN.test(reference)) return undefined;
    const snapshot = await this.references.doc(reference).get();
    const id: unknown = snapshot.get('conferenceId');
    return typeof id === 'string' ? this.get(id) : undefined;
  }

  async getByEventId(eventId: string): Promise<Conference | undefined> {
    const found = await this.conferences.where('eventIds', 'array-contains', eventId).limit(1).get();
    return found.docs[0]?.data();
  }

  async list(query: ConferenceQuery): Promise<Conference[]> {
    // Matches the composite indexes in firestore.indexes.json (status or chairEmail, then start).
    let q = this.conferences
      .where('status', 'in', [...query.statuses])
      .where('start', '>=', toTimestamp(query.from))
      .where('start', '<', toTimestamp(query.to));
    if (query.chair !== undefined) q = q.where('chairEmail', '==', query.chair);
    const found = await q.orderBy('start').limit(query.limit).get();
    return found.docs.map((doc) => doc.data());
  }

  async inviting(
    address: string,
    statuses: readonly ConferenceStatus[],
    limit: number,
  ): Promise<Conference[]> {
    const found = await this.conferences
      .where('invited', 'array-contains', address.toLowerCase())
      .where('status', 'in', [...statuses])
      .orderBy('start')
      .limit(limit)
      .get();
    return found.docs.map((doc) => doc.data());
  }

  async audit(id: string): Promise<AuditEntry[]> {
    if (!isDocumentId(id)) return [];
    const found = await this.auditOf(id).orderBy('revision').get();
    // Entries appended beside a change share its revision; within one revision, time orders them.
    return found.docs
      .map((doc) => ({ revision: Number(doc.get('revision')), entry: decodeAudit(doc.id, doc.data()) }))
      .sort((a, b) => a.revision - b.revision || Temporal.Instant.compare(a.entry.at, b.entry.at))
      .map((e) => e.entry);
  }

  async appendAudit(id: string, key: string, entry: AuditEntry): Promise<void> {
    if (!isDocumentId(id) || !isDocumentId(key)) {
      throw new AppError('STORE.BAD_ID', 'An audit entry needs a conference id and a key', 500);
    }
    const ref = this.conferences.doc(id);
    await this.db.runTransaction(async (tx) => {
      const current = await tx.get(ref.withConverter(null));
      if (!current.exists) throw new NotFoundError('CONFERENCE.NOT_FOUND', 'The conference no longer exists');
      const doc = this.auditOf(id).doc(key);
      if ((await tx.get(doc)).exists) return;
      tx.create(doc, encodeAudit(entry, Number(current.get('revision'))));
    });
  }
}
