// The JSON API the add-on calls (one functions-framework function, `api`). Every request is
// authenticated by its Google ID token and authorised by role in the use case it reaches.
// Errors are {error: {code, message, fields}}; logs name the route, never a person.
import type { Request, Response } from '@google-cloud/functions-framework';
import type { Role } from '../app/actor';
import { bookConference } from '../app/book-conference';
import type { BookingDeps } from '../app/booking-deps';
import { cancelConference } from '../app/cancel-conference';
import { changeConference, findByReference } from '../app/change-conference';
import { getConference, getConferenceByEvent, listConferences } from '../app/read-conferences';
import { requireRole, type Actor } from '../app/actor';
import { AppError, NotFoundError, ValidationError } from '../domain/errors';
import type { Logger, ReportStore } from '../ports';
import type { IntakeDeps } from '../app/intake-deps';
import type { OutboxDeps } from '../app/outbox-deps';
import { markRecordSent, outcomeAnswer, recordOutcome } from '../app/record-outcome';
import { sweepOutbox } from '../app/sweep-outbox';
import { outboxEntryToJson, outcomeAnswerToJson, outcomeRecordToJson } from './outcome-json';
import { dismissHeld, fileHeld, listHeld } from '../app/held-reports';
import { reportStatus } from '../domain/intake/report-status';
import { reportStatusToJson, reportToJson } from './report-json';
import { auditToJson, conferenceToJson } from './conference-json';
import type { RoleDirectory } from './roles';

/** Bookings are a few kilobytes; anything near this is a mistake or an attack. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface TokenVerifier {
  /** The caller's verified address; throws AppError (401/403) with a `reason`. */
  verify(authorization: string | undefined): Promise<string>;
}

export interface ApiDeps {
  readonly booking: BookingDeps;
  readonly reports: ReportStore;
  /** Absent when the council has not set up its request inbox (policy reports.inbox). */
  readonly intake: IntakeDeps | undefined;
  readonly outbox: OutboxDeps;
  readonly verifier: TokenVerifier;
  readonly roles: RoleDirectory;
  readonly logger: Logger;
}

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

type Handler = (actor: Actor, params: Record<string, string>, req: Request) => Promise<Answer>;

interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly template: string;
  readonly handler: Handler;
}

function jsonBody(req: Request): unknown {
  if (!req.is('application/json')) {
    throw new ValidationError(
      'REQUEST.NOT_JSON',
      [{ field: '(body)', message: 'must be JSON (Content-Type: application/json)' }],
      'The request cannot be read',
    );
  }
  return req.body as unknown;
}

function routes(deps: ApiDeps): Route[] {
  const { booking } = deps;
  const intake = (): IntakeDeps => {
    if (deps.intake === undefined) {
      throw new AppError(
        'INTAKE.NOT_SET_UP',
        'Report intake is not set up: the council policy has no report request inbox (reports.inbox). Ask IT to set it.',
        503,
      );
    }
    return deps.intake;
  };
  const ok = (body: unknown, status = 200): Answer => ({ status, body });
  const route = (method: string, template: string, handler: Handler): Route => ({
    method,
    template,
    pattern: new RegExp(`^${template.replace(/:(\w+)/g, '(?<$1>[^/]+)')}/?$`),
    handler,
  });
  return [
    route('POST', '/conferences', async (actor, _p, req) => {
      const { conference, created } = await bookConference(booking, actor, jsonBody(req));
      return ok(conferenceToJson(conference), created ? 201 : 200);
    }),
    route('GET', '/conferences', async (actor, _p, req) =>
      ok({ conferences: (await listConferences(booking, actor, req.query)).map(conferenceToJson) }),
    ),
    route('GET', '/conferences/by-event/:eventId', async (actor, p) =>
      ok(conferenceToJson(await getConferenceByEvent(booking, actor, p.eventId ?? ''))),
    ),
    route('GET', '/conferences/:ref', async (actor, p) => {
      const conference = await getConference(booking, actor, p.ref ?? '');
      const filed = await deps.reports.filedFor(conference.id);
      return ok({
        ...conferenceToJson(conference),
        reports: reportStatusToJson(reportStatus(conference, filed, booking.settings.policy)),
      });
    }),
    route('GET', '/unmatched', async (actor) =>
      ok({ held: (await listHeld(intake(), actor)).map(reportToJson) }),
    ),
    route('POST', '/unmatched/:messageId/file', async (actor, p, req) =>
      ok(reportToJson(await fileHeld(intake(), actor, p.messageId ?? '', jsonBody(req)))),
    ),
    route('POST', '/unmatched/:messageId/dismiss', async (actor, p, req) =>
      ok(reportToJson(await dismissHeld(intake(), actor, p.messageId ?? '', jsonBody(req)))),
    ),
    route('POST', '/conferences/:ref/outcome', async (actor, p, req) => {
      const answer = await recordOutcome({ booking, outbox: deps.outbox }, actor, p.ref ?? '', jsonBody(req));
      return ok(outcomeAnswerToJson(answer), 201);
    }),
    route('GET', '/conferences/:ref/outcome', async (actor, p) => {
      requireRole(actor, ['coordinator', 'chair', 'manager'], 'see the outcome');
      const conference = await findByReference(booking, p.ref ?? '');
      const outcome = await deps.outbox.outcomes.get(conference.id);
      if (outcome === undefined) {
        throw new NotFoundError(
          'OUTCOME.NOT_RECORDED',
          `No outcome is recorded for ${conference.reference} yet`,
        );
      }
      return ok(
        outcomeAnswerToJson(await outcomeAnswer({ booking, outbox: deps.outbox }, conference, outcome)),
      );
    }),
    route('POST', '/conferences/:ref/outcome/record-sent', async (actor, p) =>
      ok(outcomeRecordToJson(await markRecordSent({ booking, outbox: deps.outbox }, actor, p.ref ?? ''))),
    ),
    route('GET', '/conferences/:ref/outbox', async (actor, p) => {
      requireRole(actor, ['coordinator', 'chair', 'manager'], 'see the messages of a conference');
      const conference = await findByReference(booking, p.ref ?? '');
      const entries = await deps.outbox.outbox.forConference(conference.id);
      return ok({ reference: conference.reference, messages: entries.map(outboxEntryToJson) });
    }),
    route('POST', '/sweep', async (actor) => {
      // Cloud Scheduler calls the sweep function; this is for local runs and for a coordinator
      // who wants due messages out now.
      requireRole(actor, ['coordinator', 'manager'], 'send the messages that are due');
      return ok(await sweepOutbox(deps.outbox));
    }),
    route('GET', '/conferences/:ref/audit', async (actor, p) => {
      requireRole(actor, ['coordinator', 'manager'], 'see the audit trail');
      const conference = await findByReference(booking, p.ref ?? '');
      return ok({
        reference: conference.reference,
        audit: auditToJson(await booking.store.audit(conference.id)),
      });
    }),
    route('PATCH', '/conferences/:ref', async (actor, p, req) =>
      ok(conferenceToJson(await changeConference(booking, actor, p.ref ?? '', jsonBody(req)))),
    ),
    route('DELETE', '/conferences/:ref', async (actor, p, req) =>
      ok(conferenceToJson(await cancelConference(booking, actor, p.ref ?? '', jsonBody(req)))),
    ),
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
  const table = routes(deps);
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
      const email = await deps.verifier.verify(req.get('authorization'));
      const roles: Role[] = await deps.roles.rolesOf(email);
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
