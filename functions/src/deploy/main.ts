// `npm run deploy`: deploys Conference Desk to Google Cloud with gcloud (and the add-on with
// clasp), from a council's settings file. `--dry-run` prints every command and runs nothing.
// Bad settings exit 2 with one line per problem, naming the field; a failed step exits 1.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { parseFlags } from '../cli/flags';
import { FlagReader } from '../cli/read-flags';
import type { Problem } from '../domain/errors';
import type { Plan } from './commands';
import { checkPolicy, parseDeployConfig, type DeployConfig } from './deploy-config';
import { parseIndexes } from './firestore-indexes';
import { buildPlan } from './plan';
import { renderPlan } from './render';
import { runPlan, type ExecResult, type RunnerIo } from './run';

export const DEPLOY_HELP = `Usage: npm run deploy -- [--dry-run] [--config PATH]

Deploys Conference Desk to Google Cloud: APIs, service accounts and IAM, Firestore (database,
indexes, rules), the five functions, Pub/Sub, Cloud Scheduler, then the add-on. Prints the
domain-wide delegation a Workspace super admin must add by hand.
  --config PATH  the council's settings (default deploy/deploy.json; see deploy/deploy.example.json)
  --dry-run      print every command, grouped by step, and run nothing`;

const STDERR_KEPT = 64 * 1024;

/** The repository's root: where firestore.indexes.json is, whether run from dist/ or the source. */
export function repositoryRoot(from: string = __dirname): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'firestore.indexes.json')) && existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error('The repository root (with firestore.indexes.json) was not found');
}

function readJson(path: string, shown: string, problems: Problem[], missing: string): unknown {
  if (!existsSync(path)) {
    problems.push({ field: shown, message: missing });
    return undefined;
  }
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    problems.push({ field: shown, message: `is not valid JSON: ${(error as Error).message}` });
    return undefined;
  }
}

function policyOf(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null || !('settings' in raw)) return undefined;
  const settings = raw.settings;
  if (typeof settings !== 'object' || settings === null || !('POLICY' in settings)) return undefined;
  return typeof settings.POLICY === 'string' && settings.POLICY !== '' ? settings.POLICY : undefined;
}

interface Prepared {
  readonly config: DeployConfig;
  readonly plan: Plan;
  readonly shownConfig: string;
}

/** Reads and checks everything the plan needs; every problem at once. */
export function prepare(argvConfig: string | undefined, root: string, cwd: string): Prepared | Problem[] {
  const problems: Problem[] = [];
  const configPath =
    argvConfig === undefined ? join(root, 'deploy', 'deploy.json') : resolve(cwd, argvConfig);
  const fromCwd = relative(cwd, configPath);
  const shownConfig =
    fromCwd === '' || fromCwd.startsWith('..') || isAbsolute(fromCwd) ? configPath : fromCwd;
  const raw = readJson(
    configPath,
    shownConfig,
    problems,
    argvConfig === undefined
      ? 'does not exist: copy deploy/deploy.example.json to deploy/deploy.json and fill it in, or pass --config PATH'
      : 'does not exist',
  );
  if (raw === undefined) return problems;
  const parsed = parseDeployConfig(raw);
  if ('problems' in parsed) problems.push(...parsed.problems);
  // Checked even when other settings have problems, so every problem is named at once.
  const policyRef = policyOf(raw);
  const policy = policyRef === undefined ? undefined : checkPolicy(policyRef, root);
  if (policy !== undefined && 'problems' in policy) problems.push(...policy.problems);
  const indexesFile = readJson(
    join(root, 'firestore.indexes.json'),
    'firestore.indexes.json',
    problems,
    'is missing',
  );
  const indexes = indexesFile === undefined ? undefined : parseIndexes(indexesFile);
  if (indexes !== undefined && 'problems' in indexes) {
    problems.push(
      ...indexes.problems.map((p) => ({ field: `firestore.indexes.json: ${p.field}`, message: p.message })),
    );
  }
  const rulesPath = join(root, 'firestore.rules');
  if (!existsSync(rulesPath)) problems.push({ field: 'firestore.rules', message: 'is missing' });
  if (problems.length > 0 || !('config' in parsed) || policy === undefined || !('policy' in policy))
    return problems;
  if (indexes === undefined || !('indexes' in indexes)) return problems;
  const plan = buildPlan({
    config: parsed.config,
    policy: policy.policy,
    indexes: indexes.indexes,
    rules: readFileSync(rulesPath, 'utf8'),
  });
  return { config: parsed.config, plan, shownConfig };
}

function systemIo(root: string, made: string[]): RunnerIo {
  return {
    exec: (program, args, { env, capture }) =>
      new Promise<ExecResult>((done) => {
        const child = spawn(program, args, {
          cwd: root,
          env: { ...process.env, ...env },
          stdio: ['inherit', capture ? 'pipe' : 'inherit', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr?.on('data', (chunk: Buffer) => {
          process.stderr.write(chunk);
          stderr = (stderr + chunk.toString()).slice(-STDERR_KEPT);
        });
        child.on('error', () => {
          done({ status: null, stdout, stderr });
        });
        child.on('close', (status) => {
          done({ status: status ?? 1, stdout, stderr });
        });
      }),
    request: async (url, init) => {
      const response = await fetch(url, init);
      return { status: response.status, body: await response.text() };
    },
    readFile: (path) => readFileSync(path, 'utf8'),
    writeFile: (path, content) => {
      writeFileSync(path, content, { mode: 0o600 });
    },
    makeTempDir: () => {
      const dir = mkdtempSync(join(tmpdir(), 'conference-desk-deploy-'));
      made.push(dir);
      return dir;
    },
    print: (line) => process.stdout.write(`${line}\n`),
    sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
  };
}

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export async function main(argv: readonly string[], io: Output, root = repositoryRoot()): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(DEPLOY_HELP);
    return 0;
  }
  const read = new FlagReader(parseFlags(argv, { config: 'string', 'dry-run': 'boolean' }, 'deploy'));
  const configFlag = read.string('config');
  const dryRun = read.boolean('dry-run');
  const prepared = read.problems.length > 0 ? read.problems : prepare(configFlag, root, process.cwd());
  if (Array.isArray(prepared)) {
    for (const p of prepared) io.err(`deploy: ${p.field}: ${p.message}`);
    return 2;
  }
  if (!dryRun && !existsSync(join(root, 'addon', '.clasp.json'))) {
    io.err(
      'deploy: addon/.clasp.json: is missing: step 8 pushes the add-on with clasp; copy addon/.clasp.json.example and put in the script id',
    );
    return 2;
  }
  const { config, plan, shownConfig } = prepared;
  const header = [
    `Conference Desk: deploy to Google Cloud project ${config.project} (${config.region}), from ${shownConfig}.`,
    ...(dryRun ? ['Dry run: nothing has been run.'] : []),
    "Run from the repository's root. ${NAMES} are values found on the way, by the commands before them;",
    'the Firebase Rules API requests are made by the deploy itself and shown as curl.',
  ];
  if (dryRun) {
    io.out(renderPlan(plan, header).trimEnd());
    return 0;
  }
  for (const line of header) io.out(`# ${line}`);
  const made: string[] = [];
  try {
    const outcome = await runPlan(plan, systemIo(root, made));
    if (!outcome.ok) {
      io.err(`deploy: step "${outcome.step}" failed: ${outcome.message}`);
      io.err(
        'deploy: fix it and run npm run deploy again; what was done already is kept or redone harmlessly.',
      );
      return 1;
    }
    io.out('# Done. Do steps 7 and 8 by hand as printed above.');
    return 0;
  } finally {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main(process.argv.slice(2), {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`deploy: unexpected error: ${message}\n`);
      process.exitCode = 1;
    },
  );
}
