// The stored form of an outbox entry (outbox/{id}). `open` and `wakeAt` sit at the top so one
// composite index finds what is due, and a sweep reads only those documents.
import { z } from 'zod';
import { OUTBOX_KINDS, type OutboxEntry, type OutboxState } from '../../domain/outbox/outbox-entry';
import { members, orNull, parseStored, timestamp, toInstant, toTimestamp } from './stored-fields';

const state = members<OutboxState>({
  pending: true,
  sending: true,
  sent: true,
  skipped: true,
  cancelled: true,
  failed: true,
});

const outboxSchema = z.object({
  conferenceId: z.string(),
  reference: z.string(),
  kind: z.enum(OUTBOX_KINDS),
  recipient: z.object({
    key: z.string(),
    role: z.enum(['professional', 'social-worker', 'family', 'chair', 'coordinator']),
    address: z.string().nullable(),
    agency: z.string().nullable(),
    part: z.int().nullable(),
  }),
  version: z.string(),
  dueAt: timestamp,
  expiresAt: timestamp.nullable(),
  state,
  open: z.boolean(),
  wakeAt: timestamp.nullable(),
  attempts: z.int().min(0),
  holder: z.string().nullable(),
  messageIdHeader: z.string(),
  result: z.object({ providerId: z.string(), at: timestamp }).nullable(),
  reason: z.string().nullable(),
  about: z.string().nullable(),
  replaces: z.string().nullable(),
  // Entries stored before "send a reminder now" existed have no such field: all were planned.
  requestedBy: z.string().nullable().default(null),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export type OutboxDocument = z.output<typeof outboxSchema>;

export function isOpen(entryState: OutboxState): boolean {
  return entryState === 'pending' || entryState === 'sending';
}

export function encodeOutbox(entry: OutboxEntry): OutboxDocument {
  return {
    conferenceId: entry.conferenceId,
    reference: entry.reference,
    kind: entry.kind,
    recipient: { ...entry.recipient },
    version: entry.version,
    dueAt: toTimestamp(entry.dueAt),
    expiresAt: orNull(entry.expiresAt, toTimestamp),
    state: entry.state,
    open: isOpen(entry.state),
    // A closed entry never wakes: the due query must not see it.
    wakeAt: isOpen(entry.state) ? orNull(entry.wakeAt, toTimestamp) : null,
    attempts: entry.attempts,
    holder: entry.holder,
    messageIdHeader: entry.messageIdHeader,
    result:
      entry.result === null
        ? null
        : { providerId: entry.result.providerId, at: toTimestamp(entry.result.at) },
    reason: entry.reason,
    about: entry.about,
    replaces: entry.replaces,
    requestedBy: entry.requestedBy,
    createdAt: toTimestamp(entry.createdAt),
    updatedAt: toTimestamp(entry.updatedAt),
  };
}

export function decodeOutbox(id: string, data: unknown): OutboxEntry {
  const doc = parseStored(outboxSchema, id, data);
  return {
    id,
    conferenceId: doc.conferenceId,
    reference: doc.reference,
    kind: doc.kind,
    recipient: doc.recipient,
    version: doc.version,
    dueAt: toInstant(doc.dueAt),
    expiresAt: orNull(doc.expiresAt, toInstant),
    state: doc.state,
    wakeAt: orNull(doc.wakeAt, toInstant),
    attempts: doc.attempts,
    holder: doc.holder,
    messageIdHeader: doc.messageIdHeader,
    result: doc.result === null ? null : { providerId: doc.result.providerId, at: toInstant(doc.result.at) },
    reason: doc.reason,
    about: doc.about,
    replaces: doc.replaces,
    requestedBy: doc.requestedBy,
    createdAt: toInstant(doc.createdAt),
    updatedAt: toInstant(doc.updatedAt),
  };
}
