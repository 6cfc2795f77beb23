// Verifies the OIDC tokens Google attaches for its own services: Pub/Sub push (gmailPush) and
// Cloud Scheduler (reconcile, renewWatch). Google's signature, our audience, Google's issuer, and
// the one service account the subscription or job is set to use: anyone can get a Google-signed
// token for their own account and audience, so the account is what makes it ours.
import { OAuth2Client } from 'google-auth-library';
import { reasonOf, TokenRefused } from './id-token';

const ISSUERS = ['https://accounts.google.com', 'accounts.google.com'];

export class ServiceAccountRefused extends TokenRefused {
  constructor() {
    super('account', 'The request was signed for a service account this function does not accept');
  }
}

export interface ServiceTokenVerifierOptions {
  readonly audience: string;
  /** The service account the push subscription (or scheduler job) authenticates as. */
  readonly serviceAccount: string;
  readonly certsUrl?: string;
}

export class ServiceTokenVerifier {
  private readonly client: OAuth2Client;

  constructor(private readonly options: ServiceTokenVerifierOptions) {
    this.client = new OAuth2Client(
      options.certsUrl === undefined
        ? {}
        : { endpoints: { oauth2FederatedSignonPemCertsUrl: options.certsUrl } },
    );
  }

  /** Returns the service account's address; throws TokenRefused (401) naming the reason. */
  async verify(authorization: string | undefined): Promise<string> {
    const match = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(authorization ?? '');
    if (match?.[1] === undefined)
      throw new TokenRefused('missing', 'The request carried no Google identity token');
    let payload;
    try {
      const ticket = await this.client.verifyIdToken({ idToken: match[1], audience: this.options.audience });
      payload = ticket.getPayload();
    } catch (error) {
      throw new TokenRefused(
        reasonOf(error instanceof Error ? error.message : ''),
        'The identity token could not be verified',
      );
    }
    if (payload === undefined || !ISSUERS.includes(payload.iss)) {
      throw new TokenRefused('issuer', 'The identity token was not issued by Google');
    }
    if (
      payload.email_verified !== true ||
      payload.email?.toLowerCase() !== this.options.serviceAccount.toLowerCase()
    ) {
      throw new ServiceAccountRefused();
    }
    return this.options.serviceAccount;
  }
}
