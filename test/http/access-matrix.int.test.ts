// Every route of the api × every kind of caller × a conference that exists and one that does not,
// over the real HTTP stack: Google sign-in on functions-framework's server (the fake's signed ID
// tokens, roles from the directory), and development sign-in on `npm start`'s Express (tokens
// signed with this machine's secret, the role in the token). The expected answer of each cell
// comes from test/support/access-matrix.ts; the routes come from the api's own table.
import { createHmac, randomBytes } from 'node:crypto';
import { DEV_AUDIENCE, DEV_ISSUER, signDevelopmentToken } from '../../functions/src/http/dev-token';
import { LOCAL_DOMAIN, LOCAL_STAFF } from '../../functions/src/local/local-env';
import {
  API_SPEC,
  DEVELOPMENT_SPEC,
  expectedAnswer,
  PEOPLE,
  REFUSALS,
  targetsOf,
  TOKEN_REFUSED,
  type Caller,
  type RouteSpec,
} from '../support/access-matrix';
import { ADDON_AUDIENCE, MANAGER, OTHER_CHAIR, startApi, type Api } from '../support/api-harness';
import { CHAIR, COORDINATOR, DOMAIN, hackneyBooking, NOW } from '../support/bookings';
import { startTestLocalService, type TestLocalService } from '../support/local-service';

interface Mode {
  /** The api's base address, and its route table. */
  readonly base: string;
  readonly routes: readonly { readonly method: string; readonly template: string }[];
  /** The Authorization header a caller sends, or none. */
  authorization(caller: Caller): string | undefined;
  readonly spec: Readonly<Record<string, RouteSpec>>;
  readonly callers: readonly Caller[];
}

const UNKNOWN_REF = 'CPC-2222';
const UNKNOWN_EVENT = 'a'.repeat(26);

function refused(name: (typeof REFUSALS)[number] | 'other domain' | 'no role'): Caller {
  const answer =
    name === 'other domain'
      ? '403 AUTH.WRONG_DOMAIN'
      : name === 'no role'
        ? '403 AUTH.ROLE_REQUIRED'
        : TOKEN_REFUSED;
  return { kind: 'refused', name, answer };
}

const REFUSED_CALLERS: readonly Caller[] = [...REFUSALS.map(refused), refused('other domain')];

const now = (): number => Math.floor(Date.now() / 1000);
/** The same token with the start of its signature changed. */
function flipSignature(token: string): string {
  const [head = '', payload = '', signature = ''] = token.split('.');
  return `${head}.${payload}.${signature.startsWith('AAAA') ? 'BBBB' : 'AAAA'}${signature.slice(4)}`;
}

/** A development token written by hand (RFC 7519, HS256), to say what the service never would. */
function handMade(secret: Buffer, claims: Record<string, unknown>): string {
  const encode = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
  const head = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

async function answer(
  mode: Mode,
  method: string,
  path: string,
  caller: Caller,
  body: unknown,
): Promise<string> {
  const authorization = mode.authorization(caller);
  const response = await fetch(`${mode.base}${path}`, {
    method,
    headers: {
      ...(authorization === undefined ? {} : { authorization }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as { error?: { code?: string } };
  return response.status < 300 ? String(response.status) : `${response.status} ${json.error?.code ?? '?'}`;
}

/** Every cell's answer and what it should be; and the routes of the table and of the specification. */
async function runMatrix(
  mode: Mode,
  existing: { reference: string; eventId: string },
): Promise<{
  routes: string[];
  specified: string[];
  actual: Record<string, string>;
  wanted: Record<string, string>;
}> {
  const keys = mode.routes.map((r) => `${r.method} ${r.template}`);
  const actual: Record<string, string> = {};
  const wanted: Record<string, string> = {};
  for (const key of keys) {
    const spec = mode.spec[key];
    if (spec === undefined) continue;
    const [method = '', template = ''] = key.split(' ');
    for (const target of targetsOf(template)) {
      const path = template
        .replace(':ref', target === 'existing' ? existing.reference : UNKNOWN_REF)
        .replace(':eventId', target === 'existing' ? existing.eventId : UNKNOWN_EVENT)
        .replace(':messageId', 'unknown-message-id');
      for (const caller of mode.callers) {
        const cell = `${key} [${target}] ${caller.name}`;
        wanted[cell] = expectedAnswer(spec, caller, target);
        actual[cell] = await answer(mode, method, path, caller, spec.body);
      }
    }
  }
  return { routes: [...keys].sort(), specified: Object.keys(mode.spec).sort(), actual, wanted };
}

function expectEveryCell(matrix: Awaited<ReturnType<typeof runMatrix>>): void {
  // The table and the specification name the same routes: a new route needs its row.
  expect(matrix.routes).toEqual(matrix.specified);
  expect(matrix.actual).toEqual(matrix.wanted);
}

async function book(base: string, authorization: string): Promise<{ reference: string; eventId: string }> {
  const response = await fetch(`${base}/conferences`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify(hackneyBooking()),
  });
  const body = (await response.json()) as { reference: string; events: { eventId: string }[] };
  expect(response.status).toBe(201);
  return { reference: body.reference, eventId: body.events[0]?.eventId ?? '' };
}

describe('with Google sign-in, on functions-framework', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.stop();
  });

  test('every route answers every caller as specified', async () => {
    const who: Record<string, string> = {
      coordinator: COORDINATOR,
      'its chair': CHAIR,
      'another chair': OTHER_CHAIR,
      manager: MANAGER,
      'no role': `nobody@${DOMAIN}`,
    };
    const tokens: Record<string, () => string | undefined> = {
      'no token': () => undefined,
      malformed: () => 'Bearer not-a-token',
      'wrong signature': () => `Bearer ${flipSignature(api.token(COORDINATOR))}`,
      expired: () => `Bearer ${api.token(COORDINATOR, { iat: now() - 7200, exp: now() - 3600 })}`,
      'lifetime too long': () => `Bearer ${api.token(COORDINATOR, { exp: now() + 13 * 3600 })}`,
      'wrong audience': () =>
        `Bearer ${api.token(COORDINATOR, { aud: 'another-client.apps.googleusercontent.com' })}`,
      'wrong issuer': () => `Bearer ${api.token(COORDINATOR, { iss: 'https://issuer.example' })}`,
      'unverified email': () => `Bearer ${api.token(COORDINATOR, { email_verified: false })}`,
      'other domain': () =>
        `Bearer ${api.fake.idToken({ email: 'coordinator@another.gov.uk', aud: ADDON_AUDIENCE, hd: 'another.gov.uk' })}`,
    };
    const mode: Mode = {
      base: api.url,
      routes: api.routes,
      spec: API_SPEC,
      callers: [
        ...REFUSED_CALLERS,
        ...PEOPLE,
        { kind: 'person', name: 'no role', role: null, chairsIt: false },
      ],
      authorization: (caller) => {
        if (caller.kind === 'refused') return tokens[caller.name]?.();
        return `Bearer ${api.token(who[caller.name] ?? '')}`;
      },
    };
    const matrix = await runMatrix(mode, await book(api.url, `Bearer ${api.token(COORDINATOR)}`));
    expect(matrix.routes).not.toContain('POST /dev/clock');
    expectEveryCell(matrix);
  });
});

describe("with development sign-in, on npm start's Express", () => {
  let local: TestLocalService;
  beforeAll(async () => {
    local = await startTestLocalService('access-matrix-');
    local.service.clock.set(NOW);
  });
  afterAll(async () => {
    await local.service.stop();
  });

  test('every route answers every caller as specified, the development routes included', async () => {
    const { secret } = local;
    const claims = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
      iss: DEV_ISSUER,
      aud: DEV_AUDIENCE,
      email: LOCAL_STAFF.coordinator,
      role: 'coordinator',
      iat: now(),
      exp: now() + 3600,
      ...extra,
    });
    const tokens: Record<string, () => string | undefined> = {
      'no token': () => undefined,
      malformed: () => 'Bearer not-a-token',
      'wrong signature': () => `Bearer ${handMade(randomBytes(32), claims())}`,
      expired: () =>
        `Bearer ${signDevelopmentToken(secret, { email: LOCAL_STAFF.coordinator, role: 'coordinator' }, now() - 13 * 3600)}`,
      'lifetime too long': () => `Bearer ${handMade(secret, claims({ exp: now() + 30 * 365 * 86400 }))}`,
      'wrong audience': () => `Bearer ${handMade(secret, claims({ aud: 'another-service' }))}`,
      'wrong issuer': () => `Bearer ${handMade(secret, claims({ iss: 'https://accounts.google.com' }))}`,
      // Development tokens carry no such claim; one that does was not made by this service.
      'unverified email': () => `Bearer ${handMade(secret, claims({ email_verified: false }))}`,
      'other domain': () =>
        `Bearer ${signDevelopmentToken(secret, { email: 'coordinator@another.gov.uk', role: 'coordinator' })}`,
    };
    const who: Record<string, string> = {
      coordinator: LOCAL_STAFF.coordinator,
      'its chair': LOCAL_STAFF.chair,
      'another chair': `chair.two@${LOCAL_DOMAIN}`,
      manager: LOCAL_STAFF.manager,
    };
    const mode: Mode = {
      base: local.service.apiUrl,
      routes: local.service.routes,
      spec: { ...API_SPEC, ...DEVELOPMENT_SPEC },
      callers: [...REFUSED_CALLERS, ...PEOPLE],
      authorization: (caller) => {
        if (caller.kind === 'refused') return tokens[caller.name]?.();
        return `Bearer ${signDevelopmentToken(secret, { email: who[caller.name] ?? '', role: caller.role ?? 'chair' })}`;
      },
    };
    const coordinator = mode.authorization(PEOPLE[0] as Caller) ?? '';
    expectEveryCell(await runMatrix(mode, await book(local.service.apiUrl, coordinator)));
  });
});
