// The composition root: the one place that reads configuration and picks adapters. Everything
// else receives its ports. Tests build the same graph with the fake's URLs and the emulator.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Firestore } from '@google-cloud/firestore';
import { GoogleAuth } from 'google-auth-library';
import { FirestoreConferenceStore } from './adapters/firestore/firestore-conference-store';
import { Delegation, IamJwtSigner, KeyFileJwtSigner, type JwtSigner } from './adapters/google/delegation';
import { FirestoreMailboxStore } from './adapters/firestore/firestore-mailbox-store';
import { FirestoreReportStore } from './adapters/firestore/firestore-report-store';
import { GoogleCalendar } from './adapters/google/google-calendar';
import { GoogleGmail } from './adapters/google/google-gmail';
import { GoogleMeet } from './adapters/google/google-meet';
import { loadPolicy } from './adapters/policy/load-policy';
import { jsonLogger } from './adapters/system/json-logger';
import { randomIds, systemClock } from './adapters/system/random-ids';
import { HandlebarsEventDescriptions } from './adapters/templates/handlebars-event-descriptions';
import { HandlebarsIntakeMessages } from './adapters/templates/handlebars-intake-messages';
import { HandlebarsMessages } from './adapters/templates/handlebars-messages';
import { FirestoreOutboxStore } from './adapters/firestore/firestore-outbox-store';
import { FirestoreOutcomeStore } from './adapters/firestore/firestore-outcome-store';
import { GoogleDrafts } from './adapters/google/google-drafts';
import { noteReportFiled } from './app/all-reports-in';
import type { OutboxDeps } from './app/outbox-deps';
import { replanOrDefer } from './app/replan-outbox';
import type { BookingDeps } from './app/booking-deps';
import type { IntakeDeps } from './app/intake-deps';
import { ConfigError, type Config } from './config';
import type { ApiDeps } from './http/api';
import { IdTokenVerifier } from './http/id-token';
import { FirestoreRoleDirectory } from './http/roles';
import { ServiceTokenVerifier } from './http/service-token';
import type { Clock, IdSource, Logger } from './ports';

/** The repository's templates folder, found from wherever this file was built to. */
export function templatesDir(from: string = __dirname): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'templates', 'calendar'))) return join(dir, 'templates');
  }
  throw new ConfigError('The templates folder was not deployed with the function');
}

function signerFor(config: Config): JwtSigner {
  if (config.DELEGATION_KEY_FILE !== undefined) {
    const key = JSON.parse(readFileSync(config.DELEGATION_KEY_FILE, 'utf8')) as Record<string, unknown>;
    if (typeof key.private_key !== 'string' || key.client_email !== config.DELEGATION_SERVICE_ACCOUNT) {
      throw new ConfigError('DELEGATION_KEY_FILE is not a key file for DELEGATION_SERVICE_ACCOUNT');
    }
    return new KeyFileJwtSigner(
      config.DELEGATION_SERVICE_ACCOUNT,
      key.private_key,
      String(key.private_key_id),
    );
  }
  // The function's own identity (the metadata server on Cloud Functions) calls signJwt.
  const caller = new GoogleAuth({ scopes: ['https://www.googleapis.com/auth/cloud-platform'] });
  return new IamJwtSigner(config.DELEGATION_SERVICE_ACCOUNT, caller, config.GOOGLE_IAM_URL);
}

export interface Overrides {
  readonly db?: Firestore;
  readonly clock?: Clock;
  readonly ids?: IdSource;
  readonly logger?: Logger;
  /** Signs delegation JWTs; tests use the fake's service account through IamJwtSigner. */
  readonly signer?: JwtSigner;
  /** Counts Google calls (benchmarks). */
  readonly onGoogleCall?: (operation: string) => void;
  /** Names this instance as a mailbox sync lease holder (tests run several). */
  readonly instanceId?: string;
}

export interface Services {
  readonly api: ApiDeps;
  /** Absent when the policy names no report request inbox. */
  readonly intake: IntakeDeps | undefined;
  readonly outbox: OutboxDeps;
  readonly config: Config;
  readonly logger: Logger;
}

export function composeApi(config: Config, overrides: Overrides = {}): ApiDeps {
  return composeServices(config, overrides).api;
}

function serviceVerifier(
  config: Config,
  audience: string | undefined,
  account: string | undefined,
  names: string,
): ServiceTokenVerifier {
  if (audience === undefined || account === undefined) {
    throw new ConfigError(`${names} must both be set for this function`);
  }
  return new ServiceTokenVerifier({
    audience,
    serviceAccount: account,
    ...(config.GOOGLE_CERTS_URL === undefined ? {} : { certsUrl: config.GOOGLE_CERTS_URL }),
  });
}

/** The verifier for Pub/Sub's pushes to gmailPush. */
export function pushVerifier(config: Config): ServiceTokenVerifier {
  return serviceVerifier(
    config,
    config.GMAIL_PUSH_AUDIENCE,
    config.GMAIL_PUSH_SERVICE_ACCOUNT,
    'GMAIL_PUSH_AUDIENCE and GMAIL_PUSH_SERVICE_ACCOUNT',
  );
}

/** The verifier for Cloud Scheduler's calls to reconcile and renewWatch. */
export function schedulerVerifier(config: Config): ServiceTokenVerifier {
  return serviceVerifier(
    config,
    config.SCHEDULER_AUDIENCE,
    config.SCHEDULER_SERVICE_ACCOUNT,
    'SCHEDULER_AUDIENCE and SCHEDULER_SERVICE_ACCOUNT',
  );
}

/** Requires intake to be set up, for the functions that are nothing else. */
export function requireIntake(services: Services): IntakeDeps {
  if (services.intake === undefined) {
    throw new ConfigError(
      'Report intake needs the council policy to name its report request inbox (reports.inbox)',
    );
  }
  return services.intake;
}

export function composeServices(config: Config, overrides: Overrides = {}): Services {
  const db = overrides.db ?? new Firestore();
  const logger = overrides.logger ?? jsonLogger();
  const ids = overrides.ids ?? randomIds;
  const root = config.FIRESTORE_ROOT;
  const delegation = new Delegation({
    signer: overrides.signer ?? signerFor(config),
    ...(config.GOOGLE_TOKEN_URL === undefined ? {} : { tokenUrl: config.GOOGLE_TOKEN_URL }),
  });
  const retry = {
    attempts: config.GOOGLE_RETRY_ATTEMPTS,
    baseDelayMs: config.GOOGLE_RETRY_BASE_MS,
    maxDelayMs: config.GOOGLE_RETRY_MAX_MS,
  };
  const google = {
    delegation,
    retry,
    timeoutMs: config.GOOGLE_TIMEOUT_MS,
    ...(config.GOOGLE_API_ROOT_URL === undefined ? {} : { rootUrl: `${config.GOOGLE_API_ROOT_URL}/` }),
    ...(overrides.onGoogleCall === undefined ? {} : { onCall: overrides.onGoogleCall }),
  };
  const policy = loadPolicy(config.POLICY);
  const clock = overrides.clock ?? systemClock;
  const store = new FirestoreConferenceStore({ db, root, nextReference: () => ids.reference() });
  const reports = new FirestoreReportStore({ db, root });
  const inbox = policy.reports.inbox;
  const mailbox =
    inbox === null
      ? undefined
      : new GoogleGmail({
          ...google,
          address: inbox,
          topicName: config.GMAIL_PUSH_TOPIC ?? null,
          authservId: config.INTAKE_AUTHSERV_ID,
        });
  const calendar = new GoogleCalendar(google);
  const coordinator = config.COORDINATOR_ALERTS ?? config.CALENDAR_OWNER;
  const instanceId = overrides.instanceId ?? randomUUID();
  const outbox: OutboxDeps = {
    conferences: store,
    outbox: new FirestoreOutboxStore({ db, root }),
    outcomes: new FirestoreOutcomeStore({ db, root }),
    reports,
    mailer: mailbox,
    drafts: new GoogleDrafts(google),
    calendar,
    // A council's own templates are checked here, so a broken one stops the service at start.
    renderer: new HandlebarsMessages(templatesDir(), policy.templates),
    clock,
    logger,
    settings: {
      policy,
      coordinator,
      leaseMs: config.OUTBOX_LEASE_MS,
      batch: config.OUTBOX_BATCH,
      concurrency: config.OUTBOX_CONCURRENCY,
    },
    instanceId,
  };
  const booking: BookingDeps = {
    store,
    calendar,
    meet: new GoogleMeet(google),
    descriptions: new HandlebarsEventDescriptions(templatesDir()),
    clock,
    ids,
    logger,
    settings: {
      policy,
      workspaceDomain: config.WORKSPACE_DOMAIN,
      calendarOwner: config.CALENDAR_OWNER,
      meetPending: { attempts: config.MEET_PENDING_ATTEMPTS, intervalMs: config.MEET_PENDING_INTERVAL_MS },
    },
    planOutbox: (conference) => replanOrDefer(outbox, conference),
  };
  const intake: IntakeDeps | undefined =
    mailbox === undefined
      ? undefined
      : {
          conferences: store,
          reports,
          mailboxes: new FirestoreMailboxStore({ db, root }),
          mailbox,
          messages: new HandlebarsIntakeMessages(templatesDir()),
          clock,
          logger,
          settings: {
            policy,
            authservId: config.INTAKE_AUTHSERV_ID,
            maxMessageBytes: config.INTAKE_MAX_MESSAGE_BYTES,
            fullSyncDays: config.INTAKE_FULL_SYNC_DAYS,
            fullSyncMaxMessages: config.INTAKE_FULL_SYNC_MAX_MESSAGES,
            syncLeaseMs: config.INTAKE_SYNC_LEASE_MS,
            coordinatorAlerts: coordinator,
          },
          instanceId,
          reportFiled: (conferenceId) => noteReportFiled(outbox, conferenceId),
        };
  const api: ApiDeps = {
    booking,
    reports,
    intake,
    outbox,
    verifier: new IdTokenVerifier({
      audience: config.ADDON_AUDIENCE,
      domain: config.WORKSPACE_DOMAIN,
      ...(config.GOOGLE_CERTS_URL === undefined ? {} : { certsUrl: config.GOOGLE_CERTS_URL }),
    }),
    roles: new FirestoreRoleDirectory(db, root, config.ROLE_GRANTS ?? {}),
    logger,
  };
  return { api, intake, outbox, config, logger };
}
