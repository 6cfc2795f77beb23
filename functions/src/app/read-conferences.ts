// Reading conferences: coordinators and managers see every conference; a chair sees the ones
// they chair (another's is "not found", so its existence is not disclosed).
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import type { Conference, ConferenceStatus } from '../domain/conference/conference';
import { NotFoundError, ValidationError } from '../domain/errors';
import { localDateSchema } from '../domain/time/local-time';
import { problemMessages, toProblems } from '../domain/validation/zod-problems';
import { requireRole, type Actor } from './actor';
import type { BookingDeps } from './booking-deps';
import { findByReference } from './change-conference';

export const ANYONE = ['coordinator', 'manager', 'chair'] as const;
const MAX_RANGE_DAYS = 366;
const LIMIT = 500;

/** A chair without a coordinator's or manager's role sees only the conferences they chair. */
export function onlyChair(actor: Actor): boolean {
  return !actor.roles.includes('coordinator') && !actor.roles.includes('manager');
}

function visible(actor: Actor, conference: Conference | undefined, what: string): Conference {
  if (conference === undefined || (onlyChair(actor) && conference.invitees.chair.email !== actor.email)) {
    throw new NotFoundError('CONFERENCE.NOT_FOUND', `There is no conference ${what} that you can see`);
  }
  return conference;
}

export async function getConference(deps: BookingDeps, actor: Actor, reference: string): Promise<Conference> {
  requireRole(actor, ANYONE, 'see conferences');
  const conference = await findByReference(deps, reference).catch((error: unknown) => {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  });
  return visible(actor, conference, reference);
}

export async function getConferenceByEvent(
  deps: BookingDeps,
  actor: Actor,
  eventId: string,
): Promise<Conference> {
  requireRole(actor, ANYONE, 'see conferences');
  const valid = /^[a-v0-9]{5,1024}$/.test(eventId);
  return visible(actor, valid ? await deps.store.getByEventId(eventId) : undefined, 'for that event');
}

const STATUSES = ['booking', 'booked', 'cancelled', 'held'] as const;

const listSchema = z
  .strictObject({
    from: localDateSchema,
    to: localDateSchema,
    status: z
      .string()
      .transform((s) => s.split(','))
      .pipe(z.array(z.enum(STATUSES)).min(1))
      .optional(),
  })
  .check((ctx) => {
    const { from, to } = ctx.value;
    if (Temporal.PlainDate.compare(to, from) <= 0) {
      ctx.issues.push({ code: 'custom', path: ['to'], message: 'must be after from', input: ctx.value.to });
    } else if (from.until(to).days > MAX_RANGE_DAYS) {
      ctx.issues.push({
        code: 'custom',
        path: ['to'],
        message: `must be within ${MAX_RANGE_DAYS} days of from`,
        input: ctx.value.to,
      });
    }
  });

/** Conferences starting on or after `from` and before `to` (dates in the council's zone). */
export async function listConferences(
  deps: BookingDeps,
  actor: Actor,
  query: Record<string, unknown>,
): Promise<Conference[]> {
  requireRole(actor, ANYONE, 'see conferences');
  const parsed = listSchema.safeParse(query, { error: problemMessages, reportInput: true });
  if (!parsed.success)
    throw new ValidationError('QUERY.INVALID', toProblems(parsed.error), 'The conferences cannot be listed');
  const zone = deps.settings.policy.timeZone;
  const statuses: readonly ConferenceStatus[] = parsed.data.status ?? ['booking', 'booked', 'held'];
  return deps.store.list({
    from: parsed.data.from.toZonedDateTime(zone).toInstant(),
    to: parsed.data.to.toZonedDateTime(zone).toInstant(),
    statuses,
    ...(onlyChair(actor) ? { chair: actor.email } : {}),
    limit: LIMIT,
  });
}
