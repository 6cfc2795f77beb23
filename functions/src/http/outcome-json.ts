// The outcome and the outbox as the add-on receives them: dates as ISO strings, recipients by
// role and agency (addresses only for staff, who sent the invitations in the first place).
import type { OutcomeAnswer } from '../app/record-outcome';
import type { OutboxEntry } from '../domain/outbox/outbox-entry';
import type { OutcomeRecord } from '../domain/outcome/outcome-record';

export function outboxEntryToJson(entry: OutboxEntry): Record<string, unknown> {
  return {
    id: entry.id,
    kind: entry.kind,
    recipient: { ...entry.recipient },
    dueAt: entry.dueAt.toString(),
    expiresAt: entry.expiresAt?.toString() ?? null,
    state: entry.state,
    attempts: entry.attempts,
    reason: entry.reason,
    sentAt: entry.result?.at.toString() ?? null,
    providerId: entry.result?.providerId ?? null,
    requestedBy: entry.requestedBy,
  };
}

export function outcomeRecordToJson(record: OutcomeRecord): Record<string, unknown> {
  return {
    reference: record.reference,
    outcome: JSON.parse(JSON.stringify(record.outcome)) as unknown,
    nextReview: record.nextReview?.toString() ?? null,
    warnings: record.warnings,
    recordedBy: record.recordedBy,
    recordedAt: record.recordedAt.toString(),
    recordSent:
      record.recordSent === null ? null : { at: record.recordSent.at.toString(), by: record.recordSent.by },
  };
}

export function outcomeAnswerToJson(answer: OutcomeAnswer): Record<string, unknown> {
  return {
    ...outcomeRecordToJson(answer.outcome),
    status: answer.conference.status,
    draftsLink: answer.draftsLink,
    followUps: answer.entries.map(outboxEntryToJson),
  };
}
