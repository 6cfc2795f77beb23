// The request inbox's sync state in Firestore (mailboxes/{address}): how far its history has been
// read, the watch's expiry, and a lease so only one sync reads it at a time. The cursor only
// moves forward, inside a transaction: moving it back would re-read (harmless), but moving it
// past messages not yet filed would lose reports, so only a finished sync moves it.
import type { DocumentReference, Firestore, Transaction } from '@google-cloud/firestore';
import type { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import type { MailboxState, MailboxStore, SyncClaim } from '../../ports';
import { AppError } from '../../domain/errors';
import { isDocumentId, rootDocument } from './firestore-paths';
import { orNull, parseStored, timestamp, toInstant, toTimestamp } from './stored-fields';

export const MAILBOXES_COLLECTION = 'mailboxes';

const historyId = z.string().regex(/^\d{1,30}$/);

const mailboxSchema = z.object({
  historyId: historyId.nullable().default(null),
  syncedAt: timestamp.nullable().default(null),
  watchExpiresAt: timestamp.nullable().default(null),
  watchRenewedAt: timestamp.nullable().default(null),
  lapseWarnedFor: timestamp.nullable().default(null),
  lastFullSync: z
    .object({
      at: timestamp,
      reason: z.enum(['history-expired']),
      messages: z.int().min(0),
      complete: z.boolean(),
    })
    .nullable()
    .default(null),
  lease: z.object({ holder: z.string(), until: timestamp }).nullable().default(null),
  /** The newest history id a notification announced while a sync held the lease. */
  pendingHistoryId: historyId.nullable().default(null),
});

type MailboxDocument = z.output<typeof mailboxSchema>;

/** History ids are decimal strings that can pass 2^53: compare them as big integers. */
export function laterHistoryId(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return BigInt(a) >= BigInt(b) ? a : b;
}

function isAfter(a: string, b: string | null): boolean {
  return b === null || BigInt(a) > BigInt(b);
}

function toState(address: string, doc: MailboxDocument): MailboxState {
  return {
    address,
    historyId: doc.historyId,
    syncedAt: orNull(doc.syncedAt, toInstant),
    watchExpiresAt: orNull(doc.watchExpiresAt, toInstant),
    watchRenewedAt: orNull(doc.watchRenewedAt, toInstant),
    lapseWarnedFor: orNull(doc.lapseWarnedFor, toInstant),
    lastFullSync:
      doc.lastFullSync === null ? null : { ...doc.lastFullSync, at: toInstant(doc.lastFullSync.at) },
  };
}

export class FirestoreMailboxStore implements MailboxStore {
  private readonly db: Firestore;
  private readonly base: DocumentReference | undefined;

  constructor({ db, root }: { readonly db: Firestore; readonly root?: string }) {
    this.db = db;
    this.base = rootDocument(db, root);
  }

  private ref(address: string): DocumentReference {
    if (!isDocumentId(address)) {
      throw new AppError(
        'MAILBOX.ADDRESS_INVALID',
        'The request inbox address cannot be a Firestore id',
        500,
      );
    }
    const collection =
      this.base === undefined
        ? this.db.collection(MAILBOXES_COLLECTION)
        : this.base.collection(MAILBOXES_COLLECTION);
    return collection.doc(address.toLowerCase());
  }

  private async read(tx: Transaction | undefined, ref: DocumentReference): Promise<MailboxDocument> {
    const snapshot = tx === undefined ? await ref.get() : await tx.get(ref);
    return parseStored(
      mailboxSchema,
      `${MAILBOXES_COLLECTION}/${ref.id}`,
      snapshot.exists ? snapshot.data() : {},
    );
  }

  async get(address: string): Promise<MailboxState | undefined> {
    const snapshot = await this.ref(address).get();
    if (!snapshot.exists) return undefined;
    return toState(
      address,
      parseStored(mailboxSchema, `${MAILBOXES_COLLECTION}/${snapshot.id}`, snapshot.data()),
    );
  }

  async claimSync(
    address: string,
    holder: string,
    hint: string | null,
    now: Temporal.Instant,
    leaseMs: number,
  ): Promise<SyncClaim> {
    const ref = this.ref(address);
    return this.db.runTransaction(async (tx) => {
      const doc = await this.read(tx, ref);
      // A notification for history already read announces nothing new (Gmail repeats and delays them).
      if (hint !== null && doc.historyId !== null && !isAfter(hint, doc.historyId)) return { kind: 'stale' };
      const leased =
        doc.lease !== null && toInstant(doc.lease.until).epochMilliseconds > now.epochMilliseconds;
      if (leased && doc.lease?.holder !== holder) {
        if (hint !== null) {
          tx.set(ref, { pendingHistoryId: laterHistoryId(doc.pendingHistoryId, hint) }, { merge: true });
        }
        return { kind: 'busy' };
      }
      const until = toTimestamp(now.add({ milliseconds: leaseMs }));
      tx.set(ref, { lease: { holder, until }, pendingHistoryId: null }, { merge: true });
      return { kind: 'claimed', state: toState(address, doc) };
    });
  }

  async finishSync(
    address: string,
    holder: string,
    progress: { readonly historyId: string; readonly fullSync?: MailboxState['lastFullSync'] },
    now: Temporal.Instant,
  ): Promise<{ readonly moreWaiting: boolean }> {
    const ref = this.ref(address);
    return this.db.runTransaction(async (tx) => {
      const doc = await this.read(tx, ref);
      const cursor = laterHistoryId(doc.historyId, progress.historyId);
      const update: Record<string, unknown> = { historyId: cursor, syncedAt: toTimestamp(now) };
      if (progress.fullSync !== undefined && progress.fullSync !== null) {
        update.lastFullSync = { ...progress.fullSync, at: toTimestamp(progress.fullSync.at) };
      }
      // Only the holder releases the lease: a sync whose lease lapsed must not free another's.
      if (doc.lease?.holder === holder) update.lease = null;
      const moreWaiting =
        doc.pendingHistoryId !== null && cursor !== null && isAfter(doc.pendingHistoryId, cursor);
      if (doc.lease?.holder === holder) update.pendingHistoryId = null;
      tx.set(ref, update, { merge: true });
      return { moreWaiting };
    });
  }

  async abandonSync(address: string, holder: string): Promise<void> {
    const ref = this.ref(address);
    await this.db.runTransaction(async (tx) => {
      const doc = await this.read(tx, ref);
      if (doc.lease?.holder === holder) tx.set(ref, { lease: null }, { merge: true });
    });
  }

  async recordWatch(
    address: string,
    watch: { readonly expiresAt: Temporal.Instant; readonly renewedAt: Temporal.Instant },
  ): Promise<void> {
    await this.ref(address).set(
      { watchExpiresAt: toTimestamp(watch.expiresAt), watchRenewedAt: toTimestamp(watch.renewedAt) },
      { merge: true },
    );
  }

  async recordLapseWarning(address: string, expiresAt: Temporal.Instant): Promise<void> {
    await this.ref(address).set({ lapseWarnedFor: toTimestamp(expiresAt) }, { merge: true });
  }
}
