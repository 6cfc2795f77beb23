// A council's deployment settings (deploy/deploy.json), checked once with zod so every problem is
// named by its field before any command runs. The service's own settings reuse config.ts's
// checks, so the deploy refuses exactly what the functions would refuse at their first request.
import { isAbsolute, join, normalize, sep } from 'node:path';
import { z } from 'zod';
import { loadPolicy } from '../adapters/policy/load-policy';
import { configSchema } from '../config';
import type { Problem } from '../domain/errors';
import { isPresetId } from '../domain/policy/presets';
import { PolicyError } from '../domain/policy/resolve-policy';
import { problemMessages, toProblems } from '../domain/validation/zod-problems';
import { isPlaceholderDomain, placeholderProblems } from './placeholders';
import { isFunctionsRegion, REGION_RULE } from './regions';

/** Google's rule for project ids and service account ids alike: 6 to 30 characters. */
const GOOGLE_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const accountId = z
  .string()
  .regex(GOOGLE_ID, 'must be 6 to 30 lowercase letters, digits or hyphens, starting with a letter');
/** Pub/Sub's rule for topic and subscription names. */
const pubsubName = z
  .string()
  .regex(
    /^(?!goog)[A-Za-z][\w.~+%-]{2,254}$/,
    'must be 3 to 255 letters, digits or - _ . ~ + %, starting with a letter (not "goog")',
  );
const cron = z.string().regex(/^\S+( \S+){4}$/, 'must be a cron schedule of five fields, e.g. "*/5 * * * *"');

const DEFAULT_ACCOUNTS = {
  runtime: 'conference-desk',
  push: 'conference-desk-push',
  scheduler: 'conference-desk-scheduler',
  build: 'conference-desk-build',
} as const;

/** The service's settings the deploy passes on; the rest it sets itself (see MANAGED). */
const settingsSchema = z.strictObject({
  WORKSPACE_DOMAIN: configSchema.shape.WORKSPACE_DOMAIN,
  CALENDAR_OWNER: configSchema.shape.CALENDAR_OWNER,
  /** The add-on's OAuth client id: the audience of the ID tokens api accepts. */
  ADDON_AUDIENCE: z
    .string()
    .regex(
      /^[\w.-]+\.apps\.googleusercontent\.com$/,
      "must be the add-on's OAuth client id, e.g. 123456789012-abc123.apps.googleusercontent.com",
    ),
  /** A preset id, or a policy file's path from the repository's root (it is deployed with the code). */
  POLICY: z.string().min(1),
  /** Written as JSON here; the functions receive it as the JSON text config.ts reads. */
  ROLE_GRANTS: z
    .record(z.string(), z.unknown())
    .transform((grants) => JSON.stringify(grants))
    .pipe(configSchema.shape.ROLE_GRANTS.unwrap())
    .optional(),
  COORDINATOR_ALERTS: configSchema.shape.COORDINATOR_ALERTS,
  FIRESTORE_ROOT: z.string().min(1).optional(),
});

export const deployConfigSchema = z.strictObject({
  /** Documentation inside the file; ignored. */
  $comment: z.string().optional(),
  project: z.string().regex(GOOGLE_ID, 'must be a Google Cloud project id such as council-conference-desk'),
  /** Functions, Firestore and Scheduler all live here; europe-west2 is London (UK data residency). */
  region: z.string().refine(isFunctionsRegion, REGION_RULE).default('europe-west2'),
  runtime: z.literal('nodejs24').default('nodejs24'),
  settings: settingsSchema,
  serviceAccounts: z
    .strictObject({
      /** The functions' identity, and the delegation account: it signs its own JWTs with signJwt. */
      runtime: accountId.default(DEFAULT_ACCOUNTS.runtime),
      /** What the Pub/Sub push subscription authenticates to gmailPush as. */
      push: accountId.default(DEFAULT_ACCOUNTS.push),
      /** What Cloud Scheduler authenticates to sweep, reconcile and renewWatch as. */
      scheduler: accountId.default(DEFAULT_ACCOUNTS.scheduler),
      /** What Cloud Build builds the functions as (the default build account often has Editor). */
      build: accountId.default(DEFAULT_ACCOUNTS.build),
    })
    .prefault({}),
  pubsub: z
    .strictObject({
      topic: pubsubName.default('conference-desk-gmail'),
      subscription: pubsubName.default('conference-desk-gmail-push'),
    })
    .prefault({}),
  /** Europe/London cron schedules. */
  schedules: z
    .strictObject({
      sweep: cron.default('*/5 * * * *'),
      reconcile: cron.default('*/5 * * * *'),
      renewWatch: cron.default('0 7 * * *'),
    })
    .prefault({}),
});

export type DeployConfig = z.output<typeof deployConfigSchema>;

/** The service's variables the deploy sets itself, and why a council's file may not. */
const MANAGED: Readonly<Record<string, string>> = {
  ADAPTERS: 'is set by the deploy to google: on Google Cloud the service uses Google Workspace',
  AUTH_MODE: 'is set by the deploy to google: callers prove who they are with Google ID tokens',
  DEV_AUTH_SECRET_FILE: "is for a developer's own machine only",
  DELEGATION_SERVICE_ACCOUNT: 'is set by the deploy to the runtime service account (serviceAccounts.runtime)',
  DELEGATION_KEY_FILE:
    'is for local runs only: in production the service signs with the IAM Credentials API and no key file may exist',
  GMAIL_PUSH_TOPIC: 'is set by the deploy from pubsub.topic',
  GMAIL_PUSH_AUDIENCE: "is set by the deploy to gmailPush's address",
  GMAIL_PUSH_SERVICE_ACCOUNT: 'is set by the deploy from serviceAccounts.push',
  SCHEDULER_AUDIENCE: "is set by the deploy to each scheduled function's address",
  SCHEDULER_SERVICE_ACCOUNT: 'is set by the deploy from serviceAccounts.scheduler',
  NODE_ENV: 'is set by the deploy to production',
  GOOGLE_API_ROOT_URL: 'is for tests only (the local Google fake)',
  GOOGLE_TOKEN_URL: 'is for tests only (the local Google fake)',
  GOOGLE_IAM_URL: 'is for tests only (the local Google fake)',
  GOOGLE_CERTS_URL: 'is for tests only (the local Google fake)',
};

function managedProblems(raw: unknown): Problem[] {
  if (typeof raw !== 'object' || raw === null) return [];
  const settings = (raw as { settings?: unknown }).settings;
  if (typeof settings !== 'object' || settings === null) return [];
  return Object.keys(settings).flatMap((key) => {
    const why = MANAGED[key];
    return why === undefined ? [] : [{ field: `settings.${key}`, message: why }];
  });
}

/** One account per job: checked apart from zod, which skips refinements of an object with problems. */
function sharedAccountProblems(raw: unknown): Problem[] {
  const given =
    typeof raw === 'object' && raw !== null
      ? (raw as { serviceAccounts?: unknown }).serviceAccounts
      : undefined;
  const accounts = Object.entries({
    ...DEFAULT_ACCOUNTS,
    ...(typeof given === 'object' && given !== null ? given : {}),
  } as Record<string, unknown>);
  return accounts.flatMap(([role, id], i) => {
    const same = accounts.slice(0, i).find(([, other]) => other === id);
    return same === undefined
      ? []
      : [
          {
            field: `serviceAccounts.${role}`,
            message: `must differ from serviceAccounts.${same[0]}: each account holds only what its own job needs`,
          },
        ];
  });
}

/** The settings, or every problem with them by field (e.g. settings.CALENDAR_OWNER). */
export function parseDeployConfig(
  raw: unknown,
): { readonly config: DeployConfig } | { readonly problems: Problem[] } {
  const own = [...managedProblems(raw), ...sharedAccountProblems(raw), ...placeholderProblems(raw)];
  const parsed = deployConfigSchema.safeParse(raw, { error: problemMessages });
  if (parsed.success) return own.length > 0 ? { problems: own } : { config: parsed.data };
  const named = new Set(own.map((p) => p.field));
  return { problems: [...own, ...toProblems(parsed.error).filter((p) => !named.has(p.field))] };
}

/** What the plan needs to know of the council's policy. */
export interface PolicySummary {
  readonly inbox: string;
  readonly meetCreatedBy: 'meet-api' | 'calendar';
}

/**
 * Loads the policy the functions will load, from the repository's root (the functions' working
 * folder once deployed), and checks it names the report request inbox intake reads.
 */
export function checkPolicy(
  ref: string,
  root: string,
): { readonly policy: PolicySummary } | { readonly problems: Problem[] } {
  const field = 'settings.POLICY';
  let path = ref;
  if (!isPresetId(ref) && /[/\\]|\.json$/i.test(ref)) {
    const inside = normalize(ref);
    if (isAbsolute(ref) || inside === '..' || inside.startsWith(`..${sep}`)) {
      return {
        problems: [
          {
            field,
            message: `"${ref}" must be a preset id or a path inside the repository (the file is deployed with the code)`,
          },
        ],
      };
    }
    path = join(root, inside);
  }
  try {
    const policy = loadPolicy(path);
    if (policy.reports.inbox === null) {
      return {
        problems: [
          {
            field,
            message: `policy "${policy.id}" names no report request inbox (reports.inbox); gmailPush, reconcile and renewWatch read it and sweep sends from it`,
          },
        ],
      };
    }
    // deploy/policy.example.json, copied and not filled in: reports would go to nobody.
    if (isPlaceholderDomain(policy.reports.inbox.slice(policy.reports.inbox.lastIndexOf('@') + 1))) {
      return {
        problems: [
          {
            field,
            message: `policy "${policy.id}" names a report request inbox at a placeholder domain (reports.inbox); set your council's own policy (a preset id, or your policy file with your inbox)`,
          },
        ],
      };
    }
    return { policy: { inbox: policy.reports.inbox, meetCreatedBy: policy.meet.createdBy } };
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    return {
      problems: error.problems.map((p) => ({
        field,
        message: p.field.startsWith('(') ? `${ref} ${p.message}` : `${ref}: ${p.field}: ${p.message}`,
      })),
    };
  }
}
