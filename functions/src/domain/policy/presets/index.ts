// The policies that ship with the service: the Working Together default and the councils
// whose guidance is in the seeds. Each is resolved and validated like a council's own file.
import { resolvePolicy, type PresetSource } from '../resolve-policy';
import type { Policy } from '../schema';
import { barnsley } from './barnsley';
import { derbyshire } from './derbyshire';
import { devon } from './devon';
import { hackney } from './hackney';
import { workingTogether2023 } from './working-together-2023';

const FILES = {
  'working-together-2023': workingTogether2023,
  hackney,
  barnsley,
  derbyshire,
  devon,
} as const;

export type PresetId = keyof typeof FILES;
export const PRESET_IDS = Object.keys(FILES) as readonly PresetId[];
export const DEFAULT_POLICY_ID: PresetId = 'working-together-2023';

export function isPresetId(value: string): value is PresetId {
  return Object.hasOwn(FILES, value);
}

export const presets: PresetSource = {
  preset: (id) => (isPresetId(id) ? FILES[id] : undefined),
  presetIds: () => PRESET_IDS,
};

const resolved = new Map<PresetId, Policy>();

/** A shipped policy, validated on first use. */
export function loadPreset(id: PresetId): Policy {
  let policy = resolved.get(id);
  if (policy === undefined) {
    policy = resolvePolicy(FILES[id], presets, `preset "${id}"`);
    resolved.set(id, policy);
  }
  return policy;
}
