// The composition root: the one place that reads configuration and picks adapters. Everything
// else receives its ports. Tests build the same graph with the fake's URLs and the emulator.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Firestore } from '@google-cloud/firestore';
import type { JwtSigner } from './adapters/google/delegation';
import type { AdapterSet } from './adapter-set';
import { googleAdapters } from './adapters-google';
import { smtpAdapters } from './adapters-smtp';
import { FirestoreConferenceStore } from './adapters/firestore/firestore-conference-store';
import { FirestoreMailboxStore } from './adapters/firestore/firestore-mailbox-store';
import { FirestoreReportStore } from './adapters/firestore/firestore-report-store';
import { loadPolicy } from './adapters/policy/load-policy';
import { jsonLogger } from './adapters/system/json-logger';
import { randomIds, systemClock } from './adapters/system/random-ids';
import { HandlebarsEventDescriptions } from './adapters/templates/handlebars-event-descriptions';
import { HandlebarsIntakeMessages } from './adapters/templates/handlebars-intake-messages';
import { HandlebarsMessages } from './adapters/templates/handlebars-messages';
import { FirestoreOutboxStore } from './adapters/firestore/firestore-outbox-store';
import { FirestoreOutcomeStore } from './adapters/firestore/firestore-outcome-store';
import { noteReportFiled } from './app/all-reports-in';
import { emailedAnswers } from './app/record-emailed-answer';
import type { OutboxDeps } from './app/outbox-deps';
import { replanOrDefer } from './app/replan-outbox';
import type { BookingDeps } from './app/booking-deps';
import type { IntakeDeps } from './app/intake-deps';
import { ConfigError, type Config } from './config';
import type { ApiDeps, TokenVerifier } from './http/api';
import { readDevelopmentSecret } from './http/dev-secret';
import { DevTokenVerifier } from './http/dev-token';
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
  readonly adapters: AdapterSet;
}

/**
 * Who may call the api: Google's ID tokens, or (on a developer's machine only) locally signed ones,
 * with the secret npm start made: composing only reads it, so a mistyped path makes no new file.
 */
function callerVerifier(config: Config): TokenVerifier {
  if (config.AUTH_MODE === 'development') {
    return new DevTokenVerifier(readDevelopmentSecret(config.DEV_AUTH_SECRET_FILE), config.WORKSPACE_DOMAIN);
  }
  if (config.ADDON_AUDIENCE === undefined)
    throw new ConfigError('ADDON_AUDIENCE: is required with AUTH_MODE=google');
  return new IdTokenVerifier({
    audience: config.ADDON_AUDIENCE,
    domain: config.WORKSPACE_DOMAIN,
    ...(config.GOOGLE_CERTS_URL === undefined ? {} : { certsUrl: config.GOOGLE_CERTS_URL }),
  });
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
  const policy = loadPolicy(config.POLICY);
  const clock = overrides.clock ?? systemClock;
  const store = new FirestoreConferenceStore({ db, root, nextReference: () => ids.reference() });
  const reports = new FirestoreReportStore({ db, root });
  const inbox = policy.reports.inbox;
  const adapters: AdapterSet =
    config.ADAPTERS === 'google'
      ? googleAdapters(config, inbox, {
          ...(overrides.signer === undefined ? {} : { signer: overrides.signer }),
          ...(overrides.onGoogleCall === undefined ? {} : { onGoogleCall: overrides.onGoogleCall }),
        })
      : smtpAdapters(config, inbox, { db, root, clock });
  const { calendar, mailbox } = adapters;
  const coordinator = config.COORDINATOR_ALERTS ?? config.CALENDAR_OWNER;
  const instanceId = overrides.instanceId ?? randomUUID();
  const outbox: OutboxDeps = {
    conferences: store,
    outbox: new FirestoreOutboxStore({ db, root }),
    outcomes: new FirestoreOutcomeStore({ db, root }),
    reports,
    mailer: adapters.mailer,
    drafts: adapters.drafts,
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
    meet: adapters.meet,
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
            calendarOwner: config.CALENDAR_OWNER,
          },
          instanceId,
          reportFiled: (conferenceId) => noteReportFiled(outbox, conferenceId),
          // Where Calendar cannot be told (Google's), an emailed answer is kept with the conference.
          replies: adapters.replies ?? emailedAnswers({ conferences: store, clock, logger }),
        };
  const api: ApiDeps = {
    booking,
    reports,
    intake,
    outbox,
    verifier: callerVerifier(config),
    authMode: config.AUTH_MODE,
    roles: new FirestoreRoleDirectory(db, root, config.ROLE_GRANTS ?? {}),
    logger,
  };
  return { api, intake, outbox, config, logger, adapters };
}
