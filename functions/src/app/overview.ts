// The coordinator's overview: the conferences of the coming days, soonest first, each with its
// reports in and due, quorum read live from the calendar, its timescale and what it owes next,
// and how many emails wait for a coordinator. Reads are bounded: one query for the conferences,
// one per 30 of them for their reports, one outcome per conference already held, and one count.
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import type { Conference } from '../domain/conference/conference';
import { ValidationError } from '../domain/errors';
import { reportStatus } from '../domain/intake/report-status';
import type { OutcomeRecord } from '../domain/outcome/outcome-record';
import type { QuorumState } from '../domain/quorum';
import { nextDeadline, type Deadline } from '../domain/timeline/next-deadline';
import { daysParameter } from '../domain/validation/days-query';
import { problemMessages, toProblems } from '../domain/validation/zod-problems';
import { requireRole, type Actor } from './actor';
import type { DeskDeps } from './desk-deps';
import { inParallel } from './in-parallel';
import { ANYONE, onlyChair } from './conference-access';
import { readQuorum } from './read-quorum';

export const OVERVIEW_DAYS = { default: 28, max: 90 } as const;
/** More than a busy unit books in the longest range; beyond it the answer says it is cut short. */
export const OVERVIEW_LIMIT = 200;
/** Calendar reads at once: quorum for each conference costs one read per part. */
const QUORUM_CONCURRENCY = 4;

const querySchema = z.strictObject({ days: daysParameter(OVERVIEW_DAYS.max) });

export interface OverviewRow {
  readonly conference: Conference;
  readonly reports: {
    readonly received: number;
    readonly expected: number;
    readonly due: Temporal.Instant;
    /** The deadline has passed with a report still missing. */
    readonly overdue: boolean;
  };
  /** Null when the replies could not be read (logged). */
  readonly quorum: QuorumState | null;
  readonly outcomeRecorded: boolean;
  readonly nextDeadline: Deadline | null;
}

export interface Overview {
  /** The first day shown, in the council's zone... */
  readonly from: Temporal.PlainDate;
  /** ...and the day after the last. */
  readonly to: Temporal.PlainDate;
  readonly rows: readonly OverviewRow[];
  /** More conferences fall in the range than OVERVIEW_LIMIT: ask for fewer days. */
  readonly truncated: boolean;
  /** Emails held for a coordinator; null for a chair, or when intake is not set up. */
  readonly unmatched: number | null;
}

export async function readOverview(
  deps: DeskDeps,
  actor: Actor,
  query: Record<string, unknown>,
): Promise<Overview> {
  requireRole(actor, ANYONE, 'see the overview');
  const parsed = querySchema.safeParse(query, { error: problemMessages, reportInput: true });
  if (!parsed.success) {
    throw new ValidationError('QUERY.INVALID', toProblems(parsed.error), 'The overview cannot be shown');
  }
  const { booking, outbox } = deps;
  const { policy } = booking.settings;
  const now = booking.clock.now();
  const from = now.toZonedDateTimeISO(policy.timeZone).toPlainDate();
  const to = from.add({ days: parsed.data.days ?? OVERVIEW_DAYS.default });
  const chair = onlyChair(actor);
  const listed = await booking.store.list({
    from: from.toZonedDateTime(policy.timeZone).toInstant(),
    to: to.toZonedDateTime(policy.timeZone).toInstant(),
    statuses: ['booking', 'booked', 'held'],
    ...(chair ? { chair: actor.email } : {}),
    limit: OVERVIEW_LIMIT + 1,
  });
  const conferences = listed.slice(0, OVERVIEW_LIMIT);
  const held = conferences.filter((c) => c.status === 'held');
  const [filed, outcomes, unmatched] = await Promise.all([
    outbox.reports.filedForEach(conferences.map((c) => c.id)),
    Promise.all(held.map(async (c) => [c.id, await outbox.outcomes.get(c.id)] as const)),
    chair || policy.reports.inbox === null ? null : outbox.reports.heldCount(),
  ]);
  const outcomeOf = new Map<string, OutcomeRecord | undefined>(outcomes);
  const quorum = new Map<string, QuorumState | null>();
  // A held conference has met: who might still come no longer matters, and each read is a
  // Calendar call.
  await inParallel(
    conferences.filter((c) => c.status !== 'held'),
    QUORUM_CONCURRENCY,
    async (c) => {
      quorum.set(c.id, (await readQuorum(booking, c)).assessment?.state ?? null);
    },
  );

  const rows = conferences.map((conference): OverviewRow => {
    const status = reportStatus(conference, filed.get(conference.id) ?? [], policy);
    const received = status.owed.filter((r) => r.status === 'received').length;
    const missing = received < status.owed.length;
    const outcome = outcomeOf.get(conference.id);
    return {
      conference,
      reports: {
        received,
        expected: status.owed.length,
        due: status.due,
        overdue: missing && Temporal.Instant.compare(now, status.due) > 0,
      },
      quorum: quorum.get(conference.id) ?? null,
      // Recording the outcome is what marks a conference held.
      outcomeRecorded: conference.status === 'held',
      nextDeadline: nextDeadline(
        conference.timeline,
        {
          reportsMissing: missing,
          recordSent: outcome?.recordSent != null,
          coreGroupPossible: outcome === undefined || outcome.outcome.coreGroup !== undefined,
        },
        policy,
        now,
      ),
    };
  });
  return { from, to, rows, truncated: listed.length > OVERVIEW_LIMIT, unmatched };
}
