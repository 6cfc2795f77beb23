// Injected faults: Google's quota and backend errors, refused before anything changes; slowness;
// and answers lost after Google did the work, which retries must survive.
import type { calendar_v3 } from '@googleapis/calendar';
import type { meet_v2 } from '@googleapis/meet';
import type { GoogleFake } from './index';
import {
  anEvent,
  calendarFor,
  meetFor,
  refusal,
  statusOf,
  SERVICE_ACCOUNT,
  startTestFake,
  UNIT,
  CALENDAR_EVENTS,
} from './test-clients';
import { delegatedAccessToken } from './client-helpers';

let fake: GoogleFake;
let cal: calendar_v3.Calendar;
let meet: meet_v2.Meet;

beforeAll(async () => {
  fake = await startTestFake();
  cal = await calendarFor(fake);
  meet = await meetFor(fake);
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
