// Who may see or act on a conference, decided here and nowhere else: coordinators and managers of
// the council see every conference; a chair sees the ones they chair; nobody else sees any. Every
// use case that reads or changes a conference, its outcome, its outbox, its reports or its audit
// reaches the conference through `conferenceFor`, so a new use case cannot forget the relation.
//
// The role is checked first, and refused with 403: whether someone holds a role says nothing
// about any conference. A conference the actor may not see is "not found", the same words as
// one that does not exist, so a chair cannot learn that another chair's conference exists.
import type { Conference } from '../domain/conference/conference';
import { REFERENCE_PATTERN } from '../domain/conference/conference';
import { NotFoundError } from '../domain/errors';
import { requireRole, type Actor, type Role } from './actor';
import type { ConferenceStore } from '../ports';

export const ANYONE = ['coordinator', 'manager', 'chair'] as const;

/** A chair without a coordinator's or manager's role sees only the conferences they chair. */
export function onlyChair(actor: Actor): boolean {
  return !actor.roles.includes('coordinator') && !actor.roles.includes('manager');
}

/** Whether `actor` may know of `conference` at all. */
export function maySee(actor: Actor, conference: Conference): boolean {
  return !onlyChair(actor) || conference.invitees.chair.email === actor.email.toLowerCase();
}

/** The refusal for a conference that is not there or not the actor's: the two are one answer. */
export function conferenceNotFound(reference: string): NotFoundError {
  // Path text is echoed only when it is a reference: anything else could be anything at all.
  const named = REFERENCE_PATTERN.test(reference.toUpperCase())
    ? reference.toUpperCase()
    : 'with that reference';
  return new NotFoundError(
    'CONFERENCE.NOT_FOUND',
    `There is no conference ${named} that you can see; check the reference`,
  );
}

export interface Access {
  readonly store: Pick<ConferenceStore, 'getByReference' | 'getByEventId'>;
}

/**
 * The conference `reference` names, for an actor holding one of `allowed` to `doing` something
 * to it; NotFoundError when it does not exist or the actor may not see it.
 */
export async function conferenceFor(
  deps: Access,
  actor: Actor,
  reference: string,
  allowed: readonly Role[],
  doing: string,
): Promise<Conference> {
  requireRole(actor, allowed, doing);
  const wanted = reference.trim().toUpperCase();
  const conference = REFERENCE_PATTERN.test(wanted) ? await deps.store.getByReference(wanted) : undefined;
  if (conference === undefined || !maySee(actor, conference)) throw conferenceNotFound(reference);
  return conference;
}

/** As conferenceFor, by the id of one of the conference's calendar events. */
export async function conferenceForEvent(
  deps: Access,
  actor: Actor,
  eventId: string,
  allowed: readonly Role[],
  doing: string,
): Promise<Conference> {
  requireRole(actor, allowed, doing);
  // Calendar's event ids are base32hex; anything else cannot be one of ours.
  const conference = /^[a-v0-9]{5,1024}$/.test(eventId) ? await deps.store.getByEventId(eventId) : undefined;
  if (conference === undefined || !maySee(actor, conference)) {
    throw new NotFoundError('CONFERENCE.NOT_FOUND', 'There is no conference for that event that you can see');
  }
  return conference;
}
