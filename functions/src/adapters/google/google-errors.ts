// One place that reads Google's error answers: which are worth retrying, and what each means
// for the coordinator. Google's messages are not passed on: they can quote request data.
import { AppError, UpstreamError } from '../../domain/errors';

export interface GoogleFailure {
  /** HTTP status, or undefined when no answer came (network error, timeout). */
  readonly status: number | undefined;
  /** The first `errors[].reason` (Calendar) or `error.status` (Meet), when given. */
  readonly reason: string | undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

/** Reads a gaxios error (or anything thrown) into status and reason. */
export function readFailure(error: unknown): GoogleFailure {
  const e = record(error);
  const response = record(e?.response);
  const status = typeof response?.status === 'number' ? response.status : undefined;
  const body = record(record(response?.data)?.error);
  const first = Array.isArray(body?.errors) ? record(body.errors[0]) : undefined;
  const reason =
    typeof first?.reason === 'string'
      ? first.reason
      : typeof body?.status === 'string'
        ? body.status
        : undefined;
  return { status, reason };
}

const RATE_LIMIT_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'RESOURCE_EXHAUSTED']);

export function isRateLimit(failure: GoogleFailure): boolean {
  return (
    failure.status === 429 ||
    (failure.status === 403 && failure.reason !== undefined && RATE_LIMIT_REASONS.has(failure.reason))
  );
}

/** Worth another try after a pause: rate limits, Google's own failures, and no answer at all. */
export function isRetryable(failure: GoogleFailure): boolean {
  return failure.status === undefined || failure.status >= 500 || isRateLimit(failure);
}

/** The error a coordinator sees when `doing` (e.g. "create the calendar invitations") failed. */
export function toAppError(error: unknown, doing: string): AppError {
  if (error instanceof AppError) return error;
  const failure = readFailure(error);
  const options = { cause: error };
  if (isRateLimit(failure)) {
    return new UpstreamError(
      'GOOGLE.RATE_LIMITED',
      `Google is limiting how fast the service can ${doing}. Wait a minute and try again: nothing is lost.`,
      503,
      options,
    );
  }
  if (failure.status === undefined || failure.status >= 500) {
    return new UpstreamError(
      'GOOGLE.UNAVAILABLE',
      `Google did not answer when the service tried to ${doing}. Try again in a few minutes: what was done is kept and will not be repeated.`,
      503,
      options,
    );
  }
  if (failure.status === 401 || failure.status === 403) {
    return new UpstreamError(
      'GOOGLE.ACCESS_DENIED',
      `Google refused the service access to ${doing}. Ask IT to check the service account's domain-wide delegation and scopes.`,
      502,
      options,
    );
  }
  return new UpstreamError(
    'GOOGLE.REJECTED',
    `Google rejected the request to ${doing} (HTTP ${failure.status}${failure.reason === undefined ? '' : `, ${failure.reason}`}). Tell IT: this is a fault in Conference Desk.`,
    502,
    options,
  );
}
