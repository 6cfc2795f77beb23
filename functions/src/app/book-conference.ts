// Booking: validate everything, claim the booking in Firestore (so a retry with the same key
// finds it), make the Meet as the chair, then the calendar events, then mark it booked. A
// failure part-way leaves the conference in 'booking'; the same request again completes it.
import type { Conference } from '../domain/conference/conference';
import { validateBooking, type BookingPlan } from '../domain/conference/validate-booking';
import type { AuditEntry } from '../ports';
import { requireRole, type Actor } from './actor';
import type { BookingDeps } from './booking-deps';
import { fingerprint } from './fingerprint';
import { saveChange } from './save-change';
import { syncCalendar } from './sync-calendar';

export interface BookingOutcome {
  readonly conference: Conference;
  /** False when the idempotency key had already booked it. */
  readonly created: boolean;
}

function draftFrom(deps: BookingDeps, actor: Actor, plan: BookingPlan): Omit<Conference, 'reference'> {
  const now = deps.clock.now();
  return {
    id: deps.ids.conferenceId(),
    status: 'booking',
    ...plan,
    calendarOwner: deps.settings.calendarOwner,
    meet: null,
    events: [],
    emailedAnswers: [],
    history: [{ status: 'booking', at: now, by: actor.email, reason: null }],
    revision: 0,
    createdBy: actor.email,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Makes the Meet hosted by `host` (unless Calendar is to make it), saving it at once so a retry
 * reuses it. A new chair gets a new space: only its host can admit people from the lobby.
 */
export async function ensureMeet(
  deps: BookingDeps,
  conference: Conference,
  host: string = conference.invitees.chair.email,
): Promise<Conference> {
  const { meet: current } = conference;
  if (current !== null && (current.space === null || current.host === host)) return conference;
  if (current === null && deps.settings.policy.meet.createdBy === 'calendar') return conference;
  const meet = await deps.meet.createSpace(host);
  const next = await saveChange(
    deps,
    conference,
    { meet },
    {
      by: 'service',
      action: 'meet-created',
      fields: ['meet'],
      reason: null,
    },
  );
  deps.logger.info('meet.created', { reference: conference.reference });
  return next;
}

/** Sends what is missing of a booking's invitations and marks it booked. */
export async function completeBooking(
  deps: BookingDeps,
  stored: Conference,
  by: string,
  lookUpFirst: boolean,
): Promise<Conference> {
  const conference = await ensureMeet(deps, stored);
  const { events, meet } = await syncCalendar(deps, conference, { lookUpFirst, refreshFound: false });
  const booked = await saveChange(
    deps,
    conference,
    {
      status: 'booked',
      meet,
      events,
      history: [...conference.history, { status: 'booked', at: deps.clock.now(), by, reason: null }],
    },
    {
      by,
      action: 'booked',
      fields: ['status', 'events', ...(meet === conference.meet ? [] : ['meet'])],
      reason: null,
    },
  );
  deps.logger.info('conference.booked', {
    reference: booked.reference,
    events: events.filter((e) => e.state === 'created').length,
  });
  await deps.planOutbox(booked);
  return booked;
}

export async function bookConference(
  deps: BookingDeps,
  actor: Actor,
  input: unknown,
): Promise<BookingOutcome> {
  requireRole(actor, ['coordinator'], 'book a conference');
  const { policy, workspaceDomain } = deps.settings;
  const { plan, idempotencyKey } = validateBooking(input, { policy, workspaceDomain, now: deps.clock.now() });
  const draft = draftFrom(deps, actor, plan);
  const audit: AuditEntry = {
    at: draft.createdAt,
    by: actor.email,
    action: 'booking-started',
    fields: [],
    reason: plan.outsideTimescaleReason,
  };
  const claim = { idempotencyKey, fingerprint: fingerprint(input, ['idempotencyKey']) };
  const { conference, created } = await deps.store.create(draft, claim, audit);
  if (created) deps.logger.info('conference.booking-started', { reference: conference.reference });
  // Already booked (or since cancelled) by this key: answer with it, change nothing.
  if (conference.status !== 'booking') return { conference, created: false };
  return { conference: await completeBooking(deps, conference, actor.email, !created), created };
}
