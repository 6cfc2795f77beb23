// One entry of the API's route table, and the helpers every area's routes share: a route is a
// method, a path template (":name" for a parameter) and a handler given the verified caller.
import type { Request } from '@google-cloud/functions-framework';
import type { Actor } from '../app/actor';
import { AppError, ValidationError } from '../domain/errors';

export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

export type Handler = (actor: Actor, params: Record<string, string>, req: Request) => Promise<Answer>;

export interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly template: string;
  readonly handler: Handler;
}

export function route(method: string, template: string, handler: Handler): Route {
  return {
    method,
    template,
    pattern: new RegExp(`^${template.replace(/:(\w+)/g, '(?<$1>[^/]+)')}/?$`),
    handler,
  };
}

export function ok(body: unknown, status = 200): Answer {
  return { status, body };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The request's JSON body; 415 for another media type, 400 for bytes that are not UTF-8. */
export function jsonBody(req: Request): unknown {
  if (!req.is('application/json')) {
    throw new AppError(
      'REQUEST.UNSUPPORTED_MEDIA_TYPE',
      'The request body must be JSON in UTF-8 (Content-Type: application/json)',
      415,
    );
  }
  // body-parser decodes bad bytes as U+FFFD and carries on: a name would be stored mangled.
  try {
    UTF8.decode(req.rawBody ?? new Uint8Array());
  } catch {
    throw new ValidationError(
      'REQUEST.NOT_UTF8',
      [{ field: '(body)', message: 'must be encoded as UTF-8' }],
      'The request cannot be read',
    );
  }
  return req.body as unknown;
}

/** The query string as Express parsed it (a repeated name gives a list, which the schemas refuse). */
export function queryOf(req: Request): Record<string, unknown> {
  return req.query;
}
