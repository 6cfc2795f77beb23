// The sweep (Cloud Scheduler every few minutes; POST /sweep locally): finish any interrupted
// re-plans, then take each due entry, decide from the conference as it is now whether it still
// applies, and send it (or put the draft in the chair's Gmail).
//
// The guarantee, and why it holds:
// - Two sweeps never send the same entry at once: each claims it in a transaction that moves its
//   wake time to the end of a lease, so the other's claim finds it not yet due.
// - A crash after sending and before recording does not send again: the entry stays "sending"
//   until its lease ends; the next claim counts a second attempt, and any attempt after the first
//   looks in Sent (or Drafts) for our own Message-ID first and records what it finds instead of
//   sending. Gmail's send has no idempotency key, so this is at most once as far as Gmail's
//   search shows: a message sent in the instant before a crash and not yet searchable when the
//   lease ends (10 minutes by default) could still go twice. Nothing due is dropped silently:
//   every entry ends sent, skipped (with why), cancelled by a re-plan, or failed with the
//   coordinator told.
import type { Conference } from '../domain/conference/conference';
import { AppError } from '../domain/errors';
import { reportStatus, type ReportStatus } from '../domain/intake/report-status';
import { composeMessage } from '../domain/messages/build-views';
import { channelOf, messageOf, newEntry, recipientOf, type OutboxEntry } from '../domain/outbox/outbox-entry';
import { MAX_ATTEMPTS, retryAfter, skipReason } from '../domain/outbox/sweep-rules';
import type { OutcomeRecord } from '../domain/outcome/outcome-record';
import type { QuorumAssessment } from '../domain/quorum';
import { inParallel } from './in-parallel';
import type { OutboxDeps } from './outbox-deps';
import { quorumOf } from './quorum-of';
import { replanOutbox, senderOf } from './replan-outbox';

export interface SweepResult {
  readonly replanned: number;
  readonly claimed: number;
  readonly sent: number;
  readonly skipped: number;
  readonly retrying: number;
  readonly failed: number;
  /** Entries another sweep took first. */
  readonly lost: number;
}

type Outcome = 'sent' | 'skipped' | 'retrying' | 'failed' | 'lost';

/** What one sweep reads once per conference, however many of its entries are due. */
class SweepFacts {
  private readonly conferences = new Map<string, Promise<Conference | undefined>>();
  private readonly outcomes = new Map<string, Promise<OutcomeRecord | null>>();
  private readonly statuses = new Map<string, Promise<ReportStatus>>();

  constructor(private readonly deps: OutboxDeps) {}

  conference(id: string): Promise<Conference | undefined> {
    let found = this.conferences.get(id);
    if (found === undefined) {
      found = this.deps.conferences.get(id);
      this.conferences.set(id, found);
    }
    return found;
  }

  outcome(id: string): Promise<OutcomeRecord | null> {
    let found = this.outcomes.get(id);
    if (found === undefined) {
      found = this.deps.outcomes.get(id).then((o) => o ?? null);
      this.outcomes.set(id, found);
    }
    return found;
  }

  reports(conference: Conference): Promise<ReportStatus> {
    let found = this.statuses.get(conference.id);
    if (found === undefined) {
      found = this.deps.reports
        .filedFor(conference.id)
        .then((filed) => reportStatus(conference, filed, this.deps.settings.policy));
      this.statuses.set(conference.id, found);
    }
    return found;
  }
}

const NEEDS_REPORTS = new Set<OutboxEntry['kind']>(['report-reminder', 'report-overdue', 'all-reports-in']);

function errorCode(error: unknown): string {
  if (error instanceof AppError) return error.code;
  return error instanceof Error ? error.name : 'unknown';
}

async function deliver(
  deps: OutboxDeps,
  entry: OutboxEntry,
  facts: SweepFacts,
): Promise<{ kind: 'sent'; providerId: string } | { kind: 'skipped'; reason: string }> {
  const now = deps.clock.now();
  // Any attempt after the first may follow one that went out before its answer was lost (or
  // whose sweep died): what Sent shows is recorded, whatever the entry's fate would be now.
  const lookFirst = entry.attempts > 1;
  if (
    lookFirst &&
    channelOf(entry.kind) === 'send' &&
    (await deps.mailer?.sentContains(entry.messageIdHeader))
  ) {
    deps.logger.info('outbox.found_in_sent', { entry: entry.id, reference: entry.reference });
    return { kind: 'sent', providerId: 'found-in-sent' };
  }
  const conference = await facts.conference(entry.conferenceId);
  const outcome = await facts.outcome(entry.conferenceId);
  const reports =
    conference !== undefined && NEEDS_REPORTS.has(entry.kind) ? await facts.reports(conference) : null;
  const reason = skipReason(entry, { conference, outcome, reports, now }, deps.settings);
  if (reason !== null || conference === undefined)
    return { kind: 'skipped', reason: reason ?? 'conference-gone' };

  let quorum: QuorumAssessment | null = null;
  if (entry.kind === 'quorum-check') {
    quorum = await quorumOf(deps, conference);
    // Silence two days out is normal; the coordinator is told when declines make quorum impossible.
    if (quorum.state !== 'cannot') return { kind: 'skipped', reason: `quorum-${quorum.state}` };
  }
  const failed = entry.about === null ? null : ((await deps.outbox.get(entry.about)) ?? null);
  const message = composeMessage(entry, {
    conference,
    policy: deps.settings.policy,
    outcome,
    reports,
    quorum,
    failed,
    coordinator: deps.settings.coordinator,
  });
  const rendered = deps.renderer.render(message.name, message.view);
  const { replyTo } = message;

  if (channelOf(entry.kind) === 'draft') {
    const draft = await deps.drafts.create(
      conference.invitees.chair.email,
      {
        to: message.to,
        bcc: message.bcc,
        ...rendered,
        messageIdHeader: entry.messageIdHeader,
        replyTo,
      },
      lookFirst,
    );
    return { kind: 'sent', providerId: draft.draftId };
  }
  const to = message.to[0];
  if (to === undefined) return { kind: 'skipped', reason: 'no-address' };
  const mailer = deps.mailer;
  if (mailer === undefined) {
    throw new AppError(
      'OUTBOX.NO_MAILBOX',
      'No mailbox can send: the council policy has no report request inbox (reports.inbox)',
      503,
    );
  }
  const sent = await mailer.send({
    to,
    ...rendered,
    messageIdHeader: entry.messageIdHeader,
    inReplyTo: null,
    replyTo,
    autoSubmitted: 'auto-generated',
  });
  return { kind: 'sent', providerId: sent.id };
}

/** Tells the coordinator an entry failed for good: itself an outbox entry, so it is retried too. */
async function raiseAlert(deps: OutboxDeps, failed: OutboxEntry): Promise<void> {
  if (failed.kind === 'delivery-failed') return; // an alert that cannot be sent is only logged
  const now = deps.clock.now();
  const coordinator = deps.settings.coordinator;
  await deps.outbox.add(
    newEntry(
      failed.conferenceId,
      failed.reference,
      {
        kind: 'delivery-failed',
        recipient: recipientOf('coordinator', coordinator),
        version: failed.version,
        dueAt: now,
        expiresAt: null,
        catchUp: true,
      },
      senderOf(deps),
      now,
      { about: failed.id },
    ),
  );
}

/** Claims, decides and delivers one entry, recording what happened. */
export async function processEntry(
  deps: OutboxDeps,
  id: string,
  facts = new SweepFacts(deps),
): Promise<Outcome> {
  const holder = deps.instanceId;
  const now = deps.clock.now();
  const claimed = await deps.outbox.claim(id, holder, now, now.add({ milliseconds: deps.settings.leaseMs }));
  if (claimed === undefined) return 'lost';
  let next: OutboxEntry;
  let result: Outcome;
  try {
    const done = await deliver(deps, claimed, facts);
    const at = deps.clock.now();
    next =
      done.kind === 'sent'
        ? {
            ...claimed,
            state: 'sent',
            wakeAt: null,
            result: { providerId: done.providerId, at },
            reason: null,
            updatedAt: at,
          }
        : { ...claimed, state: 'skipped', wakeAt: null, reason: done.reason, updatedAt: at };
    result = done.kind;
  } catch (error) {
    const at = deps.clock.now();
    const code = errorCode(error);
    const last = claimed.attempts >= MAX_ATTEMPTS;
    next = last
      ? { ...claimed, state: 'failed', wakeAt: null, reason: code, updatedAt: at }
      : {
          ...claimed,
          state: 'pending',
          wakeAt: retryAfter(claimed.attempts, at),
          reason: code,
          holder: null,
          updatedAt: at,
        };
    result = last ? 'failed' : 'retrying';
    deps.logger[last ? 'error' : 'warn'](last ? 'outbox.failed' : 'outbox.retrying', {
      entry: claimed.id,
      reference: claimed.reference,
      kind: claimed.kind,
      attempts: claimed.attempts,
      error: code,
    });
  }
  if (!(await deps.outbox.finish(next, holder))) {
    deps.logger.warn('outbox.lease_lost', { entry: claimed.id, reference: claimed.reference });
    return 'lost';
  }
  if (result === 'failed') await raiseAlert(deps, next);
  if (result === 'sent' || result === 'skipped') {
    deps.logger.info(result === 'sent' ? 'outbox.sent' : 'outbox.skipped', {
      entry: claimed.id,
      reference: claimed.reference,
      kind: claimed.kind,
      message: messageOf(claimed.kind),
      reason: next.reason,
    });
  }
  return result;
}

export async function sweepOutbox(deps: OutboxDeps): Promise<SweepResult> {
  // One read of each conference (and its outcome) serves both its re-plan and its due entries.
  const facts = new SweepFacts(deps);
  let replanned = 0;
  for (const id of await deps.outbox.stalePlans(deps.settings.batch)) {
    const conference = await facts.conference(id);
    if (conference === undefined) continue;
    await replanOutbox(deps, conference, await facts.outcome(id));
    replanned += 1;
  }
  const due = await deps.outbox.due(deps.clock.now(), deps.settings.batch);
  const counts: Record<Outcome, number> = { sent: 0, skipped: 0, retrying: 0, failed: 0, lost: 0 };
  await inParallel(due, deps.settings.concurrency, async (entry) => {
    counts[await processEntry(deps, entry.id, facts)] += 1;
  });
  const result = { replanned, claimed: due.length - counts.lost, ...counts };
  deps.logger.info('outbox.swept', { ...result });
  return result;
}
