// Google-signed ID tokens (what Workspace add-ons, Chat and Pub/Sub push send the service) and the
// certificates that verify them: /oauth2/v1/certs serves {kid: X.509 PEM}, /oauth2/v3/certs a JWK set,
// both with the cache-control max-age google-auth-library uses to cache them.
import { createHash, randomBytes } from 'node:crypto';
import { json, type Reply } from './http';
import { signRs256 } from './jwt';
import type { SigningKey } from './keys';
import { selfSignedCertificate } from './x509';

export const GOOGLE_ISSUER = 'https://accounts.google.com';
const CACHE_CONTROL = 'public, max-age=22517, must-revalidate, no-transform';

export interface IdTokenClaims {
  email: string;
  aud: string;
  hd?: string;
  email_verified?: boolean;
  exp?: number;
  iat?: number;
  iss?: string;
}

/** A stable, Google-looking numeric user id (21 digits) for an email address. */
export function googleUserId(email: string): string {
  const hash = createHash('sha256').update(email.toLowerCase()).digest();
  return `1${hash.readBigUInt64BE(0).toString().padStart(20, '0').slice(0, 20)}`;
}

export class GoogleIdentity {
  private readonly certificate: string;

  constructor(private readonly key: SigningKey) {
    this.certificate = selfSignedCertificate(
      key.publicKey,
      key.privateKey,
      'federated-signon.system.gserviceaccount.com',
      randomBytes(8),
    );
  }

  mint(claims: IdTokenClaims): string {
    const now = Math.floor(Date.now() / 1000);
    const payload: Record<string, unknown> = {
      iss: claims.iss ?? GOOGLE_ISSUER,
      azp: claims.aud,
      aud: claims.aud,
      sub: googleUserId(claims.email),
      email: claims.email,
      email_verified: claims.email_verified ?? true,
      iat: claims.iat ?? now,
      exp: claims.exp ?? now + 3600,
    };
    if (claims.hd !== undefined) payload.hd = claims.hd;
    return signRs256({ alg: 'RS256', kid: this.key.keyId, typ: 'JWT' }, payload, this.key.privateKey);
  }

  pemCerts(): Reply {
    return json(200, { [this.key.keyId]: this.certificate }, this.cacheHeaders());
  }

  jwks(): Reply {
    const jwk = this.key.publicKey.export({ format: 'jwk' });
    const key = { kty: 'RSA', alg: 'RS256', use: 'sig', kid: this.key.keyId, n: jwk.n, e: jwk.e };
    return json(200, { keys: [key] }, this.cacheHeaders());
  }

  private cacheHeaders(): Record<string, string> {
    return { 'cache-control': CACHE_CONTROL, expires: new Date(Date.now() + 22_517_000).toUTCString() };
  }
}
