// Prints a plan as shell a person can read and copy: one command per line (a file as a heredoc),
// arguments quoted for a POSIX shell, and values found while deploying as ${VARIABLES} set by the
// commands that find them. The runner prints each command the same way, with what it found.
import { asText, type Arg, type Command, type Plan, type Text, type VarName } from './commands';

/** What is known so far; secret values are never printed. */
export interface Known {
  readonly values: Partial<Record<VarName, string>>;
  readonly secret: ReadonlySet<VarName>;
}

export const NOTHING_KNOWN: Known = { values: {}, secret: new Set() };

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function shellQuote(value: string): string {
  if (SAFE.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Inside double quotes only these four keep a special meaning. */
function doubleQuoted(value: string): string {
  return value.replace(/[\\$`"]/g, (c) => `\\${c}`);
}

function resolved(text: Text, known: Known): Text {
  return text.map((part) => {
    if (typeof part === 'string' || known.secret.has(part.ref)) return part;
    return known.values[part.ref] ?? part;
  });
}

export function renderArg(arg: Arg, known: Known = NOTHING_KNOWN): string {
  const parts = resolved(asText(arg), known);
  if (parts.every((p) => typeof p === 'string')) return shellQuote(parts.join(''));
  return `"${parts.map((p) => (typeof p === 'string' ? doubleQuoted(p) : `\${${p.ref}}`)).join('')}"`;
}

/** For comments: variables as ${NAME} until known. */
export function renderPlain(text: Text, known: Known = NOTHING_KNOWN): string {
  return resolved(text, known)
    .map((p) => (typeof p === 'string' ? p : `\${${p.ref}}`))
    .join('');
}

function heredoc(path: Arg, content: Text, known: Known): string[] {
  const parts = resolved(content, known);
  const plain = parts.every((p) => typeof p === 'string');
  const body = plain
    ? parts.join('')
    : parts
        .map((p) => (typeof p === 'string' ? p.replace(/[\\$`]/g, (c) => `\\${c}`) : `\${${p.ref}}`))
        .join('');
  const lines = body.replace(/\n$/, '').split('\n');
  let end = 'EOF';
  while (lines.includes(end)) end = `${end}_`;
  return [`cat > ${renderArg(path, known)} <<${plain ? `'${end}'` : end}`, ...lines, end];
}

function curl(command: Extract<Command, { kind: 'http' }>, known: Known): string {
  const body =
    'file' in command.body
      ? `--data-binary @${renderArg(command.body.file, known)}`
      : `--data ${renderArg(command.body.json, known)}`;
  const line = [
    'curl --fail-with-body -sS',
    `-X ${command.method}`,
    `-H ${renderArg(['Authorization: Bearer ', { ref: 'ACCESS_TOKEN' }], known)}`,
    `-H ${shellQuote(`x-goog-user-project: ${command.quotaProject}`)}`,
    `-H ${shellQuote('Content-Type: application/json')}`,
    body,
    shellQuote(command.url),
  ].join(' ');
  if (command.capture === undefined) return line;
  const pick = `node -p ${shellQuote(`JSON.parse(require("fs").readFileSync(0, "utf8")).${command.capture.field}`)}`;
  return `${command.capture.into}=$(${line} | ${pick})`;
}

/** The lines of one command, its reason first as comments. */
export function renderCommand(command: Command, known: Known = NOTHING_KNOWN): string[] {
  if (command.kind === 'note') return command.lines.map((line) => `# ${renderPlain(line, known)}`.trimEnd());
  const why = command.why === undefined ? [] : command.why.split('\n').map((line) => `# ${line}`);
  switch (command.kind) {
    case 'tempdir':
      return [...why, `${command.into}=$(mktemp -d)`];
    case 'write':
      return [...why, ...heredoc(command.path, command.content, known)];
    case 'http':
      return [...why, curl(command, known)];
    case 'run': {
      const env = Object.entries(command.env ?? {}).map(
        ([name, value]) => `${name}=${renderArg(value, known)}`,
      );
      const line = [...env, command.program, ...command.args.map((a) => renderArg(a, known))].join(' ');
      const expect =
        command.expect === undefined
          ? []
          : [`# must print ${renderPlain(asText(command.expect.value), known)}: ${command.expect.why}`];
      return [...why, ...expect, command.capture === undefined ? line : `${command.capture}=$(${line})`];
    }
  }
}

export function renderPlan(plan: Plan, header: readonly string[]): string {
  const lines = [...header.map((h) => `# ${h}`)];
  for (const step of plan) {
    lines.push('', `# ${step.heading}`);
    for (const command of step.commands) lines.push(...renderCommand(command));
  }
  return `${lines.join('\n')}\n`;
}
