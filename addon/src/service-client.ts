// Calls the service's JSON API as the signed-in user: their Google ID token in the
// Authorization header, the service's address from the SERVICE_URL script property. Every
// failure becomes a ServiceError whose message the user can act on; nothing technical (a
// status line, a stack, a URL) reaches a card.
import type { ErrorBody, FieldProblem } from './api-types';
import { NetworkError, type HttpRequest, type Platform } from './platform';

export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  constructor(
    message: string,
    /** The service's error code (e.g. BOOKING.INVALID), or ADDON.* for the add-on's own. */
    readonly code: string,
    readonly status: number,
    readonly fields: readonly FieldProblem[] = [],
  ) {
    super(message);
  }
}

type Query = Readonly<Record<string, string | undefined>>;

// T names the answer the route gives (api-types.ts, written from the service's own JSON
// writers in this repository); the client does not re-validate it, so T appears once.
/* eslint-disable @typescript-eslint/no-unnecessary-type-parameters */
export interface ServiceClient {
  get<T>(path: string, query?: Query): T;
  send<T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body: unknown): T;
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error: unknown = value.error;
  return (
    typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string'
  );
}

/** What to tell the user for a status the service did not explain. */
function unexplained(status: number): string {
  if (status === 401) return 'Your Google sign-in was not accepted. Close the add-on and open it again.';
  if (status === 403)
    return 'Your account is not allowed to do this. Ask your manager for the coordinator or chair role.';
  if (status === 404) return 'Conference Desk could not find that. It may have been cancelled or moved.';
  if (status === 429 || status >= 500) {
    return 'Conference Desk is busy or unavailable. Wait a minute and try again; nothing was lost.';
  }
  return `Conference Desk refused the request (${status}). Try again, or tell IT if it keeps happening.`;
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The audience claim of a JWT, read without checking it (the service checks; this is a setup hint). */
export function audienceOf(jwt: string): string | null {
  const payload = jwt.split('.')[1] ?? '';
  let bits = 0;
  let value = 0;
  let text = '';
  for (const char of payload) {
    const digit = BASE64URL.indexOf(char);
    if (digit < 0) break;
    value = (value << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      text += String.fromCharCode((value >> bits) & 0xff);
    }
  }
  try {
    const aud: unknown = (JSON.parse(text) as { aud?: unknown }).aud;
    return typeof aud === 'string' ? aud : null;
  } catch {
    return null;
  }
}

function queryString(query: Query): string {
  const parts = Object.entries(query).flatMap(([k, v]) =>
    v === undefined ? [] : [`${encodeURIComponent(k)}=${encodeURIComponent(v)}`],
  );
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

export function serviceClient(platform: Platform): ServiceClient {
  const call = <T>(method: HttpRequest['method'], path: string, body?: unknown): T => {
    const base = platform.scriptProperty('SERVICE_URL');
    if (base === null || !/^https?:\/\//.test(base)) {
      throw new ServiceError(
        'The add-on is not set up yet: IT must set the SERVICE_URL script property to the service address.',
        'ADDON.NOT_SET_UP',
        0,
      );
    }
    const token = platform.identityToken();
    if (token === null || token === '') {
      throw new ServiceError(
        'Google did not give the add-on your sign-in. Close the add-on, open it again and allow it when asked.',
        'ADDON.NO_IDENTITY',
        0,
      );
    }
    // An add-on pushed to another Google project signs its users in for another audience, which
    // the service would refuse as "sign in again"; say what is actually wrong instead.
    const expected = platform.scriptProperty('SERVICE_AUDIENCE');
    if (expected !== null && expected !== '' && audienceOf(token) !== expected) {
      throw new ServiceError(
        'The add-on is set up for another Google project than the service expects: IT must check the SERVICE_AUDIENCE script property and the service’s ADDON_AUDIENCE.',
        'ADDON.WRONG_AUDIENCE',
        0,
      );
    }
    let response;
    try {
      response = platform.fetch({
        method,
        url: `${base.replace(/\/+$/, '')}${path}`,
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });
    } catch (error) {
      if (error instanceof NetworkError) {
        throw new ServiceError(
          'Conference Desk could not be reached. Check your connection, then try again.',
          'ADDON.NETWORK',
          0,
        );
      }
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = response.body === '' ? undefined : JSON.parse(response.body);
    } catch {
      parsed = undefined;
    }
    if (response.status >= 200 && response.status < 300 && parsed !== undefined) return parsed as T;
    if (isErrorBody(parsed)) {
      throw new ServiceError(parsed.error.message, parsed.error.code, response.status, parsed.error.fields);
    }
    throw new ServiceError(unexplained(response.status), 'ADDON.UNEXPECTED', response.status);
  };
  return {
    get: <T>(path: string, query: Query = {}) => call<T>('GET', `${path}${queryString(query)}`),
    send: <T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body: unknown) =>
      call<T>(method, path, body),
  };
}
/* eslint-enable @typescript-eslint/no-unnecessary-type-parameters */
