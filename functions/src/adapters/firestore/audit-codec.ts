// The stored form of an audit entry: who, when, what (field names, never values), and why.
import { z } from 'zod';
import type { AuditAction, AuditEntry } from '../../ports';
import { members, parseStored, timestamp, toInstant, toTimestamp } from './stored-fields';

const action = members<AuditAction>({
  'booking-started': true,
  'meet-created': true,
  booked: true,
  changed: true,
  cancelled: true,
  'invitations-updated': true,
  'outcome-recorded': true,
  'record-sent': true,
});

const auditSchema = z.object({
  /** The conference's revision the entry made: orders entries written in the same instant. */
  revision: z.int().min(0),
  at: timestamp,
  by: z.string().min(1),
  action,
  fields: z.array(z.string()),
  reason: z.string().nullable(),
});

export type AuditDocument = z.output<typeof auditSchema>;

export function encodeAudit(entry: AuditEntry, revision: number): AuditDocument {
  return {
    revision,
    at: toTimestamp(entry.at),
    by: entry.by,
    action: entry.action,
    fields: [...entry.fields],
    reason: entry.reason,
  };
}

export function decodeAudit(id: string, data: unknown): AuditEntry {
  const { revision: _revision, ...doc } = parseStored(auditSchema, `audit/${id}`, data);
  return { ...doc, at: toInstant(doc.at) };
}
