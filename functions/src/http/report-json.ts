// Reports as the add-on receives them: a conference's report status, and the held emails for a
// coordinator to decide on. The email's content is not here: the link opens it in the inbox.
import type { Temporal } from 'temporal-polyfill';
import type { ReportStatus } from '../domain/intake/report-status';
import { automaticWords } from '../domain/intake/automatic-mail';
import type { ReportRecord } from '../domain/intake/report';
import { isoWithOffset } from '../domain/time/local-time';

/**
 * The card's reports: one row per report owed (per invitee or per agency, as `per` says). Times
 * carry the council's offset, as the add-on reads the council's wall-clock time off the string
 * (a UTC time would show an hour early all summer).
 */
export function reportStatusToJson(status: ReportStatus, timeZone: string): object {
  const local = (at: Temporal.Instant): string => isoWithOffset(at.toZonedDateTimeISO(timeZone));
  return {
    due: local(status.due),
    per: status.per,
    owed: status.owed.map((r) => ({ ...r, receivedAt: r.receivedAt === null ? null : local(r.receivedAt) })),
    family: status.family.map((f) => ({ ...f, receivedAt: local(f.receivedAt) })),
  };
}

export function reportToJson(report: ReportRecord): object {
  return {
    messageId: report.messageId,
    state: report.state,
    reference: report.reference,
    contribution:
      report.contribution === null
        ? null
        : { ...report.contribution, due: report.contribution.due.toString() },
    matchedBy: report.matchedBy,
    sender: report.sender,
    receivedAt: report.receivedAt.toString(),
    subject: report.heldSubject,
    attachments: report.attachments.map((a) => ({ ...a })),
    authentication: report.authentication,
    size: report.size,
    link: report.link,
    holdReasons: report.holdReasons,
    candidates: report.candidates,
    duplicateOf: report.duplicateOf,
    redeliveryOf: report.redeliveryOf,
    automatic:
      report.automatic === null
        ? null
        : { ...report.automatic, words: automaticWords(report.automatic.rule) },
    acknowledgement: report.acknowledgement.state,
    history: report.history.map((h) => ({ ...h, at: h.at.toString() })),
    revision: report.revision,
  };
}
