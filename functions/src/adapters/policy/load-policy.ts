// Finds a policy by preset id or reads a council's own JSON policy file, so a council adds its
// rules without a code change. Every problem in the file is reported at once, by setting path.
import { readFileSync } from 'node:fs';
import { isPresetId, loadPreset, PRESET_IDS, presets } from '../../domain/policy/presets';
import { PolicyError, resolvePolicy } from '../../domain/policy/resolve-policy';
import type { Policy } from '../../domain/policy/schema';

function looksLikePath(ref: string): boolean {
  return ref.includes('/') || ref.includes('\\') || ref.toLowerCase().endsWith('.json');
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EACCES'
          ? 'cannot be read (permission denied)'
          : `cannot be read (${code ?? 'unknown error'})`;
    throw new PolicyError(path, [{ field: '(file)', message: why }]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new PolicyError(path, [
      { field: '(file)', message: `is not valid JSON: ${(error as Error).message}` },
    ]);
  }
}

/** A preset by id (e.g. "hackney") or a policy file by path; throws PolicyError. */
export function loadPolicy(ref: string): Policy {
  if (isPresetId(ref)) return loadPreset(ref);
  if (!looksLikePath(ref)) {
    throw new PolicyError(`"${ref}"`, [
      {
        field: '(policy)',
        message: `is not a preset (${PRESET_IDS.join(', ')}) or a path to a .json policy file`,
      },
    ]);
  }
  return resolvePolicy(readJson(ref), presets, ref);
}
