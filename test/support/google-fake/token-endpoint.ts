// The OAuth 2.0 token endpoint's JWT-bearer grant (RFC 7523), as Google runs it for service
// accounts: the assertion must be signed by the service account's key, addressed to the token
// endpoint, short-lived, and — for domain-wide delegation — name an existing user (`sub`) and only
// scopes an admin granted the account. Errors are OAuth's {error, error_description}.
import type { AccessToken, TokenStore } from './auth';
import { json, type Reply } from './http';
import { decodeJwt, verifyRs256 } from './jwt';
import type { SigningKey } from './keys';

export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** Audiences Google's token endpoint accepts besides the fake's own URL. */
const GOOGLE_TOKEN_AUDIENCES = [
  'https://oauth2.googleapis.com/token',
  'https://www.googleapis.com/oauth2/v4/token',
  'https://accounts.google.com/o/oauth2/token',
];

export interface TokenEndpointContext {
  tokenUrl: string;
  serviceAccount: string;
  delegatedScopes: readonly string[];
  key: SigningKey;
  tokens: TokenStore;
  /** Whether `email` is a mailbox in the domain. */
  userExists(email: string): boolean;
}

const INVALID_SIGNATURE = 'Invalid JWT Signature.';
const BAD_TIMEFRAME =
  'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.';

function oauthError(status: number, error: string, description: string): Reply {
  return json(status, { error, error_description: description });
}

/** Form fields (or JSON, which Google also takes) of a token request; null when neither. */
export function tokenRequestFields(
  raw: string,
  contentType: string | undefined,
): Record<string, string> | null {
  if (contentType?.includes('application/x-www-form-urlencoded') === true)
    return Object.fromEntries(new URLSearchParams(raw));
  if (contentType?.includes('application/json') === true) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed !== 'object' || parsed === null) return null;
      return Object.fromEntries(
        Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
      );
    } catch {
      return null;
    }
  }
  return null;
}

export interface TokenOutcome {
  reply: Reply;
  subject: string | null;
  issued?: AccessToken;
}

export function exchangeToken(
  ctx: TokenEndpointContext,
  method: string,
  fields: Record<string, string> | null,
): TokenOutcome {
  const fail = (
    status: number,
    error: string,
    description: string,
    subject: string | null = null,
  ): TokenOutcome => ({
    reply: oauthError(status, error, description),
    subject,
  });
  if (method !== 'POST') return fail(405, 'invalid_request', `Method ${method} is not allowed; use POST.`);
  if (fields === null)
    return fail(400, 'invalid_request', 'Request body must be application/x-www-form-urlencoded.');
  const grantType = fields.grant_type;
  if (grantType === undefined || grantType === '')
    return fail(400, 'invalid_request', 'Missing required parameter: grant_type');
  if (grantType !== JWT_BEARER)
    return fail(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType}`);
  const assertion = fields.assertion;
  if (assertion === undefined || assertion === '')
    return fail(400, 'invalid_request', 'Missing required parameter: assertion');

  const jwt = decodeJwt(assertion);
  if (jwt === null) return fail(400, 'invalid_grant', INVALID_SIGNATURE);
  const { header, payload } = jwt;
  const sub = typeof payload.sub === 'string' ? payload.sub : null;
  const kidOk = header.kid === undefined || header.kid === ctx.key.keyId;
  if (payload.iss !== ctx.serviceAccount || !kidOk || !verifyRs256(jwt, ctx.key.publicKey))
    return fail(400, 'invalid_grant', INVALID_SIGNATURE, sub);
  const aud = payload.aud;
  if (typeof aud !== 'string' || (aud !== ctx.tokenUrl && !GOOGLE_TOKEN_AUDIENCES.includes(aud)))
    return fail(400, 'invalid_grant', INVALID_SIGNATURE, sub);

  const now = Math.floor(Date.now() / 1000);
  const { iat, exp } = payload;
  if (
    typeof iat !== 'number' ||
    typeof exp !== 'number' ||
    exp <= now ||
    exp - iat > 3600 ||
    iat > now + 300 ||
    exp <= iat
  ) {
    return fail(400, 'invalid_grant', BAD_TIMEFRAME, sub);
  }
  const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ').filter((s) => s !== '') : [];
  if (scopes.length === 0) return fail(400, 'invalid_scope', 'Empty or missing scope not allowed.', sub);

  if (sub === null || sub.toLowerCase() === ctx.serviceAccount.toLowerCase()) {
    // No delegation: the token acts as the service account itself.
    const issued = ctx.tokens.issue(ctx.serviceAccount, scopes, 'service-account');
    return {
      reply: json(200, { access_token: issued.token, expires_in: 3599, token_type: 'Bearer' }),
      subject: ctx.serviceAccount,
      issued,
    };
  }
  if (!ctx.userExists(sub)) return fail(400, 'invalid_grant', 'Invalid email or User ID', sub);
  if (!scopes.every((s) => ctx.delegatedScopes.includes(s))) {
    return fail(
      401,
      'unauthorized_client',
      'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
      sub,
    );
  }
  const issued = ctx.tokens.issue(sub.toLowerCase(), scopes, 'delegated');
  return {
    reply: json(200, { access_token: issued.token, expires_in: 3599, token_type: 'Bearer' }),
    subject: issued.subject,
    issued,
  };
}
