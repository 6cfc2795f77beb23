// Resolves a policy file into a validated Policy. A file may extend a preset and override
// only what differs, so a council writes the few numbers that are theirs and inherits the
// statutory defaults; presets are written the same way, which keeps one path for both.
import { ValidationError, type Problem } from '../errors';
import { problemMessages, toProblems } from '../validation/zod-problems';
import { policySchema, type Policy } from './schema';

export class PolicyError extends ValidationError {
  constructor(
    readonly source: string,
    problems: readonly Problem[],
  ) {
    super('POLICY.INVALID', problems, `The policy ${source} cannot be used`);
  }
}

type PlainObject = Record<string, unknown>;

function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Objects merge key by key; anything else in `override` (a number, a list, null) replaces
 * the base value whole, so a council can empty a list or switch a rule off with null.
 */
function deepMerge(base: PlainObject, override: PlainObject): PlainObject {
  const out: PlainObject = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return out;
}

function leafPaths(value: PlainObject, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, v]) => {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    return isPlainObject(v) && Object.keys(v).length > 0 ? leafPaths(v, path) : [path];
  });
}

/** A base's note on where a number came from no longer holds once the override changes it. */
function staleSources(base: PlainObject, override: PlainObject): PlainObject {
  const baseSources = isPlainObject(base.sources) ? base.sources : {};
  const { sources: _ignored, ...overridden } = override;
  const changed = leafPaths(overridden);
  const kept = Object.entries(baseSources).filter(
    ([key]) => !changed.some((p) => p === key || key.startsWith(`${p}.`) || p.startsWith(`${key}.`)),
  );
  return Object.fromEntries(kept);
}

export interface PresetSource {
  /** The raw file of a preset, by id (not yet merged or validated). */
  preset(id: string): unknown;
  presetIds(): readonly string[];
}

const MAX_EXTENDS_DEPTH = 5;

/** Merges a raw policy file with what it extends, without validating the result. */
function flatten(file: unknown, presets: PresetSource, depth: number, problems: Problem[]): PlainObject {
  if (!isPlainObject(file)) {
    problems.push({ field: '(whole file)', message: 'must be a JSON object of policy settings' });
    return {};
  }
  if (typeof file.id !== 'string') {
    problems.push({ field: 'id', message: 'is required: every policy names itself, e.g. "my-council"' });
  }
  const { extends: parent, ...own } = file;
  if (parent === undefined) return own;
  if (typeof parent !== 'string' || !presets.presetIds().includes(parent)) {
    problems.push({
      field: 'extends',
      message: `must name a preset (${presets.presetIds().join(', ')})`,
    });
    return own;
  }
  if (depth >= MAX_EXTENDS_DEPTH) {
    problems.push({ field: 'extends', message: `chains more than ${MAX_EXTENDS_DEPTH} policies deep` });
    return own;
  }
  const base = flatten(presets.preset(parent), presets, depth + 1, problems);
  const merged = deepMerge(base, own);
  merged.sources = { ...staleSources(base, own), ...(isPlainObject(own.sources) ? own.sources : {}) };
  return merged;
}

/**
 * Validates a raw policy file (parsed JSON or a preset object) and everything it extends.
 * Throws PolicyError listing every problem by its setting's path.
 */
export function resolvePolicy(file: unknown, presets: PresetSource, source: string): Policy {
  const problems: Problem[] = [];
  const merged = flatten(file, presets, 0, problems);
  if (problems.length > 0) throw new PolicyError(source, problems);
  const parsed = policySchema.safeParse(merged, { error: problemMessages, reportInput: true });
  if (!parsed.success) throw new PolicyError(source, toProblems(parsed.error));
  return parsed.data;
}
