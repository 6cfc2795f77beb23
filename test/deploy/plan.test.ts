// The deployment plan for a council (the example settings, filled in): every step, every function with its entry point
// and who may call it, the indexes from firestore.indexes.json, and no secret anywhere.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getFunction } from '@google-cloud/functions-framework/testing';
import { CALENDAR_SCOPES } from '../../functions/src/adapters/google/google-calendar';
import { DRAFT_SCOPES } from '../../functions/src/adapters/google/google-drafts';
import { GMAIL_SCOPES } from '../../functions/src/adapters/google/google-gmail';
import { MEET_SCOPES } from '../../functions/src/adapters/google/google-meet';
import { pushVerifier, schedulerVerifier } from '../../functions/src/compose';
import { readConfig } from '../../functions/src/config';
import {
  asText,
  type Command,
  type Plan,
  type RunCommand,
  type Text,
  type VarName,
} from '../../functions/src/deploy/commands';
import {
  checkPolicy,
  parseDeployConfig,
  type DeployConfig,
  type PolicySummary,
} from '../../functions/src/deploy/deploy-config';
import { parseIndexes } from '../../functions/src/deploy/firestore-indexes';
import { FUNCTIONS } from '../../functions/src/deploy/functions';
import { buildPlan } from '../../functions/src/deploy/plan';
import { renderArg, renderPlan } from '../../functions/src/deploy/render';
import { delegationScopes } from '../../functions/src/deploy/step-wiring';
import '../../functions/src/index';

const REPO = join(__dirname, '../..');
const readJson = (path: string): unknown => JSON.parse(readFileSync(join(REPO, path), 'utf8'));

const KNOWN: Record<VarName, string> = {
  PROJECT_NUMBER: '123456789012',
  DEPLOY_DIR: '/tmp/deploy',
  ACCESS_TOKEN: 'token',
  RULESET: 'projects/p/rulesets/1',
  API_URL: 'https://api-abc-nw.a.run.app',
  RUNTIME_CLIENT_ID: '1234',
  GMAIL_PUSH_URL: 'https://gmail-push-123456789012.europe-west2.run.app',
  RECONCILE_URL: 'https://reconcile-123456789012.europe-west2.run.app',
  RENEW_WATCH_URL: 'https://renew-watch-123456789012.europe-west2.run.app',
  SWEEP_URL: 'https://sweep-123456789012.europe-west2.run.app',
};

const fill = (text: Text | string): string =>
  asText(text)
    .map((p) => (typeof p === 'string' ? p : KNOWN[p.ref]))
    .join('');

function exampleConfig(): DeployConfig {
  const parsed = parseDeployConfig(readJson('test/fixtures/deploy/deploy.json'));
  if (!('config' in parsed)) throw new Error(JSON.stringify(parsed.problems));
  return parsed.config;
}

function examplePolicy(config: DeployConfig): PolicySummary {
  const checked = checkPolicy(config.settings.POLICY, REPO);
  if (!('policy' in checked)) throw new Error(JSON.stringify(checked.problems));
  return checked.policy;
}

function examplePlan(): Plan {
  const config = exampleConfig();
  const indexes = parseIndexes(readJson('firestore.indexes.json'));
  if (!('indexes' in indexes)) throw new Error(JSON.stringify(indexes.problems));
  return buildPlan({
    config,
    policy: examplePolicy(config),
    indexes: indexes.indexes,
    rules: readFileSync(join(REPO, 'firestore.rules'), 'utf8'),
  });
}

const plan = examplePlan();
const commands = plan.flatMap((step) => step.commands);
const runs = commands.filter((c): c is RunCommand => c.kind === 'run');
const argv = (c: RunCommand): string[] => c.args.map(fill);
const gcloud = (...prefix: string[]): string[][] =>
  runs
    .filter((c) => c.program === 'gcloud')
    .map(argv)
    .filter((args) => prefix.every((word, i) => args[i] === word));
const flag = (args: readonly string[], name: string): string | undefined =>
  args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

/** The env-vars file each function is deployed with, as the function will see it. */
function envOf(name: string): Record<string, string> {
  const write = commands.find(
    (c): c is Extract<Command, { kind: 'write' }> =>
      c.kind === 'write' && fill(c.path) === `/tmp/deploy/${name}.env.yaml`,
  );
  if (write === undefined) throw new Error(`No env file for ${name}`);
  const lines = fill(write.content).trimEnd().split('\n');
  return Object.fromEntries(
    lines.map((line) => {
      const at = line.indexOf(': ');
      return [line.slice(0, at), JSON.parse(line.slice(at + 2)) as string];
    }),
  );
}

describe('the deployment plan', () => {
  test('has the eight steps in order', () => {
    expect(plan.map((s) => s.heading)).toEqual([
      '1. Enable APIs',
      '2. Service accounts and least-privilege IAM',
      '3. Firestore: the database, its indexes and its rules',
      '4. Deploy the functions',
      "5. Pub/Sub: Gmail's topic and the push to gmail-push",
      '6. Cloud Scheduler: sweep, reconcile and renewWatch',
      '7. Domain-wide delegation (by hand: a Google Workspace super admin)',
      '8. The add-on',
    ]);
    expect(plan.every((s) => s.commands.length > 0)).toBe(true);
  });

  test('deploys each function index.ts registers, with its entry point, gen2 and nodejs24 in London', () => {
    const deploys = gcloud('functions', 'deploy');
    expect(deploys.map((d) => flag(d, 'entry-point')).sort()).toEqual(
      ['api', 'gmailPush', 'reconcile', 'renewWatch', 'sweep'].sort(),
    );
    for (const d of deploys) {
      expect(getFunction(flag(d, 'entry-point') ?? '')).toBeDefined();
      expect(d).toEqual(expect.arrayContaining(['--gen2', '--trigger-http', '--source=.']));
      expect([flag(d, 'runtime'), flag(d, 'region')]).toEqual(['nodejs24', 'europe-west2']);
      expect(flag(d, 'service-account')).toBe('conference-desk@hackney-conf-desk.iam.gserviceaccount.com');
      expect(flag(d, 'env-vars-file')).toBe(`/tmp/deploy/${d[2] ?? ''}.env.yaml`);
    }
  });

  test('only api is open at the IAM layer; each other function admits its one service account', () => {
    const auth = Object.fromEntries(
      gcloud('functions', 'deploy').map((d): [string, string[]] => [
        flag(d, 'entry-point') ?? '',
        d.filter((a) => a.endsWith('allow-unauthenticated')),
      ]),
    );
    expect(auth).toEqual({
      api: ['--allow-unauthenticated'],
      gmailPush: ['--no-allow-unauthenticated'],
      reconcile: ['--no-allow-unauthenticated'],
      renewWatch: ['--no-allow-unauthenticated'],
      sweep: ['--no-allow-unauthenticated'],
    });
    const invokers = gcloud('functions', 'add-invoker-policy-binding').map((b) => [b[2], flag(b, 'member')]);
    expect(invokers).toEqual([
      ['gmail-push', 'serviceAccount:conference-desk-push@hackney-conf-desk.iam.gserviceaccount.com'],
      ['reconcile', 'serviceAccount:conference-desk-scheduler@hackney-conf-desk.iam.gserviceaccount.com'],
      ['renew-watch', 'serviceAccount:conference-desk-scheduler@hackney-conf-desk.iam.gserviceaccount.com'],
      ['sweep', 'serviceAccount:conference-desk-scheduler@hackney-conf-desk.iam.gserviceaccount.com'],
    ]);
  });

  test("each function's settings pass the service's own configuration check, in production", () => {
    for (const spec of FUNCTIONS) {
      const config = readConfig(envOf(spec.name));
      expect([spec.name, config.NODE_ENV, config.DELEGATION_KEY_FILE]).toEqual([
        spec.name,
        'production',
        undefined,
      ]);
      // Only api reads the role grants.
      expect([spec.name, config.ROLE_GRANTS === undefined]).toEqual([spec.name, spec.entryPoint !== 'api']);
    }
  });

  test('gmailPush accepts exactly the tokens the push subscription sends it', () => {
    const push = gcloud('pubsub', 'subscriptions', 'create')[0] ?? [];
    const config = readConfig(envOf('gmail-push'));
    expect(pushVerifier(config)).toBeDefined();
    expect([config.GMAIL_PUSH_AUDIENCE, config.GMAIL_PUSH_SERVICE_ACCOUNT]).toEqual([
      flag(push, 'push-auth-token-audience'),
      flag(push, 'push-auth-service-account'),
    ]);
    expect(flag(push, 'push-endpoint')).toBe('https://gmail-push-123456789012.europe-west2.run.app');
    expect(config.GMAIL_PUSH_AUDIENCE).toBe(flag(push, 'push-endpoint'));
  });

  test.each(['sweep', 'reconcile', 'renew-watch'])(
    '%s accepts exactly the tokens its scheduler job sends it',
    (name) => {
      const job =
        gcloud('scheduler', 'jobs', 'create', 'http').find((j) => j[4] === `conference-desk-${name}`) ?? [];
      const config = readConfig(envOf(name));
      expect(schedulerVerifier(config)).toBeDefined();
      expect(config.SCHEDULER_AUDIENCE).toBe(`https://${name}-123456789012.europe-west2.run.app`);
      expect([
        flag(job, 'uri'),
        flag(job, 'oidc-token-audience'),
        flag(job, 'oidc-service-account-email'),
      ]).toEqual([config.SCHEDULER_AUDIENCE, config.SCHEDULER_AUDIENCE, config.SCHEDULER_SERVICE_ACCOUNT]);
      expect(flag(job, 'time-zone')).toBe('Europe/London');
    },
  );

  test('schedules sweep and reconcile every 5 minutes and renewWatch daily', () => {
    const schedules = Object.fromEntries(
      gcloud('scheduler', 'jobs', 'update', 'http').map((j): [string, string | undefined] => [
        j[4] ?? '',
        flag(j, 'schedule'),
      ]),
    );
    expect(schedules).toEqual({
      'conference-desk-sweep': '*/5 * * * *',
      'conference-desk-reconcile': '*/5 * * * *',
      'conference-desk-renew-watch': '0 7 * * *',
    });
  });

  test('creates each index of firestore.indexes.json, field by field, and deploys firestore.rules', () => {
    const file = readJson('firestore.indexes.json') as {
      indexes: { collectionGroup: string; fields: Record<string, string>[] }[];
    };
    const expected = file.indexes.map((index) => [
      index.collectionGroup,
      index.fields.map((f) =>
        f.order === undefined
          ? `field-path=${f.fieldPath ?? ''},array-config=${(f.arrayConfig ?? '').toLowerCase()}`
          : `field-path=${f.fieldPath ?? ''},order=${f.order.toLowerCase()}`,
      ),
    ]);
    const created = gcloud('firestore', 'indexes', 'composite', 'create').map((args) => [
      flag(args, 'collection-group'),
      args.filter((a) => a.startsWith('--field-config=')).map((a) => a.slice('--field-config='.length)),
    ]);
    expect(created).toEqual(expected);
    const upload = commands.find(
      (c): c is Extract<Command, { kind: 'write' }> =>
        c.kind === 'write' && fill(c.path).endsWith('firestore.ruleset.json'),
    );
    expect(JSON.parse(fill(upload?.content ?? ['null']))).toEqual({
      source: {
        files: [{ name: 'firestore.rules', content: readFileSync(join(REPO, 'firestore.rules'), 'utf8') }],
      },
    });
    const requests = commands.filter((c): c is Extract<Command, { kind: 'http' }> => c.kind === 'http');
    expect(requests.map((c) => c.method)).toEqual(['POST', 'POST', 'PATCH']);
  });

  test('gives each account only what its job needs', () => {
    const runtime = 'conference-desk@hackney-conf-desk.iam.gserviceaccount.com';
    expect(
      gcloud('projects', 'add-iam-policy-binding').map((b) => [flag(b, 'member'), flag(b, 'role')]),
    ).toEqual([
      [`serviceAccount:${runtime}`, 'roles/datastore.user'],
      [
        'serviceAccount:conference-desk-build@hackney-conf-desk.iam.gserviceaccount.com',
        'roles/cloudbuild.builds.builder',
      ],
    ]);
    expect(
      gcloud('iam', 'service-accounts', 'add-iam-policy-binding').map((b) => [
        b[3],
        flag(b, 'member'),
        flag(b, 'role'),
      ]),
    ).toEqual([[runtime, `serviceAccount:${runtime}`, 'roles/iam.serviceAccountTokenCreator']]);
    expect(
      gcloud('pubsub', 'topics', 'add-iam-policy-binding').map((b) => [
        b[3],
        flag(b, 'member'),
        flag(b, 'role'),
      ]),
    ).toEqual([
      [
        'conference-desk-gmail',
        'serviceAccount:gmail-api-push@system.gserviceaccount.com',
        'roles/pubsub.publisher',
      ],
    ]);
  });

  test('no command carries a secret or a key file', () => {
    const printed = renderPlan(plan, []);
    expect(printed).not.toMatch(
      /key-file|KEY_FILE|private_key|keys create|PASSWORD|SECRET|credentials\.json/i,
    );
    // The access token is fetched while deploying and only ever named.
    expect(printed.match(/ACCESS_TOKEN[^}]/g)).toEqual(['ACCESS_TOKEN=']);
    expect(runs.find((c) => c.capture === 'ACCESS_TOKEN')?.secret).toBe(true);
  });

  test('asks for the delegation scopes the adapters use, and not Meet when Calendar makes the Meet', () => {
    const all = [...CALENDAR_SCOPES, ...MEET_SCOPES, ...GMAIL_SCOPES, ...DRAFT_SCOPES];
    expect(delegationScopes({ inbox: 'i@council.example.gov.uk', meetCreatedBy: 'meet-api' })).toEqual(all);
    expect(delegationScopes({ inbox: 'i@council.example.gov.uk', meetCreatedBy: 'calendar' })).not.toContain(
      MEET_SCOPES[0],
    );
    expect(renderPlan(plan, [])).toContain(`#   OAuth scopes: ${all.join(',')}`);
  });

  test('prints each command so that a POSIX shell passes exactly its arguments', () => {
    const script = runs
      .map((c) => `printf '%s\\036' ${c.args.map((a) => renderArg(a)).join(' ')}; printf '\\035'`)
      .join('\n');
    const env = Object.fromEntries(Object.entries(KNOWN));
    const r = spawnSync('sh', ['-c', script], { env, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const printed = r.stdout
      .split('\x1d')
      .slice(0, -1)
      .map((command) => command.split('\x1e').slice(0, -1));
    expect(printed).toEqual(runs.map(argv));
  });
});
