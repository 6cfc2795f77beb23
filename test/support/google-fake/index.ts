// startGoogleFake: a strict local Google (Calendar v3, Meet v2, Gmail v1, IAM signJwt, the OAuth
// token endpoint and ID-token certs) on 127.0.0.1, for the real @googleapis clients to talk to.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AccessToken } from './auth';
import { CLOUD_PLATFORM, TokenStore } from './auth';
import { createCalendarApi } from './calendar';
import { CalendarStore } from './calendar-store';
import { FaultQueue } from './faults';
import { createGmailApi } from './gmail';
import { GmailStore } from './gmail-store';
import { createGmailTestApi } from './gmail-test-api';
import { GoogleIdentity } from './id-tokens';
import { newSigningKey } from './keys';
import { createMeetApi } from './meet';
import { MeetStore } from './meet-store';
import { createRequestHandler, type ServerDeps } from './server';
import type { GoogleFake, GoogleFakeOptions, RecordedRequest } from './types';

export type {
  AttendeeResponse,
  Fault,
  GmailDeliverOptions,
  GmailFake,
  GmailLabel,
  GmailStoredDraft,
  GmailStoredMessage,
  GmailWatch,
  GoogleFake,
  GoogleFakeOptions,
  Notification,
  RecordedRequest,
  StoredEvent,
} from './types';
export { delegatedAccessToken } from './client-helpers';

function checkOptions(options: GoogleFakeOptions): Set<string> {
  const domain = options.domain.toLowerCase();
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain))
    throw new Error(`startGoogleFake: '${options.domain}' is not a domain`);
  const users = new Set(options.users.map((u) => (u.includes('@') ? u : `${u}@${domain}`).toLowerCase()));
  for (const user of users) {
    if (!user.endsWith(`@${domain}`))
      throw new Error(
        `startGoogleFake: ${user} is outside ${domain}; delegation reaches only the domain's users`,
      );
  }
  const reads = options.meetPendingReads ?? 1;
  if (!Number.isInteger(reads) || reads < 0)
    throw new Error('startGoogleFake: meetPendingReads must be a non-negative integer');
  return users;
}

export async function startGoogleFake(options: GoogleFakeOptions): Promise<GoogleFake> {
  const users = checkOptions(options);
  const serviceAccount = options.serviceAccount.email;
  const timeZone = options.timeZone ?? 'Europe/London';
  const settings = { meetPendingReads: options.meetPendingReads ?? 1 };
  const [serviceAccountKey, googleKey] = await Promise.all([newSigningKey(), newSigningKey()]);
  const tokens = new TokenStore();
  const faults = new FaultQueue();
  const meet = new MeetStore();
  const store = new CalendarStore();
  const gmail = new GmailStore(users, options.domain.toLowerCase());
  const identity = new GoogleIdentity(googleKey);
  const requests: RecordedRequest[] = [];
  const apis = [
    createCalendarApi({
      store,
      meet,
      domain: options.domain,
      timeZone,
      meetPendingReads: () => settings.meetPendingReads,
    }),
    createMeetApi(meet),
    createGmailApi({ store: gmail, timeZone }),
  ];
  // Like the metadata server: the service account's own token, the same until it lapses.
  let saToken: AccessToken | undefined;
  const ownToken = (): AccessToken => {
    if (saToken === undefined || tokens.find(saToken.token) === undefined)
      saToken = tokens.issue(serviceAccount, [CLOUD_PLATFORM], 'service-account');
    return saToken;
  };
  const deps: ServerDeps = {
    metadata: {
      serviceAccount,
      accessToken: () => {
        const own = ownToken();
        return {
          token: own.token,
          expiresInSeconds: Math.max(0, Math.floor((own.expiresAt - Date.now()) / 1000)),
        };
      },
    },
    apis,
    tokens,
    faults,
    requests,
    identity,
    iam: { serviceAccount, key: serviceAccountKey, tokens },
    tokenEndpoint: {
      tokenUrl: '', // known once the server listens
      serviceAccount,
      delegatedScopes: options.serviceAccount.delegatedScopes,
      key: serviceAccountKey,
      tokens,
      userExists: (email) => users.has(email.toLowerCase()),
    },
  };
  const server = createServer({ keepAlive: true }, createRequestHandler(deps));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  deps.tokenEndpoint.tokenUrl = `${url}/token`;

  return {
    url,
    tokenUrl: `${url}/token`,
    certsUrl: `${url}/oauth2/v1/certs`,
    serviceAccountKeyFile() {
      // The JSON a console download gives: for local runs, which sign delegation JWTs themselves.
      return {
        type: 'service_account',
        client_email: serviceAccount,
        private_key_id: serviceAccountKey.keyId,
        private_key: serviceAccountKey.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        token_uri: `${url}/token`,
      };
    },
    serviceAccountAccessToken: () => ownToken().token,
    metadataHost: url.slice('http://'.length),
    idToken: (claims) => identity.mint(claims),
    get requests() {
      return requests;
    },
    events: (owner) => store.all(owner).map((r) => structuredClone(r.event)),
    respond(owner, eventId, attendeeEmail, response) {
      store.respond(owner, eventId, attendeeEmail, response);
    },
    spaces: () => meet.all().map((r) => ({ space: structuredClone(r.space), owner: r.owner })),
    get notifications() {
      return store.notifications;
    },
    inject: (fault) => {
      faults.add(fault);
    },
    callCounts() {
      const counts: Record<string, number> = {};
      for (const r of requests)
        if (r.operation !== null) counts[r.operation] = (counts[r.operation] ?? 0) + 1;
      return counts;
    },
    gmail: createGmailTestApi(gmail),
    setMeetPendingReads(reads) {
      if (!Number.isInteger(reads) || reads < 0)
        throw new Error('setMeetPendingReads: reads must be a non-negative integer');
      settings.meetPendingReads = reads;
    },
    expireAccessTokens: () => {
      tokens.expireAll();
    },
    reset() {
      store.clear();
      meet.clear();
      gmail.clear();
      faults.clear();
      requests.length = 0;
      settings.meetPendingReads = options.meetPendingReads ?? 1;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error === undefined) resolve();
          else reject(error);
        });
        server.closeAllConnections();
      }),
  };
}
