// A booking shown before it is made: checked by exactly the code a booking is checked by, so the
// preview refuses what booking would refuse, field by field. Nothing is stored and Google is not
// called: the coordinator sees who is invited for when, and when reports are due, then confirms.
import { plannedEvents, type PlannedEvent } from '../domain/conference/calendar-plan';
import { bookingWarnings } from '../domain/conference/booking-warnings';
import { validatePreview, type BookingPlan } from '../domain/conference/validate-booking';
import { requireRole, type Actor } from './actor';
import type { BookingDeps } from './booking-deps';

export interface BookingPreview {
  readonly plan: BookingPlan;
  readonly events: readonly PlannedEvent[];
  readonly warnings: readonly string[];
}

/** Stands in for the reference in event titles: a preview has none until it is booked. */
const NO_REFERENCE = 'CPC-NEW';

export function previewBooking(deps: BookingDeps, actor: Actor, input: unknown): BookingPreview {
  requireRole(actor, ['coordinator', 'manager'], 'preview a booking');
  const { policy, workspaceDomain } = deps.settings;
  const plan = validatePreview(input, { policy, workspaceDomain, now: deps.clock.now() });
  return {
    plan,
    events: plannedEvents({ reference: NO_REFERENCE, timeline: plan.timeline, invitees: plan.invitees }),
    warnings: bookingWarnings(plan, policy),
  };
}
