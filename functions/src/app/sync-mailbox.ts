// Reads what arrived in the request inbox since the stored cursor and takes each message in. A
// Gmail push only hints that something changed (Gmail drops and delays them), so the reconcile
// runs this too. The cursor moves (forward only) after every message up to it has a record;
// when Gmail no longer keeps history that old, a bounded re-read by date catches up instead of
// jumping the cursor, which would silently skip reports.
import { randomUUID } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import type { MailboxState } from '../ports';
import type { IntakeDeps } from './intake-deps';
import { takeInMessage, type TakeInResult } from './take-in-message';

export interface SyncResult {
  readonly status: 'synced' | 'busy' | 'stale' | 'incomplete';
  readonly counts: Readonly<Record<TakeInResult | 'failed', number>>;
  readonly fullSync: MailboxState['lastFullSync'];
}

/** A notification that arrives while syncing makes the holder go round again, this many times at most. */
const MAX_ROUNDS = 5;
/** The Date a message gets in the mailbox can trail the last sync a little (clocks, queues). */
const FULL_SYNC_OVERLAP = Temporal.Duration.from({ hours: 1 });

type Counts = Record<TakeInResult | 'failed', number>;

function emptyCounts(): Counts {
  return {
    filed: 0,
    held: 0,
    automatic: 0,
    redelivered: 0,
    'already-recorded': 0,
    gone: 0,
    'not-inbound': 0,
    failed: 0,
  };
}

async function takeIn(deps: IntakeDeps, ids: readonly string[], counts: Counts): Promise<void> {
  const known = await deps.reports.existing(ids);
  for (const id of ids) {
    if (known.has(id)) {
      counts['already-recorded'] += 1;
      continue;
    }
    try {
      counts[await takeInMessage(deps, id, true)] += 1;
    } catch (error) {
      // Gmail or Firestore failed for this one (bad content is held, not thrown): go on with
      // the rest, and leave the cursor where it is so the next sync tries this one again.
      counts.failed += 1;
      deps.logger.error('intake.message_failed', {
        messageId: id,
        error: error instanceof Error ? error.name : 'unknown',
        code: typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : null,
      });
    }
  }
}

async function fullSync(
  deps: IntakeDeps,
  state: MailboxState,
  counts: Counts,
): Promise<{ historyId: string; fullSync: NonNullable<MailboxState['lastFullSync']> }> {
  const { settings, mailbox, clock } = deps;
  // Read the head first: anything arriving during the re-read is in both it and the next history.
  const historyId = await mailbox.currentHistoryId();
  const now = clock.now();
  const floor = now.subtract({ hours: 24 * settings.fullSyncDays });
  const since = state.syncedAt === null ? floor : state.syncedAt.subtract(FULL_SYNC_OVERLAP);
  const after = Temporal.Instant.compare(since, floor) < 0 ? floor : since;
  const listed = await mailbox.receivedSince(after, settings.fullSyncMaxMessages);
  deps.logger.warn('intake.full_sync', {
    reason: 'history-expired',
    messages: listed.messageIds.length,
    complete: listed.complete,
  });
  await takeIn(deps, listed.messageIds, counts);
  return {
    historyId,
    fullSync: {
      at: now,
      reason: 'history-expired',
      messages: listed.messageIds.length,
      complete: listed.complete,
    },
  };
}

/**
 * One sync of the request inbox. `hint` is the history id a push announced (null for the
 * reconcile); a hint already behind the cursor is stale and does nothing.
 */
export async function syncMailbox(deps: IntakeDeps, hint: string | null): Promise<SyncResult> {
  const { mailboxes, mailbox, settings, clock } = deps;
  // One holder per sync, not per instance: an instance serves several requests at once.
  const holder = `${deps.instanceId}/${randomUUID()}`;
  const counts = emptyCounts();
  let lastFull: MailboxState['lastFullSync'] = null;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const claim = await mailboxes.claimSync(
      mailbox.address,
      holder,
      round === 0 ? hint : null,
      clock.now(),
      settings.syncLeaseMs,
    );
    if (claim.kind !== 'claimed') {
      return { status: round === 0 ? claim.kind : 'synced', counts, fullSync: lastFull };
    }
    const { state } = claim;
    let progress: { historyId: string; fullSync?: MailboxState['lastFullSync'] };
    try {
      if (state.historyId === null) {
        // The first sync starts at the inbox's present: mail already there when intake was
        // switched on was being handled by hand, and filing it now would acknowledge old reports.
        progress = { historyId: await mailbox.currentHistoryId() };
        deps.logger.info('intake.started', {});
      } else {
        const changes = await mailbox.changesSince(state.historyId);
        if (changes.kind === 'expired') {
          progress = await fullSync(deps, state, counts);
        } else {
          await takeIn(deps, changes.messageIds, counts);
          progress = { historyId: changes.historyId };
        }
      }
    } catch (error) {
      await mailboxes.abandonSync(mailbox.address, holder);
      throw error;
    }
    lastFull = progress.fullSync ?? lastFull;
    if (counts.failed > 0) {
      // Keep the cursor: the failed messages are read again next time (the rest are skipped).
      await mailboxes.abandonSync(mailbox.address, holder);
      return { status: 'incomplete', counts, fullSync: lastFull };
    }
    const { moreWaiting } = await mailboxes.finishSync(mailbox.address, holder, progress, clock.now());
    if (!moreWaiting) break;
  }
  deps.logger.info('intake.synced', { ...counts });
  return { status: 'synced', counts, fullSync: lastFull };
}
