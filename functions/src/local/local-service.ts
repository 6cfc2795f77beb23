// The whole service in one process, as `npm start` runs it: the api, the sweep on a timer, the
// request inbox's embedded SMTP server with intake told of each message, and (in development
// sign-in only) the api's /dev routes for the demo: move the clock, run the sweep or a sync now.
// Everything is built by the same composition root as the Cloud Functions.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { Firestore } from '@google-cloud/firestore';
import type { Request as FunctionsRequest } from '@google-cloud/functions-framework';
import express, { type NextFunction, type Request, type Response } from 'express';
import { startEmbeddedSmtp, type EmbeddedSmtp } from '../adapters/smtp/embedded-smtp-server';
import { jsonLogger } from '../adapters/system/json-logger';
import { sweepOutbox, type SweepResult } from '../app/sweep-outbox';
import { syncMailbox, type SyncResult } from '../app/sync-mailbox';
import { finishFollowUps } from '../app/watch-mailbox';
import { composeServices, type Services } from '../compose';
import { ConfigError, readConfig, type Config } from '../config';
import { apiRoutes, createApi, MAX_BODY_BYTES } from '../http/api';
import { createOrReadDevelopmentSecret } from '../http/dev-secret';
import { finalHandler } from '../http/request-errors';
import type { Logger } from '../ports';
import { AdjustableClock } from './adjustable-clock';
import { oneAtATime } from './one-at-a-time';
import { EMULATOR_PROJECT_ID, freePort } from './firestore-emulator';
import { LOCAL_STAFF } from './local-env';
import type { ServiceFile } from './service-file';

export interface LocalServiceOptions {
  /** The environment, already filled with the local defaults (localEnv). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** host:port of the Firestore emulator. */
  readonly firestoreHost: string;
  readonly httpHost: string;
  /** 0 for any free port. */
  readonly httpPort: number;
  /** How often the sweep runs by itself; 0 for never (the demo and tests run it on request). */
  readonly sweepEverySeconds: number;
  /** How often intake re-reads the inbox in case a notification was missed; 0 for never. */
  readonly reconcileEverySeconds: number;
  readonly logger?: Logger;
}

export interface LocalService {
  readonly url: string;
  readonly apiUrl: string;
  readonly smtp: { readonly host: string; readonly port: number };
  readonly config: Config;
  readonly services: Services;
  readonly clock: AdjustableClock;
  /** The api's route table (under /api), development's routes included when they are mounted. */
  readonly routes: readonly { readonly method: string; readonly template: string }[];
  /** What `npm run demo` needs to find this service and sign in to it. */
  describe(extra: { readonly logFile: string; readonly firestore: string }): ServiceFile;
  stop(): Promise<void>;
}

export async function startLocalService(options: LocalServiceOptions): Promise<LocalService> {
  const env: Record<string, string | undefined> = { ...options.env };
  // Any free port for the embedded server; the service sends through it when it is the relay.
  if (env.INBOX_SMTP_PORT === '0') {
    const port = String(await freePort());
    env.INBOX_SMTP_PORT = port;
    if (env.SMTP_HOST === env.INBOX_SMTP_HOST) env.SMTP_PORT = port;
  }
  const config = readConfig(env);
  if (config.ADAPTERS !== 'smtp') {
    throw new ConfigError('ADAPTERS: npm start runs the smtp adapters; deploy to Google Cloud for google');
  }
  // The one place the development secret is made, before anything starts that would need stopping.
  if (config.AUTH_MODE === 'development') createOrReadDevelopmentSecret(config.DEV_AUTH_SECRET_FILE);
  const logger = options.logger ?? jsonLogger();
  const clock = new AdjustableClock();
  // The client reaches the emulator through FIRESTORE_EMULATOR_HOST (and never a real project);
  // without a metadata server to find, Google's auth library need not look for one.
  process.env.FIRESTORE_EMULATOR_HOST = options.firestoreHost;
  process.env.METADATA_SERVER_DETECTION ??= 'none';
  const db = new Firestore({ projectId: env.GCLOUD_PROJECT ?? EMULATOR_PROJECT_ID });
  const services = composeServices(config, { db, clock, logger });
  const { adapters, intake } = services;
  if (adapters.kind !== 'smtp') throw new ConfigError('ADAPTERS: expected the smtp adapters');

  // The inbox read now, then what is outstanding and due: failed labels or acknowledgements, and
  // acknowledgements whose hour has come. The embedded server needs no watch, so unlike the
  // Cloud reconcile there is no watch to check.
  const sync = oneAtATime(async (): Promise<(SyncResult & { followUps: number }) | null> => {
    if (intake === undefined) return null;
    // Another sync holding the inbox has been told to look again; wait for it to let go.
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const result = await syncMailbox(intake, null);
      if (result.status !== 'busy') return { ...result, followUps: await finishFollowUps(intake) };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return null;
  });
  const sweep = oneAtATime((): Promise<SweepResult> => sweepOutbox(services.outbox));
  const quietly = (what: string, run: () => Promise<unknown>): void => {
    run().catch((error: unknown) => {
      logger.error(`local.${what}_failed`, { error: error instanceof Error ? error.name : 'unknown' });
    });
  };

  const smtp: EmbeddedSmtp = await startEmbeddedSmtp({
    host: config.INBOX_SMTP_HOST,
    port: config.INBOX_SMTP_PORT,
    authservId: config.INTAKE_AUTHSERV_ID,
    authentication:
      config.AUTH_MODE === 'development'
        ? { kind: 'development' }
        : {
            kind: 'relay',
            user: config.INBOX_RELAY_USER ?? '',
            password: config.INBOX_RELAY_PASSWORD ?? '',
          },
    maxBytes: config.INTAKE_MAX_MESSAGE_BYTES,
    mailbox: adapters.mailbox,
    mailDir: adapters.mailDir,
    calendarOwner: config.CALENDAR_OWNER,
    recordReply: (reply) => adapters.invitations.recordReply(reply),
    onInboxMessage: () => {
      quietly('sync', sync);
    },
    clock,
    logger,
  });

  // The api with, on development sign-in only, its /dev routes: this machine's clock, sweep and sync.
  const apiDeps =
    config.AUTH_MODE === 'development'
      ? { ...services.api, development: { clock, sweep, sync, logger } }
      : services.api;
  const api = createApi(apiDeps);
  const final = finalHandler(logger);
  const app = express();
  app.disable('x-powered-by');
  app.use(
    express.json({
      limit: MAX_BODY_BYTES * 4,
      verify: (req, _res, buffer) => {
        (req as unknown as FunctionsRequest).rawBody = buffer;
      },
    }),
  );
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.use('/api', (req, res) => {
    void api(req as FunctionsRequest, res);
  });
  app.use((req: Request, res: Response) => {
    final(undefined, req, res);
  });
  // Four parameters make it Express's error handler: a malformed or oversize body ends here.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    final(error, req, res);
  });

  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(options.httpPort, options.httpHost, (error?: Error) => {
      if (error === undefined) resolve(listening);
      else reject(error);
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.httpHost}:${port}`;

  const timers = [
    options.sweepEverySeconds > 0
      ? setInterval(() => {
          quietly('sweep', sweep);
        }, options.sweepEverySeconds * 1000)
      : undefined,
    options.reconcileEverySeconds > 0
      ? setInterval(() => {
          quietly('sync', sync);
        }, options.reconcileEverySeconds * 1000)
      : undefined,
  ];
  // Mail that arrived while the service was down is taken in now.
  quietly('sync', sync);

  let stopped: Promise<void> | undefined;
  return {
    url,
    apiUrl: `${url}/api`,
    smtp: { host: smtp.host, port: smtp.port },
    config,
    services,
    clock,
    routes: apiRoutes(apiDeps).map(({ method, template }) => ({ method, template })),
    describe: (extra) => ({
      pid: process.pid,
      url,
      apiUrl: `${url}/api`,
      smtp: { host: smtp.host, port: smtp.port },
      mailDir: adapters.mailDir.root,
      secretFile: resolve(config.DEV_AUTH_SECRET_FILE),
      logFile: extra.logFile,
      inbox: intake?.mailbox.address ?? null,
      calendarOwner: config.CALENDAR_OWNER,
      domain: config.WORKSPACE_DOMAIN,
      policy: config.POLICY,
      staff: LOCAL_STAFF,
      firestore: extra.firestore,
    }),
    stop: () => {
      stopped ??= (async () => {
        for (const timer of timers) if (timer !== undefined) clearInterval(timer);
        await new Promise<void>((resolve) => {
          server.close(() => {
            resolve();
          });
          server.closeAllConnections();
        });
        // Let a sweep or sync in flight finish writing before the mail and Firestore go.
        await Promise.all([sweep.idle(), sync.idle()]);
        adapters.close();
        await smtp.close();
        await db.terminate();
      })();
      return stopped;
    },
  };
}
