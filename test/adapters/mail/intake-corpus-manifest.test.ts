// The intake corpus itself (test/fixtures/intake-corpus/README.md) is well-formed: the manifest
// fits its schema, every file is there and used, the fixtures use only the runner's variables and
// keep the line endings the manifest says, every fate names codes the rules know, and each
// message parses once its variables are filled in. What each message's fate is, the corpus runner
// checks against the service on both paths.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { z } from 'zod';
import {
  INTAKE_CORPUS,
  corpusFiles,
  corpusProblems,
  fillVariables,
  manifestSchema,
  readManifest,
} from '../../support/intake-corpus';

/** Sample values, as the runner would give them for one booked conference. */
const SAMPLE: Record<string, string> = {
  socialWorker: 'jo.mock@children.example.org',
  police: 'morgan.sample@police.example.org',
  healthVisitor: 'jamie.example@health.example.net',
  gp: 'riley.testwell@gp.example.net',
  school: 'casey.demo@school.example.com',
  mother: 'sam.specimen@example.com',
  chair: 'chair.one@hackney.gov.uk',
  stranger: 'taylor.unknown@example.net',
  inbox: 'childprotectioninvitereportrequest@hackney.gov.uk',
  plusAddress: 'childprotectioninvitereportrequest+cpc-9bt5@hackney.gov.uk',
  reference: 'CPC-9BT5',
  calendarOwner: 'conferences@hackney.gov.uk',
  messageId: 'corpus-0001@example.org',
  date: 'Tue, 28 Oct 2025 09:12:07 +0000',
  eventUid: 'cpc-9bt5-professionals@hackney.gov.uk',
  ...Object.fromEntries(
    ['socialWorker', 'police', 'healthVisitor', 'gp', 'school', 'mother'].map((who) => [
      `requestMessageId.${who}`,
      `<request-${who.toLowerCase()}@hackney.gov.uk>`,
    ]),
  ),
};

const files = corpusFiles();
// Read leniently here, so that a broken manifest fails the tests below by name, not the whole file.
const loaded = manifestSchema.safeParse(readManifest());
const cases = loaded.success ? loaded.data.cases : [];

test('the corpus has no problems (schema, files, variables, codes, line endings)', () => {
  expect(corpusProblems(readManifest(), files)).toEqual([]);
});

test('has at least 80 cases', () => {
  expect(cases.length).toBeGreaterThanOrEqual(80);
});

test('the README lists every fixture', () => {
  const readme = readFileSync(join(INTAKE_CORPUS, 'README.md'), 'utf8');
  const missing = [...files.keys()].filter((name) => !readme.includes(`\`${name}\``));
  expect(missing).toEqual([]);
});

/** Files only cases about SMTP framing use (every fate a refusal): they are not meant to parse. */
const framingOnly = ((): Set<string> => {
  const lenient = z
    .object({
      cases: z.array(
        z.object({
          messages: z.array(z.object({ file: z.string() })),
          expect: z.array(z.object({ fate: z.string() })).optional(),
          expectByPath: z.record(z.string(), z.array(z.object({ fate: z.string() }))).optional(),
        }),
      ),
    })
    .catch({ cases: [] })
    .parse(readManifest());
  const refusedOnly = new Set<string>();
  const other = new Set<string>();
  for (const c of lenient.cases) {
    const fates = [...(c.expect ?? []), ...Object.values(c.expectByPath ?? {}).flat()];
    const target = fates.length > 0 && fates.every((f) => f.fate === 'refused') ? refusedOnly : other;
    for (const m of c.messages) target.add(m.file);
  }
  return new Set([...refusedOnly].filter((file) => !other.has(file)));
})();
const parsed = [...files.keys()].filter((file) => !framingOnly.has(file));

test.each(parsed)('%s parses once its variables are filled in', async (file) => {
  const raw = fillVariables(files.get(file) ?? Buffer.alloc(0), SAMPLE);
  const mail = await simpleParser(raw);
  expect(mail.from?.value.length ?? 0).toBeGreaterThan(0);
  expect(mail.messageId).toBe(`<${SAMPLE.messageId}>`);
  expect(mail.headerLines.length).toBeGreaterThan(3);
});

test("the .msg attachments are msgreader's test files, byte for byte", async () => {
  const sha = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
  for (const [fixture, msg] of [
    ['msg-file-with-images.eml', 'attachmentFiles.msg'],
    ['msg-in-msg.eml', 'msgInMsg.msg'],
  ] as const) {
    const mail = await simpleParser(fillVariables(files.get(fixture) ?? Buffer.alloc(0), SAMPLE));
    const original = readFileSync(join(INTAKE_CORPUS, 'msgreader', msg));
    expect(mail.attachments.map((a) => sha(a.content))).toContain(sha(original));
  }
});

describe('the checks catch a broken corpus', () => {
  const broken = (edit: (cases: Record<string, unknown>[]) => void): string[] => {
    const copy = structuredClone(readManifest()) as { cases: Record<string, unknown>[] };
    edit(copy.cases);
    return corpusProblems(copy, files);
  };
  const caseNamed = (cases: Record<string, unknown>[], id: string): Record<string, unknown> => {
    const found = cases.find((c) => c.id === id);
    if (found === undefined) throw new Error(`no case ${id}`);
    return found;
  };

  test('reports an unknown hold code, naming the case', () => {
    const problems = broken((cases) => {
      caseNamed(cases, 'stranger-report-no-reference').expect = [{ fate: 'held', reasons: ['not-a-code'] }];
    });
    expect(problems.join('\n')).toMatch(
      /^manifest\.json, stranger-report-no-reference \(expect\.0\.reasons\.0\): /m,
    );
  });

  test('reports a missing file, and the file it replaced as unused', () => {
    const problems = broken((cases) => {
      caseNamed(cases, 'no-body').messages = [{ file: 'no-such-file.eml' }];
    });
    expect(problems).toContain('no-body: no-such-file.eml is not in the corpus.');
    expect(problems).toContain('no-body.eml is used by no case.');
  });

  test('reports fewer fates than messages, and a redelivery that repeats nothing', () => {
    const problems = broken((cases) => {
      caseNamed(cases, 'same-report-delivered-twice').expect = [{ fate: 'redelivery' }];
    });
    expect(problems).toContain('same-report-delivered-twice: expect has 1 fates for 2 messages.');
    expect(problems).toContain(
      'same-report-delivered-twice: expect[0]: a redelivery must be a repeat of the previous message.',
    );
  });

  test('reports a variable the runner does not fill in', () => {
    const withUnknown = new Map(files);
    withUnknown.set(
      'no-body.eml',
      Buffer.from(`${(files.get('no-body.eml') ?? '').toString()}{{sender}}\r\n`),
    );
    expect(corpusProblems(readManifest(), withUnknown)).toContain(
      'no-body: no-body.eml uses {{sender}}, which the runner does not fill in.',
    );
  });

  test('reports auth "fail" on the SMTP path, and a refusal on the Gmail path', () => {
    const problems = broken((cases) => {
      delete caseNamed(cases, 'report-dmarc-fail').paths;
      delete caseNamed(cases, 'nul-in-header').paths;
    });
    expect(problems).toContain('report-dmarc-fail: auth "fail" exists only on the Gmail path.');
    expect(problems).toContain('nul-in-header: expect[0]: refusal at SMTP is for the SMTP path only.');
  });

  test('reports a bare LF in a file the manifest says is CRLF', () => {
    const withLf = new Map(files);
    withLf.set(
      'no-body.eml',
      Buffer.from((files.get('no-body.eml') ?? '').toString().replaceAll('\r\n', '\n')),
    );
    expect(corpusProblems(readManifest(), withLf)).toContain(
      'no-body: no-body.eml has a bare CR or LF but is meant to be CRLF throughout.',
    );
  });
});
