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
