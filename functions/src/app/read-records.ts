// What is kept about a conference beside the conference itself, for the people who may see it:
// its audit trail (coordinators and managers), its outcome and the messages sent for it (also
// its own chair). Each goes through the one access check, so a chair asking about another
// chair's conference is told it is not there.
import { NotFoundError } from '../domain/errors';
import type { OutboxEntry } from '../domain/outbox/outbox-entry';
import type { AuditEntry } from '../ports';
import type { Actor } from './actor';
import type { BookingDeps } from './booking-deps';
import { ANYONE, conferenceFor } from './conference-access';
import { outcomeAnswer, type OutcomeAnswer, type OutcomeDeps } from './record-outcome';

export async function readAudit(
  deps: BookingDeps,
  actor: Actor,
  reference: string,
): Promise<{ readonly reference: string; readonly audit: readonly AuditEntry[] }> {
  const conference = await conferenceFor(
    deps,
    actor,
    reference,
    ['coordinator', 'manager'],
    'see the audit trail',
  );
  return { reference: conference.reference, audit: await deps.store.audit(conference.id) };
}

export async function readOutcome(
  deps: OutcomeDeps,
  actor: Actor,
  reference: string,
): Promise<OutcomeAnswer> {
  const conference = await conferenceFor(deps.booking, actor, reference, ANYONE, 'see the outcome');
  const outcome = await deps.outbox.outcomes.get(conference.id);
  if (outcome === undefined) {
    throw new NotFoundError('OUTCOME.NOT_RECORDED', `No outcome is recorded for ${conference.reference} yet`);
  }
  return outcomeAnswer(deps, conference, outcome);
}

export async function readOutbox(
  deps: OutcomeDeps,
  actor: Actor,
  reference: string,
): Promise<{ readonly reference: string; readonly messages: readonly OutboxEntry[] }> {
  const conference = await conferenceFor(
    deps.booking,
    actor,
    reference,
    ANYONE,
    'see the messages of a conference',
  );
  return { reference: conference.reference, messages: await deps.outbox.outbox.forConference(conference.id) };
}
