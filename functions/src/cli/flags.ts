// A small command-line flag reader that reports every problem at once (unknown flags, missing
// values, repeats) instead of stopping at the first, and accepts negative numbers as values.
import type { Problem } from '../domain/errors';

export type FlagKind = 'string' | 'boolean';
export type FlagSpec = Readonly<Record<string, FlagKind>>;

export interface ParsedFlags {
  readonly strings: ReadonlyMap<string, string>;
  readonly booleans: ReadonlySet<string>;
  readonly problems: readonly Problem[];
}

export function parseFlags(argv: readonly string[], spec: FlagSpec, command: string): ParsedFlags {
  const strings = new Map<string, string>();
  const booleans = new Set<string>();
  const problems: Problem[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const token = argv[i] ?? '';
    if (!token.startsWith('--')) {
      problems.push({ field: token, message: `is not an option of ${command}; options start with --` });
      continue;
    }
    const eq = token.indexOf('=');
    const name = eq === -1 ? token.slice(2) : token.slice(2, eq);
    const flag = `--${name}`;
    const kind = spec[name];
    if (kind === undefined) {
      problems.push({ field: flag, message: `is not an option of ${command}` });
      // Its value, if it has one, is not a problem of its own.
      if (eq === -1 && i + 1 < argv.length && !(argv[i + 1] ?? '').startsWith('--')) i += 1;
      continue;
    }
    if (strings.has(name) || booleans.has(name)) {
      problems.push({ field: flag, message: 'is given more than once' });
      continue;
    }
    if (kind === 'boolean') {
      if (eq !== -1) problems.push({ field: flag, message: 'takes no value' });
      else booleans.add(name);
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) value = token.slice(eq + 1);
    else if (i + 1 < argv.length && !(argv[i + 1] ?? '').startsWith('--')) {
      value = argv[i + 1];
      i += 1;
    }
    if (value === undefined || value === '') problems.push({ field: flag, message: 'needs a value' });
    else strings.set(name, value);
  }
  return { strings, booleans, problems };
}
