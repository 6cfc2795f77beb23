// The stored form of a report record (reports/{gmailMessageId}). Times are Timestamps; the query
// fields (state, conferenceId, followUp) sit at the top so Firestore can index them.
import { z } from 'zod';
import { AUTOMATIC_RULES } from '../../domain/intake/automatic-mail';
import type { AttachmentFinding } from '../../domain/intake/inbound-message';
import { HOLD_CODES, type ReportRecord } from '../../domain/intake/report';
import { members, orNull, parseStored, timestamp, toInstant, toTimestamp } from './stored-fields';

const finding = members<AttachmentFinding>({
  'executable-content': true,
  'macro-project': true,
  'encrypted-archive': true,
  'risky-archive-entry': true,
  'uninspectable-archive': true,
  tnef: true,
  'active-content': true,
  'pdf-actions': true,
  'disguised-content': true,
  'nested-archive': true,
  'nested-too-deep': true,
  'unreadable-message': true,
});

const holdCode = z.enum(HOLD_CODES);

const rsvp = z.enum(['accepted', 'tentative', 'needs-action', 'declined']);

// Records written before automatic mail, nesting and the acknowledgement window were read have
// none of these fields: each defaults to what such a record meant.
const calendar = z
  .object({
    method: z.string().nullable(),
    reply: z
      .object({ uid: z.string(), sequence: z.int().min(0), attendee: z.string(), answer: rsvp })
      .nullable(),
  })
  .nullable();

const automatic = z
  .object({
    rule: z.enum(AUTOMATIC_RULES),
    aboutMessage: z.string().nullable(),
    undelivered: z.array(
      z.object({
        address: z.string(),
        invitee: z.string().nullable(),
        action: z.string().nullable(),
        status: z.string().nullable(),
      }),
    ),
    answer: z
      .object({
        attendee: z.string(),
        answer: rsvp,
        counted: z.enum(['recorded', 'outdated', 'unknown-event', 'not-the-guest', 'not-recorded']),
      })
      .nullable(),
  })
  .nullable();

const method = z.object({ result: z.string(), domain: z.string().nullable() });

const reportSchema = z.object({
  state: z.enum(['filed', 'held', 'dismissed', 'automatic', 'redelivered']),
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
      within: z.array(z.string()).default([]),
      inline: z.boolean().default(false),
      calendar: calendar.default(null),
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
  redeliveryOf: z.string().nullable().default(null),
  automatic: automatic.default(null),
  acknowledgement: z.object({
    state: z.enum(['pending', 'sent', 'none']),
    messageIdHeader: z.string(),
    attempts: z.int().min(0),
    sentAt: timestamp.nullable(),
    /** Missing on older records, whose acknowledgement was due at once: receivedAt stands in. */
    notBefore: timestamp.optional(),
    coveredBy: z.string().nullable().default(null),
  }),
  labelled: z.boolean(),
  nextFollowUp: timestamp,
  /** Set while an acknowledgement or labels are outstanding, so the reconcile finds them. */
  followUp: z.boolean(),
  history: z.array(
    z.object({
      at: timestamp,
      by: z.string(),
      action: z.enum(['filed', 'held', 'dismissed', 'acknowledged', 'automatic', 'redelivered']),
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
    attachments: report.attachments.map((a) => ({
      ...a,
      findings: [...a.findings],
      within: [...a.within],
      calendar:
        a.calendar === null
          ? null
          : { ...a.calendar, reply: a.calendar.reply === null ? null : { ...a.calendar.reply } },
    })),
    automatic:
      report.automatic === null
        ? null
        : {
            ...report.automatic,
            undelivered: report.automatic.undelivered.map((u) => ({ ...u })),
            answer: report.automatic.answer === null ? null : { ...report.automatic.answer },
          },
    authentication:
      report.authentication === null
        ? null
        : { ...report.authentication, dkim: report.authentication.dkim.map((d) => ({ ...d })) },
    holdReasons: report.holdReasons.map((r) => ({ ...r })),
    candidates: [...report.candidates],
    acknowledgement: {
      ...report.acknowledgement,
      sentAt: orNull(report.acknowledgement.sentAt, toTimestamp),
      notBefore: toTimestamp(report.acknowledgement.notBefore),
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
    acknowledgement: {
      ...doc.acknowledgement,
      sentAt: orNull(doc.acknowledgement.sentAt, toInstant),
      notBefore: toInstant(doc.acknowledgement.notBefore ?? doc.receivedAt),
    },
    history: doc.history.map((h) => ({ ...h, at: toInstant(h.at) })),
  };
}
