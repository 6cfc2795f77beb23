// Injected faults: quota errors, backend errors, slowness, "Google did it but the answer was lost",
// and "Google did it but the caller never heard back" (hang). Each queued fault answers the next
// `times` matching requests, first queued first.
import type { ErrorSpec } from './errors';
import type { Fault } from './types';

export interface ActiveFault {
  status: Fault['status'];
  reason: string | undefined;
  delayMs: number;
  afterProcessing: boolean;
  /** Process the request and never answer (afterProcessing only). */
  hang: boolean;
}

interface Queued extends ActiveFault {
  method: string | undefined;
  path: string | RegExp | undefined;
  remaining: number;
  skip: number;
}

export class FaultQueue {
  private queue: Queued[] = [];

  add(fault: Fault): void {
    const times = fault.times ?? 1;
    const skip = fault.skip ?? 0;
    if (!Number.isInteger(skip) || skip < 0)
      throw new Error(`inject: skip must be a non-negative integer, got ${skip}`);
    if (!Number.isInteger(times) || times < 1)
      throw new Error(`inject: times must be a positive integer, got ${times}`);
    if (fault.hang === true && fault.afterProcessing !== true)
      throw new Error(
        'inject: hang needs afterProcessing: true (the request is processed, then never answered)',
      );
    if (fault.hang === true && fault.status !== undefined)
      throw new Error('inject: a hang never answers, so it takes no status');
    if (fault.status === undefined && fault.delayMs === undefined && fault.afterProcessing !== true) {
      throw new Error('inject: give a status, a delayMs or afterProcessing, or the fault does nothing');
    }
    this.queue.push({
      method: fault.method?.toUpperCase(),
      path: fault.path,
      status: fault.status ?? (fault.afterProcessing === true && fault.hang !== true ? 503 : undefined),
      reason: fault.reason,
      delayMs: fault.delayMs ?? 0,
      afterProcessing: fault.afterProcessing === true,
      hang: fault.hang === true,
      remaining: times,
      skip,
    });
  }

  /** Consumes one use of the first fault matching the request. `isApiCall`: a Calendar or Meet call. */
  take(method: string, path: string, isApiCall: boolean): ActiveFault | null {
    const matches = (f: Queued): boolean => {
      if (f.method !== undefined && f.method !== method.toUpperCase()) return false;
      if (f.path === undefined) return isApiCall;
      return typeof f.path === 'string' ? path.includes(f.path) : f.path.test(path);
    };
    let found: Queued | undefined;
    for (const f of this.queue) {
      if (!matches(f)) continue;
      // Every matching request counts against every fault's skip, whichever fault answers it.
      if (f.skip > 0) f.skip -= 1;
      else found ??= f;
    }
    if (found === undefined) return null;
    found.remaining -= 1;
    if (found.remaining === 0) this.queue = this.queue.filter((f) => f !== found);
    return found;
  }

  clear(): void {
    this.queue = [];
  }
}

/** The error Google's front end gives for a fault's status. */
export function faultError(status: NonNullable<Fault['status']>, reason: string | undefined): ErrorSpec {
  switch (status) {
    case 429:
      return quota(429, 'RESOURCE_EXHAUSTED', reason ?? 'rateLimitExceeded');
    case 403:
      return quota(403, 'PERMISSION_DENIED', reason ?? 'rateLimitExceeded');
    case 500:
      return {
        code: 500,
        status: 'INTERNAL',
        message: 'Backend Error',
        reason: reason ?? 'backendError',
        statusInBody: true,
      };
    case 503:
      return {
        code: 503,
        status: 'UNAVAILABLE',
        message: 'The service is currently unavailable.',
        reason: reason ?? 'backendError',
        statusInBody: true,
      };
  }
}

function quota(
  code: 429 | 403,
  status: 'RESOURCE_EXHAUSTED' | 'PERMISSION_DENIED',
  reason: string,
): ErrorSpec {
  const message =
    reason === 'userRateLimitExceeded'
      ? 'User Rate Limit Exceeded'
      : reason === 'quotaExceeded'
        ? 'Quota Exceeded'
        : 'Rate Limit Exceeded';
  return { code, status, message, reason, domain: 'usageLimits', statusInBody: true };
}
