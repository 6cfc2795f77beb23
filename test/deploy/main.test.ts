// `npm run deploy`, run as a person runs it (the built dist/deploy/main.js), in dry-run mode and
// with bad settings; it must never reach Google from a test.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REPO = join(__dirname, '../..');
const MAIN = join(REPO, 'dist/deploy/main.js');
const EXAMPLE = 'deploy/deploy.example.json';
/** The example with every placeholder filled in, as a council would. */
const FILLED = 'test/fixtures/deploy/deploy.json';

interface Result {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the deploy with only `path` on PATH, so no real gcloud, npm or curl can be reached. */
function deploy(args: readonly string[], path = ''): Result {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" before these tests.`);
  const r = spawnSync(process.execPath, [MAIN, ...args], {
    cwd: REPO,
    env: { PATH: path, HOME: mkdtempSync(join(tmpdir(), 'deploy-home-')) },
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A folder of stand-ins for every program the deploy runs, each leaving a mark if it is run. */
function trapPrograms(): { readonly bin: string; readonly marks: string } {
  const bin = mkdtempSync(join(tmpdir(), 'deploy-bin-'));
  const marks = join(bin, 'ran');
  for (const program of ['gcloud', 'npm', 'npx', 'curl', 'clasp', 'mktemp', 'firebase']) {
    const file = join(bin, program);
    writeFileSync(file, `#!/bin/sh\necho "${program} $*" >> '${marks}'\nexit 1\n`);
    chmodSync(file, 0o755);
  }
  return { bin, marks };
}

function configFile(content: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'deploy-config-')), 'deploy.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('npm run deploy -- --dry-run', () => {
  test('prints every step, with every command under its heading, and exits 0', () => {
    const r = deploy(['--dry-run', '--config', FILLED]);
    expect([r.status, r.stderr]).toEqual([0, '']);
    const headings = r.stdout.split('\n').filter((line) => /^# \d\. /.test(line));
    expect(headings).toEqual([
      '# 1. Enable APIs',
      '# 2. Service accounts and least-privilege IAM',
      '# 3. Firestore: the database, its indexes and its rules',
      '# 4. Deploy the functions',
      "# 5. Pub/Sub: Gmail's topic and the push to gmail-push",
      '# 6. Cloud Scheduler: sweep, reconcile and renewWatch',
      '# 7. Domain-wide delegation (by hand: a Google Workspace super admin)',
      '# 8. The add-on',
    ]);
    expect(r.stdout).toContain('# Dry run: nothing has been run.');
    for (const [name, entry, auth] of [
      ['api', 'api', '--allow-unauthenticated'],
      ['gmail-push', 'gmailPush', '--no-allow-unauthenticated'],
      ['reconcile', 'reconcile', '--no-allow-unauthenticated'],
      ['renew-watch', 'renewWatch', '--no-allow-unauthenticated'],
      ['sweep', 'sweep', '--no-allow-unauthenticated'],
    ]) {
      expect(r.stdout).toMatch(
        new RegExp(
          `^gcloud functions deploy ${name} --gen2 .*--trigger-http ${auth} --entry-point=${entry} `,
          'm',
        ),
      );
    }
    expect(r.stdout).toMatch(/^ADDON_SERVICE_URL="\$\{API_URL\}" npm run addon:push$/m);
  });

  test('creates as many indexes as firestore.indexes.json has', () => {
    const file = JSON.parse(readFileSync(join(REPO, 'firestore.indexes.json'), 'utf8')) as {
      indexes: unknown[];
    };
    const r = deploy(['--dry-run', '--config', FILLED]);
    expect(r.stdout.match(/^gcloud firestore indexes composite create /gm)).toHaveLength(file.indexes.length);
  });

  test('runs nothing: no gcloud, npm or curl is started, and none is needed', () => {
    const { bin, marks } = trapPrograms();
    const trapped = deploy(['--dry-run', '--config', FILLED], bin);
    expect([trapped.status, trapped.stderr]).toEqual([0, '']);
    expect(existsSync(marks)).toBe(false);
    const bare = deploy(['--dry-run', '--config', FILLED], '');
    expect([bare.status, bare.stdout]).toEqual([0, trapped.stdout]);
  });

  test('prints no secret and no key file', () => {
    const r = deploy(['--dry-run', '--config', FILLED]);
    expect(r.stdout).not.toMatch(/key-file|KEY_FILE|private_key|keys create|PASSWORD|SECRET/i);
    expect(r.stdout).not.toMatch(/Bearer (?!\$\{ACCESS_TOKEN\})/);
  });
});

describe('npm run deploy with bad settings', () => {
  test('exits 2 with one line per problem, naming the field, and runs nothing', () => {
    const example = JSON.parse(readFileSync(join(REPO, FILLED), 'utf8')) as Record<
      string,
      Record<string, unknown>
    >;
    const file = configFile({
      ...example,
      region: 'London',
      settings: {
        ...example.settings,
        CALENDAR_OWNER: 'unit mailbox',
        POLICY: 'working-together-2023',
        DELEGATION_KEY_FILE: 'key.json',
      },
    });
    const { bin, marks } = trapPrograms();
    const r = deploy(['--dry-run', '--config', file], bin);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.map((l) => /^deploy: ([^:]+): /.exec(l)?.[1]).sort()).toEqual(
      ['region', 'settings.CALENDAR_OWNER', 'settings.DELEGATION_KEY_FILE', 'settings.POLICY'].sort(),
    );
    expect(r.stderr).toContain('deploy: settings.CALENDAR_OWNER: must be a valid email address');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(marks)).toBe(false);
  });

  test('refuses the example file unchanged, in a dry run too: one line per placeholder, naming its field', () => {
    const { bin, marks } = trapPrograms();
    const r = deploy(['--dry-run', '--config', EXAMPLE], bin);
    expect([r.status, r.stdout]).toEqual([2, '']);
    expect(
      r.stderr
        .trimEnd()
        .split('\n')
        .map((l) => /^deploy: ([^:]+): /.exec(l)?.[1]),
    ).toEqual([
      'project',
      'settings.WORKSPACE_DOMAIN',
      'settings.CALENDAR_OWNER',
      'settings.ADDON_AUDIENCE',
      'settings.ROLE_GRANTS.coordinator[0]',
      'settings.ROLE_GRANTS.manager[0]',
      'settings.COORDINATOR_ALERTS',
      'settings.POLICY',
    ]);
    expect(r.stderr).toContain(
      "deploy: project: is still the example's placeholder; set your Google Cloud project id\n",
    );
    expect(r.stderr).not.toMatch(/council\.example|example-council-conf-desk|exampleaddon/);
    expect(existsSync(marks)).toBe(false);
  });

  test('refuses a region Cloud Run functions does not run in, naming the field', () => {
    const filled = JSON.parse(readFileSync(join(REPO, FILLED), 'utf8')) as Record<string, unknown>;
    const r = deploy(['--dry-run', '--config', configFile({ ...filled, region: 'europe-west99' })]);
    expect([r.status, r.stdout, r.stderr]).toEqual([
      2,
      '',
      'deploy: region: must be a region Cloud Run functions (2nd gen) runs in, such as europe-west2 (London); the list is at https://cloud.google.com/functions/docs/locations\n',
    ]);
  });

  test('says a missing settings file does not exist, and a broken one is not JSON', () => {
    const missing = deploy(['--dry-run', '--config', '/nonexistent/deploy.json']);
    expect([missing.status, missing.stderr]).toEqual([
      2,
      'deploy: /nonexistent/deploy.json: does not exist\n',
    ]);
    const broken = deploy(['--dry-run', '--config', configFile('{"project": ')]);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/^deploy: .*deploy\.json: is not valid JSON: /);
  });

  test('refuses an unknown option, naming it', () => {
    const r = deploy(['--dry-run', '--config', FILLED, '--yes']);
    expect([r.status, r.stdout, r.stderr]).toEqual([2, '', 'deploy: --yes: is not an option of deploy\n']);
  });

  test('--help says how to use it', () => {
    const r = deploy(['--help']);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('Usage: npm run deploy -- [--dry-run] [--config PATH]');
  });
});
