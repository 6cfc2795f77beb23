// The outbox in Firestore, one document per message owed (outbox/{entryId}). Claims, re-plans and
// results are transactions, so two sweeps never take the same entry and a re-plan never undoes
// a send that happened meanwhile. What is due is found by one query on (open, wakeAt), so a sweep
// reads what is due, not everything stored.
import type { CollectionReference, Firestore } from '@google-cloud/firestore';
import { Temporal } from 'temporal-polyfill';
import type { OutboxEntry } from '../../domain/outbox/outbox-entry';
import type { PlanChanges } from '../../domain/outbox/plan-outbox';
import type { OutboxStore } from '../../ports';
import { CONFERENCES_COLLECTION } from './firestore-conference-store';
import { isAlreadyExists, isDocumentId, rootDocument } from './firestore-paths';
import { decodeOutbox, encodeOutbox } from './outbox-codec';
import { toTimestamp } from './stored-fields';

export const OUTBOX_COLLECTION = 'outbox';

export class FirestoreOutboxStore implements OutboxStore {
  private readonly db: Firestore;
  private readonly outbox: CollectionReference;
  private readonly conferences: CollectionReference;

  constructor({ db, root }: { readonly db: Firestore; readonly root?: string }) {
    this.db = db;
    const base = rootDocument(db, root);
    const collection = (name: string): CollectionReference =>
      base === undefined ? db.collection(name) : base.collection(name);
    this.outbox = collection(OUTBOX_COLLECTION);
    this.conferences = collection(CONFERENCES_COLLECTION);
  }

  async get(id: string): Promise<OutboxEntry | undefined> {
    if (!isDocumentId(id)) return undefined;
    const snapshot = await this.outbox.doc(id).get();
    return snapshot.exists ? decodeOutbox(id, snapshot.data()) : undefined;
  }

  async forConference(conferenceId: string): Promise<OutboxEntry[]> {
    const found = await this.outbox.where('conferenceId', '==', conferenceId).get();
    return found.docs
      .map((d) => decodeOutbox(d.id, d.data()))
      .sort((a, b) => Temporal.Instant.compare(a.dueAt, b.dueAt) || a.id.localeCompare(b.id));
  }

  async replan(
    conference: { readonly id: string; readonly reference: string; readonly revision: number },
    decide: (stored: readonly OutboxEntry[]) => PlanChanges,
    make: (change: PlanChanges['create'][number]) => OutboxEntry,
    now: Temporal.Instant,
  ): Promise<PlanChanges> {
    const conferenceRef = this.conferences.doc(conference.id);
    return this.db.runTransaction(async (tx) => {
      const [current, found] = await Promise.all([
        tx.get(conferenceRef),
        tx.get(this.outbox.where('conferenceId', '==', conference.id)),
      ]);
      const stored = found.docs.map((d) => decodeOutbox(d.id, d.data()));
      const changes = decide(stored);
      const byId = new Map(stored.map((e) => [e.id, e]));
      for (const change of changes.create) {
        const entry = make(change);
        tx.set(this.outbox.doc(entry.id), encodeOutbox(entry));
      }
      for (const move of changes.move) {
        const before = byId.get(move.id);
        if (before?.state !== 'pending') continue;
        tx.set(
          this.outbox.doc(move.id),
          encodeOutbox({
            ...before,
            dueAt: move.dueAt,
            expiresAt: move.expiresAt,
            wakeAt: move.dueAt,
            updatedAt: now,
          }),
        );
      }
      for (const cancel of changes.cancel) {
        const before = byId.get(cancel.id);
        if (before?.state !== 'pending') continue;
        tx.set(
          this.outbox.doc(cancel.id),
          encodeOutbox({
            ...before,
            state: 'cancelled',
            wakeAt: null,
            reason: cancel.reason,
            updatedAt: now,
          }),
        );
      }
      // Only the revision that was planned is marked: a change made meanwhile stays stale.
      if (current.exists && current.get('revision') === conference.revision) {
        tx.update(conferenceRef, { outboxStale: false });
      }
      return changes;
    });
  }

  async add(entry: OutboxEntry): Promise<'created' | 'exists'> {
    try {
      await this.outbox.doc(entry.id).create(encodeOutbox(entry));
      return 'created';
    } catch (error) {
      if (isAlreadyExists(error)) return 'exists';
      throw error;
    }
  }

  async due(now: Temporal.Instant, limit: number): Promise<OutboxEntry[]> {
    // Matches the composite index (open, wakeAt) in firestore.indexes.json.
    const found = await this.outbox
      .where('open', '==', true)
      .where('wakeAt', '<=', toTimestamp(now))
      .orderBy('wakeAt')
      .limit(limit)
      .get();
    return found.docs.map((d) => decodeOutbox(d.id, d.data()));
  }

  async claim(
    id: string,
    holder: string,
    now: Temporal.Instant,
    leaseUntil: Temporal.Instant,
  ): Promise<OutboxEntry | undefined> {
    const ref = this.outbox.doc(id);
    return this.db.runTransaction(async (tx) => {
      const snapshot = await tx.get(ref);
      if (!snapshot.exists) return undefined;
      const entry = decodeOutbox(id, snapshot.data());
      const open = entry.state === 'pending' || entry.state === 'sending';
      if (!open || entry.wakeAt === null || Temporal.Instant.compare(entry.wakeAt, now) > 0) return undefined;
      const claimed: OutboxEntry = {
        ...entry,
        state: 'sending',
        holder,
        attempts: entry.attempts + 1,
        wakeAt: leaseUntil,
        updatedAt: now,
      };
      tx.set(ref, encodeOutbox(claimed));
      return claimed;
    });
  }

  async finish(entry: OutboxEntry, holder: string): Promise<boolean> {
    const ref = this.outbox.doc(entry.id);
    return this.db.runTransaction(async (tx) => {
      const snapshot = await tx.get(ref);
      if (!snapshot.exists) return false;
      const stored = decodeOutbox(entry.id, snapshot.data());
      if (stored.state === 'sent') return stored.holder === holder;
      const ours = stored.state === 'sending' && stored.holder === holder;
      if (!ours && entry.state !== 'sent') return false;
      tx.set(ref, encodeOutbox(entry));
      return true;
    });
  }

  async stalePlans(limit: number): Promise<string[]> {
    const found = await this.conferences.where('outboxStale', '==', true).select().limit(limit).get();
    return found.docs.map((d) => d.id);
  }
}
