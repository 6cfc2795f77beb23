// The service's configuration, read once from the environment and checked with zod, so a
// missing or mistyped setting stops the function at start with every problem named.
import { z } from 'zod';
import { ROLES } from './app/actor';
import { AppError } from './domain/errors';
import { problemMessages, toProblems } from './domain/validation/zod-problems';

const email = z.email().transform((v) => v.toLowerCase());
const url = z.url({ protocol: /^https?$/ }).transform((v) => v.replace(/\/$/, ''));
const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const roleGrants = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON such as {"coordinator":["a@council.gov.uk"]}' });
      return z.NEVER;
    }
  })
  .pipe(z.partialRecord(z.enum(ROLES), z.array(email)));

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const port = integer(1, 65_535);

/**
 * Which adapters serve the use cases: Google Workspace (Calendar, Meet, Gmail), or plain SMTP
 * with iCalendar invitations for councils on other mail systems and for local runs.
 */
export const ADAPTER_SETS = ['google', 'smtp'] as const;
/** How callers prove who they are: Google ID tokens, or locally signed tokens (never in production). */
export const AUTH_MODES = ['google', 'development'] as const;

export const configSchema = z.object({
  ADAPTERS: z.enum(ADAPTER_SETS).default('google'),
  AUTH_MODE: z.enum(AUTH_MODES).default('google'),
  /** development only: the file holding the secret development tokens are signed with. */
  DEV_AUTH_SECRET_FILE: z.string().min(1).default('var/dev/auth-secret'),
  /** The council's Workspace domain, e.g. hackney.gov.uk: the hd claim every caller must carry. */
  WORKSPACE_DOMAIN: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'must be a domain such as council.gov.uk'),
  /** The unit's shared mailbox, whose calendar sends the invitations. */
  CALENDAR_OWNER: email,
  /** The service account with domain-wide delegation (google adapters). */
  DELEGATION_SERVICE_ACCOUNT: email.optional(),
  /** Local runs only: a key file for the delegation service account. Refused in production. */
  DELEGATION_KEY_FILE: z.string().min(1).optional(),
  /** The add-on's OAuth client id: the audience of the ID tokens it sends. */
  ADDON_AUDIENCE: z.string().min(1).optional(),
  /** A preset id (hackney, devon, …) or a path to a council policy JSON file. */
  POLICY: z.string().min(1).default('working-together-2023'),
  FIRESTORE_ROOT: z.string().default(''),
  /** Bootstrap role grants; managers add staff documents in Firestore after that. */
  ROLE_GRANTS: roleGrants.optional(),
  NODE_ENV: z.string().optional(),
  GOOGLE_API_ROOT_URL: url.optional(),
  GOOGLE_TOKEN_URL: url.optional(),
  GOOGLE_IAM_URL: url.optional(),
  GOOGLE_CERTS_URL: url.optional(),
  GOOGLE_RETRY_ATTEMPTS: integer(1, 10).default(5),
  GOOGLE_RETRY_BASE_MS: integer(0, 60_000).default(500),
  GOOGLE_RETRY_MAX_MS: integer(0, 120_000).default(16_000),
  GOOGLE_TIMEOUT_MS: integer(100, 120_000).default(20_000),
  MEET_PENDING_ATTEMPTS: integer(1, 60).default(10),
  MEET_PENDING_INTERVAL_MS: integer(0, 60_000).default(1000),
  // Report intake (gmailPush, reconcile, renewWatch). The inbox itself is the policy's reports.inbox.
  /** The Pub/Sub topic Gmail publishes the inbox's changes to. */
  GMAIL_PUSH_TOPIC: z
    .string()
    .regex(
      /^projects\/[a-z][a-z0-9-]{4,28}[a-z0-9]\/topics\/[A-Za-z][\w.~+%-]{2,254}$/,
      'must be projects/<project>/topics/<topic>',
    )
    .optional(),
  /** The audience the push subscription puts in its OIDC token (usually gmailPush's URL). */
  GMAIL_PUSH_AUDIENCE: z.string().min(1).optional(),
  /** The service account the push subscription authenticates as. */
  GMAIL_PUSH_SERVICE_ACCOUNT: email.optional(),
  /** The audience Cloud Scheduler puts in the tokens for reconcile and renewWatch. */
  SCHEDULER_AUDIENCE: z.string().min(1).optional(),
  SCHEDULER_SERVICE_ACCOUNT: email.optional(),
  /** The receiving server whose Authentication-Results are trusted (Gmail stamps mx.google.com). */
  INTAKE_AUTHSERV_ID: z
    .string()
    .regex(/^[A-Za-z0-9.-]+$/, 'must be a host name such as mx.google.com')
    .default('mx.google.com'),
  /** Larger messages are held for a person unread (Gmail accepts up to 50 MB incoming). */
  INTAKE_MAX_MESSAGE_BYTES: integer(1_000_000, 60_000_000).default(40_000_000),
  INTAKE_FULL_SYNC_DAYS: integer(1, 90).default(30),
  INTAKE_FULL_SYNC_MAX_MESSAGES: integer(10, 20_000).default(2000),
  INTAKE_SYNC_LEASE_MS: integer(10_000, 3_600_000).default(300_000),
  /** Where warnings for coordinators go (the inbox watch about to lapse); the unit mailbox by default. */
  COORDINATOR_ALERTS: email.optional(),
  // The outbox (sweep, every few minutes from Cloud Scheduler).
  /** How long a sweep holds a message it is sending before another sweep may assume it died. */
  OUTBOX_LEASE_MS: integer(60_000, 3_600_000).default(600_000),
  /** Messages one sweep takes at most; the rest wait for the next sweep. */
  OUTBOX_BATCH: integer(1, 2000).default(200),
  /** Messages one sweep sends at once. */
  OUTBOX_CONCURRENCY: integer(1, 32).default(4),
  // The smtp adapters: sending through a relay, receiving on an embedded SMTP server.
  /** The relay the service sends through (the council's, or the embedded server locally). */
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: port.default(587),
  /** TLS from the first byte (port 465); otherwise STARTTLS when offered. */
  SMTP_SECURE: flag.default(false),
  /** Refuse to send over an unencrypted connection. */
  SMTP_REQUIRE_TLS: flag.default(true),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  SMTP_TIMEOUT_MS: integer(1000, 120_000).default(30_000),
  /** The video link put in invitations instead of Meet; {room} becomes a new unguessable room per conference. */
  VIDEO_LINK: z.string().min(1).optional(),
  /** Where the embedded server keeps mail: the request inbox, every message it receives, drafts. */
  MAIL_DIR: z.string().min(1).default('var/mail'),
  /** Where the embedded SMTP server listens for the request inbox's mail. */
  INBOX_SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  INBOX_SMTP_PORT: port.default(2525),
  /**
   * The upstream server that relays the request inbox's mail to the embedded one (Exchange
   * Online, a gateway) signs in with these; its Authentication-Results are the trusted ones.
   */
  INBOX_RELAY_USER: z.string().min(1).optional(),
  INBOX_RELAY_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
});

export type Config = z.output<typeof configSchema>;

export class ConfigError extends AppError {
  constructor(message: string) {
    super('CONFIG.INVALID', message, 500);
  }
}

type Env = Record<string, string | undefined>;

/**
 * Settings one choice of adapters or sign-in needs, as problems named by field. Read from the
 * environment as given, so they are reported together with every other problem.
 */
function requirements(env: Env): { field: string; message: string }[] {
  const given = (field: string): boolean => env[field] !== undefined && env[field] !== '';
  const need = (field: string, why: string) =>
    given(field) ? [] : [{ field, message: `is required ${why}` }];
  const pair = (user: string, password: string) =>
    given(user) === given(password)
      ? []
      : [{ field: password, message: `${user} and ${password} are set together or not at all` }];
  const adapters = env.ADAPTERS ?? 'google';
  const problems = [];
  if (adapters === 'google') problems.push(...need('DELEGATION_SERVICE_ACCOUNT', 'with ADAPTERS=google'));
  if (adapters === 'smtp') {
    problems.push(
      ...need('SMTP_HOST', 'with ADAPTERS=smtp'),
      ...need('VIDEO_LINK', 'with ADAPTERS=smtp'),
      ...pair('SMTP_USER', 'SMTP_PASSWORD'),
      ...pair('INBOX_RELAY_USER', 'INBOX_RELAY_PASSWORD'),
    );
  }
  if ((env.AUTH_MODE ?? 'google') === 'google')
    problems.push(...need('ADDON_AUDIENCE', 'with AUTH_MODE=google'));
  return problems;
}

/** Whether this process runs on Google Cloud (Cloud Functions and Cloud Run set K_SERVICE). */
function onCloud(env: Env): boolean {
  return env.K_SERVICE !== undefined || env.FUNCTION_TARGET !== undefined;
}

export function readConfig(env: Env): Config {
  const parsed = configSchema.safeParse(env, { error: problemMessages });
  const problems = parsed.success ? [] : toProblems(parsed.error);
  const named = new Set(problems.map((p) => p.field));
  problems.push(...requirements(env).filter((p) => !named.has(p.field)));
  if (!parsed.success || problems.length > 0) {
    // In the order the settings are listed, so the message reads like the documentation.
    const order = Object.keys(configSchema.shape);
    const rank = (field: string): number => {
      const at = order.indexOf(field);
      return at < 0 ? order.length : at;
    };
    const listed = [...problems]
      .sort((a, b) => rank(a.field) - rank(b.field))
      .map((p) => `${p.field}: ${p.message}`);
    throw new ConfigError(`Conference Desk is not configured correctly: ${listed.join('; ')}`);
  }
  const config = parsed.data;
  if (config.DELEGATION_KEY_FILE !== undefined && config.NODE_ENV === 'production') {
    throw new ConfigError(
      'DELEGATION_KEY_FILE is for local runs only: in production the service signs with the IAM Credentials API and no key file may exist',
    );
  }
  // Development tokens are signed with a secret on this machine: anyone who can read it is
  // anyone they like. So they cannot be turned on where real data lives.
  if (config.AUTH_MODE === 'development' && (config.NODE_ENV === 'production' || onCloud(env))) {
    throw new ConfigError(
      'AUTH_MODE=development is for a developer’s own machine only: it cannot be used with NODE_ENV=production or on Google Cloud',
    );
  }
  return config;
}
