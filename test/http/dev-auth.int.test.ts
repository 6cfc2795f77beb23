// Development sign-in through the real api function (functions-framework's own server), wired by
// the composition root with the smtp adapters: a token from this machine's secret signs a person
// in with the role it names; a Google token, or none, signs nobody in.
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Firestore } from '@google-cloud/firestore';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { jsonLogger } from '../../functions/src/adapters/system/json-logger';
import { composeServices } from '../../functions/src/compose';
import { readConfig } from '../../functions/src/config';
import { createApi } from '../../functions/src/http/api';
import { createOrReadDevelopmentSecret } from '../../functions/src/http/dev-secret';
import { signDevelopmentToken } from '../../functions/src/http/dev-token';
import { CHAIR, COORDINATOR, DOMAIN, NOW, UNIT_MAILBOX } from '../support/bookings';
import { randomRoot, testFirestore } from '../support/firestore';

let db: Firestore;
let server: Server;
let url: string;
let secret: Buffer;
const logs: string[] = [];

/** The settings of a local service with development sign-in, its files under `dir`. */
function development(dir: string, secretFile: string): Record<string, string> {
  return {
    ADAPTERS: 'smtp',
    AUTH_MODE: 'development',
    SMTP_HOST: '127.0.0.1',
    VIDEO_LINK: 'https://video.example.invalid/{room}',
    MAIL_DIR: join(dir, 'mail'),
    DEV_AUTH_SECRET_FILE: secretFile,
    WORKSPACE_DOMAIN: DOMAIN,
    CALENDAR_OWNER: UNIT_MAILBOX,
    POLICY: 'hackney',
    FIRESTORE_ROOT: randomRoot(),
  };
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dev-auth-'));
  const secretFile = join(dir, 'dev', 'auth-secret');
  // As npm start makes it before composing: the composition root only reads it.
  secret = createOrReadDevelopmentSecret(secretFile);
  const config = readConfig(development(dir, secretFile));
  db = testFirestore();
  const services = composeServices(config, {
    db,
    clock: { now: () => NOW },
    logger: jsonLogger((line) => logs.push(line)),
  });
  const name = `api-${randomUUID()}`;
  http(name, createApi(services.api));
  server = getTestServer(name);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  await db.terminate();
});

/** A token as `npx conference-desk dev-token` makes it, from the secret file the service made. */
function devToken(email: string, role: 'coordinator' | 'chair' | 'manager'): string {
  return signDevelopmentToken(secret, { email, role });
}

async function call(
  method: string,
  path: string,
  token: string | null,
): Promise<{ status: number; body: { error?: { code: string } } }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: (await response.json()) as { error?: { code: string } } };
}

describe('signing in with a development token', () => {
  test('lets a coordinator read the overview', async () => {
    const { status, body } = await call('GET', '/overview', devToken(COORDINATOR, 'coordinator'));
    expect(status).toBe(200);
    expect(body).toMatchObject({ conferences: [], unmatched: 0 });
  });

  test('gives the role the token names and no other: a chair may not run the sweep', async () => {
    const { status, body } = await call('POST', '/sweep', devToken(CHAIR, 'chair'));
    expect(status).toBe(403);
    expect(body.error?.code).toBe('AUTH.ROLE_REQUIRED');
  });

  test('refuses a request without a token', async () => {
    const { status, body } = await call('GET', '/overview', null);
    expect(status).toBe(401);
    expect(body.error?.code).toBe('AUTH.TOKEN_REFUSED');
  });

  test('refuses a Google-style ID token, which this machine’s secret did not sign', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const input = `${part({ alg: 'RS256', kid: 'google', typ: 'JWT' })}.${part({
      iss: 'https://accounts.google.com',
      aud: '123-addon.apps.googleusercontent.com',
      email: COORDINATOR,
      email_verified: true,
      hd: DOMAIN,
      iat: now,
      exp: now + 3600,
    })}`;
    const token = `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
    const { status, body } = await call('GET', '/overview', token);
    expect(status).toBe(401);
    expect(body.error?.code).toBe('AUTH.TOKEN_REFUSED');
  });

  test('logs each refusal with its reason and no address', async () => {
    logs.length = 0;
    await call('GET', '/overview', null);
    await call('POST', '/sweep', devToken(CHAIR, 'chair'));
    const refusals = logs
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry.message === 'auth.refused');
    expect(refusals.map((r) => [r.route, r.status, r.reason])).toEqual([
      ['/overview', 401, 'missing'],
      ['/sweep', 403, null],
    ]);
    expect(JSON.stringify(logs)).not.toContain(DOMAIN);
  });
});

describe('composing development sign-in', () => {
  test("refuses to start without npm start's secret, saying so, and makes no secret or folder", () => {
    const dir = mkdtempSync(join(tmpdir(), 'dev-auth-'));
    const missing = join(dir, 'dev', 'auth-secret');
    expect(() => composeServices(readConfig(development(dir, missing)), { db })).toThrow(
      `There is no development secret at ${missing}: npm start makes one`,
    );
    expect(existsSync(dirname(missing))).toBe(false);
  });
});
