// A stable hash of a request body, so an idempotency key reused for a different booking is
// noticed: the same JSON with keys in another order hashes the same.
import { createHash } from 'node:crypto';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

export function fingerprint(body: unknown, omit: readonly string[] = []): string {
  const trimmed =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? Object.fromEntries(Object.entries(body).filter(([key]) => !omit.includes(key)))
      : body;
  return createHash('sha256')
    .update(JSON.stringify(canonical(trimmed)))
    .digest('hex');
}
