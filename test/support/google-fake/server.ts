// The HTTP front door: records every request, finds what it is for (token endpoint, certs,
// signJwt, or a Calendar/Meet/Gmail method from the discovery routes), applies injected faults, and
// renders errors in the style of the API that was called. A hang fault leaves its response unwritten;
// the connection stays open until the client drops it or stop() destroys it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiModule } from './api';
import { callApi } from './api-call';
import { presentedToken, type TokenStore } from './auth';
import { ApiError, type ErrorStyle, renderError, unknownUrl } from './errors';
import { type ActiveFault, faultError, type FaultQueue } from './faults';
import { readBody, recordableBody, type Reply, sleep, writeReply } from './http';
import { type IamContext, SIGN_JWT_PATH, signJwt } from './iam';
import { METADATA_ROOT_PATH, METADATA_TOKEN_PATH, metadataReply, type MetadataContext } from './metadata';
import type { GoogleIdentity } from './id-tokens';
import { queryValues } from './params';
import { matchRoute, type RouteMatch } from './routes';
import { exchangeToken, type TokenEndpointContext, tokenRequestFields } from './token-endpoint';
import type { RecordedRequest } from './types';

export interface ServerDeps {
  metadata: MetadataContext;
  apis: readonly ApiModule[];
  tokens: TokenStore;
  faults: FaultQueue;
  requests: RecordedRequest[];
  iam: IamContext;
  tokenEndpoint: TokenEndpointContext;
  identity: GoogleIdentity;
}

type Target =
  | { kind: 'api'; api: ApiModule; match: Extract<RouteMatch, { kind: 'matched' }> }
  | { kind: 'oauth' }
  | { kind: 'certs'; format: 'pem' | 'jwk' }
  | { kind: 'iam'; email: string }
  | { kind: 'metadata' }
  | { kind: 'unknown'; api: ApiModule | undefined };

/** Where a path belongs when no method serves it, so its 404 has that API's shape. */
const PREFIXES: Record<string, string> = { calendar: '/calendar/', meet: '/v2/', gmail: '/gmail/' };

function classify(apis: readonly ApiModule[], method: string, path: string): Target {
  if (path === '/token') return { kind: 'oauth' };
  if (method === 'GET' && (METADATA_TOKEN_PATH.test(path) || METADATA_ROOT_PATH.test(path))) {
    return { kind: 'metadata' };
  }
  if (method === 'GET' && path === '/oauth2/v1/certs') return { kind: 'certs', format: 'pem' };
  if (method === 'GET' && path === '/oauth2/v3/certs') return { kind: 'certs', format: 'jwk' };
  const iam = SIGN_JWT_PATH.exec(path);
  if (iam !== null && method === 'POST') {
    try {
      return { kind: 'iam', email: decodeURIComponent(iam[2] ?? '') };
    } catch {
      return { kind: 'unknown', api: undefined };
    }
  }
  for (const api of apis) {
    const match = matchRoute(api.routes, method, path);
    if (match.kind === 'matched') return { kind: 'api', api, match };
  }
  return { kind: 'unknown', api: apis.find((a) => path.startsWith(PREFIXES[a.name] ?? '\u0000')) };
}

function styleOf(target: Target): ErrorStyle {
  if (target.kind === 'api') return target.api.style;
  if (target.kind === 'unknown') return target.api?.style ?? 'platform';
  return 'platform';
}

function flatQuery(query: Record<string, string[]>): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(query).map(([k, v]) => [k, v.length === 1 ? (v[0] ?? '') : v]));
}

function faultReply(fault: ActiveFault, style: ErrorStyle): Reply {
  return renderError(faultError(fault.status ?? 503, fault.reason), style);
}

export function createRequestHandler(deps: ServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  function process(
    target: Target,
    req: IncomingMessage,
    record: RecordedRequest,
    raw: string,
    query: Record<string, string[]>,
  ): Reply {
    switch (target.kind) {
      case 'oauth': {
        const outcome = exchangeToken(
          deps.tokenEndpoint,
          record.method,
          tokenRequestFields(raw, req.headers['content-type']),
        );
        record.subject = outcome.subject;
        return outcome.reply;
      }
      case 'metadata':
        return metadataReply(deps.metadata, record.path, req.headers['metadata-flavor']);
      case 'certs':
        return target.format === 'pem' ? deps.identity.pemCerts() : deps.identity.jwks();
      case 'iam':
        record.subject =
          deps.iam.tokens.find(presentedToken(req.headers.authorization, query) ?? '')?.subject ?? null;
        return signJwt(deps.iam, {
          pathEmail: target.email,
          presentedToken: presentedToken(req.headers.authorization, query),
          query,
          body: recordableBody(raw, 'application/json'),
        });
      case 'api':
        return callApi(target.api, deps.tokens, {
          route: target.match.route,
          pathParams: target.match.pathParams,
          authorization: req.headers.authorization,
          query,
          rawBody: raw,
          onSubject: (subject) => {
            record.subject = subject;
          },
        });
      case 'unknown':
        throw unknownUrl(record.method, record.path);
    }
  }

  function safely(target: Target, run: () => Reply): Reply {
    try {
      return run();
    } catch (error) {
      if (error instanceof ApiError) {
        // Some APIs (Gmail) put the canonical status in every error body, not only front-end ones.
        const always = target.kind === 'api' && target.api.statusInBody === true;
        return renderError(always ? { ...error.spec, statusInBody: true } : error.spec, styleOf(target));
      }
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      return {
        status: 500,
        body: { error: { code: 500, message: `Google fake internal error: ${detail}`, status: 'INTERNAL' } },
      };
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = queryValues(url.searchParams);
    const raw = await readBody(req);
    const record: RecordedRequest = {
      api: 'unknown',
      method,
      path: url.pathname,
      query: flatQuery(query),
      body: recordableBody(raw, req.headers['content-type']),
      subject: null,
      status: 0,
      operation: null,
    };
    deps.requests.push(record);
    const target = classify(deps.apis, method, url.pathname);
    record.api =
      target.kind === 'api' || target.kind === 'unknown' ? (target.api?.name ?? 'unknown') : target.kind;
    if (target.kind === 'api') record.operation = target.match.route.operation;

    const fault = deps.faults.take(method, url.pathname, target.kind === 'api');
    if (fault !== null && fault.delayMs > 0) await sleep(fault.delayMs);
    let reply: Reply;
    if (fault?.status !== undefined && !fault.afterProcessing) reply = faultReply(fault, styleOf(target));
    else {
      reply = safely(target, () => process(target, req, record, raw, query));
      // The work is done and the answer never comes; stop() destroys the open connection.
      if (fault?.hang === true) return;
      if (fault?.afterProcessing === true) reply = faultReply(fault, styleOf(target));
    }
    record.status = reply.status;
    // Google's prettyPrint (a standard parameter of every API method) also shapes error bodies.
    const pretty = !(target.kind === 'api' || target.kind === 'iam') || query.prettyPrint?.[0] !== 'false';
    writeReply(res, reply, pretty);
  }

  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`Google fake internal error: ${String(error)}`);
    });
  };
}
