// The fake's sign-in: IAM signJwt, the JWT-bearer token endpoint with domain-wide delegation, the
// bearer checks every API call gets, and Google ID tokens verified by google-auth-library.
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { OAuth2Client } from 'google-auth-library';
import type { GoogleFake } from './index';
import { signRs256 } from './jwt';
import {
  anEvent,
  bearer,
  CALENDAR_EVENTS,
  CALENDAR_READONLY,
  calendarFor,
  DOMAIN,
  raw,
  refusal,
  SERVICE_ACCOUNT,
  startTestFake,
  UNIT,
} from './test-clients';
import { calendar } from '@googleapis/calendar';

let fake: GoogleFake;

beforeAll(async () => {
  fake = await startTestFake();
});
afterAll(async () => {
  await fake.stop();
});
beforeEach(() => {
  fake.reset();
});

const signJwtPath = (email = SERVICE_ACCOUNT): string =>
  `/v1/projects/-/serviceAccounts/${encodeURIComponent(email)}:signJwt`;
const now = (): number => Math.floor(Date.now() / 1000);

function claims(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: SERVICE_ACCOUNT,
    sub: UNIT,
    scope: CALENDAR_EVENTS,
    aud: fake.tokenUrl,
    iat: now(),
    exp: now() + 3600,
    ...extra,
  };
}

async function sign(
  payload: Record<string, unknown>,
  token = fake.serviceAccountAccessToken(),
): Promise<{ status: number; body: Record<string, unknown> }> {
  return raw(fake, 'POST', signJwtPath(), {
    token,
    body: JSON.stringify({ payload: JSON.stringify(payload) }),
  });
}

async function exchange(assertion: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const form = new URLSearchParams({
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    assertion,
  }).toString();
  return raw(fake, 'POST', '/token', { body: form, contentType: 'application/x-www-form-urlencoded' });
}

async function signed(extra: Record<string, unknown> = {}): Promise<string> {
  const { body } = await sign(claims(extra));
  return String(body.signedJwt);
}

describe('IAM signJwt', () => {
  it('signs the claims with the service account key, RS256 with its key id, for the service account itself', async () => {
    const { status, body } = await sign(claims());
    expect(status).toBe(200);
    const [header] = String(body.signedJwt).split('.');
    expect(JSON.parse(Buffer.from(header ?? '', 'base64url').toString())).toEqual({
      alg: 'RS256',
      kid: body.keyId,
      typ: 'JWT',
    });
  });

  it('adds an exp an hour ahead when the payload has none, as Google does', async () => {
    const { body } = await sign({ iss: SERVICE_ACCOUNT });
    const payload = JSON.parse(
      Buffer.from(String(body.signedJwt).split('.')[1] ?? '', 'base64url').toString(),
    ) as { exp: number };
    expect(payload.exp).toBeGreaterThanOrEqual(now() + 3590);
  });

  it('refuses a caller without a token (401) and one that is not the service account (403)', async () => {
    const anonymous = await raw(fake, 'POST', signJwtPath(), { body: JSON.stringify({ payload: '{}' }) });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error).toMatchObject({ code: 401, status: 'UNAUTHENTICATED' });
    const userToken = await raw(fake, 'POST', '/token', {
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: await signed(),
      }).toString(),
      contentType: 'application/x-www-form-urlencoded',
    });
    const asUser = await sign(claims(), String(userToken.body.access_token));
    expect(asUser.status).toBe(403);
  });

  it('refuses to sign as another service account', async () => {
    const other = await raw(fake, 'POST', signJwtPath('someone-else@other.iam.gserviceaccount.com'), {
      token: fake.serviceAccountAccessToken(),
      body: JSON.stringify({ payload: '{}' }),
    });
    expect(other.status).toBe(403);
    expect(other.body.error).toMatchObject({
      status: 'PERMISSION_DENIED',
      message: expect.stringContaining("Permission 'iam.serviceAccounts.signJwt' denied") as unknown,
    });
  });

  it('refuses unknown body fields and an exp more than 12 hours ahead', async () => {
    const unknownField = await raw(fake, 'POST', signJwtPath(), {
      token: fake.serviceAccountAccessToken(),
      body: JSON.stringify({ payload: '{}', lifetime: '3600s' }),
    });
    expect(unknownField.status).toBe(400);
    expect((await sign(claims({ exp: now() + 13 * 3600 }))).status).toBe(400);
  });
});

describe('the token endpoint (JWT-bearer grant)', () => {
  it('gives a delegated token that acts as the subject', async () => {
    const { status, body } = await exchange(await signed());
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    const cal = calendar({ version: 'v3', rootUrl: `${fake.url}/`, auth: bearer(String(body.access_token)) });
    const { data } = await cal.events.insert({ calendarId: 'primary', requestBody: anEvent() });
    expect(data.organizer?.email).toBe(UNIT);
  });

  it("accepts Google's own token URL as the audience as well as the fake's", async () => {
    expect((await exchange(await signed({ aud: 'https://oauth2.googleapis.com/token' }))).status).toBe(200);
  });

  it('refuses a user outside the directory with invalid_grant', async () => {
    const { status, body } = await exchange(await signed({ sub: `nobody@${DOMAIN}` }));
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'invalid_grant', error_description: 'Invalid email or User ID' });
  });

  it('refuses a scope the admin did not grant with unauthorized_client (401)', async () => {
    const { status, body } = await exchange(
      await signed({ scope: `${CALENDAR_EVENTS} https://mail.google.com/` }),
    );
    expect(status).toBe(401);
    expect(body.error).toBe('unauthorized_client');
  });

  it('refuses assertions not signed by the service account key, or addressed elsewhere', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = signRs256({ alg: 'RS256', typ: 'JWT' }, claims(), privateKey);
    expect((await exchange(forged)).body).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid JWT Signature.',
    });
    const genuine = await signed();
    const [h, p] = genuine.split('.');
    const tampered = `${h ?? ''}.${p ?? ''}.${'A'.repeat(342)}`;
    expect((await exchange(tampered)).body.error).toBe('invalid_grant');
    expect((await exchange(await signed({ aud: 'https://example.com/token' }))).body.error).toBe(
      'invalid_grant',
    );
  });

  it('refuses assertions that are expired or live longer than an hour', async () => {
    const expired = await exchange(await signed({ iat: now() - 7200, exp: now() - 3600 }));
    expect(expired.body).toEqual({
      error: 'invalid_grant',
      error_description: expect.stringContaining('Token must be a short-lived token (60 minutes)') as unknown,
    });
    expect((await exchange(await signed({ exp: now() + 3601 + 60 }))).body.error).toBe('invalid_grant');
  });

  it('refuses an assertion without scopes', async () => {
    const { body } = await exchange(await signed({ scope: undefined }));
    expect(body).toEqual({
      error: 'invalid_scope',
      error_description: 'Empty or missing scope not allowed.',
    });
  });
});

describe('API calls', () => {
  it('refuses a call without a token: 401, reason required, status UNAUTHENTICATED', async () => {
    const { status, body } = await raw(fake, 'GET', '/calendar/v3/calendars/primary/events');
    expect(status).toBe(401);
    expect(body.error).toMatchObject({
      code: 401,
      status: 'UNAUTHENTICATED',
      message: expect.stringContaining('Request is missing required authentication credential') as unknown,
      errors: [{ domain: 'global', reason: 'required', location: 'Authorization', locationType: 'header' }],
    });
  });

  it('refuses an unknown or expired token: 401, reason authError', async () => {
    const unknown = calendar({ version: 'v3', rootUrl: `${fake.url}/`, auth: bearer('ya29.not-issued') });
    const refused = await refusal(unknown.events.list({ calendarId: 'primary' }, { retry: false }));
    expect(refused.status).toBe(401);
    expect(refused.error.errors?.[0]?.reason).toBe('authError');

    const cal = await calendarFor(fake);
    fake.expireAccessTokens();
    expect((await refusal(cal.events.list({ calendarId: 'primary' }, { retry: false }))).status).toBe(401);
  });

  it("refuses a token without any of the method's discovery scopes: 403 insufficientPermissions", async () => {
    const readOnly = await calendarFor(fake, UNIT, [CALENDAR_READONLY]);
    expect((await readOnly.events.list({ calendarId: 'primary' })).status).toBe(200);
    const refused = await refusal(readOnly.events.insert({ calendarId: 'primary', requestBody: anEvent() }));
    expect(refused.status).toBe(403);
    expect(refused.error).toMatchObject({
      message: 'Request had insufficient authentication scopes.',
      status: 'PERMISSION_DENIED',
      errors: [{ domain: 'global', reason: 'insufficientPermissions' }],
    });
  });

  it("refuses the service account's own metadata token on Calendar", async () => {
    const own = calendar({
      version: 'v3',
      rootUrl: `${fake.url}/`,
      auth: bearer(fake.serviceAccountAccessToken()),
    });
    expect((await refusal(own.events.list({ calendarId: 'primary' }))).status).toBe(403);
  });

  it('records who each request acted for', async () => {
    const cal = await calendarFor(fake);
    await cal.events.list({ calendarId: 'primary' });
    const list = fake.requests.find((r) => r.operation === 'calendar.events.list');
    expect(list).toMatchObject({ api: 'calendar', method: 'GET', subject: UNIT, status: 200 });
    expect(fake.requests.map((r) => r.api)).toEqual(['iam', 'oauth', 'calendar']);
  });

  it('lets a token without delegation act as the service account, which may not invite anyone', async () => {
    const { body } = await exchange(await signed({ sub: undefined }));
    const own = calendar({ version: 'v3', rootUrl: `${fake.url}/`, auth: bearer(String(body.access_token)) });
    const { data } = await own.events.insert({ calendarId: 'primary', requestBody: anEvent() });
    expect(data.organizer?.email).toBe(SERVICE_ACCOUNT);
    const refused = await refusal(
      own.events.insert({ calendarId: 'primary', requestBody: anEvent({ attendees: [{ email: UNIT }] }) }),
    );
    expect(refused.status).toBe(403);
    expect(refused.error.errors?.[0]?.reason).toBe('forbiddenForServiceAccounts');
  });
});

describe('Google ID tokens', () => {
  const audience = '123-addon.apps.googleusercontent.com';
  const client = (): OAuth2Client =>
    new OAuth2Client({ endpoints: { oauth2FederatedSignonPemCertsUrl: fake.certsUrl } });

  it('serves X.509 certificates keyed by kid, cacheable as Google serves them', async () => {
    const res = await fetch(fake.certsUrl);
    expect(res.headers.get('cache-control')).toMatch(/public, max-age=\d+/);
    const certs = (await res.json()) as Record<string, string>;
    const [pem] = Object.values(certs);
    expect(new X509Certificate(pem ?? '').subject).toContain('federated-signon.system.gserviceaccount.com');
  });

  it('serves the same key as a JWK set at /oauth2/v3/certs', async () => {
    const pem = (await (await fetch(fake.certsUrl)).json()) as Record<string, string>;
    const jwks = (await (await fetch(`${fake.url}/oauth2/v3/certs`)).json()) as {
      keys: { kid: string; alg: string }[];
    };
    expect(jwks.keys.map((k) => [k.kid, k.alg])).toEqual([[Object.keys(pem)[0], 'RS256']]);
  });

  it('mints tokens google-auth-library verifies, with the claims given', async () => {
    const ticket = await client().verifyIdToken({
      idToken: fake.idToken({ email: UNIT, aud: audience, hd: DOMAIN }),
      audience,
    });
    expect(ticket.getPayload()).toMatchObject({
      iss: 'https://accounts.google.com',
      email: UNIT,
      email_verified: true,
      hd: DOMAIN,
    });
  });

  it('mints tokens google-auth-library refuses for the wrong audience, after expiry, or from another issuer', async () => {
    await expect(
      client().verifyIdToken({ idToken: fake.idToken({ email: UNIT, aud: 'other' }), audience }),
    ).rejects.toThrow(/audience/);
    const old = now() - 7200;
    await expect(
      client().verifyIdToken({
        idToken: fake.idToken({ email: UNIT, aud: audience, iat: old, exp: old + 3600 }),
        audience,
      }),
    ).rejects.toThrow(/too late/);
    await expect(
      client().verifyIdToken({
        idToken: fake.idToken({ email: UNIT, aud: audience, iss: 'https://evil.example' }),
        audience,
      }),
    ).rejects.toThrow(/issuer/);
  });
});

describe('the metadata server', () => {
  const tokenUrl = (account = 'default'): string =>
    `${fake.url}/computeMetadata/v1/instance/service-accounts/${account}/token`;

  it("gives the service account's own token, the one signJwt accepts, to a caller that says Metadata-Flavor: Google", async () => {
    const response = await fetch(tokenUrl(), { headers: { 'Metadata-Flavor': 'Google' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('metadata-flavor')).toBe('Google');
    const body = (await response.json()) as { access_token: string; token_type: string };
    expect(body.token_type).toBe('Bearer');
    expect(body.access_token).toBe(fake.serviceAccountAccessToken());
  });

  it('refuses a caller without the Metadata-Flavor header, as the real one does', async () => {
    expect((await fetch(tokenUrl())).status).toBe(403);
  });

  it('knows only the account the function runs as', async () => {
    const response = await fetch(tokenUrl('someone-else@example.iam.gserviceaccount.com'), {
      headers: { 'Metadata-Flavor': 'Google' },
    });
    expect(response.status).toBe(404);
  });
});
