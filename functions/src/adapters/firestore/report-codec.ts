// The stored form of a report record (reports/{gmailMessageId}). Times are Timestamps; the query
// fields (state, conferenceId, followUp) sit at the top so Firestore can index them.
import { z } from 'zod';
import type { AttachmentFinding } from '../../domain/intake/inbound-message';
import type { HoldCode, ReportRecord } from '../../domain/intake/report';
import { members, orNull, parseStored, timestamp, toInstant, toTimestamp } from './stored-fields';

const finding = members<AttachmentFinding>({
  'executable-content': true,
  'macro-project': true,
  'encrypted-archive': true,
  'risky-archive-entry': true,
  'uninspectable-archive': true,
  tnef: true,
});

const holdCode = members<HoldCode>({
  unreadable: true,
  'too-large': true,
  'no-match': true,
  'several-matches': true,
  'conference-closed': true,
  'sender-not-invited': true,
  'several-senders': true,
  'authentication-failed': true,
  'not-authenticated': true,
  'risky-attachment': true,
});

const method = z.object({ result: z.string(), domain: z.string().nullable() });

const reportSchema = z.object({
  state: z.enum(['filed', 'held', 'dismissed']),
  conferenceId: z.string().nullable(),
  reference: z.string().nullable(),
  contribution: z
    .object({
      kind: z.enum(['report', 'family-views']),
      agency: z.string().nullable(),
      /** Absent from records filed before contributions named whose report they are. */
      invitee: z.string().nullable().optional(),
      relationship: z.string().nullable(),
      timing: z.enum(['on-time', 'late']),
      due: timestamp,
    })
    .nullable(),
  matchedBy: z.enum(['plus-address', 'subject', 'invited-sender', 'coordinator']).nullable(),
  sender: z.object({ address: z.string(), name: z.string() }).nullable(),
  receivedAt: timestamp,
  attachments: z.array(
    z.object({
      filename: z.string().nullable(),
      contentType: z.string(),
      size: z.int().min(0),
      sha256: z.string(),
      findings: z.array(finding),
    }),
  ),
  authentication: z
    .object({
      authservId: z.string(),
      spf: method.nullable(),
      dkim: z.array(method),
      dmarc: method.nullable(),
    })
    .nullable(),
  messageIdHeader: z.string().nullable(),
  size: z.int().min(0),
  link: z.string(),
  holdReasons: z.array(z.object({ code: holdCode, message: z.string() })),
  heldSubject: z.string().nullable(),
  candidates: z.array(z.string()),
  duplicateOf: z.string().nullable(),
  acknowledgement: z.object({
    state: z.enum(['pending', 'sent', 'none']),
    messageIdHeader: z.string(),
    attempts: z.int().min(0),
    sentAt: timestamp.nullable(),
  }),
  labelled: z.boolean(),
  nextFollowUp: timestamp,
  /** Set while an acknowledgement or labels are outstanding, so the reconcile finds them. */
  followUp: z.boolean(),
  history: z.array(
    z.object({
      at: timestamp,
      by: z.string(),
      action: z.enum(['filed', 'held', 'dismissed', 'acknowledged']),
      reason: z.string().nullable(),
    }),
  ),
  revision: z.int().min(0),
});

export type ReportDocument = z.output<typeof reportSchema>;

export function needsFollowUp(report: ReportRecord): boolean {
  return report.acknowledgement.state === 'pending' || !report.labelled;
}

export function encodeReport(report: ReportRecord): ReportDocument {
  const { messageId: _id, ...rest } = report;
  return {
    ...rest,
    contribution:
      report.contribution === null
        ? null
        : { ...report.contribution, due: toTimestamp(report.contribution.due) },
    receivedAt: toTimestamp(report.receivedAt),
    attachments: report.attachments.map((a) => ({ ...a, findings: [...a.findings] })),
    authentication:
      report.authentication === null
        ? null
        : { ...report.authentication, dkim: report.authentication.dkim.map((d) => ({ ...d })) },
    holdReasons: report.holdReasons.map((r) => ({ ...r })),
    candidates: [...report.candidates],
    acknowledgement: {
      ...report.acknowledgement,
      sentAt: orNull(report.acknowledgement.sentAt, toTimestamp),
    },
    nextFollowUp: toTimestamp(report.nextFollowUp),
    followUp: needsFollowUp(report),
    history: report.history.map((h) => ({ ...h, at: toTimestamp(h.at) })),
  };
}

/**
 * Whose report a record filed before contributions said so is. The service files a report by
 * itself only from an invitee, so it is the sender's; one a coordinator filed may be from anyone,
 * and reportStatus places it by its sender or its agency.
 */
function earlierInvitee(doc: Pick<ReportDocument, 'contribution' | 'matchedBy' | 'sender'>): string | null {
  const { contribution, matchedBy, sender } = doc;
  if (contribution?.kind !== 'report' || matchedBy === 'coordinator' || sender === null) return null;
  return sender.address.toLowerCase();
}

export function decodeReport(messageId: string, data: unknown): ReportRecord {
  const { followUp: _followUp, ...doc } = parseStored(reportSchema, `reports/${messageId}`, data);
  return {
    ...doc,
    messageId,
    contribution:
      doc.contribution === null
        ? null
        : {
            ...doc.contribution,
            invitee: doc.contribution.invitee === undefined ? earlierInvitee(doc) : doc.contribution.invitee,
            due: toInstant(doc.contribution.due),
          },
    receivedAt: toInstant(doc.receivedAt),
    nextFollowUp: toInstant(doc.nextFollowUp),
    acknowledgement: { ...doc.acknowledgement, sentAt: orNull(doc.acknowledgement.sentAt, toInstant) },
    history: doc.history.map((h) => ({ ...h, at: toInstant(h.at) })),
  };
}
