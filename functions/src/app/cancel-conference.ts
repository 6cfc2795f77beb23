// Cancelling: withdraw every invitation (Calendar emails each guest a cancellation) and keep
// the conference, with the reason, for the audit trail. Cancelling twice changes nothing.
import type { Conference } from '../domain/conference/conference';
import { cancelRequestSchema } from '../domain/conference/booking-request';
import { ConflictError, ValidationError } from '../domain/errors';
import { problemMessages, toProblems } from '../domain/validation/zod-problems';
import { requireRole, type Actor } from './actor';
import type { BookingDeps } from './booking-deps';
import { conferenceFor } from './conference-access';
import { saveChange } from './save-change';
import { withdrawCalendar } from './sync-calendar';

export async function cancelConference(
  deps: BookingDeps,
  actor: Actor,
  reference: string,
  input: unknown,
): Promise<Conference> {
  requireRole(actor, ['coordinator'], 'cancel a conference');
  const parsed = cancelRequestSchema.safeParse(input, { error: problemMessages, reportInput: true });
  if (!parsed.success)
    throw new ValidationError(
      'CANCEL.INVALID',
      toProblems(parsed.error),
      'The conference cannot be cancelled as asked',
    );
  const current = await conferenceFor(deps, actor, reference, ['coordinator'], 'cancel a conference');
  if (current.status === 'cancelled') return current;
  if (current.status === 'held') {
    throw new ConflictError(
      'CONFERENCE.HELD',
      `Conference ${current.reference} has taken place and cannot be cancelled`,
    );
  }
  const events = await withdrawCalendar(deps, current);
  const { reason } = parsed.data;
  const cancelled = await saveChange(
    deps,
    current,
    {
      status: 'cancelled',
      events,
      history: [...current.history, { status: 'cancelled', at: deps.clock.now(), by: actor.email, reason }],
    },
    { by: actor.email, action: 'cancelled', fields: ['status', 'events'], reason },
  );
  deps.logger.info('conference.cancelled', { reference: cancelled.reference });
  await deps.planOutbox(cancelled);
  return cancelled;
}
