// The intake corpus of hostile and automatic mail (test/fixtures/intake-corpus/README.md): the
// manifest's schema, loading it, filling in the runner's variables, and the checks that keep the
// corpus well-formed (files present and used, known variables and codes, fates that fit).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AUTOMATIC_RULES } from '../../functions/src/domain/intake/automatic-mail';
import { HOLD_CODES } from '../../functions/src/domain/intake/report';

export const INTAKE_CORPUS = join(__dirname, '..', 'fixtures', 'intake-corpus');

export const INVITEES = ['socialWorker', 'police', 'healthVisitor', 'gp', 'school', 'mother'] as const;

// The service's own lists: a code the corpus names that the service does not have fails here.
export { AUTOMATIC_RULES, HOLD_CODES };

/** The variables the runner fills in; requestMessageId.<invitee> for each invitee. */
export const VARIABLES: readonly string[] = [
  ...INVITEES,
  'chair',
  'stranger',
  'inbox',
  'plusAddress',
  'reference',
  'calendarOwner',
  'messageId',
  'date',
  'eventUid',
  ...INVITEES.map((invitee) => `requestMessageId.${invitee}`),
];

const invitee = z.enum(INVITEES);

export const fateSchema = z.discriminatedUnion('fate', [
  z.strictObject({
    fate: z.literal('filed'),
    as: z.enum(['report', 'family-views']),
    invitee,
    timing: z.enum(['on-time', 'late']),
    acknowledged: z.union([z.boolean(), z.literal('later')]),
  }),
  z.strictObject({ fate: z.literal('held'), reasons: z.array(z.enum(HOLD_CODES)).min(1) }),
  z.strictObject({
    fate: z.literal('automatic'),
    rule: z.enum(AUTOMATIC_RULES),
    bounce: z.strictObject({ invitee }).optional(),
    rsvp: z.strictObject({ invitee, answer: z.enum(['accepted', 'declined', 'tentative']) }).optional(),
  }),
  z.strictObject({ fate: z.literal('redelivery') }),
  z.strictObject({ fate: z.literal('refused'), smtp: z.literal('5') }),
]);

const messageSchema = z.strictObject({
  file: z.string().regex(/^[a-z0-9-]+\.eml$/),
  /** What the receiving server concludes; fail exists only on the Gmail path. */
  auth: z.enum(['pass', 'fail', 'none']).default('pass'),
  /** The SMTP reverse-path: "" for the null one; by default the From address. */
  envelopeFrom: z
    .string()
    .regex(/^(|\{\{[\w.]+\}\}|[^\s@<>]+@[\w.-]+)$/)
    .optional(),
  at: z.enum(['on-time', 'late', 'after']).default('on-time'),
  /** Delivered with the previous message's {{messageId}} and {{date}}. */
  repeat: z.boolean().default(false),
  lineEndings: z.enum(['crlf', 'lf', 'mixed']).default('crlf'),
});

const path = z.enum(['gmail', 'smtp']);

export const caseSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  title: z.string().min(10),
  source: z.string().regex(/^(RFC \d{3,4}|ISO \d+|Adobe |observed: |constructed)/),
  paths: z.array(path).min(1).default(['gmail', 'smtp']),
  note: z.string().min(10).optional(),
  messages: z.array(messageSchema).min(1),
  expect: z.array(fateSchema).optional(),
  expectByPath: z
    .strictObject({ gmail: z.array(fateSchema).optional(), smtp: z.array(fateSchema).optional() })
    .optional(),
});

export const manifestSchema = z.strictObject({ cases: z.array(caseSchema) });

export type CorpusCase = z.infer<typeof caseSchema>;
export type CorpusFate = z.infer<typeof fateSchema>;
export type CorpusManifest = z.infer<typeof manifestSchema>;

export function readManifest(dir = INTAKE_CORPUS): unknown {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
}

export function loadIntakeCorpus(dir = INTAKE_CORPUS): CorpusManifest {
  return manifestSchema.parse(readManifest(dir));
}

/** Every .eml in the corpus, by name, as bytes. */
export function corpusFiles(dir = INTAKE_CORPUS): Map<string, Buffer> {
  const names = readdirSync(dir).filter((name) => name.endsWith('.eml'));
  return new Map(names.map((name) => [name, readFileSync(join(dir, name))]));
}

/** The fates one path must meet, or null when the case does not run on it. */
export function fatesFor(c: CorpusCase, which: 'gmail' | 'smtp'): CorpusFate[] | null {
  if (!c.paths.includes(which)) return null;
  return c.expectByPath?.[which] ?? c.expect ?? null;
}

const VARIABLE = /\{\{([^{}]*)\}\}/g;

/** The fixture with every {{variable}} replaced; bytes outside the variables are kept as they are. */
export function fillVariables(raw: Buffer, values: Readonly<Record<string, string>>): Buffer {
  const text = raw.toString('latin1').replace(VARIABLE, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`No value for the variable {{${name}}}.`);
    return value;
  });
  return Buffer.from(text, 'latin1');
}

export function variablesIn(raw: Buffer | string): string[] {
  return [...(typeof raw === 'string' ? raw : raw.toString('latin1')).matchAll(VARIABLE)].map(
    (m) => m[1] ?? '',
  );
}

/** The header block: up to the first empty line (CRLF or bare LF). */
export function headerBlock(raw: Buffer): string {
  const text = raw.toString('latin1');
  const end = /\r?\n\r?\n/.exec(text);
  return end === null ? text : text.slice(0, end.index);
}

function lineEndingProblem(raw: Buffer, expected: 'crlf' | 'lf' | 'mixed'): string | null {
  const text = raw.toString('latin1');
  const bareLf = /(?<!\r)\n/.test(text);
  const bareCr = /\r(?!\n)/.test(text);
  const crlf = text.includes('\r\n');
  if (expected === 'crlf' && (bareLf || bareCr))
    return 'has a bare CR or LF but is meant to be CRLF throughout';
  if (expected === 'lf' && text.includes('\r')) return 'has a CR but is meant to be LF only';
  if (expected === 'mixed' && !(crlf && (bareLf || bareCr)))
    return 'is meant to mix CRLF with bare CR or LF but does not';
  return null;
}

function fatesProblems(c: CorpusCase, fates: readonly CorpusFate[], label: string): string[] {
  const problems: string[] = [];
  if (fates.length !== c.messages.length) {
    problems.push(`${c.id}: ${label} has ${fates.length} fates for ${c.messages.length} messages.`);
  }
  fates.forEach((fate, i) => {
    const message = c.messages[i];
    const at = `${c.id}: ${label}[${i}]`;
    if (fate.fate === 'filed') {
      if ((fate.invitee === 'mother') !== (fate.as === 'family-views'))
        problems.push(`${at}: only the mother's email is filed as family-views.`);
      if (fate.acknowledged === 'later') {
        const earlier = fates.slice(0, i).some((f) => f.fate === 'filed' && f.invitee === fate.invitee);
        if (!earlier)
          problems.push(`${at}: acknowledged "later" needs an earlier filed report from the same invitee.`);
      }
    }
    if (fate.fate === 'held' && new Set(fate.reasons).size !== fate.reasons.length)
      problems.push(`${at}: a hold reason is repeated.`);
    if (fate.fate === 'redelivery' && message?.repeat !== true)
      problems.push(`${at}: a redelivery must be a repeat of the previous message.`);
    if (fate.fate === 'refused' && label !== 'smtp' && c.paths.includes('gmail'))
      problems.push(`${at}: refusal at SMTP is for the SMTP path only.`);
    if (fate.fate === 'automatic') {
      if (fate.rsvp !== undefined && fate.rule !== 'calendar-reply')
        problems.push(`${at}: an rsvp comes only with the calendar-reply rule.`);
      if (
        fate.bounce !== undefined &&
        !['delivery-status', 'null-sender', 'mailer-daemon'].includes(fate.rule)
      )
        problems.push(`${at}: a bounce is a delivery report, a null-sender or a mailer-daemon message.`);
    }
  });
  return problems;
}

/** Everything wrong with the corpus; empty when it is well-formed. */
export function corpusProblems(manifest: unknown, files: ReadonlyMap<string, Buffer>): string[] {
  const parsed = manifestSchema.safeParse(manifest);
  if (!parsed.success) {
    const raw = (manifest as { cases?: { id?: unknown }[] } | null)?.cases;
    return parsed.error.issues.map((issue) => {
      const [, index] = issue.path;
      const id = typeof index === 'number' ? raw?.[index]?.id : undefined;
      const where =
        typeof id === 'string' ? `${id} (${issue.path.slice(2).join('.')})` : issue.path.join('.');
      return `manifest.json, ${where}: ${issue.message}`;
    });
  }
  const problems: string[] = [];
  const ids = new Set<string>();
  const used = new Set<string>();
  const known = new Set(VARIABLES);
  for (const c of parsed.data.cases) {
    if (ids.has(c.id)) problems.push(`${c.id}: the id is used twice.`);
    ids.add(c.id);
    if ((c.expect === undefined) === (c.expectByPath === undefined))
      problems.push(`${c.id}: give expect or expectByPath, not both or neither.`);
    if (c.expectByPath !== undefined && c.note === undefined)
      problems.push(`${c.id}: expectByPath needs a note saying why the paths differ.`);
    if (c.expect !== undefined) problems.push(...fatesProblems(c, c.expect, 'expect'));
    for (const which of ['gmail', 'smtp'] as const) {
      const fates = c.expectByPath?.[which];
      if (fates === undefined) continue;
      if (!c.paths.includes(which))
        problems.push(`${c.id}: expectByPath names ${which}, which the case does not run on.`);
      problems.push(...fatesProblems(c, fates, which));
    }
    c.messages.forEach((message, i) => {
      used.add(message.file);
      const raw = files.get(message.file);
      if (raw === undefined) {
        problems.push(`${c.id}: ${message.file} is not in the corpus.`);
        return;
      }
      if (message.repeat && i === 0) problems.push(`${c.id}: the first message cannot be a repeat.`);
      if (message.auth === 'fail' && c.paths.includes('smtp'))
        problems.push(`${c.id}: auth "fail" exists only on the Gmail path.`);
      if (message.lineEndings !== 'crlf' && c.note === undefined)
        problems.push(`${c.id}: non-CRLF line endings need a note.`);
      const ending = lineEndingProblem(raw, message.lineEndings);
      if (ending !== null) problems.push(`${c.id}: ${message.file} ${ending}.`);
      for (const name of [...variablesIn(raw), ...variablesIn(message.envelopeFrom ?? '')]) {
        if (!known.has(name))
          problems.push(`${c.id}: ${message.file} uses {{${name}}}, which the runner does not fill in.`);
      }
      if (!headerBlock(raw).includes('<{{messageId}}>'))
        problems.push(`${c.id}: ${message.file} has no Message-ID of <{{messageId}}> in its headers.`);
    });
  }
  for (const name of files.keys()) if (!used.has(name)) problems.push(`${name} is used by no case.`);
  return problems;
}
