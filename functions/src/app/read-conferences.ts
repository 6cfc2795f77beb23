// Reading conferences: one by reference or by event, and the list for a range of dates, through
// the one access check (conference-access.ts).
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import type { Conference, ConferenceStatus } from '../domain/conference/conference';
import { ValidationError } from '../domain/errors';
import { localDateSchema } from '../domain/time/local-time';
import { problemMessages, toProblems } from '../domain/validation/zod-problems';
import { requireRole, type Actor } from './actor';
import type { BookingDeps } from './booking-deps';
import { ANYONE, conferenceFor, conferenceForEvent, onlyChair } from './conference-access';

const MAX_RANGE_DAYS = 366;
const LIMIT = 500;

export async function getConference(deps: BookingDeps, actor: Actor, reference: string): Promise<Conference> {
  return conferenceFor(deps, actor, reference, ANYONE, 'see conferences');
}

export async function getConferenceByEvent(
  deps: BookingDeps,
  actor: Actor,
  eventId: string,
): Promise<Conference> {
  return conferenceForEvent(deps, actor, eventId, ANYONE, 'see conferences');
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
