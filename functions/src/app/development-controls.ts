// What a developer's own machine (`npm start` with development sign-in) lets its manager do that
// no deployment allows: read and move the service's clock, and run the sweep or the inbox sync
// at once, so the demo can walk a conference through its weeks in a minute. They are the
// production sweep and sync, run one at a time, and only a manager may start them: moving the
// clock changes what every deadline means for everyone using the service.
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { ValidationError } from '../domain/errors';
import type { Logger } from '../ports';
import { requireRole, type Actor } from './actor';
import type { SweepResult } from './sweep-outbox';

/** The years the calendar (time zones, bank holidays) is known for; a clock outside answers nothing true. */
export const CLOCK_EARLIEST = Temporal.Instant.from('1990-01-01T00:00:00Z');
export const CLOCK_LATEST = Temporal.Instant.from('2099-12-31T00:00:00Z');

export interface DevelopmentControls {
  readonly clock: {
    now(): Temporal.Instant;
    set(instant: Temporal.Instant): void;
    readonly adjusted: boolean;
  };
  /** The sweep as Cloud Scheduler runs it; a call while one runs waits for that one. */
  sweep(): Promise<SweepResult>;
  /** The inbox read and its follow-ups; null when there is no inbox. */
  sync(): Promise<object | null>;
  readonly logger: Logger;
}

export interface ClockReading {
  readonly now: Temporal.Instant;
  readonly adjusted: boolean;
}

const clockSchema = z.strictObject({
  now: z
    .string({ error: 'must be an instant with its offset, such as 2026-11-23T09:00:00Z' })
    .max(40, 'must be an instant with its offset, such as 2026-11-23T09:00:00Z'),
});

function reading(controls: DevelopmentControls): ClockReading {
  return { now: controls.clock.now(), adjusted: controls.clock.adjusted };
}

export function readClock(controls: DevelopmentControls, actor: Actor): ClockReading {
  requireRole(actor, ['manager'], 'read the development clock');
  return reading(controls);
}

function instantIn(input: unknown): Temporal.Instant {
  const problem = (message: string): ValidationError =>
    new ValidationError('REQUEST.INVALID', [{ field: 'now', message }], 'The clock was not moved');
  const parsed = clockSchema.safeParse(input);
  if (!parsed.success) throw problem('must be an instant with its offset, such as 2026-11-23T09:00:00Z');
  let at: Temporal.Instant;
  try {
    at = Temporal.Instant.from(parsed.data.now);
  } catch {
    throw problem('must be an instant with its offset, such as 2026-11-23T09:00:00Z');
  }
  if (Temporal.Instant.compare(at, CLOCK_EARLIEST) < 0 || Temporal.Instant.compare(at, CLOCK_LATEST) > 0) {
    throw problem('must be between 1990 and 2099, the years the calendar knows');
  }
  return at;
}

export function setClock(controls: DevelopmentControls, actor: Actor, input: unknown): ClockReading {
  requireRole(actor, ['manager'], 'move the development clock');
  const at = instantIn(input);
  controls.clock.set(at);
  controls.logger.info('local.clock_set', { now: at.toString() });
  return reading(controls);
}

export async function runSweep(controls: DevelopmentControls, actor: Actor): Promise<SweepResult> {
  requireRole(actor, ['manager'], 'run the sweep now');
  return controls.sweep();
}

export async function runSync(controls: DevelopmentControls, actor: Actor): Promise<object> {
  requireRole(actor, ['manager'], 'read the inbox now');
  return (await controls.sync()) ?? { status: 'no-inbox' };
}
