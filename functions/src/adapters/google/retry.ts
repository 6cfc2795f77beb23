// Our one retry policy for Google calls. The client library retries neither POSTs (event
// inserts, space creation) nor 403 rate-limit answers, and we turn its own retries off so
// there is exactly one, bounded, policy: exponential backoff with full jitter. Retrying a POST
// is safe here because event ids are fixed (a repeat gets 409 and the caller adopts the event).
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../domain/errors';
import { isRateLimit, isRetryable, readFailure } from './google-errors';

export interface RetryPolicy {
  /** Tries in all, including the first. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 16_000 };

export interface RetryHooks {
  readonly random?: () => number;
  readonly onRetry?: (attempt: number, status: number | undefined, delayMs: number) => void;
}

export async function withRetry<T>(
  call: () => Promise<T>,
  policy: RetryPolicy,
  hooks: RetryHooks = {},
): Promise<T> {
  const random = hooks.random ?? Math.random;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      // Our own errors (a refused delegation, say) already say what to do; retrying won't fix them.
      if (error instanceof AppError) throw error;
      const failure = readFailure(error);
      if (attempt >= policy.attempts || !isRetryable(failure)) throw error;
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const delayMs = Math.round(random() * ceiling);
      hooks.onRetry?.(attempt, failure.status, delayMs);
      await sleep(delayMs);
    }
  }
}

/**
 * Retries a write Google has no idempotency key for (Gmail's send, drafts.create). A failure
 * whose outcome is uncertain (a timeout, a 5xx) may have done the work, so every later try first
 * calls `find` (a search for our own Message-ID) and returns what it finds instead of writing
 * again. A rate-limit refusal did nothing, so it is simply retried. `lookFirst` starts in that
 * state (an earlier call, perhaps in another process, may have written it).
 */
export async function writeOnceWithRetry<T>(
  write: () => Promise<T>,
  find: () => Promise<T | undefined>,
  policy: RetryPolicy,
  lookFirst = false,
): Promise<T> {
  let uncertain = lookFirst;
  return withRetry(async () => {
    if (uncertain) {
      const found = await find();
      if (found !== undefined) return found;
    }
    try {
      return await write();
    } catch (error) {
      const failure = readFailure(error);
      uncertain ||= isRetryable(failure) && !isRateLimit(failure);
      throw error;
    }
  }, policy);
}
