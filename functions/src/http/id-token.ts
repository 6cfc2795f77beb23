// Verifies the Google ID token the add-on sends (ScriptApp.getIdentityToken()): Google's
// signature, our audience (the add-on's OAuth client id), a verified address in the council's
// Workspace domain. Each refusal says why in a code that can be logged without personal data.
import { OAuth2Client } from 'google-auth-library';
import { ForbiddenError, UnauthenticatedError } from '../domain/errors';

export type RefusalReason =
  | 'missing'
  | 'malformed'
  | 'signature'
  | 'expired'
  | 'audience'
  | 'issuer'
  | 'unverified'
  | 'domain'
  | 'account';

export class TokenRefused extends UnauthenticatedError {
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super('AUTH.TOKEN_REFUSED', message);
  }
}

export class DomainRefused extends ForbiddenError {
  readonly reason: RefusalReason = 'domain';
  constructor(domain: string) {
    super('AUTH.WRONG_DOMAIN', `Only accounts in ${domain} can use Conference Desk`);
  }
}

export interface IdTokenVerifierOptions {
  /** The add-on's OAuth client id, which Apps Script puts in the token's audience. */
  readonly audience: string;
  readonly domain: string;
  /** Google's by default; the test fake's certificates in tests. */
  readonly certsUrl?: string;
}

const ISSUERS = ['https://accounts.google.com', 'accounts.google.com'];

export function reasonOf(message: string): RefusalReason {
  if (/audience|recipient/i.test(message)) return 'audience';
  if (/too late|expired|used too early/i.test(message)) return 'expired';
  if (/issuer/i.test(message)) return 'issuer';
  if (/signature|no pem found/i.test(message)) return 'signature';
  return 'malformed';
}

export class IdTokenVerifier {
  private readonly client: OAuth2Client;

  constructor(private readonly options: IdTokenVerifierOptions) {
    this.client = new OAuth2Client(
      options.certsUrl === undefined
        ? {}
        : { endpoints: { oauth2FederatedSignonPemCertsUrl: options.certsUrl } },
    );
  }

  /** The verified address of the caller; throws TokenRefused (401) or DomainRefused (403). */
  async verify(authorization: string | undefined): Promise<string> {
    const match = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(authorization ?? '');
    if (match?.[1] === undefined) {
      throw new TokenRefused('missing', 'Sign in again: the request carried no Google identity token');
    }
    let payload;
    try {
      const ticket = await this.client.verifyIdToken({ idToken: match[1], audience: this.options.audience });
      payload = ticket.getPayload();
    } catch (error) {
      const reason = reasonOf(error instanceof Error ? error.message : '');
      throw new TokenRefused(reason, 'Sign in again: your Google sign-in could not be verified');
    }
    if (payload === undefined || !ISSUERS.includes(payload.iss)) {
      throw new TokenRefused('issuer', 'Sign in again: your Google sign-in could not be verified');
    }
    if (payload.email === undefined || payload.email_verified !== true) {
      throw new TokenRefused('unverified', 'Your Google account has no verified email address');
    }
    const email = payload.email.toLowerCase();
    // hd is set only for Workspace accounts; a consumer account with a look-alike address has none.
    if (payload.hd !== this.options.domain || !email.endsWith(`@${this.options.domain}`)) {
      throw new DomainRefused(this.options.domain);
    }
    return email;
  }
}
