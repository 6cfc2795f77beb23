// Reading typed values out of parsed flags: each reader records a problem naming the flag and
// returns undefined, so a command gathers every problem before it stops.
import type { Problem } from '../domain/errors';
import type { ParsedFlags } from './flags';

export class FlagReader {
  readonly problems: Problem[];

  constructor(private readonly flags: ParsedFlags) {
    this.problems = [...flags.problems];
  }

  string(name: string, options: { required?: boolean } = {}): string | undefined {
    const value = this.flags.strings.get(name);
    if (value === undefined && options.required === true)
      this.problems.push({ field: `--${name}`, message: 'is required' });
    return value;
  }

  boolean(name: string): boolean {
    return this.flags.booleans.has(name);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback?: T): T | undefined {
    const value = this.string(name, { required: fallback === undefined });
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problems.push({
      field: `--${name}`,
      message: `must be one of ${allowed.join(', ')}`,
    });
    return undefined;
  }

  integer(name: string, min: number, max: number, options: { required?: boolean } = {}): number | undefined {
    const value = this.string(name, options);
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!/^[+-]?\d+$/.test(value) || n < min || n > max) {
      this.problems.push({
        field: `--${name}`,
        message: `must be a whole number from ${min} to ${max}`,
      });
      return undefined;
    }
    return n;
  }

  /** A value that another parser checks; its message is recorded against this flag. */
  parsed<T>(
    name: string,
    parse: (text: string) => T | string,
    options: { required?: boolean } = {},
  ): T | undefined {
    const value = this.string(name, options);
    if (value === undefined) return undefined;
    const result = parse(value);
    if (typeof result === 'string') {
      this.problems.push({ field: `--${name}`, message: result });
      return undefined;
    }
    return result;
  }
}
