// Names and addresses derived from the settings, in one place so every command agrees on them.
import { text, v, type Text } from './commands';
import type { DeployConfig } from './deploy-config';
import type { FunctionSpec } from './functions';

/** Gmail's watch publishes as this Google-owned account; it needs publish on our topic only. */
export const GMAIL_PUSH_PUBLISHER = 'gmail-api-push@system.gserviceaccount.com';

/** Conferences, deadlines and schedules are English local time. */
export const TIME_ZONE = 'Europe/London';

export type AccountRole = keyof DeployConfig['serviceAccounts'];

export function accountEmail(config: DeployConfig, role: AccountRole): string {
  return `${config.serviceAccounts[role]}@${config.project}.iam.gserviceaccount.com`;
}

export function topicPath(config: DeployConfig): string {
  return `projects/${config.project}/topics/${config.pubsub.topic}`;
}

/**
 * A function's Cloud Run address, known before it is first deployed (Cloud Run's deterministic
 * URL, https://SERVICE-PROJECT_NUMBER.REGION.run.app), so the audience its callers' tokens carry
 * can be in its settings from the first deploy. Step 4 checks Cloud Run agrees.
 */
export function functionUrl(config: DeployConfig, spec: FunctionSpec): Text {
  return text`https://${spec.name}-${v('PROJECT_NUMBER')}.${config.region}.run.app`;
}

export function jobName(spec: FunctionSpec): string {
  return `conference-desk-${spec.name}`;
}
