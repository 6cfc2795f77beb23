// zod types for values as Firestore stores them (Timestamps, ISO date strings), with messages
// that never quote the value: a stored field may hold a child's details typed in the wrong place.
import { Timestamp } from '@google-cloud/firestore';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { AppError, type Problem } from '../../domain/errors';
import { isTimeZone, parseLocalDate, parseLocalDateTime } from '../../domain/time/local-time';
import { formatPath } from '../../domain/validation/zod-problems';

/** A stored document that cannot be read back. Lists field paths only: stored values may be personal data. */
export class StoredConferenceError extends AppError {
  constructor(
    readonly documentId: string,
    readonly problems: readonly Problem[],
  ) {
    super(
      'CONFERENCE.STORED_DATA_INVALID',
      `The stored conference document "${documentId}" does not have the shape this version of Conference Desk ` +
        `writes (${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}). It was changed outside the ` +
        'service or by another version: restore it from a backup or correct those fields.',
      500,
    );
  }
}

/** A zod enum from a record, so the compiler checks that every member of the union is listed. */
export function members<T extends string>(all: Record<T, true>) {
  const values = Object.keys(all) as T[];
  return z.custom<T>((v) => typeof v === 'string' && (values as string[]).includes(v), {
    error: `must be one of ${values.join(', ')}`,
  });
}

export const timestamp = z.custom<Timestamp>((v) => v instanceof Timestamp, { error: 'must be a Timestamp' });
export const localDate = z
  .string({ error: 'must be a date string' })
  .refine((s) => typeof parseLocalDate(s) !== 'string', { error: 'must be a real date written YYYY-MM-DD' });
export const localDateTime = z
  .string({ error: 'must be a date-time string' })
  .refine((s) => typeof parseLocalDateTime(s) !== 'string', {
    error: 'must be a real date and time written YYYY-MM-DDTHH:mm',
  });
export const clockTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a time HH:mm' });
export const timeZone = z
  .string()
  .refine(isTimeZone, { error: 'must be an IANA time zone such as Europe/London' });

const storedMessages: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is missing';
      if (issue.expected === 'array') return 'must be a list';
      if (issue.expected === 'object') return 'must be a map';
      if (issue.expected === 'int') return 'must be a whole number';
      return `must be a ${issue.expected}`;
    case 'invalid_value':
      return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'too_small':
      return issue.origin === 'string' ? 'must not be empty' : `must be at least ${String(issue.minimum)}`;
    default:
      return 'is not valid';
  }
};

/** Parses stored data with `schema`, or throws StoredConferenceError naming each bad field. */
export function parseStored<T extends z.ZodType>(schema: T, id: string, data: unknown): z.output<T> {
  const parsed = schema.safeParse(data, { error: storedMessages });
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => ({
    field: formatPath(i.path) || '(whole document)',
    message: i.message,
  }));
  throw new StoredConferenceError(id, problems);
}

export const toTimestamp = (instant: Temporal.Instant): Timestamp => Timestamp.fromInstant(instant);
// Firestore's own Timestamp.toInstant needs a global Temporal, which Node 24 does not have yet.
export const toInstant = (value: Timestamp): Temporal.Instant =>
  Temporal.Instant.fromEpochNanoseconds(BigInt(value.seconds) * 1_000_000_000n + BigInt(value.nanoseconds));
export const day = (text: string): Temporal.PlainDate => Temporal.PlainDate.from(text);
export const orNull = <A, B>(value: A | null, convert: (a: A) => B): B | null =>
  value === null ? null : convert(value);
