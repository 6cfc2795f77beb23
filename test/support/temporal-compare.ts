// Temporal objects have no own enumerable properties, so toEqual would call any two equal.
// This replaces each with its type and ISO string so comparisons are exact.
import { Temporal } from 'temporal-polyfill';

export function comparable(value: unknown): unknown {
  if (
    value instanceof Temporal.Instant ||
    value instanceof Temporal.ZonedDateTime ||
    value instanceof Temporal.PlainDate ||
    value instanceof Temporal.PlainDateTime ||
    value instanceof Temporal.PlainTime
  ) {
    return `${value[Symbol.toStringTag]} ${value.toString()}`;
  }
  if (Array.isArray(value)) return value.map(comparable);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, comparable(v)]));
  }
  return value;
}
