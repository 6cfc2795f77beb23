// The one answer for a request that fails before or outside our routes, on every server the
// project starts: functions-framework's (Cloud Functions and the tests), `npm start`'s Express.
// Both parse bodies with body-parser before any handler of ours runs, and Express's default
// final handler answers a malformed body with an HTML page holding the stack (absolute paths)
// and prints the error, with the raw body attached, to the terminal: a family member's name in a
// broken body would end up in the log. Here the answer is the documented JSON error, and the log
// line names the method, the status and the code, never the error's message, stack or body.
import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { jsonLogger } from '../adapters/system/json-logger';
import type { Logger } from '../ports';

export interface RequestError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

/** What a body-parser (or other middleware) error means to the caller, in our words. */
export function requestErrorOf(error: unknown): RequestError {
  const type = typeof error === 'object' && error !== null && 'type' in error ? error.type : undefined;
  switch (type) {
    case 'entity.parse.failed':
      return {
        status: 400,
        code: 'REQUEST.MALFORMED_JSON',
        message: 'The request body is not a JSON object or list; nothing was changed',
      };
    case 'entity.too.large':
      return {
        status: 413,
        code: 'REQUEST.TOO_LARGE',
        message: 'The request is too large; nothing was changed',
      };
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return {
        status: 415,
        code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
        message: 'The request body must be JSON in UTF-8 (Content-Type: application/json), not compressed',
      };
    case 'request.aborted':
    case 'request.size.invalid':
    case 'entity.verify.failed':
      return {
        status: 400,
        code: 'REQUEST.UNREADABLE',
        message: 'The request body could not be read; send it again',
      };
    default:
      return {
        status: 500,
        code: 'INTERNAL',
        message: 'Something went wrong in Conference Desk; tell IT the time it happened',
      };
  }
}

export function sendRequestError(res: ServerResponse, problem: RequestError, allow?: string): void {
  if (res.headersSent) {
    // Half an answer is already out: cutting it off is the only honest ending.
    res.destroy();
    return;
  }
  res.statusCode = problem.status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (allow !== undefined) res.setHeader('Allow', allow);
  res.end(JSON.stringify({ error: { code: problem.code, message: problem.message, fields: [] } }));
}

export const NO_ROUTE: RequestError = {
  status: 404,
  code: 'REQUEST.NO_ROUTE',
  message: 'There is nothing at this address',
};

/**
 * Express's final handler, replaced: `error` is what a middleware passed on (undefined when no
 * route answered).
 */
export function finalHandler(
  logger: Logger,
): (error: unknown, req: IncomingMessage, res: ServerResponse) => void {
  return (error, req, res) => {
    const problem = error === undefined ? NO_ROUTE : requestErrorOf(error);
    if (error !== undefined) {
      const fields = { method: req.method ?? '', status: problem.status, code: problem.code };
      if (problem.status >= 500) logger.error('request.refused', fields);
      else logger.warn('request.refused', fields);
    }
    sendRequestError(res, problem);
  };
}

type Handle = (this: unknown, req: IncomingMessage, res: ServerResponse, callback?: unknown) => unknown;

let installed = false;

/**
 * Puts `finalHandler` in place of Express's own for every app functions-framework makes from now
 * on. The framework gives no hook for errors raised before the function is called (its issue
 * #686, open), so this wraps Express's `app.handle`, which each new app copies from
 * `express.application`; it is the Express the framework itself loads. Call it before the
 * framework builds its server: index.ts does at import, which the framework does first.
 */
export function installFrameworkErrors(logger: Logger = jsonLogger()): void {
  if (installed) return;
  const fromFramework = createRequire(require.resolve('@google-cloud/functions-framework'));
  const express = fromFramework('express') as { application: { handle: Handle } };
  const original = express.application.handle;
  const final = finalHandler(logger);
  express.application.handle = function handle(req, res, callback) {
    const done =
      callback ??
      ((error: unknown): void => {
        final(error, req, res);
      });
    return original.call(this, req, res, done);
  };
  installed = true;
}
