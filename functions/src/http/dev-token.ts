// Development sign-in (AUTH_MODE=development, refused in production by config): tokens signed
// with a secret kept in a file on the developer's machine (dev-secret.ts), each naming a user and
// their role, so `npm start` and the demo run without a Google tenant. They are JWTs (HS256) with their own
// issuer and audience, so one can never pass for a Google token nor a Google token for one.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ROLES, type Role } from '../app/actor';
import type { VerifiedCaller } from './api-deps';
import { DomainRefused, TokenRefused } from './id-token';

export const DEV_ISSUER = 'conference-desk-development';
export const DEV_AUDIENCE = 'conference-desk-local';
/** A working day: long enough for a session, short enough that an old token dies. */
export const DEV_TOKEN_SECONDS = 12 * 60 * 60;

// Exactly the claims this service writes: a token with others was made by something else.
const claimsSchema = z.strictObject({
  iss: z.literal(DEV_ISSUER),
  aud: z.literal(DEV_AUDIENCE),
  email: z.email(),
  role: z.enum(ROLES),
  iat: z.int(),
  exp: z.int(),
});

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function signature(secret: Buffer, signingInput: string): Buffer {
  return createHmac('sha256', secret).update(signingInput).digest();
}

export function signDevelopmentToken(
  secret: Buffer,
  who: { readonly email: string; readonly role: Role },
  nowSeconds: number = Math.floor(Date.now() / 1000),
): string {
  const header = encode({ alg: 'HS256', typ: 'JWT' });
  const payload = encode({
    iss: DEV_ISSUER,
    aud: DEV_AUDIENCE,
    email: who.email.toLowerCase(),
    role: who.role,
    iat: nowSeconds,
    exp: nowSeconds + DEV_TOKEN_SECONDS,
  });
  return `${header}.${payload}.${signature(secret, `${header}.${payload}`).toString('base64url')}`;
}

export class DevTokenVerifier {
  constructor(
    private readonly secret: Buffer,
    private readonly domain: string,
    private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  verify(authorization: string | undefined): Promise<VerifiedCaller> {
    try {
      return Promise.resolve(this.check(authorization));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error('token check failed'));
    }
  }

  private check(authorization: string | undefined): VerifiedCaller {
    const match = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(authorization ?? '');
    if (match === null) {
      throw new TokenRefused(
        'missing',
        'Sign in: the request carried no development token (npx conference-desk dev-token)',
      );
    }
    const [, header = '', payload = '', given = ''] = match;
    const expected = signature(this.secret, `${header}.${payload}`);
    const actual = Buffer.from(given, 'base64url');
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
      throw new TokenRefused('signature', 'The development token was not signed by this machine’s secret');
    }
    let claims: z.infer<typeof claimsSchema>;
    try {
      claims = claimsSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    } catch {
      throw new TokenRefused(
        'malformed',
        'The development token does not have the claims this service writes',
      );
    }
    const now = this.nowSeconds();
    if (claims.exp <= now || claims.iat > now + 60) {
      throw new TokenRefused('expired', 'The development token has expired; make a new one');
    }
    // A token that outlives what this service mints was not minted by it as it is now.
    if (claims.exp - claims.iat > DEV_TOKEN_SECONDS || claims.exp > now + DEV_TOKEN_SECONDS + 60) {
      throw new TokenRefused(
        'lifetime',
        `The development token lasts longer than the ${DEV_TOKEN_SECONDS / 3600} hours this service allows; make a new one`,
      );
    }
    const email = claims.email.toLowerCase();
    if (!email.endsWith(`@${this.domain}`)) throw new DomainRefused(this.domain);
    return { email, roles: [claims.role] };
  }
}
