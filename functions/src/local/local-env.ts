// The settings `npm start` runs with when the environment does not say otherwise: the smtp
// adapters on loopback, development sign-in, Hackney's policy (whose request inbox the demo
// writes to), and staff for the demo's coordinator, chair and manager. Every value can be
// overridden by the environment; production settings are refused by config (readConfig).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const LOCAL_DOMAIN = 'hackney.gov.uk';
export const LOCAL_STAFF = {
  coordinator: `coordinator@${LOCAL_DOMAIN}`,
  chair: `chair.one@${LOCAL_DOMAIN}`,
  manager: `manager@${LOCAL_DOMAIN}`,
} as const;
export const LOCAL_CALENDAR_OWNER = `cp-conferences@${LOCAL_DOMAIN}`;
/** The embedded server's name: the authserv-id of the Authentication-Results it stamps. */
export const LOCAL_AUTHSERV_ID = 'conference-desk.localhost';

/**
 * The folder a local run keeps its files in: CONFERENCE_DESK_VAR, or var/ at the root of this
 * repository (found from where this file was built to). npm runs its scripts from the root, but
 * a developer may run `conference-desk dev-token` from anywhere, and it must find the same service.
 */
export function localVarDir(
  env: Readonly<Record<string, string | undefined>>,
  from: string = __dirname,
): string {
  const given = env.CONFERENCE_DESK_VAR;
  if (given !== undefined && given !== '') return resolve(given);
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'var');
  }
  return resolve('var');
}

export interface LocalPaths {
  /** The folder everything a local run writes goes under (var/ in the repository). */
  readonly varDir: string;
}

export function localEnv(
  env: Readonly<Record<string, string | undefined>>,
  paths: LocalPaths,
  ports: { readonly smtp: number },
): Record<string, string | undefined> {
  const varDir = resolve(paths.varDir);
  const defaults: Record<string, string> = {
    ADAPTERS: 'smtp',
    AUTH_MODE: 'development',
    DEV_AUTH_SECRET_FILE: join(varDir, 'dev', 'auth-secret'),
    WORKSPACE_DOMAIN: LOCAL_DOMAIN,
    CALENDAR_OWNER: LOCAL_CALENDAR_OWNER,
    POLICY: 'hackney',
    ROLE_GRANTS: JSON.stringify({
      coordinator: [LOCAL_STAFF.coordinator],
      chair: [LOCAL_STAFF.chair],
      manager: [LOCAL_STAFF.manager],
    }),
    MAIL_DIR: join(varDir, 'mail'),
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(ports.smtp),
    SMTP_REQUIRE_TLS: 'false',
    INBOX_SMTP_HOST: '127.0.0.1',
    INBOX_SMTP_PORT: String(ports.smtp),
    INTAKE_AUTHSERV_ID: LOCAL_AUTHSERV_ID,
    // .invalid never resolves (RFC 2606): a local run cannot send anyone to a real meeting.
    VIDEO_LINK: 'https://video.conference-desk.invalid/room/{room}',
    // Retries quickly locally: nothing here is rate-limited.
    OUTBOX_LEASE_MS: '60000',
  };
  const merged: Record<string, string | undefined> = { ...defaults };
  for (const [key, value] of Object.entries(env))
    if (value !== undefined && value !== '') merged[key] = value;
  return merged;
}
