// The statutory timescale a conference must meet, from the event that starts its clock:
// the strategy discussion (initial), the previous conference (review), the notification of a
// move (transfer-in), or the stage of pregnancy (pre-birth, where a policy sets one).
import { Temporal } from 'temporal-polyfill';
import type { Policy } from '../policy/schema';
import { shiftDate, type DeadlineContext } from './deadlines';
import type { TimelineRequest } from './timeline-request';

export interface Timescale {
  /** The last date the conference may be held on. */
  readonly latest: Temporal.PlainDate;
  readonly within: boolean;
  /** Which rule set `latest`, in words, e.g. "15 working days after the strategy discussion on 2026-11-02". */
  readonly basis: string;
}

interface Limit {
  readonly latest: Temporal.PlainDate;
  readonly basis: string;
}

const FULL_TERM_WEEKS = 40;

function unitWords(unit: 'calendar-days' | 'working-days'): string {
  return unit === 'working-days' ? 'working days' : 'days';
}

function limitsFor(request: TimelineRequest, policy: Policy, ctx: DeadlineContext): Limit[] {
  const limits: Limit[] = [];
  const { timescales } = policy;
  if (
    request.strategyDiscussion !== undefined &&
    (request.type === 'initial' || request.type === 'pre-birth')
  ) {
    const { within } = timescales.initial;
    limits.push({
      latest: shiftDate(request.strategyDiscussion, within, 1, ctx),
      basis: `${within.amount} ${unitWords(within.unit)} after the strategy discussion on ${request.strategyDiscussion.toString()}`,
    });
  }
  if (request.type === 'pre-birth' && request.expectedBirth !== undefined && timescales.preBirth !== null) {
    // Pregnancy is dated from 40 weeks before the expected birth; "before 28 weeks" means the
    // conference is held before the day the pregnancy reaches 28 weeks.
    const weeks = timescales.preBirth.beforeGestationWeeks;
    const reached = request.expectedBirth.subtract({ weeks: FULL_TERM_WEEKS - weeks });
    limits.push({
      latest: reached.subtract({ days: 1 }),
      basis: `before ${weeks} weeks of pregnancy, reached on ${reached.toString()} for a birth expected on ${request.expectedBirth.toString()}`,
    });
  }
  if (
    request.type === 'transfer-in' &&
    request.transferNotified !== undefined &&
    timescales.transferIn !== null
  ) {
    const { within } = timescales.transferIn;
    limits.push({
      latest: shiftDate(request.transferNotified, within, 1, ctx),
      basis: `${within.amount} ${unitWords(within.unit)} after the move was notified on ${request.transferNotified.toString()}`,
    });
  }
  if (request.type === 'review' && request.previousConference !== undefined) {
    const first = request.firstReview === true;
    const months = first ? timescales.firstReviewWithinMonths : timescales.laterReviewsWithinMonths;
    limits.push({
      latest: request.previousConference.add({ months }),
      basis: `${months} months after the ${first ? 'initial' : 'previous'} conference on ${request.previousConference.toString()}`,
    });
  }
  return limits;
}

/** The binding (earliest) limit for this conference, or null when no rule applies. */
export function timescaleFor(
  request: TimelineRequest,
  policy: Policy,
  ctx: DeadlineContext,
): Timescale | null {
  const limits = limitsFor(request, policy, ctx);
  const binding = limits.reduce<Limit | undefined>(
    (earliest, l) =>
      earliest === undefined || Temporal.PlainDate.compare(l.latest, earliest.latest) < 0 ? l : earliest,
    undefined,
  );
  if (binding === undefined) return null;
  return {
    latest: binding.latest,
    within: Temporal.PlainDate.compare(request.start.toPlainDate(), binding.latest) <= 0,
    basis: binding.basis,
  };
}
