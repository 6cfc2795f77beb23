// `conference-desk policy`: checks a policy (a preset or a council's file) and prints it whole,
// as the service will use it, with what it inherited.
import { PRESET_IDS } from '../../domain/policy/presets';
import { parseFlags } from '../flags';
import { FlagReader } from '../read-flags';
import { UsageError } from '../usage-error';
import { readPolicy } from './policy-flag';

export const POLICY_HELP = `Usage: conference-desk policy [--policy ID|PATH]

Checks a policy and prints it as JSON with everything it inherits. A council's file may
"extends" a preset (${PRESET_IDS.join(', ')}) and set only what differs.
Every problem in the file is listed by the setting's path.`;

export function policy(argv: readonly string[]): string {
  const read = new FlagReader(parseFlags(argv, { policy: 'string' }, 'policy'));
  const resolved = readPolicy(read);
  if (read.problems.length > 0 || resolved === undefined) throw new UsageError(read.problems);
  return JSON.stringify(resolved, null, 2);
}
