// Acting as a Workspace user (the unit's mailbox, or the chair) through a service account with
// domain-wide delegation, without a key file: the delegation JWT is signed by the IAM
// Credentials signJwt call and exchanged at Google's token endpoint (JWT-bearer grant). On Cloud
// Functions, google-auth-library's own impersonation ignores `subject` unless it has a key file,
// which we do not want in production. A key file signer exists for local runs only.
import { createSign } from 'node:crypto';
import { OAuth2Client, type GoogleAuth } from 'google-auth-library';
import { UpstreamError } from '../../domain/errors';

export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
export const IAM_CREDENTIALS_URL = 'https://iamcredentials.googleapis.com';
/** Google caps delegated tokens at an hour. */
const TOKEN_LIFETIME_SECONDS = 3600;
const HTTP_TIMEOUT_MS = 20_000;

/** Signs a JWT's claims as the service account. */
export interface JwtSigner {
  readonly serviceAccount: string;
  sign(claims: Record<string, string | number>): Promise<string>;
}

/** Production: the IAM Credentials API signs with a Google-held key; the function's own identity calls it. */
export class IamJwtSigner implements JwtSigner {
  constructor(
    readonly serviceAccount: string,
    private readonly caller: Pick<GoogleAuth, 'request'>,
    private readonly iamUrl: string = IAM_CREDENTIALS_URL,
  ) {}

  async sign(claims: Record<string, string | number>): Promise<string> {
    const url = `${this.iamUrl}/v1/projects/-/serviceAccounts/${encodeURIComponent(this.serviceAccount)}:signJwt`;
    try {
      const response = await this.caller.request<{ signedJwt?: unknown }>({
        url,
        method: 'POST',
        data: { payload: JSON.stringify(claims) },
        timeout: HTTP_TIMEOUT_MS,
        retry: false,
      });
      if (typeof response.data.signedJwt !== 'string') throw new Error('signJwt answered without signedJwt');
      return response.data.signedJwt;
    } catch (error) {
      throw new UpstreamError(
        'GOOGLE.SIGN_JWT_FAILED',
        `The service could not sign in as ${this.serviceAccount} (IAM signJwt failed). Ask IT to grant the function's identity "Service Account Token Creator" on it.`,
        502,
        { cause: error },
      );
    }
  }
}

/** Local runs only: signs with the private key from a service account key file. */
export class KeyFileJwtSigner implements JwtSigner {
  constructor(
    readonly serviceAccount: string,
    private readonly privateKey: string,
    private readonly keyId?: string,
  ) {}

  sign(claims: Record<string, string | number>): Promise<string> {
    const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    const header = { alg: 'RS256', typ: 'JWT', ...(this.keyId === undefined ? {} : { kid: this.keyId }) };
    const unsigned = `${encode(header)}.${encode(claims)}`;
    const signature = createSign('RSA-SHA256').update(unsigned).sign(this.privateKey).toString('base64url');
    return Promise.resolve(`${unsigned}.${signature}`);
  }
}

export interface DelegationOptions {
  readonly signer: JwtSigner;
  readonly tokenUrl?: string;
  readonly now?: () => number;
}

/** OAuth clients that act as a given user with given scopes, refreshing their tokens as they lapse. */
export class Delegation {
  private readonly clients = new Map<string, OAuth2Client>();
  private readonly tokenUrl: string;
  private readonly now: () => number;

  constructor(private readonly options: DelegationOptions) {
    this.tokenUrl = options.tokenUrl ?? GOOGLE_TOKEN_URL;
    this.now = options.now ?? Date.now;
  }

  /** A client acting as `subject`; one per subject and scope set, reused across requests. */
  clientFor(subject: string, scopes: readonly string[]): OAuth2Client {
    const key = `${subject} ${[...scopes].sort().join(' ')}`;
    const cached = this.clients.get(key);
    if (cached !== undefined) return cached;
    const client = new OAuth2Client();
    client.refreshHandler = () => this.token(subject, scopes);
    this.clients.set(key, client);
    return client;
  }

  private async token(
    subject: string,
    scopes: readonly string[],
  ): Promise<{ access_token: string; expiry_date: number }> {
    const iat = Math.floor(this.now() / 1000);
    const assertion = await this.options.signer.sign({
      iss: this.options.signer.serviceAccount,
      sub: subject,
      scope: scopes.join(' '),
      aud: this.tokenUrl,
      iat,
      exp: iat + TOKEN_LIFETIME_SECONDS,
    });
    const response = await fetch(this.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
      signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
    }).catch((error: unknown) => {
      throw new UpstreamError(
        'GOOGLE.UNAVAILABLE',
        'Google sign-in did not answer; try again in a few minutes',
        503,
        {
          cause: error,
        },
      );
    });
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok || typeof body.access_token !== 'string') {
      const reason = typeof body.error === 'string' ? body.error : `HTTP ${response.status}`;
      throw new UpstreamError(
        'GOOGLE.DELEGATION_REFUSED',
        `Google refused to let the service act for a ${subject.slice(subject.indexOf('@'))} account (${reason}). ` +
          'Ask IT to check that the account exists and that domain-wide delegation grants the scopes listed in the README.',
        response.status >= 500 ? 503 : 502,
      );
    }
    const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : TOKEN_LIFETIME_SECONDS;
    return { access_token: body.access_token, expiry_date: this.now() + expiresIn * 1000 };
  }
}
