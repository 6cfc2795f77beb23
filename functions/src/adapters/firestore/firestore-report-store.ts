// Report records in Firestore, one document per mailbox message (reports/{gmailMessageId}): the
// message id is the key, so a redelivered notification or a retried function finds the record the
// first attempt made and files nothing twice.
import type { CollectionReference, Firestore } from '@google-cloud/firestore';
import type { Temporal } from 'temporal-polyfill';
import type { ReportRecord } from '../../domain/intake/report';
import { AppError, ConflictError, NotFoundError } from '../../domain/errors';
import type { ReportStore } from '../../ports';
import { isAlreadyExists, isDocumentId, rootDocument } from './firestore-paths';
import { decodeReport, encodeReport } from './report-codec';
import { toTimestamp } from './stored-fields';

export const REPORTS_COLLECTION = 'reports';
/** Firestore's getAll takes many references, but a bounded batch keeps one call's size sane. */
const BATCH = 300;
/** Firestore's most values in one `in` filter. */
const IN_LIMIT = 30;

function checkId(messageId: string): void {
  if (!isDocumentId(messageId) || !/^[A-Za-z0-9_-]{1,200}$/.test(messageId)) {
    throw new AppError('REPORT.ID_INVALID', 'A mailbox message id must be letters and digits', 400);
  }
}

export class FirestoreReportStore implements ReportStore {
  private readonly db: Firestore;
  private readonly reports: CollectionReference;

  constructor({ db, root }: { readonly db: Firestore; readonly root?: string }) {
    this.db = db;
    const base = rootDocument(db, root);
    this.reports =
      base === undefined ? db.collection(REPORTS_COLLECTION) : base.collection(REPORTS_COLLECTION);
  }

  async get(messageId: string): Promise<ReportRecord | undefined> {
    if (!isDocumentId(messageId)) return undefined;
    const snapshot = await this.reports.doc(messageId).get();
    return snapshot.exists ? decodeReport(messageId, snapshot.data()) : undefined;
  }

  async existing(messageIds: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    const ids = messageIds.filter(isDocumentId);
    for (let i = 0; i < ids.length; i += BATCH) {
      const refs = ids.slice(i, i + BATCH).map((id) => this.reports.doc(id));
      if (refs.length === 0) continue;
      // A field mask of nothing: existence is all we need, not the documents.
      const snapshots = await this.db.getAll(...refs, { fieldMask: [] });
      for (const s of snapshots) if (s.exists) found.add(s.id);
    }
    return found;
  }

  async create(report: ReportRecord): Promise<'created' | 'exists'> {
    checkId(report.messageId);
    try {
      await this.reports.doc(report.messageId).create(encodeReport(report));
      return 'created';
    } catch (error) {
      if (isAlreadyExists(error)) return 'exists';
      throw error;
    }
  }

  async update(report: ReportRecord, expectedRevision: number): Promise<void> {
    checkId(report.messageId);
    if (report.revision !== expectedRevision + 1) {
      throw new AppError('STORE.REVISION_MISMATCH', 'An update must carry the next revision', 500);
    }
    const ref = this.reports.doc(report.messageId);
    await this.db.runTransaction(async (tx) => {
      const current = await tx.get(ref);
      if (!current.exists) {
        throw new NotFoundError('REPORT.NOT_FOUND', 'That email is no longer in the report records');
      }
      if (current.get('revision') !== expectedRevision) {
        throw new ConflictError(
          'REPORT.CHANGED',
          'Someone else changed this email’s record meanwhile; reload it and try again',
        );
      }
      tx.set(ref, encodeReport(report));
    });
  }

  async filedFor(conferenceId: string): Promise<ReportRecord[]> {
    const found = await this.reports
      .where('conferenceId', '==', conferenceId)
      .where('state', '==', 'filed')
      .orderBy('receivedAt')
      .get();
    return found.docs.map((d) => decodeReport(d.id, d.data()));
  }

  async filedForEach(conferenceIds: readonly string[]): Promise<Map<string, ReportRecord[]>> {
    const byConference = new Map<string, ReportRecord[]>(conferenceIds.map((id) => [id, []]));
    const ids = [...byConference.keys()];
    // One query per IN_LIMIT conferences instead of one each; the same (conferenceId, state,
    // receivedAt) index as filedFor serves it.
    for (let i = 0; i < ids.length; i += IN_LIMIT) {
      const found = await this.reports
        .where('conferenceId', 'in', ids.slice(i, i + IN_LIMIT))
        .where('state', '==', 'filed')
        .orderBy('receivedAt')
        .get();
      for (const d of found.docs) {
        const report = decodeReport(d.id, d.data());
        if (report.conferenceId !== null) byConference.get(report.conferenceId)?.push(report);
      }
    }
    return byConference;
  }

  async withMessageIdHeader(header: string, limit: number): Promise<ReportRecord[]> {
    // Equality on one field: Firestore's automatic single-field index serves it.
    const found = await this.reports.where('messageIdHeader', '==', header).limit(limit).get();
    return found.docs.map((d) => decodeReport(d.id, d.data()));
  }

  async held(limit: number): Promise<ReportRecord[]> {
    const found = await this.reports.where('state', '==', 'held').orderBy('receivedAt').limit(limit).get();
    return found.docs.map((d) => decodeReport(d.id, d.data()));
  }

  async automaticSince(since: Temporal.Instant, limit: number): Promise<ReportRecord[]> {
    // Newest first, from the (state, receivedAt descending) index in firestore.indexes.json.
    const found = await this.reports
      .where('state', '==', 'automatic')
      .where('receivedAt', '>=', toTimestamp(since))
      .orderBy('receivedAt', 'desc')
      .limit(limit)
      .get();
    return found.docs.map((d) => decodeReport(d.id, d.data()));
  }

  async heldCount(): Promise<number> {
    // An aggregation: billed as one read per thousand index entries, not one per document.
    const counted = await this.reports.where('state', '==', 'held').count().get();
    return counted.data().count;
  }

  async withFollowUps(now: Temporal.Instant, limit: number): Promise<ReportRecord[]> {
    const found = await this.reports
      .where('followUp', '==', true)
      .where('nextFollowUp', '<=', toTimestamp(now))
      .orderBy('nextFollowUp')
      .limit(limit)
      .get();
    return found.docs.map((d) => decodeReport(d.id, d.data()));
  }
}
