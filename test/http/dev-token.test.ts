// Development sign-in: tokens signed with the developer's machine's secret (dev-secret.test.ts)
// that name a user and a role, and a verifier that takes only those tokens.
import { createHmac, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import {
  DEV_AUDIENCE,
  DEV_ISSUER,
  DEV_TOKEN_SECONDS,
  DevTokenVerifier,
  signDevelopmentToken,
} from '../../functions/src/http/dev-token';
import { DomainRefused, TokenRefused } from '../../functions/src/http/id-token';

const DOMAIN = 'hackney.gov.uk';
const COORDINATOR = `Coordinator@${DOMAIN}`;
/** Monday 23 November 2026, 09:00 GMT, in seconds. */
const NOW = Date.parse('2026-11-23T09:00:00Z') / 1000;

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT with any header and claims, HMAC-signed with `secret` as the service signs its own. */
function hs256(secret: Buffer, claims: Record<string, unknown>, header: unknown = { alg: 'HS256' }): string {
  const input = `${base64url(header)}.${base64url(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: DEV_ISSUER,
    aud: DEV_AUDIENCE,
    email: COORDINATOR.toLowerCase(),
    role: 'coordinator',
    iat: NOW,
    exp: NOW + DEV_TOKEN_SECONDS,
    ...overrides,
  };
}

/** What verifying `authorization` is refused with. */
async function refusal(verifier: DevTokenVerifier, authorization: string | undefined): Promise<unknown> {
  return verifier.verify(authorization).then(
    () => {
      throw new Error('expected the token to be refused');
    },
    (error: unknown) => error,
  );
}

describe('a development token', () => {
  const secret = randomBytes(32);
  const verifier = new DevTokenVerifier(secret, DOMAIN, () => NOW);

  test('is accepted, naming the user (lower-cased) and the role it was signed with', async () => {
    const token = signDevelopmentToken(secret, { email: COORDINATOR, role: 'coordinator' }, NOW);
    await expect(verifier.verify(`Bearer ${token}`)).resolves.toEqual({
      email: 'coordinator@hackney.gov.uk',
      roles: ['coordinator'],
    });
    const chair = signDevelopmentToken(secret, { email: `chair.one@${DOMAIN}`, role: 'chair' }, NOW);
    await expect(verifier.verify(`Bearer ${chair}`)).resolves.toEqual({
      email: `chair.one@${DOMAIN}`,
      roles: ['chair'],
    });
  });

  test('is a JWT with its own issuer and audience and a working day to live', () => {
    const token = signDevelopmentToken(secret, { email: COORDINATOR, role: 'manager' }, NOW);
    const [header = '', payload = ''] = token.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString('utf8'))).toEqual({
      alg: 'HS256',
      typ: 'JWT',
    });
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))).toEqual(
      claims({ role: 'manager', exp: NOW + 12 * 60 * 60 }),
    );
  });

  test('is refused when signed with another machine’s secret', async () => {
    const token = signDevelopmentToken(randomBytes(32), { email: COORDINATOR, role: 'coordinator' }, NOW);
    const error = await refusal(verifier, `Bearer ${token}`);
    expect(error).toBeInstanceOf(TokenRefused);
    expect(error).toMatchObject({ status: 401, code: 'AUTH.TOKEN_REFUSED', reason: 'signature' });
  });

  test('is refused when its payload was changed after signing (a chair making themselves a manager)', async () => {
    const [header, , signature] = signDevelopmentToken(
      secret,
      { email: `chair.one@${DOMAIN}`, role: 'chair' },
      NOW,
    ).split('.');
    const promoted = base64url(claims({ email: `chair.one@${DOMAIN}`, role: 'manager' }));
    expect(await refusal(verifier, `Bearer ${header}.${promoted}.${signature}`)).toMatchObject({
      status: 401,
      reason: 'signature',
    });
  });

  test('is accepted until the second it expires, and refused from then on', async () => {
    const token = `Bearer ${signDevelopmentToken(secret, { email: COORDINATOR, role: 'coordinator' }, NOW)}`;
    const at = (seconds: number): DevTokenVerifier => new DevTokenVerifier(secret, DOMAIN, () => seconds);
    await expect(at(NOW + DEV_TOKEN_SECONDS - 1).verify(token)).resolves.toMatchObject({
      roles: ['coordinator'],
    });
    expect(await refusal(at(NOW + DEV_TOKEN_SECONDS), token)).toMatchObject({
      status: 401,
      reason: 'expired',
    });
  });

  test('is refused when issued more than a minute in the future', async () => {
    const early = (seconds: number): string =>
      `Bearer ${signDevelopmentToken(secret, { email: COORDINATOR, role: 'coordinator' }, NOW + seconds)}`;
    await expect(verifier.verify(early(60))).resolves.toMatchObject({ roles: ['coordinator'] });
    expect(await refusal(verifier, early(61))).toMatchObject({ status: 401, reason: 'expired' });
  });

  test('is refused with 403 for an address outside the council’s domain, look-alikes included', async () => {
    for (const email of ['someone@example.com', `someone@not${DOMAIN}`, `someone@${DOMAIN}.example.com`]) {
      const token = signDevelopmentToken(secret, { email, role: 'coordinator' }, NOW);
      const error = await refusal(verifier, `Bearer ${token}`);
      expect(error).toBeInstanceOf(DomainRefused);
      expect(error).toMatchObject({ status: 403, code: 'AUTH.WRONG_DOMAIN', reason: 'domain' });
    }
  });

  test('is refused when it names a role the service does not have, though correctly signed', async () => {
    const token = hs256(secret, claims({ role: 'admin' }));
    expect(await refusal(verifier, `Bearer ${token}`)).toMatchObject({ status: 401, reason: 'malformed' });
  });

  test.each([
    ['a Google issuer', { iss: 'https://accounts.google.com' }],
    ['the add-on’s audience', { aud: '123-addon.apps.googleusercontent.com' }],
    ['no role', { role: undefined }],
    ['an address that is not one', { email: 'coordinator' }],
    ['no expiry', { exp: undefined }],
  ])('is refused with %s, though signed with the secret', async (_what, changed) => {
    const token = hs256(secret, claims(changed));
    expect(await refusal(verifier, `Bearer ${token}`)).toMatchObject({ status: 401, reason: 'malformed' });
  });

  test('is refused when its payload is not JSON, though signed with the secret', async () => {
    const input = `${base64url({ alg: 'HS256' })}.${Buffer.from('not json').toString('base64url')}`;
    const token = `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
    expect(await refusal(verifier, `Bearer ${token}`)).toMatchObject({ status: 401, reason: 'malformed' });
  });
});

describe('tokens that are not development tokens', () => {
  const secret = randomBytes(32);
  const verifier = new DevTokenVerifier(secret, DOMAIN, () => NOW);

  test('refuses an unsigned token (alg none)', async () => {
    const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims())}.`;
    expect(await refusal(verifier, `Bearer ${token}`)).toMatchObject({
      status: 401,
      code: 'AUTH.TOKEN_REFUSED',
    });
  });

  test('refuses a Google-style RS256 ID token, whatever its claims say', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const input = `${base64url({ alg: 'RS256', kid: 'google-key', typ: 'JWT' })}.${base64url({
      ...claims(),
      iss: 'https://accounts.google.com',
      hd: DOMAIN,
      email_verified: true,
    })}`;
    const token = `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
    expect(await refusal(verifier, `Bearer ${token}`)).toMatchObject({ status: 401, reason: 'signature' });
  });

  test.each([
    ['no Authorization header', undefined],
    ['an empty one', ''],
    [
      'a bare token without Bearer',
      signDevelopmentToken(secret, { email: COORDINATOR, role: 'coordinator' }, NOW),
    ],
    ['Basic credentials', `Basic ${Buffer.from('coordinator:password').toString('base64')}`],
    ['a token in two parts', 'Bearer abc.def'],
  ])('refuses a request with %s as not signed in', async (_what, authorization) => {
    const error = await refusal(verifier, authorization);
    expect(error).toBeInstanceOf(TokenRefused);
    expect(error).toMatchObject({ status: 401, reason: 'missing' });
  });
});
