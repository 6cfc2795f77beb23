// Injected faults: Google's quota and backend errors, refused before anything changes; slowness;
// answers lost after Google did the work, which retries must survive; and answers that never come.
import type { calendar_v3 } from '@googleapis/calendar';
import type { gmail_v1 } from '@googleapis/gmail';
import type { meet_v2 } from '@googleapis/meet';
import type { GoogleFake } from './index';
import {
  aMail,
  anEvent,
  calendarFor,
  gmailFor,
  meetFor,
  refusal,
  statusOf,
  SERVICE_ACCOUNT,
  startTestFake,
  UNIT,
  CALENDAR_EVENTS,
} from './test-clients';
import { gaxios } from 'google-auth-library';
import { delegatedAccessToken } from './client-helpers';

let fake: GoogleFake;
let cal: calendar_v3.Calendar;
let meet: meet_v2.Meet;
let gm: gmail_v1.Gmail;

beforeAll(async () => {
  fake = await startTestFake();
  cal = await calendarFor(fake);
  meet = await meetFor(fake);
  gm = await gmailFor(fake);
});
afterAll(async () => {
  await fake.stop();
});
beforeEach(() => {
  fake.reset();
});

const insert = (event = anEvent()): Promise<unknown> =>
  cal.events.insert({ calendarId: 'primary', requestBody: event });

describe('the Google fake: injected faults', () => {
  it('answers 429 rateLimitExceeded in Calendar shape and changes nothing, then lets the next call through', async () => {
    fake.inject({ method: 'POST', path: '/events', status: 429 });
    const refused = await refusal(
      cal.events.insert({ calendarId: 'primary', requestBody: anEvent() }, { retry: false }),
    );
    expect(refused.status).toBe(429);
    expect(refused.error).toEqual({
      code: 429,
      message: 'Rate Limit Exceeded',
      errors: [{ message: 'Rate Limit Exceeded', domain: 'usageLimits', reason: 'rateLimitExceeded' }],
      status: 'RESOURCE_EXHAUSTED',
    });
    expect(fake.events(UNIT)).toEqual([]);
    await insert();
    expect(fake.events(UNIT)).toHaveLength(1);
  });

  it("answers 403 with the reason given, Calendar's way of saying a user is over quota", async () => {
    fake.inject({ status: 403, reason: 'userRateLimitExceeded' });
    const refused = await refusal(insert());
    expect(refused.error).toMatchObject({
      code: 403,
      status: 'PERMISSION_DENIED',
      errors: [{ domain: 'usageLimits', reason: 'userRateLimitExceeded' }],
    });
  });

  it('answers 500 and 503 backendError, which the client retries for idempotent methods', async () => {
    const { data } = await cal.events.insert({ calendarId: 'primary', requestBody: anEvent() });
    fake.inject({ method: 'GET', status: 503 });
    fake.inject({ method: 'GET', status: 500 });
    const got = await cal.events.get({ calendarId: 'primary', eventId: data.id ?? '' });
    expect(got.status).toBe(200);
    expect(fake.requests.filter((r) => r.operation === 'calendar.events.get').map((r) => r.status)).toEqual([
      503, 500, 200,
    ]);
    expect(fake.callCounts()['calendar.events.get']).toBe(3);
  });

  it('answers Meet faults in the one-platform shape', async () => {
    fake.inject({ path: '/v2/spaces', status: 503 });
    const refused = await refusal(meet.spaces.create({}));
    expect(refused.error).toEqual({
      code: 503,
      message: 'The service is currently unavailable.',
      status: 'UNAVAILABLE',
    });
    expect(fake.spaces()).toEqual([]);
  });

  it('answers as many requests as `times`, after letting `skip` through', async () => {
    fake.inject({ method: 'POST', path: /\/events$/, status: 503, times: 2, skip: 1 });
    const outcomes = [];
    for (let i = 0; i < 4; i += 1)
      outcomes.push(await statusOf(cal.events.insert({ calendarId: 'primary', requestBody: anEvent() })));
    expect(outcomes).toEqual([200, 503, 503, 200]);
  });

  it('delays a request by delayMs and then processes it', async () => {
    fake.inject({ method: 'POST', delayMs: 150 });
    const started = Date.now();
    await insert();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(fake.events(UNIT)).toHaveLength(1);
  });

  it('processes the request and then loses the answer with afterProcessing, so a retry meets 409', async () => {
    fake.inject({ method: 'POST', path: '/events', afterProcessing: true });
    const lost = await refusal(
      cal.events.insert({ calendarId: 'primary', requestBody: anEvent({ id: 'lost12345' }) }),
    );
    expect(lost.status).toBe(503);
    expect(fake.events(UNIT).map((e) => e.id)).toEqual(['lost12345']);
    expect(
      (await refusal(cal.events.insert({ calendarId: 'primary', requestBody: anEvent({ id: 'lost12345' }) })))
        .status,
    ).toBe(409);
  });

  it('leaves sign-in alone unless a fault names its path', async () => {
    fake.inject({ status: 503 });
    await expect(delegatedAccessToken(fake, SERVICE_ACCOUNT, UNIT, [CALENDAR_EVENTS])).resolves.toMatch(
      /^ya29\./,
    );
    fake.reset();
    fake.inject({ path: '/token', status: 503 });
    await expect(delegatedAccessToken(fake, SERVICE_ACCOUNT, UNIT, [CALENDAR_EVENTS])).rejects.toThrow(/503/);
  });

  it('forgets queued faults on reset', async () => {
    fake.inject({ status: 429, times: 5 });
    fake.reset();
    await insert();
    expect(fake.events(UNIT)).toHaveLength(1);
  });
});

describe('the Google fake: hanging after the work is done', () => {
  const hang = { method: 'POST', path: /\/messages\/send$/, afterProcessing: true, hang: true } as const;
  const mail = (): { raw: string } => ({
    raw: Buffer.from(aMail({ from: UNIT, to: 'parent@example.com' })).toString('base64url'),
  });

  /** Resolves once `check` holds, polling; fails the test after ten seconds (a loaded machine is slow). */
  async function until(check: () => boolean): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('condition not met within ten seconds');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  it('stores the sent message and never answers, so a client with a short timeout gives up', async () => {
    fake.inject(hang);
    let settled = false;
    const call = gm.users.messages
      .send({ userId: 'me', requestBody: mail() }, { timeout: 2000, retry: false })
      .finally(() => {
        settled = true;
      });
    const outcome = call.then(
      () => null,
      (error: unknown) => error,
    );
    await until(() => fake.gmail.sent(UNIT).length === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false);
    expect(fake.requests.find((r) => r.operation === 'gmail.users.messages.send')?.status).toBe(0);
    const error = await outcome;
    expect(error).toBeInstanceOf(gaxios.GaxiosError);
    expect(error).toMatchObject({ response: undefined });
    expect(String(error)).toMatch(/timeout/i);
    // The fault answered once; the next send is answered as usual.
    await gm.users.messages.send({ userId: 'me', requestBody: mail() });
    expect(fake.gmail.sent(UNIT)).toHaveLength(2);
  });

  it('lets stop() finish without waiting for the hanging connection, which it drops', async () => {
    const own = await startTestFake();
    const client = await gmailFor(own);
    own.inject(hang);
    const outcome = client.users.messages.send({ userId: 'me', requestBody: mail() }, { retry: false }).then(
      () => 'answered',
      () => 'dropped',
    );
    await until(() => own.gmail.sent(UNIT).length === 1);
    // Without dropping it, stop() would wait for the hanging connection forever (the test's timeout).
    await own.stop();
    expect(await outcome).toBe('dropped');
  });

  it('takes hang only with afterProcessing and without a status', () => {
    expect(() => {
      fake.inject({ path: '/messages/send', hang: true });
    }).toThrow(/hang needs afterProcessing/);
    expect(() => {
      fake.inject({ path: '/messages/send', hang: true, afterProcessing: false, delayMs: 10 });
    }).toThrow(/hang needs afterProcessing/);
    expect(() => {
      fake.inject({ path: '/messages/send', hang: true, afterProcessing: true, status: 503 });
    }).toThrow(/takes no status/);
  });
});
