// Access tokens the fake issued, and the checks Google's front end makes before any API method
// runs: a bearer token must be present (401 'required'), known and unexpired (401 'authError'), and
// hold at least one of the method's discovery scopes (403 'insufficientPermissions').
import { randomBytes } from 'node:crypto';
import { ApiError } from './errors';
import type { Route } from './routes';

export interface AccessToken {
  token: string;
  /** The user the token acts for; the service account's email for its own tokens. */
  subject: string;
  scopes: string[];
  expiresAt: number;
  /** 'delegated' came from a JWT with `sub`; 'service-account' acts as the account itself. */
  kind: 'delegated' | 'service-account';
}

export const CLOUD_PLATFORM = 'https://www.googleapis.com/auth/cloud-platform';
const LIFETIME_MS = 3599 * 1000;

export class TokenStore {
  private readonly tokens = new Map<string, AccessToken>();

  issue(subject: string, scopes: string[], kind: AccessToken['kind']): AccessToken {
    const token: AccessToken = {
      token: `ya29.fake-${randomBytes(24).toString('base64url')}`,
      subject,
      scopes,
      expiresAt: Date.now() + LIFETIME_MS,
      kind,
    };
    this.tokens.set(token.token, token);
    return token;
  }

  /** The token if it exists and has not expired. */
  find(token: string): AccessToken | undefined {
    const found = this.tokens.get(token);
    return found !== undefined && found.expiresAt > Date.now() ? found : undefined;
  }

  expireAll(): void {
    for (const t of this.tokens.values()) t.expiresAt = 0;
  }
}

const SEE =
  'Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';
const REALM = 'Bearer realm="https://accounts.google.com/"';

export function missingCredentials(): ApiError {
  return new ApiError({
    code: 401,
    status: 'UNAUTHENTICATED',
    message: `Request is missing required authentication credential. ${SEE}`,
    itemMessage: 'Login Required.',
    reason: 'required',
    location: 'Authorization',
    locationType: 'header',
    statusInBody: true,
    headers: { 'www-authenticate': REALM },
  });
}

export function invalidCredentials(): ApiError {
  return new ApiError({
    code: 401,
    status: 'UNAUTHENTICATED',
    message: `Request had invalid authentication credentials. ${SEE}`,
    itemMessage: 'Invalid Credentials',
    reason: 'authError',
    location: 'Authorization',
    locationType: 'header',
    statusInBody: true,
    headers: { 'www-authenticate': `${REALM}, error="invalid_token"` },
  });
}

export function insufficientScopes(service: string, methodId: string, scopes: readonly string[]): ApiError {
  return new ApiError({
    code: 403,
    status: 'PERMISSION_DENIED',
    message: 'Request had insufficient authentication scopes.',
    itemMessage: 'Insufficient Permission',
    reason: 'insufficientPermissions',
    statusInBody: true,
    details: [
      {
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
        domain: 'googleapis.com',
        metadata: { service, method: methodId },
      },
    ],
    headers: { 'www-authenticate': `${REALM}, error="insufficient_scope", scope="${scopes.join(' ')}"` },
  });
}

/** The bearer token from the Authorization header, or the access_token / oauth_token query parameter Google also accepts. */
export function presentedToken(
  authorization: string | undefined,
  query: Record<string, string[]>,
): string | null {
  if (authorization !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return m?.[1] ?? '';
  }
  return query.access_token?.[0] ?? query.oauth_token?.[0] ?? null;
}

/** Authenticates an API call and checks the token holds one of the method's scopes. */
export function authorize(
  tokens: TokenStore,
  presented: string | null,
  route: Route,
  service: string,
): AccessToken {
  if (presented === null) throw missingCredentials();
  const token = tokens.find(presented);
  if (token === undefined) throw invalidCredentials();
  const allowed = route.spec.scopes ?? [];
  if (!allowed.some((s) => token.scopes.includes(s)))
    throw insufficientScopes(service, route.spec.id, allowed);
  return token;
}
