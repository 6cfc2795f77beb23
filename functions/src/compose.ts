// The composition root: the one place that reads configuration and picks adapters. Everything
// else receives its ports. Tests build the same graph with the fake's URLs and the emulator.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Firestore } from '@google-cloud/firestore';
import { GoogleAuth } from 'google-auth-library';
import { FirestoreConferenceStore } from './adapters/firestore/firestore-conference-store';
import { Delegation, IamJwtSigner, KeyFileJwtSigner, type JwtSigner } from './adapters/google/delegation';
import { GoogleCalendar } from './adapters/google/google-calendar';
import { GoogleMeet } from './adapters/google/google-meet';
import { loadPolicy } from './adapters/policy/load-policy';
import { jsonLogger } from './adapters/system/json-logger';
import { randomIds, systemClock } from './adapters/system/random-ids';
import { HandlebarsEventDescriptions } from './adapters/templates/handlebars-event-descriptions';
import type { BookingDeps } from './app/booking-deps';
import { ConfigError, type Config } from './config';
import type { ApiDeps } from './http/api';
import { IdTokenVerifier } from './http/id-token';
import { FirestoreRoleDirectory } from './http/roles';
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
}

export function composeApi(config: Config, overrides: Overrides = {}): ApiDeps {
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
  const booking: BookingDeps = {
    store: new FirestoreConferenceStore({ db, root, nextReference: () => ids.reference() }),
    calendar: new GoogleCalendar(google),
    meet: new GoogleMeet(google),
    descriptions: new HandlebarsEventDescriptions(templatesDir()),
    clock: overrides.clock ?? systemClock,
    ids,
    logger,
    settings: {
      policy: loadPolicy(config.POLICY),
      workspaceDomain: config.WORKSPACE_DOMAIN,
      calendarOwner: config.CALENDAR_OWNER,
      meetPending: { attempts: config.MEET_PENDING_ATTEMPTS, intervalMs: config.MEET_PENDING_INTERVAL_MS },
    },
  };
  return {
    booking,
    verifier: new IdTokenVerifier({
      audience: config.ADDON_AUDIENCE,
      domain: config.WORKSPACE_DOMAIN,
      ...(config.GOOGLE_CERTS_URL === undefined ? {} : { certsUrl: config.GOOGLE_CERTS_URL }),
    }),
    roles: new FirestoreRoleDirectory(db, root, config.ROLE_GRANTS ?? {}),
    logger,
  };
}
