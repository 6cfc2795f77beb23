// Typed errors with stable dotted codes, so an entry point can map them to a status and a
// message a coordinator can act on without leaking a stack or personal data.

/** One problem with one named input, e.g. `{ field: 'start', message: 'is not a real date' }`. */
export interface Problem {
  readonly field: string;
  readonly message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * Input that cannot be used, with every problem listed (not just the first), each naming the
 * field so a form or a CLI can show it next to what the person typed.
 */
export class ValidationError extends AppError {
  constructor(
    code: string,
    readonly problems: readonly Problem[],
    summary = 'The input has problems',
  ) {
    super(code, `${summary}: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, 400);
  }
}

/** Nothing with that reference (or one this user may see). */
export class NotFoundError extends AppError {
  constructor(code: string, message: string) {
    super(code, message, 404);
  }
}

/** The request clashes with the current state: someone else changed it, or it is cancelled. */
export class ConflictError extends AppError {
  constructor(code: string, message: string) {
    super(code, message, 409);
  }
}

/** The caller is known but may not do this. */
export class ForbiddenError extends AppError {
  constructor(code: string, message: string) {
    super(code, message, 403);
  }
}

/** The caller is not known: no token, or one we cannot trust. */
export class UnauthenticatedError extends AppError {
  constructor(code: string, message: string) {
    super(code, message, 401);
  }
}

/**
 * Google (or another service we call) failed in a way a retry may fix later. The conference is
 * kept as far as it got; the message says what the coordinator should do.
 */
export class UpstreamError extends AppError {
  constructor(code: string, message: string, status = 503, options?: { cause?: unknown }) {
    super(code, message, status, options);
  }
}
