// The configuration's choice of adapters and of sign-in: what each choice requires, the defaults
// for the smtp set, and development sign-in refused wherever real data could live.
import { ConfigError, readConfig } from '../functions/src/config';

const council = {
  WORKSPACE_DOMAIN: 'hackney.gov.uk',
  CALENDAR_OWNER: 'cp-conferences@hackney.gov.uk',
};

/** A developer's machine: smtp adapters and development sign-in, nothing of Google's. */
const local = {
  ...council,
  ADAPTERS: 'smtp',
  AUTH_MODE: 'development',
  SMTP_HOST: '127.0.0.1',
  VIDEO_LINK: 'https://video.example.invalid/{room}',
};

const google = {
  ...council,
  DELEGATION_SERVICE_ACCOUNT: 'conference-desk@council.iam.gserviceaccount.com',
  ADDON_AUDIENCE: '123-addon.apps.googleusercontent.com',
};

describe('choosing the adapters', () => {
  test('uses the Google adapters and Google sign-in unless told otherwise', () => {
    const config = readConfig(google);
    expect(config.ADAPTERS).toBe('google');
    expect(config.AUTH_MODE).toBe('google');
  });

  test('refuses an adapter set or sign-in it does not know, naming the ones it does', () => {
    expect(() => readConfig({ ...google, ADAPTERS: 'exchange' })).toThrow(
      /ADAPTERS: must be one of "google", "smtp"/,
    );
    expect(() => readConfig({ ...google, AUTH_MODE: 'none' })).toThrow(
      /AUTH_MODE: must be one of "google", "development"/,
    );
  });

  test('needs the delegation service account with the Google adapters, and nothing of SMTP', () => {
    const { DELEGATION_SERVICE_ACCOUNT: _, ...withoutAccount } = google;
    expect(() => readConfig(withoutAccount)).toThrow(
      /DELEGATION_SERVICE_ACCOUNT: is required with ADAPTERS=google/,
    );
    expect(readConfig(google).SMTP_HOST).toBeUndefined();
  });

  test('needs a relay and a video link with the smtp adapters, named together, but no service account', () => {
    const error = captured(() => readConfig({ ...council, ADAPTERS: 'smtp', AUTH_MODE: 'development' }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(
      /SMTP_HOST: is required with ADAPTERS=smtp; VIDEO_LINK: is required with ADAPTERS=smtp/,
    );
    expect(error.message).not.toMatch(/DELEGATION_SERVICE_ACCOUNT/);
    expect(readConfig(local).DELEGATION_SERVICE_ACCOUNT).toBeUndefined();
  });

  test('fills in the smtp defaults: STARTTLS required on 587, mail kept in var/mail, the inbox on 2525', () => {
    expect(readConfig(local)).toMatchObject({
      SMTP_PORT: 587,
      SMTP_SECURE: false,
      SMTP_REQUIRE_TLS: true,
      SMTP_TIMEOUT_MS: 30_000,
      MAIL_DIR: 'var/mail',
      INBOX_SMTP_HOST: '127.0.0.1',
      INBOX_SMTP_PORT: 2525,
      DEV_AUTH_SECRET_FILE: 'var/dev/auth-secret',
    });
  });

  test('reads the smtp settings given, flags as true or false only', () => {
    const config = readConfig({
      ...local,
      SMTP_PORT: '465',
      SMTP_SECURE: 'true',
      SMTP_REQUIRE_TLS: 'false',
      SMTP_USER: 'conference-desk',
      SMTP_PASSWORD: 'relay-password',
      MAIL_DIR: '/srv/mail',
      INBOX_SMTP_PORT: '25',
      INBOX_RELAY_USER: 'exchange-online',
      INBOX_RELAY_PASSWORD: 'long-enough',
    });
    expect(config).toMatchObject({
      SMTP_PORT: 465,
      SMTP_SECURE: true,
      SMTP_REQUIRE_TLS: false,
      SMTP_USER: 'conference-desk',
      MAIL_DIR: '/srv/mail',
      INBOX_SMTP_PORT: 25,
      INBOX_RELAY_USER: 'exchange-online',
    });
    expect(() => readConfig({ ...local, SMTP_SECURE: 'yes' })).toThrow(
      /SMTP_SECURE: must be one of "true", "false"/,
    );
    expect(() => readConfig({ ...local, SMTP_PORT: '0', INBOX_SMTP_PORT: '70000' })).toThrow(
      /SMTP_PORT: must be at least 1, not 0.*INBOX_SMTP_PORT: must be at most 65535, not 70000/,
    );
  });

  test('refuses a relay login with half its parts, for sending and for receiving', () => {
    expect(() => readConfig({ ...local, SMTP_USER: 'conference-desk' })).toThrow(
      /SMTP_PASSWORD: SMTP_USER and SMTP_PASSWORD are set together or not at all/,
    );
    expect(() => readConfig({ ...local, SMTP_PASSWORD: 'relay-password' })).toThrow(
      /SMTP_PASSWORD: SMTP_USER and SMTP_PASSWORD are set together or not at all/,
    );
    expect(() => readConfig({ ...local, INBOX_RELAY_USER: 'exchange-online' })).toThrow(
      /INBOX_RELAY_PASSWORD: INBOX_RELAY_USER and INBOX_RELAY_PASSWORD are set together or not at all/,
    );
    expect(() => readConfig({ ...local, INBOX_RELAY_PASSWORD: 'long-enough' })).toThrow(
      /INBOX_RELAY_PASSWORD: INBOX_RELAY_USER and INBOX_RELAY_PASSWORD are set together or not at all/,
    );
  });

  test('refuses a relay password shorter than 8 characters, saying so', () => {
    expect(() =>
      readConfig({ ...local, INBOX_RELAY_USER: 'exchange-online', INBOX_RELAY_PASSWORD: '1234567' }),
    ).toThrow(/INBOX_RELAY_PASSWORD: must be at least 8 characters/);
  });
});

describe('choosing how callers sign in', () => {
  test('needs the add-on audience with Google sign-in, and not with development sign-in', () => {
    expect(() => readConfig({ ...local, AUTH_MODE: 'google' })).toThrow(
      /ADDON_AUDIENCE: is required with AUTH_MODE=google/,
    );
    expect(readConfig(local).ADDON_AUDIENCE).toBeUndefined();
  });

  test('allows development sign-in on a developer’s machine, with the secret file it names', () => {
    const config = readConfig({ ...local, DEV_AUTH_SECRET_FILE: '/tmp/secret', NODE_ENV: 'development' });
    expect(config.AUTH_MODE).toBe('development');
    expect(config.DEV_AUTH_SECRET_FILE).toBe('/tmp/secret');
  });

  test.each([
    ['NODE_ENV=production', { NODE_ENV: 'production' }],
    ['K_SERVICE (Cloud Functions and Cloud Run)', { K_SERVICE: 'api' }],
    ['FUNCTION_TARGET (functions-framework)', { FUNCTION_TARGET: 'api' }],
  ])('refuses development sign-in with %s', (_where, env) => {
    expect(() => readConfig({ ...local, ...env })).toThrow(ConfigError);
    expect(() => readConfig({ ...local, ...env })).toThrow(
      /AUTH_MODE=development is for a developer’s own machine only/,
    );
  });

  test('lets Google sign-in run on Google Cloud', () => {
    expect(readConfig({ ...google, K_SERVICE: 'api', FUNCTION_TARGET: 'api' }).AUTH_MODE).toBe('google');
  });
});

function captured(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected an error');
}
