// One Calendar, Meet or Gmail call, in the order Google's front end takes it: authentication, scopes,
// parameters, body, then the method; partial-response `fields` are checked before the method runs
// so a bad selection changes nothing.
import type { ApiModule } from './api';
import { authorize, presentedToken, type TokenStore } from './auth';
import { validateBody } from './body';
import { ApiError, notImplemented } from './errors';
import { fieldSelector } from './fields';
import type { Reply } from './http';
import { validateParams } from './params';
import type { Route } from './routes';

export interface ApiRequest {
  route: Route;
  pathParams: Record<string, string>;
  authorization: string | undefined;
  query: Record<string, string[]>;
  rawBody: string;
  /** Set as soon as the caller is known, so refused requests still record who sent them. */
  onSubject(subject: string): void;
}

function parseError(api: ApiModule, raw: string): ApiError {
  const message =
    api.style === 'legacy'
      ? 'Parse Error'
      : `Invalid JSON payload received. Unexpected token.\n${raw.slice(0, 40)}\n^`;
  return new ApiError({ code: 400, status: 'INVALID_ARGUMENT', message, reason: 'parseError' });
}

function parseBody(api: ApiModule, raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw parseError(api, raw);
  }
}

export function callApi(api: ApiModule, tokens: TokenStore, req: ApiRequest): Reply {
  const { route } = req;
  const token = authorize(tokens, presentedToken(req.authorization, req.query), route, api.service);
  req.onSubject(token.subject);
  const params = validateParams({
    doc: api.doc,
    route,
    style: api.style,
    query: req.query,
    pathParams: req.pathParams,
  });
  const alt = params.string('alt');
  if (alt !== undefined && alt !== 'json') throw notImplemented(`alt=${alt}`);
  let body: Record<string, unknown> | undefined;
  if (route.spec.request !== undefined) {
    const ctx = {
      doc: api.doc,
      style: api.style,
      methodId: route.spec.id,
      ...(api.requiredMessage ? { requiredMessage: api.requiredMessage } : {}),
      ...(api.requiredReason === undefined ? {} : { requiredReason: api.requiredReason }),
    };
    body = validateBody(ctx, route.spec.request.$ref, parseBody(api, req.rawBody), api.bodyRootName(route));
  }
  const fields = params.string('fields');
  const select = fields === undefined ? undefined : fieldSelector(api.doc, route.spec.response?.$ref, fields);
  const handler = api.handlers[`${route.resource}.${route.method}`];
  if (handler === undefined) throw notImplemented(route.operation);
  const reply = handler({ token, params, body, route });
  return select === undefined || reply.body === undefined ? reply : { ...reply, body: select(reply.body) };
}
