// reconcile and renewWatch: run by Cloud Scheduler with an OIDC token for its service account.
// The answer is a summary of counts (no personal data) that Scheduler keeps in its logs.
import type { Request, Response } from '@google-cloud/functions-framework';
import { AppError } from '../domain/errors';
import type { Logger } from '../ports';
import { admitServiceCall, type ServiceTokenVerifier } from './service-token';

export function createScheduledJob(
  name: string,
  deps: { readonly verifier: ServiceTokenVerifier; readonly logger: Logger },
  run: () => Promise<Record<string, unknown>>,
): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    const started = performance.now();
    let status = 200;
    res.set('Cache-Control', 'no-store');
    try {
      if (req.method !== 'POST') {
        status = 405;
        res.set('Allow', 'POST').status(405).end();
        return;
      }
      if (!(await admitServiceCall(req, res, deps, name, 'Not a call from this service’s scheduler'))) {
        status = 401;
        return;
      }
      try {
        res.status(200).json(await run());
      } catch (error) {
        status = error instanceof AppError ? error.status : 500;
        deps.logger.error(`${name}.failed`, {
          code: error instanceof AppError ? error.code : null,
          error: error instanceof Error ? error.name : 'unknown',
        });
        res.status(status).json({
          error: {
            code: error instanceof AppError ? error.code : 'INTERNAL',
            message:
              error instanceof AppError
                ? error.message
                : 'Something went wrong; tell IT the time it happened',
          },
        });
      }
    } finally {
      deps.logger.info(name, { status, ms: Math.round(performance.now() - started) });
    }
  };
}
