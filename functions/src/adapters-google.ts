// The Google Workspace adapter set: Calendar events with Meet, the request inbox in Gmail, drafts
// in the chair's Gmail, all acting as the council's users through domain-wide delegation.
import { readFileSync } from 'node:fs';
import { GoogleAuth } from 'google-auth-library';
import { Delegation, IamJwtSigner, KeyFileJwtSigner, type JwtSigner } from './adapters/google/delegation';
import { GoogleCalendar } from './adapters/google/google-calendar';
import { GoogleDrafts } from './adapters/google/google-drafts';
import { GoogleGmail } from './adapters/google/google-gmail';
import { GoogleMeet } from './adapters/google/google-meet';
import type { AdapterSet } from './adapter-set';
import { ConfigError, type Config } from './config';

function signerFor(config: Config, account: string): JwtSigner {
  if (config.DELEGATION_KEY_FILE !== undefined) {
    const key = JSON.parse(readFileSync(config.DELEGATION_KEY_FILE, 'utf8')) as Record<string, unknown>;
    if (typeof key.private_key !== 'string' || key.client_email !== account) {
      throw new ConfigError('DELEGATION_KEY_FILE is not a key file for DELEGATION_SERVICE_ACCOUNT');
    }
    return new KeyFileJwtSigner(account, key.private_key, String(key.private_key_id));
  }
  // The function's own identity (the metadata server on Cloud Functions) calls signJwt.
  const caller = new GoogleAuth({ scopes: ['https://www.googleapis.com/auth/cloud-platform'] });
  return new IamJwtSigner(account, caller, config.GOOGLE_IAM_URL);
}

export function googleAdapters(
  config: Config,
  inbox: string | null,
  options: { readonly signer?: JwtSigner; readonly onGoogleCall?: (operation: string) => void },
): AdapterSet {
  const account = config.DELEGATION_SERVICE_ACCOUNT;
  if (account === undefined)
    throw new ConfigError('DELEGATION_SERVICE_ACCOUNT: is required with ADAPTERS=google');
  const delegation = new Delegation({
    signer: options.signer ?? signerFor(config, account),
    ...(config.GOOGLE_TOKEN_URL === undefined ? {} : { tokenUrl: config.GOOGLE_TOKEN_URL }),
  });
  const google = {
    delegation,
    retry: {
      attempts: config.GOOGLE_RETRY_ATTEMPTS,
      baseDelayMs: config.GOOGLE_RETRY_BASE_MS,
      maxDelayMs: config.GOOGLE_RETRY_MAX_MS,
    },
    timeoutMs: config.GOOGLE_TIMEOUT_MS,
    ...(config.GOOGLE_API_ROOT_URL === undefined ? {} : { rootUrl: `${config.GOOGLE_API_ROOT_URL}/` }),
    ...(options.onGoogleCall === undefined ? {} : { onCall: options.onGoogleCall }),
  };
  const mailbox =
    inbox === null
      ? undefined
      : new GoogleGmail({
          ...google,
          address: inbox,
          topicName: config.GMAIL_PUSH_TOPIC ?? null,
          authservId: config.INTAKE_AUTHSERV_ID,
        });
  return {
    kind: 'google',
    calendar: new GoogleCalendar(google),
    meet: new GoogleMeet(google),
    mailbox,
    mailer: mailbox,
    drafts: new GoogleDrafts(google),
    // Calendar keeps the answers sent to the organiser; one emailed to the report inbox is kept
    // with the conference (record-emailed-answer.ts), composed where the stores are.
    replies: undefined,
  };
}
