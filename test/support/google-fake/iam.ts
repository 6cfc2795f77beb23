// IAM Credentials v1 projects.serviceAccounts.signJwt: how a service account on Cloud Run, holding
// only a metadata-server token, gets a JWT assertion signed for domain-wide delegation. Google signs
// with a key it keeps; the fake signs with the service account key generated at start-up.
import {
  CLOUD_PLATFORM,
  insufficientScopes,
  invalidCredentials,
  missingCredentials,
  type TokenStore,
} from './auth';
import { ApiError, badRequest, permissionDenied } from './errors';
import { json, type Reply } from './http';
import { signRs256 } from './jwt';
import type { SigningKey } from './keys';

export const SIGN_JWT_PATH = /^\/v1\/projects\/([^/]+)\/serviceAccounts\/([^/]+):signJwt$/;

const IAM_SCOPES = [CLOUD_PLATFORM, 'https://www.googleapis.com/auth/iam'];
const SYSTEM_PARAMETERS = new Set([
  '$.xgafv',
  'access_token',
  'alt',
  'callback',
  'fields',
  'key',
  'oauth_token',
  'prettyPrint',
  'quotaUser',
  'upload_protocol',
  'uploadType',
]);
const MAX_LIFETIME_S = 12 * 3600;

export interface IamContext {
  serviceAccount: string;
  key: SigningKey;
  tokens: TokenStore;
}

export interface SignJwtCall {
  pathEmail: string;
  presentedToken: string | null;
  query: Record<string, string[]>;
  body: unknown;
}

function denied(): ApiError {
  return permissionDenied(
    "Permission 'iam.serviceAccounts.signJwt' denied on resource (or it may not exist).",
    'IAM_PERMISSION_DENIED',
  );
}

function parsePayload(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('Invalid JSON payload received. Expected an object.');
  for (const [name, value] of Object.entries(body)) {
    if (name === 'delegates') {
      if (!Array.isArray(value) || !value.every((d) => typeof d === 'string'))
        throw badRequest(`Invalid value at 'delegates' (TYPE_STRING), ${JSON.stringify(value)}`);
    } else if (name === 'payload') {
      if (typeof value !== 'string')
        throw badRequest(`Invalid value at 'payload' (TYPE_STRING), ${JSON.stringify(value)}`);
    } else {
      throw badRequest(`Invalid JSON payload received. Unknown name "${name}": Cannot find field.`);
    }
  }
  const payload: unknown = (body as Record<string, unknown>).payload;
  if (typeof payload !== 'string' || payload === '') throw badRequest('Payload must be set.');
  let claims: unknown;
  try {
    claims = JSON.parse(payload);
  } catch {
    throw badRequest('Payload is not a valid JSON object.');
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims))
    throw badRequest('Payload is not a valid JSON object.');
  return claims as Record<string, unknown>;
}

export function signJwt(ctx: IamContext, call: SignJwtCall): Reply {
  for (const name of Object.keys(call.query)) {
    if (!SYSTEM_PARAMETERS.has(name)) {
      throw badRequest(
        `Invalid JSON payload received. Unknown name "${name}": Cannot bind query parameter. Field '${name}' could not be found in request message.`,
      );
    }
  }
  if (call.presentedToken === null) throw missingCredentials();
  const token = ctx.tokens.find(call.presentedToken);
  if (token === undefined) throw invalidCredentials();
  if (!token.scopes.some((s) => IAM_SCOPES.includes(s)))
    throw insufficientScopes(
      'iamcredentials.googleapis.com',
      'google.iam.credentials.v1.IAMCredentials.SignJwt',
      IAM_SCOPES,
    );
  // Only the service account itself (its metadata token) may sign as itself in this fake.
  if (token.kind !== 'service-account' || token.subject !== ctx.serviceAccount) throw denied();
  if (call.pathEmail.toLowerCase() !== ctx.serviceAccount.toLowerCase()) throw denied();

  const claims = parsePayload(call.body);
  const now = Math.floor(Date.now() / 1000);
  // Google adds an exp an hour ahead when the payload has none, and refuses one over 12 hours ahead.
  const exp = claims.exp ?? now + 3600;
  if (typeof exp !== 'number' || !Number.isFinite(exp))
    throw badRequest('The exp claim must be a number of seconds since the epoch.');
  if (exp > now + MAX_LIFETIME_S)
    throw badRequest('The exp claim must be no more than 12 hours in the future.');
  const signedJwt = signRs256(
    { alg: 'RS256', kid: ctx.key.keyId, typ: 'JWT' },
    { ...claims, exp },
    ctx.key.privateKey,
  );
  return json(200, { keyId: ctx.key.keyId, signedJwt });
}
