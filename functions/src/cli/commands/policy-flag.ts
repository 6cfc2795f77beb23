// The --policy flag shared by commands: a preset id or a path, with a policy file's problems
// reported against the flag, one line each, naming the setting.
import { loadPolicy } from '../../adapters/policy/load-policy';
import type { Problem } from '../../domain/errors';
import { DEFAULT_POLICY_ID } from '../../domain/policy/presets';
import { PolicyError } from '../../domain/policy/resolve-policy';
import type { Policy } from '../../domain/policy/schema';
import type { FlagReader } from '../read-flags';

function policyProblems(error: PolicyError): Problem[] {
  return error.problems.map((p) => ({
    field: '--policy',
    message: p.field.startsWith('(')
      ? `${error.source} ${p.message}`
      : `${error.source}: ${p.field}: ${p.message}`,
  }));
}

export function readPolicy(read: FlagReader): Policy | undefined {
  try {
    return loadPolicy(read.string('policy') ?? DEFAULT_POLICY_ID);
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    read.problems.push(...policyProblems(error));
    return undefined;
  }
}
