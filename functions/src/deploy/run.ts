// Runs a plan in order, printing each command as it goes, and stops at the first failure naming
// its step. A create that answers "already exists" was done by an earlier deploy, so a deploy can
// be run again after a failure or a change. The world (processes, HTTP, files) is passed in.
import type { Arg, Command, HttpCommand, Plan, RunCommand, VarName } from './commands';
import { asText } from './commands';
import { renderCommand, type Known } from './render';

export interface ExecResult {
  /** null when the program could not be started. */
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

export interface RunnerIo {
  /** Runs a program without a shell; stdout is returned (not shown) when `capture`. */
  exec(
    program: string,
    args: readonly string[],
    options: { readonly env: Readonly<Record<string, string>>; readonly capture: boolean },
  ): Promise<ExecResult>;
  request(
    url: string,
    init: {
      readonly method: string;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: string;
    },
  ): Promise<HttpAnswer>;
  readFile(path: string): string;
  /** Creates the file readable by its owner only. */
  writeFile(path: string, content: string): void;
  makeTempDir(): string;
  print(line: string): void;
  sleep(ms: number): Promise<void>;
}

export type RunOutcome =
  { readonly ok: true } | { readonly ok: false; readonly step: string; readonly message: string };

const ALREADY_EXISTS = /already exists|ALREADY_EXISTS/i;
const NOT_YET_VISIBLE = /does not exist|NOT_FOUND/i;
const VISIBILITY_TRIES = 6;
const VISIBILITY_WAIT_MS = 10_000;

class StepFailed extends Error {}

class Runner {
  private readonly values: Partial<Record<VarName, string>> = {};
  private readonly secret = new Set<VarName>();

  constructor(private readonly io: RunnerIo) {}

  private get known(): Known {
    return { values: this.values, secret: this.secret };
  }

  private resolve(arg: Arg): string {
    return asText(arg)
      .map((part) => {
        if (typeof part === 'string') return part;
        const value = this.values[part.ref];
        if (value === undefined) throw new StepFailed(`\${${part.ref}} was not set by an earlier command`);
        return value;
      })
      .join('');
  }

  async run(command: Command): Promise<void> {
    for (const line of renderCommand(command, this.known)) this.io.print(line);
    switch (command.kind) {
      case 'note':
        return;
      case 'tempdir':
        this.values[command.into] = this.io.makeTempDir();
        return;
      case 'write':
        this.io.writeFile(this.resolve(command.path), this.resolve(command.content));
        return;
      case 'http':
        await this.http(command);
        return;
      case 'run':
        await this.exec(command);
        return;
    }
  }

  private async exec(command: RunCommand): Promise<void> {
    const args = command.args.map((a) => this.resolve(a));
    const env = Object.fromEntries(Object.entries(command.env ?? {}).map(([k, a]) => [k, this.resolve(a)]));
    const shown = `${command.program} ${args.slice(0, 3).join(' ')}`;
    let result = await this.io.exec(command.program, args, { env, capture: command.capture !== undefined });
    for (let tries = 1; command.retryWhileMissing === true && tries < VISIBILITY_TRIES; tries += 1) {
      if (result.status === 0 || !NOT_YET_VISIBLE.test(result.stderr)) break;
      this.io.print('# (not visible yet: IAM takes a few seconds after an account is made; trying again)');
      await this.io.sleep(VISIBILITY_WAIT_MS);
      result = await this.io.exec(command.program, args, { env, capture: command.capture !== undefined });
    }
    if (result.status === null) {
      throw new StepFailed(`${command.program} could not be started: is it installed and on PATH?`);
    }
    if (result.status !== 0) {
      if (command.tolerateExisting === true && ALREADY_EXISTS.test(result.stderr)) {
        this.io.print('# (it already exists: done)');
        return;
      }
      throw new StepFailed(
        `"${shown} …" exited with status ${String(result.status)} (its messages are above)`,
      );
    }
    if (command.capture === undefined) return;
    const value = result.stdout.trim();
    if (value === '') throw new StepFailed(`"${shown} …" printed nothing`);
    this.values[command.capture] = value;
    if (command.secret === true) this.secret.add(command.capture);
    if (command.expect !== undefined) {
      const expected = this.resolve(command.expect.value);
      if (value !== expected) {
        throw new StepFailed(`"${shown} …" printed ${value}, not ${expected}: ${command.expect.why}`);
      }
    }
  }

  private async http(command: HttpCommand): Promise<void> {
    const token = this.values.ACCESS_TOKEN;
    if (token === undefined) throw new StepFailed('no access token was fetched before the request');
    const body =
      'file' in command.body
        ? this.io.readFile(this.resolve(command.body.file))
        : this.resolve(command.body.json);
    const answer = await this.io.request(command.url, {
      method: command.method,
      headers: {
        Authorization: `Bearer ${token}`,
        'x-goog-user-project': command.quotaProject,
        'Content-Type': 'application/json',
      },
      body,
    });
    if (answer.status === 409 && command.tolerateExisting === true) {
      this.io.print('# (it already exists: done)');
      return;
    }
    if (answer.status < 200 || answer.status > 299) {
      throw new StepFailed(
        `${command.method} ${command.url} answered ${String(answer.status)}: ${answer.body.slice(0, 500)}`,
      );
    }
    if (command.capture === undefined) return;
    const field = (JSON.parse(answer.body) as Record<string, unknown>)[command.capture.field];
    if (typeof field !== 'string') {
      throw new StepFailed(`${command.method} ${command.url} answered without "${command.capture.field}"`);
    }
    this.values[command.capture.into] = field;
  }
}

export async function runPlan(plan: Plan, io: RunnerIo): Promise<RunOutcome> {
  const runner = new Runner(io);
  for (const step of plan) {
    io.print('');
    io.print(`# ${step.heading}`);
    try {
      for (const command of step.commands) await runner.run(command);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, step: step.heading, message };
    }
  }
  return { ok: true };
}
