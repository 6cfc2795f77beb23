// When a due entry's time comes, whether it still applies, decided from the conference as it is
// now: a reminder for a report that arrived, a note about a conference that was cancelled or
// moved, or a day-before note after the day is skipped, with the reason kept.
import { Temporal } from 'temporal-polyfill';
import type { Conference } from '../conference/conference';
import { allReportsIn, owedBy, type ReportStatus } from '../intake/report-status';
import type { OutcomeRecord } from '../outcome/outcome-record';
import { plannedId, type OutboxEntry } from './outbox-entry';
import { PLANNED_KINDS, planMessages, type PlanContext } from './plan-outbox';

/** After this many failed attempts the entry fails and the coordinator is told. */
export const MAX_ATTEMPTS = 5;

/** Minutes to wait after the nth failed attempt: soon at first, then less often. */
const BACKOFF_MINUTES = [1, 5, 15, 60, 240] as const;

export function retryAfter(attempts: number, now: Temporal.Instant): Temporal.Instant {
  const minutes = BACKOFF_MINUTES[Math.min(attempts, BACKOFF_MINUTES.length) - 1] ?? 1;
  return now.add({ minutes });
}

export interface SweepFacts {
  readonly conference: Conference | undefined;
  readonly outcome: OutcomeRecord | null;
  readonly reports: ReportStatus | null;
  readonly now: Temporal.Instant;
}

/** A reason code to skip the entry now, or null to send it. */
export function skipReason(entry: OutboxEntry, facts: SweepFacts, ctx: PlanContext): string | null {
  const { conference, now } = facts;
  if (conference === undefined) return 'conference-gone';
  if (conference.status === 'cancelled') return 'conference-cancelled';
  if (entry.expiresAt !== null && Temporal.Instant.compare(entry.expiresAt, now) <= 0) return 'too-late';
  // One a coordinator asked for is not in the plan: whether it still applies is decided below.
  if (PLANNED_KINDS.has(entry.kind) && entry.requestedBy === null) {
    // Planned again from the conference as it is: a moved date or a changed guest list gives
    // other ids, and this one is no longer owed.
    const current = planMessages(conference, facts.outcome, ctx).some(
      (p) => plannedId(conference.id, p) === entry.id,
    );
    if (!current) return 'replanned';
  }
  switch (entry.kind) {
    case 'report-reminder':
    case 'report-overdue': {
      // Their own report per person (a colleague's from the same agency does not count), their
      // agency's per agency.
      const owed = facts.reports === null ? undefined : owedBy(facts.reports, entry.recipient);
      return owed?.status === 'received' ? 'report-received' : null;
    }
    case 'all-reports-in':
      return facts.reports !== null && allReportsIn(facts.reports) ? null : 'reports-missing';
    case 'record-reminder':
      return facts.outcome?.recordSent != null ? 'record-sent' : null;
    default:
      return null;
  }
}
