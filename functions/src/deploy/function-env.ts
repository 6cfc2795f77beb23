// Each function's environment (config.ts's variables), written as the YAML file that
// `gcloud functions deploy --env-vars-file` reads. Each function gets what it reads: only api the
// role grants, only gmailPush the push account, each scheduled function its own audience.
import type { Text } from './commands';
import type { DeployConfig } from './deploy-config';
import type { FunctionSpec } from './functions';
import { accountEmail, functionUrl, topicPath } from './names';

export type EnvEntry = readonly [name: string, value: string | Text];

export function functionEnv(config: DeployConfig, spec: FunctionSpec): EnvEntry[] {
  const s = config.settings;
  const common: EnvEntry[] = [
    // Refuses a key file, and keeps functions-framework's error pages free of stack traces.
    ['NODE_ENV', 'production'],
    // Said outright rather than left to defaults: Google Workspace, and Google ID tokens.
    ['ADAPTERS', 'google'],
    ['AUTH_MODE', 'google'],
    ['WORKSPACE_DOMAIN', s.WORKSPACE_DOMAIN],
    ['CALENDAR_OWNER', s.CALENDAR_OWNER],
    ['DELEGATION_SERVICE_ACCOUNT', accountEmail(config, 'runtime')],
    ['ADDON_AUDIENCE', s.ADDON_AUDIENCE],
    ['POLICY', s.POLICY],
    ['GMAIL_PUSH_TOPIC', topicPath(config)],
    ...(s.COORDINATOR_ALERTS === undefined ? [] : [['COORDINATOR_ALERTS', s.COORDINATOR_ALERTS] as const]),
    ...(s.FIRESTORE_ROOT === undefined ? [] : [['FIRESTORE_ROOT', s.FIRESTORE_ROOT] as const]),
  ];
  switch (spec.invoker) {
    case 'public':
      return s.ROLE_GRANTS === undefined
        ? common
        : [...common, ['ROLE_GRANTS', JSON.stringify(s.ROLE_GRANTS)]];
    case 'push':
      return [
        ...common,
        ['GMAIL_PUSH_AUDIENCE', functionUrl(config, spec)],
        ['GMAIL_PUSH_SERVICE_ACCOUNT', accountEmail(config, 'push')],
      ];
    case 'scheduler':
      return [
        ...common,
        ['SCHEDULER_AUDIENCE', functionUrl(config, spec)],
        ['SCHEDULER_SERVICE_ACCOUNT', accountEmail(config, 'scheduler')],
      ];
  }
}

/** `NAME: "value"` per line; a JSON string is a valid YAML double-quoted scalar. */
export function envFile(entries: readonly EnvEntry[]): Text {
  return entries.flatMap(([name, value]): Text => {
    if (typeof value === 'string') return [`${name}: ${JSON.stringify(value)}\n`];
    const parts = value.map((part) => (typeof part === 'string' ? JSON.stringify(part).slice(1, -1) : part));
    return [`${name}: "`, ...parts, '"\n'];
  });
}
