// The discovery-driven checks every call goes through: routes from resources.*.methods.*, query
// parameters, JSON bodies against the schemas, partial responses — each refused as Google refuses.
import type { calendar_v3 } from '@googleapis/calendar';
import { loadDiscovery } from './discovery';
import type { GoogleFake } from './index';
import { buildRoutes, matchRoute } from './routes';
import {
  anEvent,
  calendarFor,
  CALENDAR_EVENTS,
  raw,
  refusal,
  SERVICE_ACCOUNT,
  startTestFake,
  UNIT,
} from './test-clients';
import { delegatedAccessToken } from './client-helpers';

let fake: GoogleFake;
let cal: calendar_v3.Calendar;
let token: string;

beforeAll(async () => {
  fake = await startTestFake();
  cal = await calendarFor(fake);
  token = await delegatedAccessToken(fake, SERVICE_ACCOUNT, UNIT, [CALENDAR_EVENTS]);
});
afterAll(async () => {
  await fake.stop();
});
beforeEach(() => {
  fake.reset();
});

const events = '/calendar/v3/calendars/primary/events';
const insertRaw = (body: string, query = ''): Promise<{ status: number; body: Record<string, unknown> }> =>
  raw(fake, 'POST', `${events}${query}`, { token, body });

describe('the Google fake: routes from the discovery documents', () => {
  it('has a route for every method of every resource, nested ones included', () => {
    const meet = buildRoutes('meet', loadDiscovery('meet-v2.json')).map((r) => r.operation);
    expect(meet).toEqual(
      expect.arrayContaining([
        'meet.spaces.create',
        'meet.spaces.patch',
        'meet.conferenceRecords.participants.list',
      ]),
    );
    const calendar = buildRoutes('calendar', loadDiscovery('calendar-v3.json')).map((r) => r.operation);
    expect(calendar).toEqual(
      expect.arrayContaining(['calendar.events.insert', 'calendar.events.import', 'calendar.acl.list']),
    );
  });

  it("tells Meet's v2/{+name} methods apart by the name's pattern", () => {
    const routes = buildRoutes('meet', loadDiscovery('meet-v2.json'));
    const operation = (method: string, path: string): string | null => {
      const m = matchRoute(routes, method, path);
      return m.kind === 'matched' ? m.route.operation : m.kind;
    };
    expect(operation('GET', '/v2/spaces/jQCFfuBOdN5z')).toBe('meet.spaces.get');
    expect(operation('GET', '/v2/conferenceRecords/abc')).toBe('meet.conferenceRecords.get');
    expect(operation('POST', '/v2/spaces/jQCFfuBOdN5z:endActiveConference')).toBe(
      'meet.spaces.endActiveConference',
    );
    expect(operation('DELETE', '/v2/spaces/jQCFfuBOdN5z')).toBe('wrong-method');
    expect(operation('GET', '/v2/elsewhere/x')).toBe('none');
  });

  it('answers 404 for unknown URLs and for methods a known URL does not take', async () => {
    expect((await raw(fake, 'GET', '/calendar/v3/nowhere', { token })).status).toBe(404);
    const wrongMethod = await raw(fake, 'POST', `${events}/abcde12345`, { token, body: '{}' });
    expect(wrongMethod.status).toBe(404);
    expect(wrongMethod.body.error).toMatchObject({ code: 404, errors: [{ reason: 'notFound' }] });
  });

  it('answers 501 for methods the discovery document has but the fake does not implement', async () => {
    const { status, body } = await raw(fake, 'GET', `${events}/abcde12345/instances`, { token });
    expect(status).toBe(501);
    expect(JSON.stringify(body)).toContain('calendar.events.instances');
  });
});

describe('the Google fake: query parameters', () => {
  it('refuses a parameter the method does not declare', async () => {
    const refused = await refusal(
      cal.events.list({ calendarId: 'primary', colour: 'red' } as calendar_v3.Params$Resource$Events$List),
    );
    expect(refused.status).toBe(400);
    expect(refused.error.errors?.[0]).toMatchObject({ reason: 'invalidParameter' });
  });

  it('accepts the standard parameters every method takes', async () => {
    expect(
      (await raw(fake, 'GET', `${events}?prettyPrint=false&quotaUser=unit&alt=json`, { token })).status,
    ).toBe(200);
  });

  it.each([
    ['maxResults=ten', 'an integer that is not one'],
    ['maxResults=0', 'an integer below its minimum'],
    ['showDeleted=yes', 'a boolean that is not true or false'],
    ['orderBy=summary', 'a value outside the enum'],
    ['timeMin=2026-12-07', 'a timestamp without a time'],
    ['timeMin=2026-12-07T10:00:00', 'a timestamp without an offset'],
    ['q=a&q=b', 'a repeated parameter that is not repeatable'],
  ])('refuses %s (%s)', async (query) => {
    const { status, body } = await raw(fake, 'GET', `${events}?${query}`, { token });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({
      code: 400,
      errors: [{ domain: 'global', locationType: 'parameter' }],
    });
  });

  it('takes repeated values for a repeatable parameter', async () => {
    expect(
      (
        await raw(fake, 'GET', `${events}?privateExtendedProperty=a%3D1&privateExtendedProperty=b%3D2`, {
          token,
        })
      ).status,
    ).toBe(200);
  });
});

describe('the Google fake: request bodies', () => {
  it('refuses an unknown field, naming where it is', async () => {
    const top = await insertRaw(JSON.stringify({ ...anEvent(), colour: 'red' }));
    expect(top.status).toBe(400);
    expect(top.body.error).toMatchObject({
      message: 'Invalid JSON payload received. Unknown name "colour" at \'resource\': Cannot find field.',
    });
    const nested = await insertRaw(
      JSON.stringify({ ...anEvent(), attendees: [{ email: 'a@example.com', role: 'chair' }] }),
    );
    expect((nested.body.error as { message: string }).message).toBe(
      'Invalid JSON payload received. Unknown name "role" at \'resource.attendees[0]\': Cannot find field.',
    );
  });

  it.each([
    [{ summary: 5 }, "'resource.summary'"],
    [{ sequence: 'first' }, "'resource.sequence'"],
    [{ sequence: 2 ** 31 }, "'resource.sequence'"],
    [{ attendees: { email: 'a@example.com' } }, "'resource.attendees'"],
    [{ start: { date: '2026-02-30' }, end: { date: '2026-03-01' } }, "'resource.start.date'"],
    [{ start: { dateTime: 'Monday 10am' } }, "'resource.start.dateTime'"],
    [{ reminders: { useDefault: 'yes' } }, "'resource.reminders.useDefault'"],
    [{ extendedProperties: { private: { n: 1 } } }, "'resource.extendedProperties.private[n]'"],
  ])('refuses a value of the wrong type or format: %j', async (fields, where) => {
    const { status, body } = await insertRaw(JSON.stringify({ ...anEvent(), ...fields }));
    expect(status).toBe(400);
    expect((body.error as { message: string }).message).toContain(`Invalid value at ${where}`);
  });

  it('accepts an integer given as a string, as Google JSON parsing does', async () => {
    const { status, body } = await insertRaw(JSON.stringify({ ...anEvent(), sequence: '3' }));
    expect(status).toBe(200);
    expect(body.sequence).toBe(3);
  });

  it('refuses a body that is not JSON with a parse error', async () => {
    const { status, body } = await insertRaw('{"summary": ');
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ message: 'Parse Error', errors: [{ reason: 'parseError' }] });
  });

  it('changes nothing when it refuses a request', async () => {
    await insertRaw(JSON.stringify({ ...anEvent(), colour: 'red' }));
    expect(fake.events(UNIT)).toEqual([]);
  });
});

describe('the Google fake: partial responses and records', () => {
  it('returns only the fields asked for, and refuses fields the response does not have', async () => {
    await cal.events.insert({ calendarId: 'primary', requestBody: anEvent() });
    const { data } = await cal.events.list({
      calendarId: 'primary',
      fields: 'items(id,status),nextPageToken',
    });
    expect(Object.keys(data)).toEqual(['items']);
    expect(Object.keys(data.items?.[0] ?? {}).sort()).toEqual(['id', 'status']);
    const refused = await refusal(cal.events.list({ calendarId: 'primary', fields: 'items(colour)' }));
    expect(refused.status).toBe(400);
  });

  it('records every request, refused ones included, and counts calls by operation', async () => {
    await cal.events.insert({ calendarId: 'primary', requestBody: anEvent() });
    await refusal(cal.events.insert({ calendarId: 'primary', requestBody: anEvent({ id: 'BAD' }) }));
    expect(fake.requests.map((r) => [r.operation, r.status])).toEqual([
      ['calendar.events.insert', 200],
      ['calendar.events.insert', 400],
    ]);
    expect(fake.requests[1]).toMatchObject({
      subject: UNIT,
      path: events,
      body: expect.objectContaining({ id: 'BAD' }) as unknown,
    });
    expect(fake.callCounts()).toEqual({ 'calendar.events.insert': 2 });
  });
});
