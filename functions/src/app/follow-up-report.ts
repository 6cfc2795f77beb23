// What follows filing or holding an email: labels in the mailbox that show where it went, and
// the acknowledgement to its sender. Both can fail (Gmail is down) without losing the record: the
// record says what is outstanding and the reconcile comes back to it.
//
// The acknowledgement is sent at most once as far as the service can tell: an attempt is written
// down before sending, and after an attempt whose outcome is unknown (a crash, a timeout), Sent is
// searched for its Message-ID before sending again. Gmail's send has no idempotency key, so a
// crash between Gmail accepting it and the search index showing it could still, rarely, repeat one.
import { reportAddress } from '../domain/conference/event-description-view';
import { ConflictError } from '../domain/errors';
import { acknowledgementView } from '../domain/intake/intake-mail';
import { labelsFor, type ReportRecord } from '../domain/intake/report';
import type { IntakeDeps } from './intake-deps';

/** After this many attempts the acknowledgement is given up (logged); the report stays filed. */
const MAX_ACK_ATTEMPTS = 5;

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

async function applyLabels(deps: IntakeDeps, report: ReportRecord): Promise<ReportRecord | undefined> {
  if (report.labelled) return report;
  const { add, remove } = labelsFor(report);
  await deps.mailbox.relabel(report.messageId, add, remove);
  return save(deps, report, { ...report, labelled: true, revision: report.revision + 1 });
}

async function acknowledge(deps: IntakeDeps, report: ReportRecord): Promise<ReportRecord | undefined> {
  const ack = report.acknowledgement;
  if (ack.state !== 'pending' || report.sender === null) return report;
  const now = deps.clock.now();
  const { settings } = deps;
  const done = (current: ReportRecord): ReportRecord => ({
    ...current,
    acknowledgement: { ...current.acknowledgement, state: 'sent', sentAt: now },
    history: [...current.history, { at: now, by: 'service', action: 'acknowledged', reason: null }],
    revision: current.revision + 1,
  });
  if (ack.attempts > 0 && (await deps.mailbox.sentContains(ack.messageIdHeader))) {
    return save(deps, report, done(report));
  }
  if (ack.attempts >= MAX_ACK_ATTEMPTS) {
    deps.logger.error('intake.acknowledgement_abandoned', {
      messageId: report.messageId,
      attempts: ack.attempts,
    });
    return save(deps, report, {
      ...report,
      acknowledgement: { ...ack, state: 'none' },
      revision: report.revision + 1,
    });
  }
  const view = acknowledgementView(report, {
    zone: settings.policy.timeZone,
    inbox: deps.mailbox.address,
    council: settings.policy.name,
  });
  if (view === null) return report;
  // Claim the attempt first: if this write loses a race, another instance is sending it.
  const claimed = await save(deps, report, {
    ...report,
    acknowledgement: { ...ack, attempts: ack.attempts + 1 },
    revision: report.revision + 1,
  });
  if (claimed === undefined) return undefined;
  const mail = deps.messages.acknowledgement(view);
  const replyAddress =
    report.reference === null ? null : reportAddress(deps.mailbox.address, report.reference);
  await deps.mailbox.send({
    to: report.sender.address,
    ...mail,
    messageIdHeader: ack.messageIdHeader,
    inReplyTo: report.messageIdHeader === null ? null : `<${report.messageIdHeader}>`,
    replyTo: replyAddress,
  });
  return save(deps, claimed, done(claimed));
}

/** Applies outstanding labels, then sends an outstanding acknowledgement. */
export async function followUpReport(deps: IntakeDeps, report: ReportRecord): Promise<void> {
  const labelled = await applyLabels(deps, report);
  if (labelled === undefined) return;
  await acknowledge(deps, labelled);
}
