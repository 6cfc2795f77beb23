// Google's error bodies. Calendar (and later Gmail) are "legacy" Apiary APIs whose errors carry an
// `errors[]` list with domain/reason; Meet and IAM are one-platform APIs whose errors carry only
// code/message/status. Handlers throw an ApiError with one spec and the server renders it in the
// style of the API that was called, so the same validation code serves every API.

export type ErrorStyle = 'legacy' | 'platform';

export type CanonicalStatus =
  | 'INVALID_ARGUMENT'
  | 'FAILED_PRECONDITION'
  | 'UNAUTHENTICATED'
  | 'PERMISSION_DENIED'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'ABORTED'
  | 'RESOURCE_EXHAUSTED'
  | 'INTERNAL'
  | 'UNIMPLEMENTED'
  | 'UNAVAILABLE';

export interface ErrorSpec {
  code: number;
  status: CanonicalStatus;
  message: string;
  /** Legacy `errors[0].reason`, e.g. 'notFound', 'duplicate', 'invalidParameter'. */
  reason: string;
  /** Legacy `errors[0].domain`; 'global' unless said otherwise. */
  domain?: string;
  /** Legacy `errors[0].message` when it differs from the top-level message (auth errors). */
  itemMessage?: string;
  location?: string;
  locationType?: 'parameter' | 'header';
  /** Calendar puts `status` in the body only for errors raised by Google's front end (auth, quota, backend). */
  statusInBody?: boolean;
  details?: unknown[];
  headers?: Record<string, string>;
}

export class ApiError extends Error {
  constructor(readonly spec: ErrorSpec) {
    super(spec.message);
    this.name = 'ApiError';
  }
}

export interface RenderedError {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export function renderError(spec: ErrorSpec, style: ErrorStyle): RenderedError {
  const headers = spec.headers ?? {};
  if (style === 'platform') {
    const error: Record<string, unknown> = { code: spec.code, message: spec.message, status: spec.status };
    if (spec.details !== undefined) error.details = spec.details;
    return { status: spec.code, body: { error }, headers };
  }
  const item: Record<string, unknown> = {
    message: spec.itemMessage ?? spec.message,
    domain: spec.domain ?? 'global',
    reason: spec.reason,
  };
  if (spec.location !== undefined) item.location = spec.location;
  if (spec.locationType !== undefined) item.locationType = spec.locationType;
  const error: Record<string, unknown> = { code: spec.code, message: spec.message, errors: [item] };
  if (spec.statusInBody === true) error.status = spec.status;
  if (spec.details !== undefined) error.details = spec.details;
  return { status: spec.code, body: { error }, headers };
}

/** 400 for a request the API understood but refuses (Calendar's 'invalid', 'required', ...). */
export function badRequest(message: string, reason = 'invalid', extra: Partial<ErrorSpec> = {}): ApiError {
  return new ApiError({ code: 400, status: 'INVALID_ARGUMENT', message, reason, ...extra });
}

export function notFound(message = 'Not Found'): ApiError {
  return new ApiError({ code: 404, status: 'NOT_FOUND', message, reason: 'notFound' });
}

export function permissionDenied(message: string, reason = 'forbidden'): ApiError {
  return new ApiError({ code: 403, status: 'PERMISSION_DENIED', message, reason });
}

/**
 * 501 for something Google supports but this fake does not. It is never Google's answer: a test that
 * sees it is using a feature the fake must learn before the test can be trusted.
 */
export function notImplemented(what: string): ApiError {
  return new ApiError({
    code: 501,
    status: 'UNIMPLEMENTED',
    message: `The Google fake does not implement ${what}; extend test/support/google-fake before relying on it.`,
    reason: 'notImplemented',
    statusInBody: true,
  });
}

/** 404 for URLs no API method serves. Google answers these from its front end, before auth. */
export function unknownUrl(method: string, path: string): ApiError {
  return new ApiError({
    code: 404,
    status: 'NOT_FOUND',
    message: 'Not Found',
    reason: 'notFound',
    headers: { 'x-google-fake-detail': `no API method serves ${method} ${path}` },
  });
}
