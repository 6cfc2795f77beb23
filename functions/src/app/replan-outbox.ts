// Brings a conference's outbox in line with the conference as stored: called after booking, a
// change, a cancel or an outcome, and by the sweep for any conference whose re-plan did not
// finish (the conference document says so). Repeating it changes nothing.
import type { Conference } from '../domain/conference/conference';
import { newEntry } from '../domain/outbox/outbox-entry';
import { planChanges, planMessages, type PlanChanges } from '../domain/outbox/plan-outbox';
import type { OutcomeRecord } from '../domain/outcome/outcome-record';
import type { OutboxDeps } from './outbox-deps';

/** The address the outbox's messages come from (the request inbox), which its Message-IDs name. */
export function senderOf(deps: OutboxDeps): string {
  return deps.mailer?.address ?? deps.settings.policy.reports.inbox ?? deps.settings.coordinator;
}

/** `known`: the conference's outcome when the caller has already read it (null: none). */
export async function replanOutbox(
  deps: OutboxDeps,
  conference: Conference,
  known?: OutcomeRecord | null,
): Promise<PlanChanges> {
  const now = deps.clock.now();
  const outcome = known !== undefined ? known : ((await deps.outcomes.get(conference.id)) ?? null);
  const planned = planMessages(conference, outcome, deps.settings);
  const changes = await deps.outbox.replan(
    conference,
    (stored) => planChanges(conference, planned, stored, now),
    ({ planned: p, replaces }) =>
      newEntry(conference.id, conference.reference, p, senderOf(deps), now, { replaces }),
    now,
  );
  if (changes.create.length + changes.move.length + changes.cancel.length > 0) {
    deps.logger.info('outbox.replanned', {
      reference: conference.reference,
      created: changes.create.length,
      moved: changes.move.length,
      cancelled: changes.cancel.length,
    });
  }
  return changes;
}

/** replanOutbox as a best-effort step after a change: a failure is logged and the sweep finishes it. */
export async function replanOrDefer(deps: OutboxDeps, conference: Conference): Promise<void> {
  try {
    await replanOutbox(deps, conference);
  } catch (error) {
    deps.logger.warn('outbox.replan_deferred', {
      reference: conference.reference,
      error: error instanceof Error ? error.name : 'unknown',
    });
  }
}
