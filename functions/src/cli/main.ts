#!/usr/bin/env node
// The conference-desk command. Bad input exits 2 with one line per problem, naming the flag; a
// command that cannot run (CommandError) or an unexpected failure exits 1 with a sentence, never
// a stack trace.
import { DEV_TOKEN_HELP, devToken } from './commands/dev-token';
import { policy, POLICY_HELP } from './commands/policy';
import { timeline, TIMELINE_HELP } from './commands/timeline';
import { workdays, WORKDAYS_HELP } from './commands/workdays';
import { UnsupportedDateError } from '../domain/calendar/working-days';
import { CommandError } from './command-error';
import { UsageError } from './usage-error';

type Env = Readonly<Record<string, string | undefined>>;

const COMMANDS: Readonly<
  Record<string, { run: (argv: readonly string[], env: Env) => string; help: string }>
> = {
  workdays: { run: workdays, help: WORKDAYS_HELP },
  timeline: { run: timeline, help: TIMELINE_HELP },
  policy: { run: policy, help: POLICY_HELP },
  'dev-token': { run: devToken, help: DEV_TOKEN_HELP },
};

const HELP = `Usage: conference-desk <command> [options]

Commands:
  workdays   the date N working days after or before a date
  timeline   a conference's timeline from its council's policy, as JSON
  policy     check and print a policy (a preset or a council's file)
  dev-token  a sign-in token for a local service (npm start), for a named user and role

Run "conference-desk <command> --help" for a command's options.`;

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export function run(argv: readonly string[], io: Output, env: Env = {}): number {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(HELP);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    io.err(
      `conference-desk: "${name}" is not a command; expected one of ${Object.keys(COMMANDS).join(', ')}`,
    );
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.help);
    return 0;
  }
  try {
    io.out(command.run(rest, env));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      for (const p of error.problems) io.err(`conference-desk ${name}: ${p.field}: ${p.message}`);
      return 2;
    }
    if (error instanceof UnsupportedDateError) {
      io.err(`conference-desk ${name}: ${error.message}; give dates in those years`);
      return 2;
    }
    if (error instanceof CommandError) {
      io.err(`conference-desk ${name}: ${error.message}`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(
      `conference-desk ${name}: unexpected error: ${message}. Please report it with the command you ran.`,
    );
    return 1;
  }
}

if (require.main === module) {
  process.exitCode = run(
    process.argv.slice(2),
    {
      out: (text) => process.stdout.write(`${text}\n`),
      err: (text) => process.stderr.write(`${text}\n`),
    },
    process.env,
  );
}
