// Runs the built conference-desk command as a person would, capturing what it prints.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

export const REPO = join(__dirname, '../..');
const MAIN = join(REPO, 'dist/cli/main.js');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function assertBuilt(): void {
  if (!existsSync(MAIN))
    throw new Error(`${MAIN} is missing: run "npm run build" (npm test does) before these tests.`);
}

/** The same Node that runs the tests comes first on PATH, so npx and the CLI use it too. */
const env = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}` };

export function cli(...args: string[]): CliResult {
  return cliIn({}, ...args);
}

/** The command run from another folder or with more environment (CONFERENCE_DESK_VAR, say). */
export function cliIn(
  where: { readonly cwd?: string; readonly env?: Readonly<Record<string, string>> },
  ...args: string[]
): CliResult {
  assertBuilt();
  const r = spawnSync(process.execPath, [MAIN, ...args], {
    cwd: where.cwd ?? REPO,
    env: { ...env, ...where.env },
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function npx(...args: string[]): CliResult {
  assertBuilt();
  const r = spawnSync('npx', ['--no-install', ...args], { cwd: REPO, env, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Lines a person reads: npm's own configuration warnings are not the command's output. */
export function lines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '' && !l.startsWith('npm warn'));
}
