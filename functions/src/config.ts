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

export const configSchema = z.object({
  /** The council's Workspace domain, e.g. hackney.gov.uk: the hd claim every caller must carry. */
  WORKSPACE_DOMAIN: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'must be a domain such as council.gov.uk'),
  /** The unit's shared mailbox, whose calendar sends the invitations. */
  CALENDAR_OWNER: email,
  /** The service account with domain-wide delegation. */
  DELEGATION_SERVICE_ACCOUNT: email,
  /** Local runs only: a key file for the delegation service account. Refused in production. */
  DELEGATION_KEY_FILE: z.string().min(1).optional(),
  /** The add-on's OAuth client id: the audience of the ID tokens it sends. */
  ADDON_AUDIENCE: z.string().min(1),
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
});

export type Config = z.output<typeof configSchema>;

export class ConfigError extends AppError {
  constructor(message: string) {
    super('CONFIG.INVALID', message, 500);
  }
}

export function readConfig(env: Record<string, string | undefined>): Config {
  const parsed = configSchema.safeParse(env, { error: problemMessages });
  if (!parsed.success) {
    const problems = toProblems(parsed.error).map((p) => `${p.field}: ${p.message}`);
    throw new ConfigError(`Conference Desk is not configured correctly: ${problems.join('; ')}`);
  }
  if (parsed.data.DELEGATION_KEY_FILE !== undefined && parsed.data.NODE_ENV === 'production') {
    throw new ConfigError(
      'DELEGATION_KEY_FILE is for local runs only: in production the service signs with the IAM Credentials API and no key file may exist',
    );
  }
  return parsed.data;
}
