// Keeping the request inbox watched, and the scheduled reconcile. Gmail's watch lapses after 7
// days unless renewed (renewWatch runs daily); if renewal keeps failing, the coordinators are told
// while there are still 48 hours to fix it. The reconcile runs the same sync as a push (pushes are
// only hints), finishes outstanding labels and acknowledgements, and checks the watch as well, so
// a stopped renewWatch job is noticed too.
import type { Temporal } from 'temporal-polyfill';
import { ownMessageId, spokenTime } from '../domain/intake/intake-mail';
import type { IntakeDeps } from './intake-deps';
import { followUpOrDefer } from './follow-up-report';
import { syncMailbox, type SyncResult } from './sync-mailbox';

/** Tell the coordinators when the watch would lapse within this many hours. */
export const LAPSE_WARNING_HOURS = 48;
/** Follow-ups finished per reconcile; the rest wait for the next one. */
const FOLLOW_UP_BATCH = 50;

function lapsesSoon(expiresAt: Temporal.Instant | null, now: Temporal.Instant): boolean {
  return (
    expiresAt === null ||
    expiresAt.epochMilliseconds - now.epochMilliseconds < LAPSE_WARNING_HOURS * 3_600_000
  );
}

/** Sends the coordinators one warning per expiry when the watch lapses within 48 hours; true when sent. */
export async function warnIfWatchLapsing(deps: IntakeDeps): Promise<boolean> {
  const { mailbox, mailboxes, clock, settings, logger } = deps;
  const now = clock.now();
  const state = await mailboxes.get(mailbox.address);
  const expiresAt = state?.watchExpiresAt ?? null;
  if (!lapsesSoon(expiresAt, now)) return false;
  const warnedFor = state?.lapseWarnedFor ?? null;
  // Warned about this expiry already (or, with no watch at all, at any time in the last day).
  if (
    warnedFor !== null &&
    (expiresAt === null
      ? now.epochMilliseconds - warnedFor.epochMilliseconds < 86_400_000
      : warnedFor.equals(expiresAt))
  ) {
    return false;
  }
  const lapsed = expiresAt === null || expiresAt.epochMilliseconds <= now.epochMilliseconds;
  const mail = deps.messages.watchLapse({
    inbox: mailbox.address,
    lapsesAt: lapsed ? null : spokenTime(expiresAt, settings.policy.timeZone),
    council: settings.policy.name,
  });
  await mailbox.send({
    to: settings.coordinatorAlerts,
    ...mail,
    messageIdHeader: ownMessageId(
      'watch-lapse',
      String((expiresAt ?? now).epochMilliseconds),
      mailbox.address,
    ),
    inReplyTo: null,
    replyTo: null,
    // A warning the service raises itself, not an answer to anyone's email (RFC 3834 5).
    autoSubmitted: 'auto-generated',
  });
  await mailboxes.recordLapseWarning(mailbox.address, expiresAt ?? now);
  logger.warn('intake.watch_lapse_warned', { lapsed });
  return true;
}

export interface RenewResult {
  readonly renewed: boolean;
  readonly expiresAt: Temporal.Instant | null;
  readonly warned: boolean;
}

/** Re-arms the watch (daily); when Gmail refuses, warns the coordinators if it lapses within 48 hours. */
export async function renewWatch(deps: IntakeDeps): Promise<RenewResult> {
  const { mailbox, mailboxes, clock, logger } = deps;
  try {
    const watch = await mailbox.watch();
    await mailboxes.recordWatch(mailbox.address, { expiresAt: watch.expiresAt, renewedAt: clock.now() });
    logger.info('intake.watch_renewed', { expiresAt: watch.expiresAt.toString() });
    return { renewed: true, expiresAt: watch.expiresAt, warned: false };
  } catch (error) {
    logger.error('intake.watch_renewal_failed', { error: error instanceof Error ? error.name : 'unknown' });
    const warned = await warnIfWatchLapsing(deps);
    const state = await mailboxes.get(mailbox.address);
    return { renewed: false, expiresAt: state?.watchExpiresAt ?? null, warned };
  }
}

export interface ReconcileResult {
  readonly sync: SyncResult;
  readonly followUps: number;
  readonly warned: boolean;
}

/**
 * Finishes what is outstanding and due: labels that failed, acknowledgements that failed or
 * whose hour has come (a sender is acknowledged at most hourly). How many were finished.
 */
export async function finishFollowUps(deps: IntakeDeps): Promise<number> {
  let followUps = 0;
  for (const report of await deps.reports.withFollowUps(deps.clock.now(), FOLLOW_UP_BATCH)) {
    if (await followUpOrDefer(deps, report, false)) followUps += 1;
  }
  return followUps;
}

export async function reconcile(deps: IntakeDeps): Promise<ReconcileResult> {
  const sync = await syncMailbox(deps, null);
  const followUps = await finishFollowUps(deps);
  const warned = await warnIfWatchLapsing(deps);
  return { sync, followUps, warned };
}
