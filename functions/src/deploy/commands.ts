// The vocabulary of a deployment plan: commands as data, so one plan can be printed for a person
// (render.ts) or run (run.ts). Values known only while deploying (the project number, a temporary
// folder, the api function's address) are named variables, filled in by earlier commands.

/** Values a command captures for later ones; printed as shell variables in a dry run. */
export type VarName =
  | 'PROJECT_NUMBER'
  | 'DEPLOY_DIR'
  | 'ACCESS_TOKEN'
  | 'RULESET'
  | 'API_URL'
  | 'RUNTIME_CLIENT_ID'
  | 'GMAIL_PUSH_URL'
  | 'RECONCILE_URL'
  | 'RENEW_WATCH_URL'
  | 'SWEEP_URL';

export interface Ref {
  readonly ref: VarName;
}

/** Text with variables in it: literal strings and references, in order. */
export type Text = readonly (string | Ref)[];

/** One argument: a plain string, or text that contains variables. */
export type Arg = string | Text;

export const v = (name: VarName): Ref => ({ ref: name });

/** A tagged template that keeps its variables as references: text`https://${v('API_URL')}/`. */
export function text(strings: TemplateStringsArray, ...values: readonly (string | Ref | Text)[]): Text {
  const parts: (string | Ref)[] = [];
  strings.forEach((literal, i) => {
    if (literal !== '') parts.push(literal);
    const value = values[i];
    if (Array.isArray(value)) parts.push(...(value as Text));
    else if (value !== undefined) parts.push(value as string | Ref);
  });
  return parts;
}

export function asText(arg: Arg): Text {
  return typeof arg === 'string' ? [arg] : arg;
}

/** A program to run, without a shell. */
export interface RunCommand {
  readonly kind: 'run';
  readonly program: 'gcloud' | 'npm';
  readonly args: readonly Arg[];
  /** Extra environment variables for this command only. */
  readonly env?: Readonly<Record<string, Arg>>;
  /** Keep the command's output (trimmed) in this variable. */
  readonly capture?: VarName;
  /** The captured value must never be printed (an access token). */
  readonly secret?: boolean;
  /** The captured value must equal this, or the step fails with `expectWhy`. */
  readonly expect?: { readonly value: Arg; readonly why: string };
  /** A create whose "already exists" answer means it was done before. */
  readonly tolerateExisting?: boolean;
  /** IAM is eventually consistent: a just-created account may not be visible for some seconds. */
  readonly retryWhileMissing?: boolean;
  /** A comment printed above the command: why it is there. */
  readonly why?: string;
}

/** A new private temporary folder for files the commands read. */
export interface TempDirCommand {
  readonly kind: 'tempdir';
  readonly into: VarName;
  readonly why?: string;
}

/** A file written for a later command (an env-vars file, the rules upload). */
export interface WriteCommand {
  readonly kind: 'write';
  readonly path: Arg;
  readonly content: Text;
  readonly why?: string;
}

/**
 * A request to a Google REST API that has no gcloud command (the Firebase Rules API). The deploy
 * makes it itself with fetch and gcloud's access token; a dry run prints the same as curl.
 */
export interface HttpCommand {
  readonly kind: 'http';
  readonly method: 'POST' | 'PATCH';
  readonly url: string;
  /** The project that pays for the call (x-goog-user-project). */
  readonly quotaProject: string;
  readonly body: { readonly file: Arg } | { readonly json: Text };
  /** Keep this field of the JSON answer in a variable. */
  readonly capture?: { readonly into: VarName; readonly field: string };
  /** 409 (already exists) means it was done before. */
  readonly tolerateExisting?: boolean;
  readonly why?: string;
}

/** What a person must do by hand (there is no command for it), printed in both modes. */
export interface NoteCommand {
  readonly kind: 'note';
  readonly lines: readonly Text[];
}

export type Command = RunCommand | TempDirCommand | WriteCommand | HttpCommand | NoteCommand;

export interface Step {
  /** e.g. "1. Enable APIs". */
  readonly heading: string;
  readonly commands: readonly Command[];
}

export type Plan = readonly Step[];

/** A gcloud command. */
export function gcloud(
  args: readonly Arg[],
  more: Omit<RunCommand, 'kind' | 'program' | 'args'> = {},
): RunCommand {
  return { kind: 'run', program: 'gcloud', args, ...more };
}
