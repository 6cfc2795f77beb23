// Google's patch semantics for Apiary APIs such as Calendar: fields given replace stored ones,
// nested objects merge field by field, arrays replace whole, and null deletes (Calendar's guide
// deletes one extended property by patching it to null while the others stay).

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function mergePatch(
  target: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const out = Object.fromEntries(Object.entries(target).filter(([key]) => patch[key] !== null));
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) continue;
    out[key] = isRecord(value)
      ? mergePatch(isRecord(out[key]) ? out[key] : {}, value)
      : structuredClone(value);
  }
  return out;
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null).map(strip);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (v === null ? [] : [[k, strip(v)]])));
}

/** Drops nulls everywhere, for writes (insert, update) where null simply means absent. */
export function withoutNulls(value: Record<string, unknown>): Record<string, unknown> {
  return strip(value) as Record<string, unknown>;
}
