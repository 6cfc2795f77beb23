// A council's deployment settings: defaults, every problem named by its field, the example's
// placeholders and unknown regions refused, and a policy that names the request inbox.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPolicy, parseDeployConfig } from '../../functions/src/deploy/deploy-config';
import { isPlaceholderDomain } from '../../functions/src/deploy/placeholders';
import { CLOUD_RUN_FUNCTIONS_REGIONS } from '../../functions/src/deploy/regions';

const REPO = join(__dirname, '../..');
const readJson = (path: string): unknown => JSON.parse(readFileSync(join(REPO, path), 'utf8'));
/** How a placeholder address is refused: the rule, never the value. */
const PLACEHOLDER_DOMAIN =
  'is at a placeholder domain (example, .invalid, .test and .localhost are kept for examples)';
const REGION_RULE =
  'must be a region Cloud Run functions (2nd gen) runs in, such as europe-west2 (London); the list is at https://cloud.google.com/functions/docs/locations';

const problemsOf = (raw: unknown): { field: string; message: string }[] => {
  const parsed = parseDeployConfig(raw);
  return 'problems' in parsed ? parsed.problems : [];
};

describe('the deployment settings', () => {
  /** The example file with every placeholder filled in, as a council would. */
  const base = readJson('test/fixtures/deploy/deploy.json') as Record<string, unknown>;
  const settings = base.settings as Record<string, unknown>;

  test('pass when filled in', () => {
    expect(parseDeployConfig(base)).toHaveProperty('config.project', 'hackney-conf-desk');
  });

  test('default to London, nodejs24 and the usual names and schedules', () => {
    const parsed = parseDeployConfig({ project: 'my-council-desk', settings });
    expect('config' in parsed && parsed.config).toMatchObject({
      region: 'europe-west2',
      runtime: 'nodejs24',
      serviceAccounts: { runtime: 'conference-desk', push: 'conference-desk-push' },
      schedules: { sweep: '*/5 * * * *', reconcile: '*/5 * * * *' },
    });
  });

  test('names every problem by its field', () => {
    const parsed = parseDeployConfig({
      ...base,
      project: 'X',
      runtime: 'nodejs20',
      settings: {
        ...settings,
        CALENDAR_OWNER: 'not-an-address',
        ADDON_AUDIENCE: 'addon',
        DELEGATION_KEY_FILE: '/keys/sa.json',
        ROLE_GRANTS: { coordinator: ['nobody'] },
        COLOUR: 'blue',
      },
      serviceAccounts: {
        runtime: 'conference-desk',
        push: 'conference-desk',
        scheduler: 'a',
        build: 'builder',
      },
      schedules: { sweep: 'every 5 minutes' },
    });
    expect('problems' in parsed && parsed.problems.map((p) => p.field).sort()).toEqual(
      [
        'project',
        'runtime',
        'settings.CALENDAR_OWNER',
        'settings.ADDON_AUDIENCE',
        'settings.DELEGATION_KEY_FILE',
        'settings.ROLE_GRANTS.coordinator[0]',
        'settings.COLOUR',
        'serviceAccounts.push',
        'serviceAccounts.scheduler',
        'schedules.sweep',
      ].sort(),
    );
    const problems = 'problems' in parsed ? parsed.problems : [];
    expect(problems.find((p) => p.field === 'settings.DELEGATION_KEY_FILE')?.message).toMatch(
      /local runs only/,
    );
    expect(problems.find((p) => p.field === 'serviceAccounts.push')?.message).toMatch(/must differ/);
  });

  test('needs a policy that names the report request inbox, from inside the repository', () => {
    expect(checkPolicy('working-together-2023', REPO)).toEqual({
      problems: [
        {
          field: 'settings.POLICY',
          message: expect.stringMatching(/names no report request inbox/) as string,
        },
      ],
    });
    expect(checkPolicy('../elsewhere/policy.json', REPO)).toEqual({
      problems: [
        { field: 'settings.POLICY', message: expect.stringMatching(/inside the repository/) as string },
      ],
    });
    expect(checkPolicy('hackny', REPO)).toEqual({
      problems: [{ field: 'settings.POLICY', message: expect.stringMatching(/is not a preset/) as string }],
    });
    expect(checkPolicy('hackney', REPO)).toEqual({
      policy: { inbox: 'childprotectioninvitereportrequest@hackney.gov.uk', meetCreatedBy: 'meet-api' },
    });
  });
});

describe("the example's placeholders", () => {
  const example = readJson('deploy/deploy.example.json') as Record<string, Record<string, unknown>>;

  test('are each refused, named by field with what to set instead, and the value never repeated', () => {
    const problems = problemsOf(example);
    expect(problems).toEqual([
      { field: 'project', message: "is still the example's placeholder; set your Google Cloud project id" },
      {
        field: 'settings.WORKSPACE_DOMAIN',
        message:
          "is a placeholder domain (example, .invalid, .test and .localhost are kept for examples); set your council's Google Workspace domain",
      },
      {
        field: 'settings.CALENDAR_OWNER',
        message: `${PLACEHOLDER_DOMAIN}; set the unit's shared mailbox, whose calendar sends the invitations`,
      },
      {
        field: 'settings.ADDON_AUDIENCE',
        message:
          "is still the example's placeholder; set the add-on's OAuth client id (Google Cloud console, APIs & Services, Credentials)",
      },
      {
        field: 'settings.ROLE_GRANTS.coordinator[0]',
        message: `${PLACEHOLDER_DOMAIN}; set the address of one of your staff`,
      },
      {
        field: 'settings.ROLE_GRANTS.manager[0]',
        message: `${PLACEHOLDER_DOMAIN}; set the address of one of your staff`,
      },
      {
        field: 'settings.COORDINATOR_ALERTS',
        message: `${PLACEHOLDER_DOMAIN}; set the coordinators' mailbox for alerts`,
      },
    ]);
    expect(JSON.stringify(problems)).not.toMatch(/council\.example|example-council|exampleaddon/);
  });

  test("include the example policy's inbox, when the policy file is copied and not filled in", () => {
    expect(checkPolicy('deploy/policy.example.json', REPO)).toEqual({
      problems: [
        {
          field: 'settings.POLICY',
          message:
            'policy "example-council" names a report request inbox at a placeholder domain (reports.inbox); set your council\'s own policy (a preset id, or your policy file with your inbox)',
        },
      ],
    });
  });

  test.each([
    ['council.example.gov.uk', true],
    ['example.org', true],
    ['Example.COM', true],
    ['council.example', true],
    ['mail.invalid', true],
    ['smtp.test', true],
    ['desk.localhost', true],
    ['hackney.gov.uk', false],
    ['examples.gov.uk', false],
    ['myexample.org', false],
  ])('count %s as a placeholder domain: %s', (domain, placeholder) => {
    expect(isPlaceholderDomain(domain)).toBe(placeholder);
  });
});

describe('the region', () => {
  const base = readJson('test/fixtures/deploy/deploy.json') as Record<string, unknown>;

  test('is refused when Cloud Run functions does not run there, naming the field but not the value', () => {
    for (const region of ['europe-west99', 'Manchester', 'europe-west2a', 'EUROPE-WEST2']) {
      const problems = problemsOf({ ...base, region });
      expect(problems).toEqual([{ field: 'region', message: REGION_RULE }]);
      expect(problems[0]?.message).not.toContain(region);
    }
  });

  test("may be any region on Google's list, London included", () => {
    expect(CLOUD_RUN_FUNCTIONS_REGIONS).toContain('europe-west2');
    for (const region of CLOUD_RUN_FUNCTIONS_REGIONS) {
      expect(parseDeployConfig({ ...base, region })).toHaveProperty('config.region', region);
    }
  });

  test("is refused with the example's placeholders, every problem listed at once", () => {
    const example = readJson('deploy/deploy.example.json') as Record<string, Record<string, unknown>>;
    const problems = problemsOf({
      ...example,
      region: 'europe-west99',
      settings: { ...example.settings, CALENDAR_OWNER: 'not-an-address' },
    });
    expect(problems.map((p) => p.field).sort()).toEqual(
      [
        'project',
        'region',
        'settings.WORKSPACE_DOMAIN',
        'settings.CALENDAR_OWNER',
        'settings.ADDON_AUDIENCE',
        'settings.ROLE_GRANTS.coordinator[0]',
        'settings.ROLE_GRANTS.manager[0]',
        'settings.COORDINATOR_ALERTS',
      ].sort(),
    );
  });
});
