// The Cloud Functions entry points: `api` serves the add-on; `gmailPush` takes Pub/Sub's pushes
// of the request inbox's changes; `reconcile` and `sweep` (every few minutes) and `renewWatch`
// (daily) are run by Cloud Scheduler. Dependencies are built on the first request rather than at import, so
// a configuration mistake answers 500 with a logged reason instead of a crash loop at every start.
import { http, type HttpFunction, type Request, type Response } from '@google-cloud/functions-framework';
import { jsonLogger } from './adapters/system/json-logger';
import { composeServices, pushVerifier, requireIntake, schedulerVerifier, type Services } from './compose';
import { readConfig } from './config';
import { createApi } from './http/api';
import { installFrameworkErrors } from './http/request-errors';
import { createGmailPush } from './http/gmail-push';
import { createReconcile, createRenewWatch, createSweep } from './http/intake-jobs';

type Handler = (req: Request, res: Response) => Promise<void>;

// Before the framework builds its server (it loads this module first): a body it cannot parse
// is answered with our JSON error, and its stack and contents are never logged.
installFrameworkErrors();

let services: Services | undefined;

function lazily(name: string, build: (s: Services) => Handler): HttpFunction {
  let handler: Handler | undefined;
  return async (req, res) => {
    if (handler === undefined) {
      try {
        services ??= composeServices(readConfig(process.env));
        handler = build(services);
      } catch (error) {
        jsonLogger().error('config.invalid', {
          function: name,
          message: error instanceof Error ? error.message : 'unknown',
        });
        res.status(500).json({
          error: {
            code: 'CONFIG.INVALID',
            message: 'Conference Desk is not configured; tell IT',
            fields: [],
          },
        });
        return;
      }
    }
    await handler(req, res);
  };
}

http(
  'api',
  lazily('api', (s) => createApi(s.api)),
);

http(
  'gmailPush',
  lazily('gmailPush', (s) =>
    createGmailPush({ verifier: pushVerifier(s.config), intake: requireIntake(s), logger: s.logger }),
  ),
);

http(
  'reconcile',
  lazily('reconcile', (s) =>
    createReconcile(requireIntake(s), { verifier: schedulerVerifier(s.config), logger: s.logger }),
  ),
);

http(
  'renewWatch',
  lazily('renewWatch', (s) =>
    createRenewWatch(requireIntake(s), { verifier: schedulerVerifier(s.config), logger: s.logger }),
  ),
);

http(
  'sweep',
  lazily('sweep', (s) => createSweep(s.outbox, { verifier: schedulerVerifier(s.config), logger: s.logger })),
);
