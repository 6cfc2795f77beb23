// The JSON API the add-on calls (one functions-framework function, `api`). Every request is
// authenticated by its Google ID token and authorised by role in the use case it reaches.
// Errors are {error: {code, message, fields}}; logs name the route, never a person. The routes
// themselves are listed by area in ./routes.
import type { Request, Response } from '@google-cloud/functions-framework';
import type { Role } from '../app/actor';
import { ConfigError } from '../config';
import {
  FIRST_SUPPORTED_YEAR,
  LAST_SUPPORTED_YEAR,
  UnsupportedDateError,
} from '../domain/calendar/working-days';
import { AppError, NotFoundError, ValidationError } from '../domain/errors';
import type { ApiDeps } from './api-deps';
import type { Answer, Route } from './route';
import { conferenceRoutes } from './routes/conference-routes';
import { deskRoutes } from './routes/desk-routes';
import { devRoutes } from './routes/dev-routes';
import { outboxRoutes } from './routes/outbox-routes';
import { reportRoutes } from './routes/report-routes';

export type { ApiDeps, TokenVerifier } from './api-deps';

/** Bookings are a few kilobytes; anything near this is a mistake or an attack. */
export const MAX_BODY_BYTES = 256 * 1024;

/** Every route the api answers, for these deps: the table the api and its tests are built from. */
export function apiRoutes(deps: ApiDeps): Route[] {
  if (deps.development !== undefined && deps.authMode !== 'development') {
    // A moved clock or a sweep on demand must never be reachable where real data lives.
    throw new ConfigError('The development routes can only be mounted with AUTH_MODE=development');
  }
  // Order matters only where two templates match one path with one method; none do.
  return [
    ...deskRoutes(deps),
    ...conferenceRoutes(deps),
    ...outboxRoutes(deps),
    ...reportRoutes(deps),
    ...(deps.development === undefined ? [] : devRoutes(deps.development)),
  ];
}

function errorBody(error: AppError): unknown {
  const fields = error instanceof ValidationError ? error.problems : [];
  return { error: { code: error.code, message: error.message, fields } };
}

function send(res: Response, answer: Answer): void {
  // Conferences are about children at risk: nothing may sit in a shared cache.
  res.set('Cache-Control', 'no-store');
  res.set('X-Content-Type-Options', 'nosniff');
  res.status(answer.status).json(answer.body);
}

export function createApi(deps: ApiDeps): (req: Request, res: Response) => Promise<void> {
  const table = apiRoutes(deps);
  return async (req, res) => {
    const started = performance.now();
    const path = req.path;
    const matches = table.filter((r) => r.pattern.test(path));
    const route = matches.find((r) => r.method === req.method);
    let template = route?.template ?? '(unknown)';
    let status = 500;
    try {
      if (route === undefined) {
        if (matches.length > 0) {
          res.set('Allow', matches.map((r) => r.method).join(', '));
          throw new AppError('REQUEST.METHOD_NOT_ALLOWED', `${req.method} is not supported here`, 405);
        }
        throw new NotFoundError('REQUEST.NO_ROUTE', 'There is nothing at this address');
      }
      template = route.template;
      if ((req.rawBody?.length ?? 0) > MAX_BODY_BYTES) {
        throw new AppError(
          'REQUEST.TOO_LARGE',
          `The request is larger than ${MAX_BODY_BYTES / 1024} KB`,
          413,
        );
      }
      const caller = await deps.verifier.verify(req.get('authorization'));
      const email = caller.email;
      const roles: Role[] = caller.roles === undefined ? await deps.roles.rolesOf(email) : [...caller.roles];
      const params = (route.pattern.exec(path)?.groups ?? {}) as Record<string, string>;
      const answer = await route.handler({ email, roles }, params, req);
      status = answer.status;
      send(res, answer);
    } catch (error) {
      if (error instanceof AppError) {
        status = error.status;
        const reason = 'reason' in error && typeof error.reason === 'string' ? error.reason : null;
        if (status === 401 || status === 403) {
          deps.logger.warn('auth.refused', {
            method: req.method,
            route: template,
            status,
            code: error.code,
            reason,
          });
        } else if (status >= 500) {
          deps.logger.error('request.failed', {
            method: req.method,
            route: template,
            status,
            code: error.code,
          });
        }
        send(res, { status, body: errorBody(error) });
      } else if (error instanceof UnsupportedDateError) {
        // A date worked out from valid ones (a review months after a start late in 2099).
        status = 400;
        send(res, {
          status,
          body: {
            error: {
              code: 'DATE.OUT_OF_RANGE',
              message: `A date this works out falls outside the years ${FIRST_SUPPORTED_YEAR} to ${LAST_SUPPORTED_YEAR} that the calendar knows; check the dates`,
              fields: [],
            },
          },
        });
      } else {
        // Not ours: its message could hold anything, so it is neither logged nor shown.
        deps.logger.error('request.crashed', {
          method: req.method,
          route: template,
          error: error instanceof Error ? error.name : typeof error,
        });
        send(res, {
          status: 500,
          body: {
            error: {
              code: 'INTERNAL',
              message: 'Something went wrong in Conference Desk; tell IT the time it happened',
              fields: [],
            },
          },
        });
      }
    } finally {
      deps.logger.info('request', {
        method: req.method,
        route: template,
        status,
        ms: Math.round(performance.now() - started),
      });
    }
  };
}
