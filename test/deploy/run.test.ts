// Running a plan: in order, with what earlier commands found, stopping at the first failure
// named by its step, and taking "already exists" from a create as done.
import { gcloud, text, v, type Plan } from '../../functions/src/deploy/commands';
import { runPlan, type ExecResult, type HttpAnswer, type RunnerIo } from '../../functions/src/deploy/run';

interface Call {
  readonly program: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

function fakeIo(
  answers: (call: Call) => Partial<ExecResult>,
  http: (url: string) => HttpAnswer = () => ({ status: 200, body: '{}' }),
) {
  const calls: Call[] = [];
  const printed: string[] = [];
  const files = new Map<string, string>();
  const requests: { url: string; method: string; headers: Readonly<Record<string, string>>; body: string }[] =
    [];
  const io: RunnerIo = {
    exec: (program, args, { env }) => {
      const call = { program, args, env };
      calls.push(call);
      return Promise.resolve({ status: 0, stdout: '', stderr: '', ...answers(call) });
    },
    request: (url, init) => {
      requests.push({ url, ...init });
      return Promise.resolve(http(url));
    },
    readFile: (path) => files.get(path) ?? '',
    writeFile: (path, content) => files.set(path, content),
    makeTempDir: () => '/tmp/made',
    print: (line) => printed.push(line),
    sleep: () => Promise.resolve(),
  };
  return { io, calls, printed, files, requests };
}

describe('running a plan', () => {
  test('runs every command in order, filling in what earlier commands found', async () => {
    const plan: Plan = [
      {
        heading: '1. Find',
        commands: [gcloud(['projects', 'describe', 'p'], { capture: 'PROJECT_NUMBER' })],
      },
      {
        heading: '2. Use',
        commands: [
          { kind: 'tempdir', into: 'DEPLOY_DIR' },
          {
            kind: 'write',
            path: text`${v('DEPLOY_DIR')}/env.yaml`,
            content: text`N: "${v('PROJECT_NUMBER')}"\n`,
          },
          gcloud([text`--uri=https://sweep-${v('PROJECT_NUMBER')}.europe-west2.run.app`]),
          { kind: 'run', program: 'npm', args: ['run', 'x'], env: { URL: text`${v('PROJECT_NUMBER')}` } },
        ],
      },
    ];
    const world = fakeIo((call) => (call.args[0] === 'projects' ? { stdout: '4242\n' } : {}));
    expect(await runPlan(plan, world.io)).toEqual({ ok: true });
    expect(world.calls.map((c) => [c.program, ...c.args])).toEqual([
      ['gcloud', 'projects', 'describe', 'p'],
      ['gcloud', '--uri=https://sweep-4242.europe-west2.run.app'],
      ['npm', 'run', 'x'],
    ]);
    expect(world.calls[2]?.env).toEqual({ URL: '4242' });
    expect(world.files.get('/tmp/made/env.yaml')).toBe('N: "4242"\n');
    expect(world.printed).toContain('gcloud --uri=https://sweep-4242.europe-west2.run.app');
  });

  test('takes "already exists" from a create as done, and stops at the first other failure, naming its step', async () => {
    const plan: Plan = [
      {
        heading: '2. Service accounts',
        commands: [gcloud(['iam', 'service-accounts', 'create', 'a'], { tolerateExisting: true })],
      },
      {
        heading: '3. Firestore',
        commands: [gcloud(['firestore', 'databases', 'create']), gcloud(['never'])],
      },
      { heading: '4. Functions', commands: [gcloud(['functions', 'deploy'])] },
    ];
    const world = fakeIo((call) =>
      call.args[0] === 'iam'
        ? { status: 1, stderr: 'ERROR: Service account a already exists within project projects/p.' }
        : call.args[0] === 'firestore'
          ? { status: 1, stderr: 'ERROR: PERMISSION_DENIED' }
          : {},
    );
    const outcome = await runPlan(plan, world.io);
    expect(outcome).toEqual({
      ok: false,
      step: '3. Firestore',
      message: expect.stringMatching(/"gcloud firestore databases create …" exited with status 1/) as string,
    });
    expect(world.calls.map((c) => c.args[0])).toEqual(['iam', 'firestore']);
    expect(world.printed).toContain('# (it already exists: done)');
  });

  test('does not take "already exists" as done for a command that is not a create', async () => {
    const plan: Plan = [
      { heading: '5. Pub/Sub', commands: [gcloud(['pubsub', 'subscriptions', 'update', 's'])] },
    ];
    const world = fakeIo(() => ({ status: 1, stderr: 'ALREADY_EXISTS' }));
    expect(await runPlan(plan, world.io)).toMatchObject({ ok: false, step: '5. Pub/Sub' });
  });

  test('waits for a just-made account to become visible before giving up', async () => {
    const plan: Plan = [
      {
        heading: '2. IAM',
        commands: [gcloud(['projects', 'add-iam-policy-binding'], { retryWhileMissing: true })],
      },
    ];
    let tries = 0;
    const world = fakeIo(() => {
      tries += 1;
      return tries < 3 ? { status: 1, stderr: 'Service account x does not exist.' } : {};
    });
    expect(await runPlan(plan, world.io)).toEqual({ ok: true });
    expect(tries).toBe(3);
  });

  test("fails when Cloud Run's address is not the one the function was deployed with", async () => {
    const plan: Plan = [
      {
        heading: '4. Deploy the functions',
        commands: [
          gcloud(['run', 'services', 'describe', 'sweep'], {
            capture: 'SWEEP_URL',
            expect: { value: 'https://sweep-1.europe-west2.run.app', why: 'its tokens are addressed to it' },
          }),
        ],
      },
    ];
    const world = fakeIo(() => ({ stdout: 'https://sweep-abc-nw.a.run.app\n' }));
    expect(await runPlan(plan, world.io)).toEqual({
      ok: false,
      step: '4. Deploy the functions',
      message: expect.stringMatching(
        /printed https:\/\/sweep-abc-nw\.a\.run\.app, not https:\/\/sweep-1\.europe-west2\.run\.app: its tokens/,
      ) as string,
    });
  });

  test('calls the Rules API with the access token, never printing it, and takes 409 on a release as done', async () => {
    const plan: Plan = [
      {
        heading: '3. Firestore',
        commands: [
          gcloud(['auth', 'print-access-token'], { capture: 'ACCESS_TOKEN', secret: true }),
          {
            kind: 'http',
            method: 'POST',
            url: 'https://rules.example/rulesets',
            quotaProject: 'p',
            body: { json: ['{}'] },
            capture: { into: 'RULESET', field: 'name' },
          },
          {
            kind: 'http',
            method: 'POST',
            url: 'https://rules.example/releases',
            quotaProject: 'p',
            body: { json: text`{"rulesetName":"${v('RULESET')}"}` },
            tolerateExisting: true,
          },
        ],
      },
    ];
    const world = fakeIo(
      () => ({ stdout: 'ya29.very-secret\n' }),
      (url) =>
        url.endsWith('rulesets')
          ? { status: 200, body: '{"name":"projects/p/rulesets/r1"}' }
          : { status: 409, body: '{"error":{"status":"ALREADY_EXISTS"}}' },
    );
    expect(await runPlan(plan, world.io)).toEqual({ ok: true });
    expect(world.requests.map((r) => [r.method, r.url, r.headers.Authorization, r.body])).toEqual([
      ['POST', 'https://rules.example/rulesets', 'Bearer ya29.very-secret', '{}'],
      [
        'POST',
        'https://rules.example/releases',
        'Bearer ya29.very-secret',
        '{"rulesetName":"projects/p/rulesets/r1"}',
      ],
    ]);
    expect(world.printed.join('\n')).not.toContain('very-secret');
    expect(world.printed.join('\n')).toContain('Bearer ${ACCESS_TOKEN}');
  });

  test('says which program could not be started', async () => {
    const plan: Plan = [{ heading: '1. Enable APIs', commands: [gcloud(['services', 'enable'])] }];
    const world = fakeIo(() => ({ status: null }));
    expect(await runPlan(plan, world.io)).toEqual({
      ok: false,
      step: '1. Enable APIs',
      message: 'gcloud could not be started: is it installed and on PATH?',
    });
  });
});
