// A `days` query parameter (how far ahead or back a list reaches): a whole number from 1 to
// `max`, absent for the list's default. One rule and one message wherever a list takes it.
import { z } from 'zod';

export function daysParameter(max: number) {
  return z
    .string()
    .regex(/^\d{1,3}$/, `must be a whole number of days from 1 to ${max}`)
    .transform(Number)
    .pipe(z.int().min(1).max(max))
    .optional();
}
