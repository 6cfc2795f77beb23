// The service's configuration: read once, every problem named, and a key file impossible in production.
import { ConfigError, readConfig } from '../functions/src/config';

const valid = {
  WORKSPACE_DOMAIN: 'hackney.gov.uk',
  CALENDAR_OWNER: 'CP-Conferences@hackney.gov.uk',
  DELEGATION_SERVICE_ACCOUNT: 'conference-desk@council.iam.gserviceaccount.com',
  ADDON_AUDIENCE: '123-addon.apps.googleusercontent.com',
};

describe('reading the configuration', () => {
  test('fills in defaults and lower-cases addresses', () => {
    const config = readConfig(valid);
    expect(config.CALENDAR_OWNER).toBe('cp-conferences@hackney.gov.uk');
    expect(config.POLICY).toBe('working-together-2023');
    expect(config.GOOGLE_RETRY_ATTEMPTS).toBe(5);
  });

  test('names every missing or malformed setting at once', () => {
    expect(() => readConfig({ CALENDAR_OWNER: 'nobody', GOOGLE_RETRY_ATTEMPTS: '99' })).toThrow(
      /WORKSPACE_DOMAIN: is required.*CALENDAR_OWNER: must be a valid email address.*DELEGATION_SERVICE_ACCOUNT: is required.*ADDON_AUDIENCE: is required.*GOOGLE_RETRY_ATTEMPTS: must be at most 10/,
    );
  });

  test('reads role grants as JSON and refuses anything else', () => {
    const config = readConfig({ ...valid, ROLE_GRANTS: '{"coordinator":["A@hackney.gov.uk"]}' });
    expect(config.ROLE_GRANTS).toEqual({ coordinator: ['a@hackney.gov.uk'] });
    expect(() => readConfig({ ...valid, ROLE_GRANTS: 'coordinator=a' })).toThrow(/ROLE_GRANTS: must be JSON/);
    expect(() => readConfig({ ...valid, ROLE_GRANTS: '{"admin":["a@hackney.gov.uk"]}' })).toThrow(
      ConfigError,
    );
  });

  test('refuses a delegation key file in production, where only IAM signJwt may sign', () => {
    expect(() =>
      readConfig({ ...valid, DELEGATION_KEY_FILE: '/tmp/key.json', NODE_ENV: 'production' }),
    ).toThrow(/for local runs only/);
    expect(readConfig({ ...valid, DELEGATION_KEY_FILE: '/tmp/key.json' }).DELEGATION_KEY_FILE).toBe(
      '/tmp/key.json',
    );
  });
});
