// The `api` function as Cloud Functions runs it (functions-framework's own Express server),
// wired by the real composition root to the Firestore emulator and the strict Google fake.
// Nothing of ours is replaced: only the clock is fixed, the Firestore root is private to the
// test, and the service account's own token comes from the fake (as the metadata server would).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Firestore } from '@google-cloud/firestore';
import { http, type HttpFunction } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { OAuth2Client } from 'google-auth-library';
import { IamJwtSigner } from '../../functions/src/adapters/google/delegation';
import { jsonLogger } from '../../functions/src/adapters/system/json-logger';
import type { Temporal } from 'temporal-polyfill';
import type { IntakeDeps } from '../../functions/src/app/intake-deps';
import { composeServices, pushVerifier, requireIntake, schedulerVerifier } from '../../functions/src/compose';
import { readConfig } from '../../functions/src/config';
import { apiRoutes, createApi } from '../../functions/src/http/api';
import { installFrameworkErrors } from '../../functions/src/http/request-errors';
import { createGmailPush } from '../../functions/src/http/gmail-push';
import { createReconcile, createRenewWatch, createSweep } from '../../functions/src/http/intake-jobs';
import type { OutboxDeps } from '../../functions/src/app/outbox-deps';
import type { Clock } from '../../functions/src/ports';
import { CHAIR, COORDINATOR, DOMAIN, NOW, UNIT_MAILBOX } from './bookings';
import { randomRoot, testFirestore } from './firestore';
import { expectNoLeaks } from './leak-scan';
import { startGoogleFake, type GoogleFake } from './google-fake';

export const SERVICE_ACCOUNT = 'conference-desk@council-project.iam.gserviceaccount.com';
export const ADDON_AUDIENCE = '123456789012-addon.apps.googleusercontent.com';
export const MANAGER = `manager@${DOMAIN}`;
export const OTHER_CHAIR = `chair.two@${DOMAIN}`;
export const DELEGATED_SCOPES = [
  'https://www.googleapis.com/auth/calendar.events.owned',
  'https://www.googleapis.com/auth/meetings.space.created',
  'https://www.googleapis.com/auth/gmail.modify',
  'https://www.googleapis.com/auth/gmail.compose',
];
/** Hackney's report request inbox (the hackney policy's reports.inbox). */
export const REPORT_INBOX = `childprotectioninvitereportrequest@${DOMAIN}`;
export const PUSH_TOPIC = 'projects/council-project/topics/report-inbox';
export const PUSH_AUDIENCE = 'https://europe-west2-council-project.cloudfunctions.net/gmailPush';
export const PUSH_SERVICE_ACCOUNT = 'gmail-push@council-project.iam.gserviceaccount.com';
export const SCHEDULER_AUDIENCE = 'https://europe-west2-council-project.cloudfunctions.net/scheduled';
export const SCHEDULER_SERVICE_ACCOUNT = 'scheduler@council-project.iam.gserviceaccount.com';

/** A clock the test moves. */
export interface TestClock extends Clock {
  set(instant: Temporal.Instant): void;
}

export function testClock(start: Temporal.Instant = NOW): TestClock {
  let now = start;
  return {
    now: () => now,
    set: (instant) => {
      now = instant;
    },
  };
}

export interface Api {
  readonly url: string;
  readonly fake: GoogleFake;
  readonly db: Firestore;
  readonly root: string;
  /** Every log line the service wrote, parsed. */
  readonly logs: Record<string, unknown>[];
  readonly rawLogs: string[];
  /** The api's route table, as createApi builds it from these deps. */
  readonly routes: readonly { readonly method: string; readonly template: string }[];
  token(
    email: string,
    claims?: {
      aud?: string;
      hd?: string;
      email_verified?: boolean;
      exp?: number;
      iat?: number;
      iss?: string;
    },
  ): string;
  call(
    method: string,
    path: string,
    options?: { as?: string; token?: string | null; body?: unknown },
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Pub/Sub's push of a Gmail notification to gmailPush, with its OIDC token unless given one. */
  push(
    notification: { historyId: string | number; emailAddress?: string } | { raw: unknown },
    options?: { token?: string | null },
  ): Promise<{ status: number; text: string }>;
  /** Cloud Scheduler's call of reconcile or renewWatch, with its OIDC token unless given one. */
  runJob(
    job: 'reconcile' | 'renewWatch' | 'sweep',
    options?: { token?: string | null },
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  /** The intake dependencies the functions use, for tests that drive a use case directly. */
  readonly intake: IntakeDeps;
  /** The outbox dependencies the functions use. */
  readonly outbox: OutboxDeps;
  /** The environment the functions were configured from, for a test that starts another process. */
  readonly env: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

export interface ApiOptions {
  readonly env?: Record<string, string>;
  /** Sign delegation JWTs with a key file (local runs) instead of IAM signJwt. */
  readonly keyFile?: boolean;
  /**
   * Sign exactly as in production: the composition root's own GoogleAuth finds the function's
   * identity on the (fake's) metadata server and calls signJwt with it. Changes process.env
   * until stop().
   */
  readonly productionSigning?: boolean;
  /** What the Workspace admin granted the service account; all it needs by default. */
  readonly delegatedScopes?: string[];
  readonly clock?: Clock;
}

export async function startApi(options: ApiOptions = {}): Promise<Api> {
  const fake = await startGoogleFake({
    domain: DOMAIN,
    users: [UNIT_MAILBOX, CHAIR, OTHER_CHAIR, COORDINATOR, MANAGER, REPORT_INBOX],
    serviceAccount: { email: SERVICE_ACCOUNT, delegatedScopes: options.delegatedScopes ?? DELEGATED_SCOPES },
  });
  const db = testFirestore();
  const root = randomRoot();
  const rawLogs: string[] = [];
  const savedEnv = { ...process.env };
  if (options.productionSigning === true) {
    process.env.GCE_METADATA_HOST = fake.metadataHost;
    process.env.METADATA_SERVER_DETECTION = 'assume-present';
    // No application default credentials file may stand in for the metadata server.
    process.env.CLOUDSDK_CONFIG = mkdtempSync(join(tmpdir(), 'no-gcloud-'));
    delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
  }
  let keyFile: string | undefined;
  if (options.keyFile === true) {
    keyFile = join(mkdtempSync(join(tmpdir(), 'sa-key-')), 'key.json');
    writeFileSync(keyFile, JSON.stringify(fake.serviceAccountKeyFile()));
  }
  const env: Record<string, string> = {
    WORKSPACE_DOMAIN: DOMAIN,
    CALENDAR_OWNER: UNIT_MAILBOX,
    DELEGATION_SERVICE_ACCOUNT: SERVICE_ACCOUNT,
    ADDON_AUDIENCE,
    POLICY: 'hackney',
    FIRESTORE_ROOT: root,
    ROLE_GRANTS: JSON.stringify({
      coordinator: [COORDINATOR],
      chair: [CHAIR, OTHER_CHAIR],
      manager: [MANAGER],
    }),
    GOOGLE_API_ROOT_URL: fake.url,
    GOOGLE_TOKEN_URL: fake.tokenUrl,
    GOOGLE_IAM_URL: fake.url,
    GOOGLE_CERTS_URL: fake.certsUrl,
    GOOGLE_RETRY_ATTEMPTS: '3',
    GOOGLE_RETRY_BASE_MS: '2',
    GOOGLE_RETRY_MAX_MS: '10',
    MEET_PENDING_INTERVAL_MS: '5',
    GMAIL_PUSH_TOPIC: PUSH_TOPIC,
    GMAIL_PUSH_AUDIENCE: PUSH_AUDIENCE,
    GMAIL_PUSH_SERVICE_ACCOUNT: PUSH_SERVICE_ACCOUNT,
    SCHEDULER_AUDIENCE,
    SCHEDULER_SERVICE_ACCOUNT,
    ...(keyFile === undefined ? {} : { DELEGATION_KEY_FILE: keyFile }),
    ...options.env,
  };
  const config = readConfig(env);
  // What the metadata server would give the function: a token for the service account itself.
  const caller = new OAuth2Client();
  caller.setCredentials({
    access_token: fake.serviceAccountAccessToken(),
    expiry_date: Date.now() + 3_600_000,
  });
  const errorAnswers: string[] = [];
  const services = composeServices(config, {
    db,
    clock: options.clock ?? { now: () => NOW },
    logger: jsonLogger((line) => rawLogs.push(line)),
    ...(keyFile === undefined && options.productionSigning !== true
      ? { signer: new IamJwtSigner(SERVICE_ACCOUNT, caller, fake.url) }
      : {}),
  });
  const intake = requireIntake(services);
  // As index.ts does before the framework builds its server.
  installFrameworkErrors();
  const serve = async (name: string, handler: HttpFunction): Promise<{ server: Server; url: string }> => {
    const unique = `${name}-${randomUUID()}`;
    http(unique, handler);
    const server: Server = getTestServer(unique);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  };
  const scheduler = { verifier: schedulerVerifier(config), logger: services.logger };
  const servers = {
    api: await serve('api', createApi(services.api)),
    push: await serve(
      'gmailPush',
      createGmailPush({ verifier: pushVerifier(config), intake, logger: services.logger }),
    ),
    reconcile: await serve('reconcile', createReconcile(intake, scheduler)),
    renewWatch: await serve('renewWatch', createRenewWatch(intake, scheduler)),
    sweep: await serve('sweep', createSweep(services.outbox, scheduler)),
  };
  const { url } = servers.api;

  const token: Api['token'] = (email, claims = {}) =>
    fake.idToken({ email, aud: ADDON_AUDIENCE, hd: DOMAIN, email_verified: true, ...claims });

  return {
    url,
    fake,
    db,
    root,
    rawLogs,
    routes: apiRoutes(services.api).map(({ method, template }) => ({ method, template })),
    get logs() {
      return rawLogs.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    token,
    async call(method, path, { as = COORDINATOR, token: given, body } = {}) {
      const bearer = given === undefined ? token(as) : given;
      const response = await fetch(`${url}${path}`, {
        method,
        headers: {
          ...(bearer === null ? {} : { authorization: `Bearer ${bearer}` }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (response.status >= 400) errorAnswers.push(text);
      return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
    },
    intake,
    outbox: services.outbox,
    env,
    async push(notification, { token: given } = {}) {
      const bearer =
        given === undefined
          ? fake.idToken({ email: PUSH_SERVICE_ACCOUNT, aud: PUSH_AUDIENCE, email_verified: true })
          : given;
      const body =
        'raw' in notification
          ? notification.raw
          : {
              message: {
                data: Buffer.from(
                  JSON.stringify({
                    emailAddress: notification.emailAddress ?? REPORT_INBOX,
                    historyId: Number(notification.historyId),
                  }),
                ).toString('base64'),
                messageId: randomUUID(),
                publishTime: new Date().toISOString(),
              },
              subscription: 'projects/council-project/subscriptions/report-inbox-push',
            };
      const response = await fetch(servers.push.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(bearer === null ? {} : { authorization: `Bearer ${bearer}` }),
        },
        body: JSON.stringify(body),
      });
      return { status: response.status, text: await response.text() };
    },
    async runJob(job, { token: given } = {}) {
      const bearer =
        given === undefined
          ? fake.idToken({ email: SCHEDULER_SERVICE_ACCOUNT, aud: SCHEDULER_AUDIENCE, email_verified: true })
          : given;
      const response = await fetch(servers[job].url, {
        method: 'POST',
        headers: bearer === null ? {} : { authorization: `Bearer ${bearer}` },
      });
      const text = await response.text();
      return {
        status: response.status,
        body: (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>,
      };
    },
    async stop() {
      for (const { server } of Object.values(servers)) {
        await new Promise<void>((resolve) => {
          server.close(() => {
            resolve();
          });
        });
      }
      await db.terminate();
      await fake.stop();
      for (const key of [
        'GCE_METADATA_HOST',
        'METADATA_SERVER_DETECTION',
        'CLOUDSDK_CONFIG',
        'GOOGLE_APPLICATION_CREDENTIALS',
      ]) {
        const before = savedEnv[key];
        if (before === undefined) Reflect.deleteProperty(process.env, key);
        else process.env[key] = before;
      }
      // Whatever the suite did, nothing it made the service log or answer in refusal leaks.
      expectNoLeaks('api harness', [...rawLogs, ...errorAnswers]);
    },
  };
}
