// `conference-desk timeline`, run as a person runs it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, lines } from '../support/run-cli';

/** A council's policy file in a fresh temporary folder; returns its path. */
function policyFile(name: string, content: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'policy-')), name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

function json(...args: string[]): Record<string, unknown> {
  const r = cli('timeline', ...args);
  expect([r.status, r.stderr]).toEqual([0, '']);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe('conference-desk timeline', () => {
  test('prints the timeline of a Hackney initial conference as JSON', () => {
    const t = json(
      '--policy',
      'hackney',
      '--type',
      'initial',
      '--start',
      '2026-03-30T10:30',
      '--strategy-discussion',
      '2026-03-16',
    );
    expect(t).toMatchObject({
      start: '2026-03-30T10:30:00+01:00',
      audiences: [
        { audience: 'chair', part: 1, arrive: '2026-03-30T10:00:00+01:00', end: '2026-03-30T12:30:00+01:00' },
        {
          audience: 'family',
          part: 1,
          arrive: '2026-03-30T10:00:00+01:00',
          end: '2026-03-30T12:30:00+01:00',
        },
        {
          audience: 'professionals',
          part: 1,
          arrive: '2026-03-30T10:30:00+01:00',
          end: '2026-03-30T12:30:00+01:00',
        },
      ],
      reportDue: '2026-03-27T17:00:00+00:00',
      familyShareDue: '2026-03-27T17:00:00+00:00',
      timescale: { latest: '2026-04-08', within: true },
      recordDue: '2026-03-31',
      coreGroupDue: '2026-04-15',
      nextReviewDue: '2026-06-30',
    });
  });

  test('plans a first review from the conference it reviews', () => {
    const t = json(
      '--policy',
      'devon',
      '--type',
      'review',
      '--start',
      '2026-11-30T10:00',
      '--previous-conference',
      '2026-08-31',
      '--first-review',
    );
    expect(t).toMatchObject({
      reportDue: '2026-11-23T17:00:00+00:00',
      timescale: { latest: '2026-11-30', within: true },
      coreGroupDue: null,
      nextReviewDue: '2027-05-30',
    });
  });

  test('plans a Derbyshire pre-birth conference against 28 weeks of pregnancy', () => {
    const t = json(
      '--policy',
      'derbyshire',
      '--type',
      'pre-birth',
      '--start',
      '2027-03-01T10:00',
      '--expected-birth',
      '2027-05-24',
    );
    expect(t.timescale).toMatchObject({ latest: '2027-02-28', within: false });
    expect(t.warnings).toEqual([expect.stringContaining('needs a recorded reason')]);
  });

  test('plans separate parts for parents who attend separately', () => {
    const t = json(
      '--policy',
      'hackney',
      '--type',
      'initial',
      '--start',
      '2026-12-07T10:30',
      '--strategy-discussion',
      '2026-11-23',
      '--parts',
      '2',
      '--duration',
      '60',
    );
    expect((t.audiences as { part: number }[]).map((a) => a.part)).toEqual([1, 1, 1, 2, 2, 2]);
  });

  test('uses the Working Together default when no policy is named', () => {
    expect(
      json('--type', 'initial', '--start', '2026-12-07T10:00', '--strategy-discussion', '2026-11-23').policy,
    ).toBe('working-together-2023');
  });

  test("reads a council's own policy file", () => {
    const file = policyFile('northshire.json', {
      id: 'northshire',
      extends: 'hackney',
      name: 'Northshire',
      arrival: { family: { minutesBeforeStart: 45 } },
    });
    const t = json(
      '--policy',
      file,
      '--type',
      'initial',
      '--start',
      '2026-12-07T10:30',
      '--strategy-discussion',
      '2026-11-23',
    );
    expect(t.policy).toBe('northshire');
    expect(
      (t.audiences as { audience: string; arrive: string }[]).find((a) => a.audience === 'family')?.arrive,
    ).toBe('2026-12-07T09:45:00+00:00');
  });

  test.each([
    [
      ['--policy', 'hackny'],
      '--policy: "hackny" is not a preset (working-together-2023, hackney, barnsley, derbyshire, devon) or a path to a .json policy file',
    ],
    [['--start', '2026-02-30T10:00'], '--start: is not a real date'],
    [['--start', '2026-03-02T25:00'], '--start: is not a time of day'],
    [
      ['--start', '2026-12-25T10:00'],
      '--start: 2026-12-25 is not a working day in england-and-wales (Christmas Day)',
    ],
    [['--type', 'emergency'], '--type: must be one of "initial", "review", "pre-birth", "transfer-in"'],
  ])('refuses %j with a line naming the flag', (override, line) => {
    const args: Record<string, string> = {
      '--type': 'initial',
      '--start': '2026-12-07T10:00',
      '--strategy-discussion': '2026-11-23',
    };
    for (let i = 0; i < override.length; i += 2) args[override[i] ?? ''] = override[i + 1] ?? '';
    const r = cli('timeline', ...Object.entries(args).flat());
    expect([r.status, r.stdout, lines(r.stderr)]).toEqual([2, '', [`conference-desk timeline: ${line}`]]);
  });

  test('lists every problem at once: unknown policy, impossible date and a missing strategy discussion', () => {
    const r = cli('timeline', '--policy', 'nowhere', '--type', 'initial', '--start', '2026-02-30T10:00');
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toEqual([
      'conference-desk timeline: --policy: "nowhere" is not a preset (working-together-2023, hackney, barnsley, derbyshire, devon) or a path to a .json policy file',
      'conference-desk timeline: --start: is not a real date',
    ]);
    const missing = cli('timeline', '--type', 'initial', '--start', '2026-12-07T10:00');
    expect(lines(missing.stderr)).toEqual([
      'conference-desk timeline: --strategy-discussion: is required for an initial conference: the date of the strategy discussion that started the enquiry',
    ]);
    expect(r.stderr + missing.stderr).not.toMatch(/\n\s+at /);
  });

  test("lists every problem in a council's policy file by setting path", () => {
    const file = policyFile('bad.json', {
      id: 'bad',
      extends: 'devon',
      reports: { due: { review: { amount: 5, unit: 'weeks' } } },
      quorum: { otherAgencys: 2 },
    });
    const r = cli(
      'timeline',
      '--policy',
      file,
      '--type',
      'initial',
      '--start',
      '2026-12-07T10:00',
      '--strategy-discussion',
      '2026-11-23',
    );
    expect(lines(r.stderr)).toEqual([
      `conference-desk timeline: --policy: ${file}: reports.due.review.unit: must be one of "calendar-days", "working-days", "hours"`,
      `conference-desk timeline: --policy: ${file}: quorum.otherAgencys: is not recognised (check the spelling)`,
    ]);
  });
});

describe('conference-desk policy', () => {
  test('prints a preset whole', () => {
    const r = cli('policy', '--policy', 'devon');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      id: 'devon',
      reports: { inbox: 'independentreviewingreport@devon.gcsx.gov.uk' },
    });
  });

  test('says when a policy file is not valid JSON', () => {
    const file = policyFile('broken.json', '{ "id": "broken", }');
    const r = cli('policy', '--policy', file);
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toEqual([
      expect.stringMatching(new RegExp(`^conference-desk policy: --policy: ${file} is not valid JSON: `)),
    ]);
  });
});
