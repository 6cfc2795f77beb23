// Outcomes in Firestore, one per conference (outcomes/{conferenceId}), created once: the same
// chair's repeated submission finds the first, and nothing recorded is overwritten silently.
import type { CollectionReference, Firestore } from '@google-cloud/firestore';
import { z } from 'zod';
import { ConflictError, NotFoundError } from '../../domain/errors';
import { outcomeRequestSchema } from '../../domain/outcome/outcome';
import type { OutcomeRecord } from '../../domain/outcome/outcome-record';
import type { OutcomeStore } from '../../ports';
import { isAlreadyExists, isDocumentId, rootDocument } from './firestore-paths';
import { day, localDate, orNull, parseStored, timestamp, toInstant, toTimestamp } from './stored-fields';

export const OUTCOMES_COLLECTION = 'outcomes';

const outcomeSchema = z.object({
  reference: z.string(),
  /** The request as the chair sent it (checked then); read back through the same schema. */
  input: z.record(z.string(), z.unknown()),
  nextReview: localDate.nullable(),
  warnings: z.array(z.string()),
  recordedBy: z.string(),
  recordedAt: timestamp,
  fingerprint: z.string(),
  recordSent: z.object({ at: timestamp, by: z.string() }).nullable(),
  revision: z.int().min(0),
});

/** The outcome as JSON: dates as YYYY-MM-DD, as the chair sent them. */
function toInput(record: OutcomeRecord): Record<string, unknown> {
  return JSON.parse(JSON.stringify(record.outcome)) as Record<string, unknown>;
}

function encode(record: OutcomeRecord): z.input<typeof outcomeSchema> {
  return {
    reference: record.reference,
    input: toInput(record),
    nextReview: record.nextReview?.toString() ?? null,
    warnings: [...record.warnings],
    recordedBy: record.recordedBy,
    recordedAt: toTimestamp(record.recordedAt),
    fingerprint: record.fingerprint,
    recordSent:
      record.recordSent === null ? null : { at: toTimestamp(record.recordSent.at), by: record.recordSent.by },
    revision: record.revision,
  };
}

function decode(id: string, data: unknown): OutcomeRecord {
  const doc = parseStored(outcomeSchema, id, data);
  return {
    conferenceId: id,
    reference: doc.reference,
    outcome: parseStored(outcomeRequestSchema, id, doc.input),
    nextReview: orNull(doc.nextReview, day),
    warnings: doc.warnings,
    recordedBy: doc.recordedBy,
    recordedAt: toInstant(doc.recordedAt),
    fingerprint: doc.fingerprint,
    recordSent: doc.recordSent === null ? null : { at: toInstant(doc.recordSent.at), by: doc.recordSent.by },
    revision: doc.revision,
  };
}

export class FirestoreOutcomeStore implements OutcomeStore {
  private readonly db: Firestore;
  private readonly outcomes: CollectionReference;

  constructor({ db, root }: { readonly db: Firestore; readonly root?: string }) {
    this.db = db;
    const base = rootDocument(db, root);
    this.outcomes =
      base === undefined ? db.collection(OUTCOMES_COLLECTION) : base.collection(OUTCOMES_COLLECTION);
  }

  async get(conferenceId: string): Promise<OutcomeRecord | undefined> {
    if (!isDocumentId(conferenceId)) return undefined;
    const snapshot = await this.outcomes.doc(conferenceId).get();
    return snapshot.exists ? decode(conferenceId, snapshot.data()) : undefined;
  }

  async create(record: OutcomeRecord): Promise<'created' | 'exists'> {
    try {
      await this.outcomes.doc(record.conferenceId).create(encode(record));
      return 'created';
    } catch (error) {
      if (isAlreadyExists(error)) return 'exists';
      throw error;
    }
  }

  async update(record: OutcomeRecord, expectedRevision: number): Promise<void> {
    const ref = this.outcomes.doc(record.conferenceId);
    await this.db.runTransaction(async (tx) => {
      const current = await tx.get(ref);
      if (!current.exists) {
        throw new NotFoundError('OUTCOME.NOT_FOUND', `No outcome is recorded for ${record.reference}`);
      }
      if (current.get('revision') !== expectedRevision) {
        throw new ConflictError(
          'OUTCOME.CHANGED',
          `The outcome of ${record.reference} was changed meanwhile; reload it and try again`,
        );
      }
      tx.set(ref, encode(record));
    });
  }
}
