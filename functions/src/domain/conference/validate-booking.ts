// Turns what a coordinator sent into a plan the service can act on, or one BookingError listing
// every problem by field: schema, dates, invitees, timeline and timescale together, so the form
// shows them all at once. Nothing reaches Calendar until this has passed.
import type { z } from 'zod';
import { ValidationError, type Problem } from '../errors';
import { planTimeline, TimelineError, type Timeline } from '../timeline/plan-timeline';
import { crossFieldProblems, type TimelineRequest } from '../timeline/timeline-request';
import { problemMessages, toProblems } from '../validation/zod-problems';
import {
  bookingRequestSchema,
  changeRequestSchema,
  previewRequestSchema,
  inviteeProblems,
  scheduleProblems,
  type BookingContext,
  type ChangeRequest,
  type Child,
  type Invitees,
} from './booking-request';
import type { Conference } from './conference';

export class BookingError extends ValidationError {
  constructor(problems: readonly Problem[]) {
    super('BOOKING.INVALID', problems, 'The conference cannot be booked as asked');
  }
}

/** Everything about a conference that a coordinator decides; the rest the service works out. */
export type BookingPlan = Pick<
  Conference,
  | 'request'
  | 'timeline'
  | 'invitees'
  | 'children'
  | 'venue'
  | 'outsideTimescaleReason'
  | 'nonWorkingDayConfirmed'
>;

interface Draft {
  readonly request: TimelineRequest;
  readonly invitees: Invitees;
  readonly children: readonly Child[];
  readonly venue: string | null;
  readonly outsideTimescaleReason: string | undefined;
  readonly allowNonWorkingDay: boolean;
}

function plan(draft: Draft, context: BookingContext): BookingPlan {
  const problems: Problem[] = [
    ...crossFieldProblems(draft.request),
    ...inviteeProblems(draft.invitees, draft.request.parts ?? [{}], context),
  ];
  let timeline: Timeline | undefined;
  try {
    timeline = planTimeline(draft.request, context.policy, { allowNonWorkingDay: draft.allowNonWorkingDay });
  } catch (error) {
    if (!(error instanceof TimelineError)) throw error;
    problems.push(...error.problems);
  }
  if (timeline !== undefined) {
    problems.push(...scheduleProblems(timeline, draft.outsideTimescaleReason, context.now));
  }
  if (problems.length > 0 || timeline === undefined) throw new BookingError(problems);
  return {
    request: draft.request,
    timeline,
    invitees: draft.invitees,
    children: draft.children,
    venue: draft.venue,
    outsideTimescaleReason:
      timeline.timescale?.within === false ? (draft.outsideTimescaleReason ?? null) : null,
    nonWorkingDayConfirmed:
      draft.allowNonWorkingDay && timeline.warnings.some((w) => w.includes('not a working day')),
  };
}

const PARSE = { error: problemMessages, reportInput: true } as const;

function checked<T>(result: z.ZodSafeParseResult<T>): T {
  if (!result.success) throw new BookingError(toProblems(result.error));
  return result.data;
}

function draftOf(request: z.output<typeof previewRequestSchema>): Draft {
  const {
    idempotencyKey: _key,
    chair,
    socialWorker,
    professionals,
    family,
    children,
    venue,
    outsideTimescaleReason,
    allowNonWorkingDay,
    ...timeline
  } = request;
  return {
    request: timeline,
    invitees: { chair, socialWorker, professionals, family },
    children,
    venue: venue ?? null,
    outsideTimescaleReason,
    allowNonWorkingDay: allowNonWorkingDay ?? false,
  };
}

/** A new booking: the plan and the client's idempotency key. */
export function validateBooking(
  input: unknown,
  context: BookingContext,
): { plan: BookingPlan; idempotencyKey: string } {
  const request = checked(bookingRequestSchema.safeParse(input, PARSE));
  return { plan: plan(draftOf(request), context), idempotencyKey: request.idempotencyKey };
}

/**
 * A booking checked exactly as validateBooking checks it (the key may be left out), for the
 * coordinator to see the timeline before confirming: the same problems, or the same plan.
 */
export function validatePreview(input: unknown, context: BookingContext): BookingPlan {
  return plan(draftOf(checked(previewRequestSchema.safeParse(input, PARSE))), context);
}

/** A change to a conference: the new plan (the old one with the changes applied) and why. */
export function validateChange(
  input: unknown,
  current: Conference,
  context: BookingContext,
): { plan: BookingPlan; reason: string; changed: string[] } {
  const parsed = changeRequestSchema.safeParse(input, { error: problemMessages, reportInput: true });
  if (!parsed.success) throw new BookingError(toProblems(parsed.error));
  const change: ChangeRequest = parsed.data;
  const changed = Object.keys(change).filter((k) => k !== 'reason' && k !== 'allowNonWorkingDay');
  if (changed.length === 0) {
    throw new BookingError([{ field: '(whole value)', message: 'names nothing to change' }]);
  }
  const request: TimelineRequest = { ...current.request };
  const timelineFields = [
    'start',
    'parts',
    'strategyDiscussion',
    'previousConference',
    'firstReview',
    'expectedBirth',
    'transferNotified',
  ] as const;
  for (const field of timelineFields) {
    const value = change[field];
    if (value !== undefined) Object.assign(request, { [field]: value });
  }
  const draft: Draft = {
    request,
    invitees: {
      chair: change.chair ?? current.invitees.chair,
      socialWorker: change.socialWorker ?? current.invitees.socialWorker,
      professionals: change.professionals ?? current.invitees.professionals,
      family: change.family ?? current.invitees.family,
    },
    children: change.children ?? current.children,
    venue: change.venue === undefined ? current.venue : change.venue,
    outsideTimescaleReason: change.outsideTimescaleReason ?? current.outsideTimescaleReason ?? undefined,
    allowNonWorkingDay: change.allowNonWorkingDay ?? current.nonWorkingDayConfirmed,
  };
  return { plan: plan(draft, context), reason: change.reason, changed };
}

export type { BookingContext };
