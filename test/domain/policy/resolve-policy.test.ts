// A council's own policy file: it extends a preset, overrides only what differs, and a bad
// file is refused with every problem listed by the setting's path.
import { loadPreset, presets } from '../../../functions/src/domain/policy/presets';
import { PolicyError, resolvePolicy } from '../../../functions/src/domain/policy/resolve-policy';
import type { Policy } from '../../../functions/src/domain/policy/schema';
import { workingTogether2023 } from '../../../functions/src/domain/policy/presets/working-together-2023';

function resolve(file: unknown): Policy {
  return resolvePolicy(file, presets, 'council.json');
}

function problems(file: unknown): string[] {
  try {
    resolve(file);
  } catch (error) {
    if (error instanceof PolicyError) return error.problems.map((p) => `${p.field}: ${p.message}`);
    throw error;
  }
  throw new Error('expected the policy to be refused');
}

describe('a council policy that extends a preset', () => {
  test('inherits everything it does not set', () => {
    const policy = resolve({
      id: 'northshire',
      extends: 'hackney',
      name: 'Northshire County Council',
      reports: { inbox: 'cp-reports@northshire.example.gov.uk' },
    });
    expect(policy.reports.inbox).toBe('cp-reports@northshire.example.gov.uk');
    expect(policy.reports.due).toEqual(loadPreset('hackney').reports.due);
    expect(policy.arrival).toEqual(loadPreset('hackney').arrival);
    expect(policy.id).toBe('northshire');
  });

  test('replaces a list whole rather than merging it', () => {
    const policy = resolve({
      id: 'northshire',
      extends: 'working-together-2023',
      agencies: [
        { id: 'childrens-social-care', label: "Children's social care" },
        { id: 'police', label: 'Police' },
      ],
    });
    expect(policy.agencies.map((a) => a.id)).toEqual(['childrens-social-care', 'police']);
  });

  test('switches a rule off with null', () => {
    const policy = resolve({
      id: 'no-pre-birth-limit',
      extends: 'derbyshire',
      timescales: { preBirth: null },
    });
    expect(policy.timescales.preBirth).toBeNull();
    expect(policy.timescales.initial.within).toEqual({ amount: 15, unit: 'working-days' });
  });

  test('can set rules for another nation, such as a Scottish council', () => {
    expect(
      resolve({ id: 'scottish-council', extends: 'working-together-2023', nation: 'scotland' }).nation,
    ).toBe('scotland');
  });

  test('drops the inherited note on where a number came from once it changes the number', () => {
    const policy = resolve({
      id: 'northshire',
      extends: 'working-together-2023',
      reports: { due: { initial: { amount: 4, unit: 'working-days' } } },
    });
    expect(policy.sources['reports.due']).toBeUndefined();
    expect(policy.sources['timescales.initial']).toBe(workingTogether2023.sources['timescales.initial']);
  });

  test('a complete policy needs no preset', () => {
    const { sources: _sources, ...complete } = workingTogether2023;
    expect(resolve({ ...complete, id: 'standalone', sources: {} }).id).toBe('standalone');
  });
});

describe('a bad policy file', () => {
  test('lists every problem at once, each by its setting path', () => {
    expect(
      problems({
        id: 'northshire',
        extends: 'hackney',
        reports: { inbox: 'not-an-address', due: { initial: { amount: -1, unit: 'weeks' } } },
        quorum: { otherAgencies: '2' },
        categories: [],
        workingHours: { start: '17:00', end: '9am' },
      }),
    ).toEqual([
      'workingHours.end: must be a 24-hour time written HH:mm',
      'reports.inbox: must be a valid email address',
      'reports.due.initial.amount: must be at least 0, not -1',
      'reports.due.initial.unit: must be one of "calendar-days", "working-days", "hours"',
      'quorum.otherAgencies: must be a number, not a text',
      'categories: must list at least 1',
    ]);
  });

  test('names who owes reports when it is neither a person nor an agency', () => {
    expect(problems({ id: 'x', extends: 'hackney', reports: { per: 'team' } })).toEqual([
      'reports.per: must be one of "person", "agency"',
    ]);
  });

  test('refuses the report inbox, plus address or not, as where feedback replies go', () => {
    expect(
      problems({
        id: 'x',
        extends: 'hackney',
        feedback: { replyTo: 'ChildProtectionInviteReportRequest+cpc-7f3k@hackney.gov.uk' },
      }),
    ).toEqual([
      'feedback.replyTo: must not be the report request inbox: replies to the feedback request would be held there as reports. Use null for the coordinator’s mailbox',
    ]);
    expect(
      resolve({ id: 'x', extends: 'hackney', feedback: { replyTo: 'cp-feedback@hackney.gov.uk' } }).feedback,
    ).toMatchObject({ replyTo: 'cp-feedback@hackney.gov.uk' });
  });

  test('names a misspelt setting', () => {
    expect(problems({ id: 'x', extends: 'hackney', reports: { inbx: 'a@b.gov.uk' } })).toEqual([
      'reports.inbx: is not recognised (check the spelling)',
    ]);
  });

  test('names references to agencies and categories that the policy does not have', () => {
    expect(
      problems({
        id: 'x',
        extends: 'devon',
        socialCareAgency: 'social-services',
        reports: { familyShare: { exemptAgencies: ['police', 'constabulary'] } },
        subCategories: [{ id: 'domestic-abuse', label: 'Domestic abuse', appliesTo: ['financial-abuse'] }],
      }),
    ).toEqual([
      'socialCareAgency: "social-services" is not one of the agencies',
      'reports.familyShare.exemptAgencies[1]: "constabulary" is not one of the agencies',
      'subCategories[0].appliesTo[0]: "financial-abuse" is not one of the categories',
    ]);
  });

  test('refuses working hours that end before they start, and a scale the wrong way round', () => {
    expect(
      problems({
        id: 'x',
        extends: 'hackney',
        workingHours: { start: '17:00', end: '09:00' },
        scaling: { min: 10, max: 0 },
      }),
    ).toEqual([
      'workingHours.end: must be later than the start (17:00)',
      'scaling.max: must be greater than the minimum (10)',
    ]);
  });

  test('refuses a duplicated agency', () => {
    expect(
      problems({
        id: 'x',
        extends: 'hackney',
        agencies: [
          { id: 'childrens-social-care', label: 'CSC' },
          { id: 'police', label: 'Police' },
          { id: 'police', label: 'Police again' },
        ],
      }),
    ).toEqual(['agencies: lists the agency "police" more than once']);
  });

  test('must name itself and extend a preset that exists', () => {
    expect(problems({ extends: 'hackney-2019' })).toEqual([
      'id: is required: every policy names itself, e.g. "my-council"',
      'extends: must name a preset (working-together-2023, hackney, barnsley, derbyshire, devon)',
    ]);
  });

  test('without a preset, every missing setting is listed as required', () => {
    const listed = problems({ id: 'half-done', name: 'Half done' });
    expect(listed).toContain('nation: is required');
    expect(listed).toContain('reports: is required');
    expect(listed.length).toBeGreaterThan(15);
  });

  test('must be an object', () => {
    expect(problems(['hackney'])).toEqual(['(whole file): must be a JSON object of policy settings']);
  });

  test('refuses an unknown time zone and nation', () => {
    expect(problems({ id: 'x', extends: 'hackney', timeZone: 'Europe/Londn', nation: 'wales' })).toEqual([
      'nation: must be one of "england-and-wales", "scotland", "northern-ireland"',
      'timeZone: is not a known IANA time zone such as Europe/London',
    ]);
  });
});
