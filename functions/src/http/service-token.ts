// Verifies the OIDC tokens Google attaches for its own services: Pub/Sub push (gmailPush) and
// Cloud Scheduler (reconcile, renewWatch). Google's signature, our audience, Google's issuer, and
// the one service account the subscription or job is set to use: anyone can get a Google-signed
// token for their own account and audience, so the account is what makes it ours.
import type { Request, Response } from '@google-cloud/functions-framework';
import type { OAuth2Client } from 'google-auth-library';
import { AppError } from '../domain/errors';
import type { Logger } from '../ports';
import { idTokenClient, SignInCheckUnavailable, TokenRefused, verifiedPayload } from './id-token';

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
    this.client = idTokenClient(options.certsUrl);
  }

  /** The service account's address; throws TokenRefused (401) naming the reason, or SignInCheckUnavailable (503). */
  async verify(authorization: string | undefined): Promise<string> {
    const payload = await verifiedPayload(
      this.client,
      authorization,
      this.options.audience,
      'The request carried no Google identity token',
    );
    if (
      payload.email_verified !== true ||
      payload.email?.toLowerCase() !== this.options.serviceAccount.toLowerCase()
    ) {
      throw new ServiceAccountRefused();
    }
    return this.options.serviceAccount;
  }
}

/**
 * Checks a Google service's call (Pub/Sub push, Cloud Scheduler) before `route` does anything;
 * answers 401 itself and returns false when the token is refused (503 when it cannot be checked).
 */
export async function admitServiceCall(
  req: Request,
  res: Response,
  deps: { readonly verifier: ServiceTokenVerifier; readonly logger: Logger },
  route: string,
  refusal: string,
): Promise<boolean> {
  try {
    await deps.verifier.verify(req.get('authorization'));
    return true;
  } catch (error) {
    if (error instanceof SignInCheckUnavailable) {
      // Not a refusal: Pub/Sub and Cloud Scheduler retry a 503, and the token may be good.
      deps.logger.error('auth.unavailable', { route, status: error.status, code: error.code });
      res.status(error.status).json({ error: { code: error.code, message: error.message } });
      return false;
    }
    const status = error instanceof AppError ? error.status : 401;
    const reason = error instanceof TokenRefused ? error.reason : null;
    deps.logger.warn('auth.refused', { route, status, reason });
    res.status(status).json({ error: { code: 'AUTH.TOKEN_REFUSED', message: refusal } });
    return false;
  }
}
