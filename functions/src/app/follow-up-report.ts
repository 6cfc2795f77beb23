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
//
// A sender is acknowledged at most once an hour per conference (acknowledgement-window.ts): a
// record whose hour has not come waits (`notBefore`), and the record whose acknowledgement goes
// first covers every other one waiting by then, in one email. It marks them covered before
// sending, so a retry, or their own follow-up, finds whose email they went in.
import { reportAddress } from '../domain/conference/event-description-view';
import { ConflictError } from '../domain/errors';
import { Temporal } from 'temporal-polyfill';
import { coveredTogether } from '../domain/intake/acknowledgement-window';
import { acknowledgementView } from '../domain/intake/intake-mail';
import { labelsFor, type Acknowledgement, type ReportRecord } from '../domain/intake/report';
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

/** Sends one acknowledgement for `covered` (the lead first); true when it went (or Sent shows it did). */
async function acknowledge(
  deps: IntakeDeps,
  lead: ReportRecord,
  covered: readonly ReportRecord[],
  lookFirst: boolean,
): Promise<boolean> {
  const ack = lead.acknowledgement;
  if (lead.sender === null) return false;
  if (lookFirst && (await deps.mailbox.sentContains(ack.messageIdHeader))) return true;
  // Told of in the order they arrived, whichever of them leads.
  const inOrder = [...covered].sort((a, b) => Temporal.Instant.compare(a.receivedAt, b.receivedAt));
  const view = acknowledgementView(inOrder, {
    zone: deps.settings.policy.timeZone,
    inbox: deps.mailbox.address,
    council: deps.settings.policy.name,
  });
  if (view === null) return false;
  await deps.mailbox.send({
    to: lead.sender.address,
    ...deps.messages.acknowledgement(view),
    messageIdHeader: ack.messageIdHeader,
    inReplyTo: lead.messageIdHeader === null ? null : `<${lead.messageIdHeader}>`,
    replyTo: lead.reference === null ? null : reportAddress(deps.mailbox.address, lead.reference),
    autoSubmitted: 'auto-replied',
  });
  return true;
}

/** Marks the records `lead`'s email covered, each as it is now; one changed meanwhile is left to its own follow-up. */
async function markCovered(
  deps: IntakeDeps,
  lead: ReportRecord,
  members: readonly ReportRecord[],
  outcome: Pick<Acknowledgement, 'state' | 'sentAt'>,
): Promise<void> {
  for (const member of members) {
    const current = await deps.reports.get(member.messageId);
    if (current?.acknowledgement.state !== 'pending' || current.acknowledgement.coveredBy !== lead.messageId)
      continue;
    await save(deps, current, {
      ...current,
      acknowledgement: { ...current.acknowledgement, ...outcome },
      history:
        outcome.state === 'sent' && outcome.sentAt !== null
          ? [
              ...current.history,
              { at: outcome.sentAt, by: 'service', action: 'acknowledged', reason: `with ${lead.messageId}` },
            ]
          : current.history,
      revision: current.revision + 1,
    });
  }
}

/**
 * The other records `lead`'s email will cover, claimed for it: each is marked covered by the
 * lead before anything is sent. On a retry, the ones an earlier attempt claimed.
 */
async function claimCovered(
  deps: IntakeDeps,
  lead: ReportRecord,
  now: Temporal.Instant,
): Promise<ReportRecord[]> {
  if (lead.conferenceId === null) return [];
  const filed = await deps.reports.filedFor(lead.conferenceId);
  const claimed: ReportRecord[] = [];
  for (const other of coveredTogether(lead, filed, now)) {
    if (other.messageId === lead.messageId) continue;
    if (other.acknowledgement.coveredBy === lead.messageId) {
      claimed.push(other);
      continue;
    }
    const taken = await save(deps, other, {
      ...other,
      acknowledgement: { ...other.acknowledgement, coveredBy: lead.messageId },
      nextFollowUp: now.add({ minutes: FOLLOW_UP_LEASE_MINUTES }),
      revision: other.revision + 1,
    });
    if (taken !== undefined) claimed.push(taken);
  }
  return claimed;
}

/** The records an earlier attempt of `lead` claimed for its email. */
async function claimedBy(deps: IntakeDeps, lead: ReportRecord): Promise<ReportRecord[]> {
  if (lead.conferenceId === null) return [];
  const filed = await deps.reports.filedFor(lead.conferenceId);
  return filed.filter(
    (r) => r.messageId !== lead.messageId && r.acknowledgement.coveredBy === lead.messageId,
  );
}

/**
 * A record another record's email covers: it takes that email's outcome once there is one, and
 * waits (another lease) while there is not. With the lead gone, nothing will be sent for it.
 */
async function followCovering(deps: IntakeDeps, report: ReportRecord, now: Temporal.Instant): Promise<void> {
  const leadId = report.acknowledgement.coveredBy;
  const lead = leadId === null ? undefined : await deps.reports.get(leadId);
  const state = lead?.acknowledgement.state ?? 'none';
  await save(deps, report, {
    ...report,
    acknowledgement:
      state === 'pending'
        ? report.acknowledgement
        : {
            ...report.acknowledgement,
            state,
            sentAt: state === 'sent' ? (lead?.acknowledgement.sentAt ?? now) : null,
          },
    nextFollowUp: state === 'pending' ? now.add({ minutes: FOLLOW_UP_LEASE_MINUTES }) : report.nextFollowUp,
    history:
      state === 'sent'
        ? [
            ...report.history,
            { at: now, by: 'service', action: 'acknowledged', reason: `with ${leadId ?? ''}` },
          ]
        : report.history,
    revision: report.revision + 1,
  });
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
  const ack = report.acknowledgement;
  const covered = ack.state === 'pending' && ack.coveredBy !== null && ack.coveredBy !== report.messageId;
  // Its hour has not come: only the labels now; the reconcile comes back at `notBefore`.
  const waiting = ack.state === 'pending' && Temporal.Instant.compare(ack.notBefore, now) > 0;
  const pending = ack.state === 'pending' && !covered && !waiting;
  if (!claimed && pending) {
    const attempts = ack.attempts + 1;
    if (attempts > MAX_ACK_ATTEMPTS) {
      deps.logger.error('intake.acknowledgement_abandoned', {
        messageId: report.messageId,
        attempts: attempts - 1,
      });
      const given = await save(deps, report, {
        ...report,
        acknowledgement: { ...ack, state: 'none' },
        revision: report.revision + 1,
      });
      if (given === undefined) return;
      await markCovered(deps, given, await claimedBy(deps, given), { state: 'none', sentAt: null });
      if (!given.labelled) await followUpReport(deps, given, false);
      return;
    }
    const taken = await save(deps, report, {
      ...report,
      acknowledgement: { ...ack, attempts },
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
  if (covered) {
    if (!current.labelled)
      current =
        (await save(deps, current, { ...current, labelled: true, revision: current.revision + 1 })) ??
        current;
    await followCovering(deps, current, now);
    return;
  }
  // The filing step's own first attempt covers only itself: had another from the sender been
  // waiting, this one would have been given that one's hour instead (acknowledgementNotBefore).
  const members = pending && !claimed ? await claimCovered(deps, current, now) : [];
  // A claimed first attempt cannot have sent anything yet; any later one may have.
  const lookFirst = !claimed || current.acknowledgement.attempts > 1;
  const sent = pending && (await acknowledge(deps, current, [current, ...members], lookFirst));
  const outcome = { state: sent ? 'sent' : 'none', sentAt: sent ? now : null } as const;
  await save(deps, current, {
    ...current,
    labelled: true,
    acknowledgement: pending
      ? { ...current.acknowledgement, ...outcome, coveredBy: members.length > 0 ? current.messageId : null }
      : current.acknowledgement,
    // A record waiting for its hour is looked at again then.
    nextFollowUp: waiting ? current.acknowledgement.notBefore : current.nextFollowUp,
    history: sent
      ? [...current.history, { at: now, by: 'service', action: 'acknowledged', reason: null }]
      : current.history,
    revision: current.revision + 1,
  });
  if (pending) await markCovered(deps, current, members, outcome);
}
