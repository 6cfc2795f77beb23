// Turns zod's issues into Problems that name the field by its path (agencies[2].id) and say
// what is wrong in words a council's IT team can act on, listing every problem at once.
import type { z } from 'zod';
import type { Problem } from '../errors';

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  // Never the text itself: any text a person sends could be a name or an address.
  if (typeof value === 'string') return 'a text';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return typeof value;
}

/**
 * A parse-time error map: clearer words than zod's defaults. Messages set on a schema
 * (regex hints, refinements) take precedence over this.
 */
export const problemMessages: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${issue.expected === 'int' ? 'a whole number' : `a ${issue.expected}`}, not ${describe(issue.input)}`;
    case 'invalid_value':
      // zod reports a missing enum as a wrong value; to a person it is simply missing.
      if (issue.input === undefined) return 'is required';
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'array') return `must list at least ${String(issue.minimum)}`;
      if (issue.origin === 'string') return 'must not be empty';
      return `must be at least ${String(issue.minimum)}, not ${describe(issue.input)}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${String(issue.maximum)} characters`;
      if (issue.origin === 'array') return `must list at most ${String(issue.maximum)}`;
      return `must be at most ${String(issue.maximum)}, not ${describe(issue.input)}`;
    case 'invalid_format':
      return `must be a valid ${issue.format === 'email' ? 'email address' : issue.format}`;
    case 'invalid_union':
      return `is not any of the accepted forms (got ${describe(issue.input)})`;
    default:
      return undefined;
  }
};

export function toProblems(error: z.ZodError, prefix: readonly PropertyKey[] = []): Problem[] {
  return error.issues.flatMap((issue): Problem[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: formatPath([...prefix, ...issue.path, key]),
        message: 'is not recognised (check the spelling)',
      }));
    }
    return [{ field: formatPath([...prefix, ...issue.path]) || '(whole value)', message: issue.message }];
  });
}
