// Rescheduling and changing who is invited: re-plan from the policy, move or re-address every
// event (Calendar emails the guests the update; a guest taken off an event gets a cancellation),
// then store the new plan. Repeating the same change is harmless.
import type { Conference } from '../domain/conference/conference';
import { ConflictError } from '../domain/errors';
import { validateChange } from '../domain/conference/validate-booking';
import type { Actor } from './actor';
import type { BookingDeps } from './booking-deps';
import { ensureMeet } from './book-conference';
import { conferenceFor } from './conference-access';
import { saveChange } from './save-change';
import { syncCalendar } from './sync-calendar';

export async function changeConference(
  deps: BookingDeps,
  actor: Actor,
  reference: string,
  input: unknown,
): Promise<Conference> {
  const current = await conferenceFor(deps, actor, reference, ['coordinator'], 'change a conference');
  if (current.status === 'cancelled' || current.status === 'held') {
    throw new ConflictError(
      'CONFERENCE.CLOSED',
      `Conference ${current.reference} is ${current.status} and cannot be changed; book a new conference instead`,
    );
  }
  const { policy, workspaceDomain } = deps.settings;
  const now = deps.clock.now();
  const { plan, reason, changed } = validateChange(input, current, { policy, workspaceDomain, now });
  // A booking that stopped before its Meet was made gets it now, the way booking would have;
  // a new chair gets a space they host, since only the host can let people in.
  const withMeet = await ensureMeet(deps, current, plan.invitees.chair.email);
  const replanned: Conference = { ...withMeet, ...plan };
  // A booking that stopped half-way may have events it does not record: look before making any.
  const { events, meet } = await syncCalendar(deps, replanned, { lookUpFirst: true, refreshFound: true });
  const finished = current.status === 'booking';
  const next = await saveChange(
    deps,
    withMeet,
    {
      ...plan,
      status: 'booked',
      events,
      meet,
      history: finished
        ? [...current.history, { status: 'booked', at: now, by: actor.email, reason }]
        : current.history,
    },
    { by: actor.email, action: 'changed', fields: changed, reason },
  );
  deps.logger.info('conference.changed', { reference: next.reference, fields: changed.join(',') });
  await deps.planOutbox(next);
  return next;
}
