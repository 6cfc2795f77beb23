// Verifies the Google ID token the add-on sends (ScriptApp.getIdentityToken()): Google's
// signature, our audience (the add-on's OAuth client id), a verified address in the council's
// Workspace domain. Each refusal says why in a code that can be logged without personal data.
import { OAuth2Client, type TokenPayload } from 'google-auth-library';
import { ForbiddenError, UnauthenticatedError, UpstreamError } from '../domain/errors';

export type RefusalReason =
  | 'missing'
  | 'malformed'
  | 'signature'
  | 'expired'
  | 'audience'
  | 'issuer'
  | 'unverified'
  | 'domain'
  | 'account'
  | 'lifetime';

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
/**
 * Google's ID tokens (the add-on's, Pub/Sub's and Scheduler's OIDC tokens) last an hour; five
 * minutes more allows for clocks. google-auth-library's own bound is a day, so a token minted
 * to last longer (by anyone holding a signing key) would pass without this.
 */
export const GOOGLE_TOKEN_MAX_SECONDS = 3600 + 300;
const CERTIFICATES_UNAVAILABLE = 'Failed to retrieve verification certificates';

/** Google's signing certificates could not be fetched, so no token can be checked just now. */
export class SignInCheckUnavailable extends UpstreamError {
  constructor(cause: unknown) {
    super(
      'AUTH.CHECK_UNAVAILABLE',
      "Google's sign-in service could not be reached to check who you are. Nothing was changed; try again in a few minutes",
      503,
      { cause },
    );
  }
}

export function reasonOf(message: string): RefusalReason {
  if (/too far in future/i.test(message)) return 'lifetime';
  if (/audience|recipient/i.test(message)) return 'audience';
  if (/too late|expired|used too early/i.test(message)) return 'expired';
  if (/issuer/i.test(message)) return 'issuer';
  if (/signature|no pem found/i.test(message)) return 'signature';
  return 'malformed';
}

/** A client that checks Google-signed ID tokens (against the fake's certificates in tests). */
export function idTokenClient(certsUrl: string | undefined): OAuth2Client {
  return new OAuth2Client(
    certsUrl === undefined ? {} : { endpoints: { oauth2FederatedSignonPemCertsUrl: certsUrl } },
  );
}

/**
 * The payload of the bearer token in `authorization`, checked for Google's signature, expiry,
 * `audience` and Google's issuer; throws TokenRefused naming the reason (`missing` with `absent`).
 */
export async function verifiedPayload(
  client: OAuth2Client,
  authorization: string | undefined,
  audience: string,
  absent: string,
): Promise<TokenPayload> {
  const match = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(authorization ?? '');
  if (match?.[1] === undefined) throw new TokenRefused('missing', absent);
  let payload: TokenPayload | undefined;
  try {
    payload = (
      await client.verifyIdToken({ idToken: match[1], audience, maxExpiry: GOOGLE_TOKEN_MAX_SECONDS })
    ).getPayload();
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    // google-auth-library's wording when Google's certificates could not be fetched (after its own
    // retries). Nothing is wrong with the sign-in then, so "sign in again" would send a coordinator
    // round in circles; 503 says try later, and Pub/Sub and Scheduler retry it.
    if (message.startsWith(CERTIFICATES_UNAVAILABLE)) throw new SignInCheckUnavailable(error);
    throw new TokenRefused(reasonOf(message), 'The Google sign-in could not be verified');
  }
  if (payload === undefined || !ISSUERS.includes(payload.iss)) {
    throw new TokenRefused('issuer', 'The Google sign-in could not be verified');
  }
  return payload;
}

export class IdTokenVerifier {
  private readonly client: OAuth2Client;

  constructor(private readonly options: IdTokenVerifierOptions) {
    this.client = idTokenClient(options.certsUrl);
  }

  /** The caller's verified address; throws TokenRefused (401), DomainRefused (403) or SignInCheckUnavailable (503). */
  async verify(authorization: string | undefined): Promise<{ readonly email: string }> {
    const payload = await verifiedPayload(
      this.client,
      authorization,
      this.options.audience,
      'Sign in again: the request carried no Google identity token',
    ).catch((error: unknown) => {
      // The add-on's user is told what to do about it.
      if (error instanceof TokenRefused && error.reason !== 'missing') {
        throw new TokenRefused(error.reason, 'Sign in again: your Google sign-in could not be verified');
      }
      throw error;
    });
    if (payload.email === undefined || payload.email_verified !== true) {
      throw new TokenRefused('unverified', 'Your Google account has no verified email address');
    }
    const email = payload.email.toLowerCase();
    // hd is set only for Workspace accounts; a consumer account with a look-alike address has none.
    if (payload.hd !== this.options.domain || !email.endsWith(`@${this.options.domain}`)) {
      throw new DomainRefused(this.options.domain);
    }
    return { email };
  }
}
