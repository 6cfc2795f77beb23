// What follows filing or holding an email: labels in the mailbox that show where it went, and
// the acknowledgement to its sender. Both can fail (Gmail is down) without losing the record: the
// record says what is outstanding and the reconcile comes back to it.
//
// The acknowledgement is sent at most once as far as the service can tell. Whoever creates or
// changes the record takes the first attempt (the record says so when it is written, so that
// step costs no extra write) and has the record to itself until `nextFollowUp`. The reconcile
// takes up only records past that time, claims another attempt in a transaction, and searches
// Sent for the acknowledgement's Message-ID before sending again. Gmail's send has no
// idempotency key, so a send whose answer was lost and whose message Sent search does not show
// yet could still, rarely, repeat one.
import { reportAddress } from '../domain/conference/event-description-view';
import { ConflictError } from '../domain/errors';
import { acknowledgementView } from '../domain/intake/intake-mail';
import { labelsFor, type ReportRecord } from '../domain/intake/report';
import type { IntakeDeps } from './intake-deps';

/** After this many attempts the acknowledgement is given up (logged); the report stays filed. */
const MAX_ACK_ATTEMPTS = 5;
/** How long a step that is labelling or acknowledging has the record to itself. */
export const FOLLOW_UP_LEASE_MINUTES = 2;

async function save(
  deps: IntakeDeps,
  before: ReportRecord,
  after: ReportRecord,
): Promise<ReportRecord | undefined> {
  try {
    await deps.reports.update(after, before.revision);
    return after;
  } catch (error) {
    // Someone else (a coordinator, another instance) changed it: they carry on from their copy.
    if (error instanceof ConflictError) return undefined;
    throw error;
  }
}

/** Sends the acknowledgement; true when it went (or Sent shows it already went). */
async function acknowledge(deps: IntakeDeps, report: ReportRecord, lookFirst: boolean): Promise<boolean> {
  const ack = report.acknowledgement;
  if (report.sender === null) return false;
  if (lookFirst && (await deps.mailbox.sentContains(ack.messageIdHeader))) return true;
  const view = acknowledgementView(report, {
    zone: deps.settings.policy.timeZone,
    inbox: deps.mailbox.address,
    council: deps.settings.policy.name,
  });
  if (view === null) return false;
  await deps.mailbox.send({
    to: report.sender.address,
    ...deps.messages.acknowledgement(view),
    messageIdHeader: ack.messageIdHeader,
    inReplyTo: report.messageIdHeader === null ? null : `<${report.messageIdHeader}>`,
    replyTo: report.reference === null ? null : reportAddress(deps.mailbox.address, report.reference),
  });
  return true;
}

/**
 * followUpReport as a best-effort step: a failure is logged and left for the reconcile (the record
 * says what is outstanding). True when everything was done.
 */
export async function followUpOrDefer(
  deps: IntakeDeps,
  report: ReportRecord,
  claimed: boolean,
): Promise<boolean> {
  try {
    await followUpReport(deps, report, claimed);
    return true;
  } catch (error) {
    deps.logger.warn('intake.follow_up_deferred', {
      messageId: report.messageId,
      error: error instanceof Error ? error.name : 'unknown',
    });
    return false;
  }
}

/** Tells the outbox a report was filed (best effort: the chair's "all in" note is a courtesy). */
export async function tellReportFiled(deps: IntakeDeps, conferenceId: string): Promise<void> {
  try {
    await deps.reportFiled(conferenceId);
  } catch (error) {
    deps.logger.warn('intake.report_filed_note_failed', {
      conferenceId,
      error: error instanceof Error ? error.name : 'unknown',
    });
  }
}

/**
 * Applies outstanding labels and sends an outstanding acknowledgement, then records both in one
 * write. `claimed`: the caller wrote the record with this attempt already counted (the step that
 * filed or changed it); otherwise (the reconcile) an attempt is claimed here first.
 */
export async function followUpReport(
  deps: IntakeDeps,
  report: ReportRecord,
  claimed: boolean,
): Promise<void> {
  const now = deps.clock.now();
  let current = report;
  const pending = report.acknowledgement.state === 'pending';
  if (!claimed) {
    const attempts = report.acknowledgement.attempts + (pending ? 1 : 0);
    if (pending && attempts > MAX_ACK_ATTEMPTS) {
      deps.logger.error('intake.acknowledgement_abandoned', {
        messageId: report.messageId,
        attempts: attempts - 1,
      });
      const given = await save(deps, report, {
        ...report,
        acknowledgement: { ...report.acknowledgement, state: 'none' },
        revision: report.revision + 1,
      });
      if (given === undefined || given.labelled) return;
      return followUpReport(deps, given, false);
    }
    const taken = await save(deps, report, {
      ...report,
      acknowledgement: { ...report.acknowledgement, attempts },
      nextFollowUp: now.add({ minutes: FOLLOW_UP_LEASE_MINUTES }),
      revision: report.revision + 1,
    });
    if (taken === undefined) return;
    current = taken;
  }
  if (!current.labelled) {
    const { add, remove } = labelsFor(current);
    await deps.mailbox.relabel(current.messageId, add, remove);
  }
  // A claimed first attempt cannot have sent anything yet; any later one may have.
  const sent =
    pending && (await acknowledge(deps, current, !claimed || current.acknowledgement.attempts > 1));
  await save(deps, current, {
    ...current,
    labelled: true,
    acknowledgement: pending
      ? { ...current.acknowledgement, state: sent ? 'sent' : 'none', sentAt: sent ? now : null }
      : current.acknowledgement,
    history: sent
      ? [...current.history, { at: now, by: 'service', action: 'acknowledged', reason: null }]
      : current.history,
    revision: current.revision + 1,
  });
}
