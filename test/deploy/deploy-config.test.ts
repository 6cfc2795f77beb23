// A council's deployment settings: defaults, every problem named by its field, and a policy that
// names the request inbox.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPolicy, parseDeployConfig } from '../../functions/src/deploy/deploy-config';

const REPO = join(__dirname, '../..');
const readJson = (path: string): unknown => JSON.parse(readFileSync(join(REPO, path), 'utf8'));

describe('the deployment settings', () => {
  const base = readJson('deploy/deploy.example.json') as Record<string, unknown>;
  const settings = base.settings as Record<string, unknown>;

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
