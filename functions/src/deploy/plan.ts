// The deployment as data: every command, in order, grouped in numbered steps, each with why it is
// there. Pure: the same settings always give the same plan, which a dry run prints and a real run
// executes (run.ts).
import type { Plan } from './commands';
import type { DeployConfig, PolicySummary } from './deploy-config';
import type { CompositeIndex } from './firestore-indexes';
import { functionsStep } from './step-functions';
import { apisStep, firestoreStep, serviceAccountsStep } from './step-platform';
import { addonStep, delegationStep, pubsubStep, schedulerStep } from './step-wiring';

export interface PlanInputs {
  readonly config: DeployConfig;
  readonly policy: PolicySummary;
  /** firestore.indexes.json's composite indexes. */
  readonly indexes: readonly CompositeIndex[];
  /** firestore.rules, as written. */
  readonly rules: string;
}

export function buildPlan(inputs: PlanInputs): Plan {
  const { config } = inputs;
  return [
    apisStep(config),
    serviceAccountsStep(config),
    firestoreStep(config, inputs.indexes, inputs.rules),
    functionsStep(config),
    pubsubStep(config),
    schedulerStep(config),
    delegationStep(config, inputs.policy),
    addonStep(config),
  ];
}
