// Step 4: the five functions, each with its own settings file, then who may invoke each.
import { gcloud, text, v, type Command, type RunCommand, type Step } from './commands';
import type { DeployConfig } from './deploy-config';
import { envFile, functionEnv } from './function-env';
import { FUNCTIONS, functionSpec, type FunctionSpec } from './functions';
import { accountEmail, functionUrl } from './names';

export function envFilePath(spec: FunctionSpec) {
  return text`${v('DEPLOY_DIR')}/${spec.name}.env.yaml`;
}

function deploy(config: DeployConfig, spec: FunctionSpec): RunCommand {
  return gcloud(
    [
      'functions',
      'deploy',
      spec.name,
      '--gen2',
      `--region=${config.region}`,
      `--runtime=${config.runtime}`,
      '--trigger-http',
      spec.invoker === 'public' ? '--allow-unauthenticated' : '--no-allow-unauthenticated',
      `--entry-point=${spec.entryPoint}`,
      // The repository's root: package.json builds dist/, and templates/ and a policy file ship with it.
      '--source=.',
      `--service-account=${accountEmail(config, 'runtime')}`,
      `--build-service-account=projects/${config.project}/serviceAccounts/${accountEmail(config, 'build')}`,
      text`--env-vars-file=${envFilePath(spec)}`,
      `--memory=${spec.memory}`,
      `--timeout=${String(spec.timeoutSeconds)}s`,
      `--max-instances=${String(spec.maxInstances)}`,
      '--quiet',
      `--project=${config.project}`,
    ],
    { why: spec.why },
  );
}

/** Reads back the address Cloud Run gave the function, which must be the one its tokens name. */
function checkAddress(config: DeployConfig, spec: FunctionSpec, first: boolean): RunCommand[] {
  if (spec.urlVar === undefined) return [];
  const audience = spec.invoker === 'push' ? 'GMAIL_PUSH_AUDIENCE' : 'SCHEDULER_AUDIENCE';
  return [
    gcloud(
      [
        'run',
        'services',
        'describe',
        spec.name,
        `--region=${config.region}`,
        '--format=value(status.url)',
        `--project=${config.project}`,
      ],
      {
        capture: spec.urlVar,
        expect: {
          value: functionUrl(config, spec),
          why: `${spec.name} was deployed with that address as ${audience}, and its callers' tokens are addressed to it`,
        },
        ...(first
          ? { why: 'Each address must be the predictable one the functions check tokens against' }
          : {}),
      },
    ),
  ];
}

function invoker(config: DeployConfig, spec: FunctionSpec, first: boolean): RunCommand[] {
  if (spec.invoker === 'public') return [];
  return [
    gcloud(
      [
        'functions',
        'add-invoker-policy-binding',
        spec.name,
        `--region=${config.region}`,
        `--member=serviceAccount:${accountEmail(config, spec.invoker)}`,
        `--project=${config.project}`,
      ],
      {
        retryWhileMissing: true,
        ...(first
          ? {
              why: 'run.invoker on each function alone: the push account on gmail-push, the scheduler account on the jobs.\napi is public at the IAM layer: the add-on sends the user’s ID token, which api checks itself.',
            }
          : {}),
      },
    ),
  ];
}

export function functionsStep(config: DeployConfig): Step {
  const scheduled = FUNCTIONS.filter((f) => f.urlVar !== undefined);
  const writes = FUNCTIONS.map((spec, i): Command => ({
    kind: 'write',
    path: envFilePath(spec),
    content: envFile(functionEnv(config, spec)),
    ...(i === 0
      ? { why: 'Each function gets the settings it reads (config.ts), and nothing to sign in with' }
      : {}),
  }));
  const api = functionSpec('api');
  return {
    heading: '4. Deploy the functions',
    commands: [
      ...writes,
      ...FUNCTIONS.map((spec) => deploy(config, spec)),
      ...scheduled.flatMap((spec, i) => checkAddress(config, spec, i === 0)),
      ...scheduled.flatMap((spec, i) => invoker(config, spec, i === 0)),
      gcloud(
        [
          'functions',
          'describe',
          api.name,
          `--region=${config.region}`,
          '--format=value(serviceConfig.uri)',
          `--project=${config.project}`,
        ],
        { capture: 'API_URL', why: "api's address, for the add-on (step 8)" },
      ),
    ],
  };
}
