// Booking through the HTTP API the add-on calls, against the Firestore emulator and the strict
// Google fake: the invitations each audience gets, what nobody may see, safe retries, changes,
// cancellation, and who may do what.
import type { calendar_v3 } from '@googleapis/calendar';
import {
  CHAIR,
  COORDINATOR,
  hackneyBooking,
  separatedParentsBooking,
  UNIT_MAILBOX,
} from '../support/bookings';
import { ADDON_AUDIENCE, MANAGER, OTHER_CHAIR, startApi, type Api } from '../support/api-harness';

let api: Api;

beforeAll(async () => {
  api = await startApi();
});

afterAll(async () => {
  await api.stop();
});

beforeEach(() => {
  api.fake.reset();
});

type Event = calendar_v3.Schema$Event;

const live = (): Event[] => api.fake.events(UNIT_MAILBOX).filter((e) => e.status !== 'cancelled');
const ours = (reference: string): Event[] => live().filter((e) => e.summary?.includes(reference) === true);
const guestsOf = (e: Event): string[] => (e.attendees ?? []).map((a) => a.email ?? '');
const joinUrl = (e: Event): string | undefined =>
  e.conferenceData?.entryPoints?.find((p) => p.entryPointType === 'video')?.uri ?? undefined;
const calendarCalls = (): number =>
  Object.entries(api.fake.callCounts())
    .filter(([op]) => op.startsWith('calendar.') || op.startsWith('meet.'))
    .reduce((sum, [, n]) => sum + n, 0);

async function book(input: Record<string, unknown> = hackneyBooking()) {
  const response = await api.call('POST', '/conferences', { body: input });
  return { ...response, reference: String(response.body.reference) };
}

describe('booking a Hackney initial conference', () => {
  test('makes a family event at 10:00 and a professionals event at 10:30 on one restricted Meet', async () => {
    const { status, body, reference } = await book();
    expect(status).toBe(201);
    expect(body.status).toBe('booked');
    expect(reference).toMatch(/^CPC-[2-9A-HJKMNP-Z]{4}$/);

    const events = ours(reference);
    expect(events.map((e) => [e.summary, e.start?.dateTime, e.end?.dateTime])).toEqual([
      [`Conference ${reference} (family)`, '2026-12-07T10:00:00+00:00', '2026-12-07T12:30:00+00:00'],
      [`Conference ${reference} (professionals)`, '2026-12-07T10:30:00+00:00', '2026-12-07T12:30:00+00:00'],
    ]);
    const [space, ...others] = api.fake.spaces();
    expect(others).toEqual([]);
    expect(space?.owner).toBe(CHAIR);
    expect(space?.space.config?.accessType).toBe('RESTRICTED');
    expect(events.map(joinUrl)).toEqual([space?.space.meetingUri, space?.space.meetingUri]);
    expect(events.every((e) => e.conferenceData?.conferenceId === space?.space.meetingCode)).toBe(true);
    expect((body.meet as { joinUrl: string }).joinUrl).toBe(space?.space.meetingUri);
  });

  test('keeps every guest list private and invites people only to their own audience', async () => {
    const { reference } = await book();
    for (const event of ours(reference)) {
      expect(event.guestsCanSeeOtherGuests).toBe(false);
      expect(event.guestsCanInviteOthers).toBe(false);
      expect(event.guestsCanModify ?? false).toBe(false);
      expect(event.visibility).toBe('private');
    }
    const [family, professionals] = ours(reference);
    expect(guestsOf(family ?? {})).toEqual([CHAIR, 'parent.one@example.com']);
    expect(guestsOf(professionals ?? {})).not.toContain('parent.one@example.com');
    // Calendar emails each guest: the parent hears only of the family event.
    const toParent = api.fake.notifications.filter((n) => n.to === 'parent.one@example.com');
    expect(toParent.map((n) => [n.eventId, n.kind])).toEqual([[family?.id, 'invitation']]);
  });

  test('describes each audience its own arrival, and keys the events to the conference privately', async () => {
    const { reference, body } = await book();
    const [family, professionals] = ours(reference);
    expect(family?.description).toContain('Please arrive at 10:00.');
    expect(professionals?.description).toContain('You will be admitted at 10:30.');
    expect(professionals?.description).toContain(`+${reference.toLowerCase()}@hackney.gov.uk`);
    const events = body.events as { eventId: string }[];
    expect(family?.extendedProperties?.private?.eventKey).toBe('family-1');
    expect(events.map((e) => e.eventId)).toEqual([family?.id, professionals?.id]);
  });
});

describe('separated parents', () => {
  test('get a family event each, in their own part, with the professionals in both parts', async () => {
    const { status, reference } = await book(separatedParentsBooking());
    expect(status).toBe(201);
    const events = ours(reference);
    expect(events.map((e) => [e.summary, e.start?.dateTime?.slice(11, 16), guestsOf(e).length])).toEqual([
      [`Conference ${reference} (family, part 1)`, '10:00', 2],
      [`Conference ${reference} (professionals, part 1)`, '10:30', 5],
      [`Conference ${reference} (family, part 2)`, '11:30', 2],
      [`Conference ${reference} (professionals, part 2)`, '12:00', 5],
    ]);
    expect(guestsOf(events[0] ?? {})).toEqual([CHAIR, 'parent.one@example.com']);
    expect(guestsOf(events[2] ?? {})).toEqual([CHAIR, 'parent.two@example.com']);
    const parentTwoHears = api.fake.notifications.filter((n) => n.to === 'parent.two@example.com');
    expect(parentTwoHears.map((n) => n.eventId)).toEqual([events[2]?.id]);
    expect(new Set(events.map(joinUrl)).size).toBe(1);
  });
});

describe('no event title contains a name', () => {
  test('titles carry the reference and the audience only', async () => {
    const { reference } = await book(
      separatedParentsBooking({
        socialWorker: { email: 'social.worker@hackney.gov.uk', name: 'Alex Morgan' },
      }),
    );
    for (const event of ours(reference)) {
      expect(event.summary).toMatch(/^Conference CPC-[A-Z0-9]{4} \((family|professionals)(, part \d)?\)$/);
      expect(event.summary).not.toContain('Morgan');
    }
  });
});

describe('retries', () => {
  test('a booking that failed between the two inserts completes on retry with exactly the right events', async () => {
    const input = hackneyBooking();
    // The first insert goes through; the second fails every try the service makes.
    api.fake.inject({ method: 'POST', path: /\/events$/, status: 503, times: 3, skip: 1 });
    const failed = await api.call('POST', '/conferences', { body: input });
    expect(failed.status).toBe(503);
    expect((failed.body.error as { code: string }).code).toBe('GOOGLE.UNAVAILABLE');
    const stored = await api.call('GET', '/conferences?from=2026-12-07&to=2026-12-08&status=booking');
    const [pending] = stored.body.conferences as { reference: string; status: string }[];
    expect(pending?.status).toBe('booking');
    expect(ours(pending?.reference ?? '')).toHaveLength(1);

    const retried = await api.call('POST', '/conferences', { body: input });
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('booked');
    expect(retried.body.reference).toBe(pending?.reference);
    expect(ours(pending?.reference ?? '').map((e) => e.extendedProperties?.private?.eventKey)).toEqual([
      'family-1',
      'professionals-1',
    ]);
    expect(api.fake.spaces()).toHaveLength(1);
  });

  test('an insert Google made but whose answer was lost is adopted, not duplicated', async () => {
    api.fake.inject({
      method: 'POST',
      path: /\/events$/,
      status: 503,
      times: 1,
      skip: 1,
      afterProcessing: true,
    });
    const { status, reference } = await book();
    expect(status).toBe(201);
    expect(ours(reference)).toHaveLength(2);
    expect(api.fake.callCounts()['calendar.events.insert']).toBe(3);
  });

  test('rate limits and server errors are retried with backoff until they pass', async () => {
    api.fake.inject({ method: 'POST', path: '/v2/spaces', status: 429, times: 1 });
    api.fake.inject({
      method: 'POST',
      path: /\/events$/,
      status: 403,
      reason: 'rateLimitExceeded',
      times: 1,
    });
    api.fake.inject({ method: 'POST', path: /\/events$/, status: 500, times: 1, skip: 1 });
    const { status, reference } = await book();
    expect(status).toBe(201);
    expect(ours(reference)).toHaveLength(2);
  });

  test('a repeated idempotency key returns the same conference and calls Google for nothing', async () => {
    const input = hackneyBooking();
    const first = await book(input);
    const calls = calendarCalls();
    const again = await book(input);
    expect(again.status).toBe(200);
    expect(again.reference).toBe(first.reference);
    expect(calendarCalls()).toBe(calls);
  });

  test('the same booking sent twice at once (a double click) ends with one conference and its two events', async () => {
    const input = hackneyBooking();
    const answers = await Promise.all([
      api.call('POST', '/conferences', { body: input }),
      api.call('POST', '/conferences', { body: input }),
    ]);
    // One of the two may be told the other is changing it (409); neither duplicates anything.
    expect(answers.map((a) => a.status).sort()).toEqual(expect.arrayContaining([201]));
    expect(answers.every((a) => [200, 201, 409].includes(a.status))).toBe(true);
    const reference = String(answers.find((a) => a.status === 201)?.body.reference);
    const stored = await api.call('GET', `/conferences/${reference}`);
    expect(stored.body.status).toBe('booked');
    expect(ours(reference)).toHaveLength(2);
  });

  test('a key reused for a different booking is refused with 409', async () => {
    const input = hackneyBooking();
    await book(input);
    const reused = await api.call('POST', '/conferences', { body: { ...input, venue: 'Elsewhere' } });
    expect(reused.status).toBe(409);
    expect((reused.body.error as { code: string }).code).toBe('BOOKING.KEY_REUSED');
  });
});

describe('rescheduling and cancelling', () => {
  test('a reschedule moves every event and the stored timeline, and tells the guests', async () => {
    const { reference } = await book(separatedParentsBooking());
    const moved = await api.call('PATCH', `/conferences/${reference}`, {
      body: { start: '2026-12-08T14:00', reason: 'Chair unavailable' },
    });
    expect(moved.status).toBe(200);
    expect(ours(reference).map((e) => e.start?.dateTime?.slice(0, 16))).toEqual([
      '2026-12-08T13:30',
      '2026-12-08T14:00',
      '2026-12-08T15:00',
      '2026-12-08T15:30',
    ]);
    const stored = await api.call('GET', `/conferences/${reference}`);
    expect((stored.body.timeline as { start: string }).start).toBe('2026-12-08T14:00:00+00:00');
    expect(api.fake.notifications.some((n) => n.to === 'parent.two@example.com' && n.kind === 'update')).toBe(
      true,
    );
    const audit = await api.call('GET', `/conferences/${reference}/audit`);
    expect((audit.body.audit as { action: string }[]).map((a) => a.action)).toEqual([
      'booking-started',
      'meet-created',
      'booked',
      'changed',
    ]);
  });

  test('a new chair gets a Meet they host, and every event moves to it', async () => {
    const { reference } = await book();
    const changed = await api.call('PATCH', `/conferences/${reference}`, {
      body: { chair: { email: OTHER_CHAIR }, reason: 'Chair on leave' },
    });
    expect(changed.status).toBe(200);
    const spaces = api.fake.spaces();
    expect(spaces.map((s) => s.owner)).toEqual([CHAIR, OTHER_CHAIR]);
    const events = ours(reference);
    expect(events.map(joinUrl)).toEqual([spaces[1]?.space.meetingUri, spaces[1]?.space.meetingUri]);
    expect(events.every((e) => guestsOf(e).includes(OTHER_CHAIR) && !guestsOf(e).includes(CHAIR))).toBe(true);
    // The old chair is told they are no longer invited.
    expect(api.fake.notifications.some((n) => n.to === CHAIR && n.kind === 'cancellation')).toBe(true);
  });

  test('joining the parents into one part withdraws the second family event', async () => {
    const { reference } = await book(separatedParentsBooking());
    const joined = await api.call('PATCH', `/conferences/${reference}`, {
      body: {
        parts: [{ durationMinutes: 120 }],
        family: [
          { email: 'parent.one@example.com', relationship: 'mother' },
          { email: 'parent.two@example.com', relationship: 'father' },
        ],
        reason: 'Parents agreed to attend together',
      },
    });
    expect(joined.status).toBe(200);
    expect(ours(reference).map((e) => [e.extendedProperties?.private?.eventKey, guestsOf(e).length])).toEqual(
      [
        ['family-1', 3],
        ['professionals-1', 5],
      ],
    );
  });

  test('cancel deletes every event, keeps the conference with its reason, and cancelling again changes nothing', async () => {
    const { reference } = await book(separatedParentsBooking());
    const cancelled = await api.call('DELETE', `/conferences/${reference}`, {
      body: { reason: 'Family moved away' },
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(ours(reference)).toEqual([]);
    expect(api.fake.notifications.filter((n) => n.kind === 'cancellation').length).toBeGreaterThan(0);
    const again = await api.call('DELETE', `/conferences/${reference}`, {
      body: { reason: 'Family moved away' },
    });
    expect(again.status).toBe(200);
    const change = await api.call('PATCH', `/conferences/${reference}`, {
      body: { venue: 'Room 4', reason: 'x' },
    });
    expect(change.status).toBe(409);
  });

  test('cancelling a booking that stopped half-way removes whatever was made', async () => {
    api.fake.inject({ method: 'POST', path: /\/events$/, status: 503, times: 3, skip: 1 });
    const failed = await api.call('POST', '/conferences', { body: hackneyBooking() });
    expect(failed.status).toBe(503);
    const [pending] = (await api.call('GET', '/conferences?from=2026-12-07&to=2026-12-08&status=booking'))
      .body.conferences as { reference: string }[];
    const cancelled = await api.call('DELETE', `/conferences/${pending?.reference ?? ''}`, {
      body: { reason: 'Rebooking' },
    });
    expect(cancelled.status).toBe(200);
    expect(ours(pending?.reference ?? '')).toEqual([]);
  });
});

describe('bad input', () => {
  test('gets a 400 naming each field, and nothing is written to Calendar', async () => {
    const { socialWorker: _none, ...input } = hackneyBooking({ start: '2026-12-25T10:30' });
    const response = await api.call('POST', '/conferences', { body: input });
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({
      code: 'BOOKING.INVALID',
      message: expect.stringContaining('socialWorker: is required') as string,
      fields: [{ field: 'socialWorker', message: 'is required' }],
    });
    expect(calendarCalls()).toBe(0);
  });

  test('malformed JSON is refused before it reaches the service, and books nothing', async () => {
    // functions-framework's own JSON parser refuses it; our final handler words the answer.
    const response = await fetch(`${api.url}/conferences`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.token(COORDINATOR)}`, 'content-type': 'application/json' },
      body: '{"type": "initial",',
    });
    expect(response.status).toBe(400);
    expect(calendarCalls()).toBe(0);
  });

  test('dates outside the years the calendar knows are a 400 naming the field, never a 500', async () => {
    const late = await api.call('POST', '/conferences', {
      body: hackneyBooking({ start: '2100-01-04T10:30' }),
    });
    expect(late.status).toBe(400);
    expect((late.body.error as { fields: { field: string }[] }).fields.map((f) => f.field)).toContain(
      'start',
    );
    const early = await api.call('POST', '/conferences', {
      body: hackneyBooking({ strategyDiscussion: '1900-01-01' }),
    });
    expect(early.status).toBe(400);
    expect((early.body.error as { fields: { field: string }[] }).fields.map((f) => f.field)).toContain(
      'strategyDiscussion',
    );
    const listed = await api.call('GET', '/conferences?from=0000-01-01&to=0000-02-01');
    expect(listed.status).toBe(400);
    expect(calendarCalls()).toBe(0);
  });

  test('a refusal names the field and the rule, never what was typed', async () => {
    const response = await api.call('POST', '/conferences', {
      body: hackneyBooking({
        professionals: [{ email: 'Jane Smithson <jane@x>', agency: 'police' }],
        type: 'Jane Smithson',
      }),
    });
    expect(response.status).toBe(400);
    const text = JSON.stringify(response.body);
    expect(text).toContain('professionals[0].email');
    expect(text).not.toMatch(/Jane|Smithson|jane@x/);
  });

  test('a body that is not JSON is refused', async () => {
    const response = await fetch(`${api.url}/conferences`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.token(COORDINATOR)}`, 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(response.status).toBe(415);
  });
});

describe('reading conferences', () => {
  test('by reference, by calendar event id and by dates', async () => {
    const { reference, body } = await book();
    const eventId = (body.events as { eventId: string }[])[0]?.eventId ?? '';
    expect((await api.call('GET', `/conferences/${reference}`)).body.reference).toBe(reference);
    expect((await api.call('GET', `/conferences/by-event/${eventId}`)).body.reference).toBe(reference);
    const listed = await api.call('GET', '/conferences?from=2026-12-07&to=2026-12-08');
    expect((listed.body.conferences as { reference: string }[]).map((c) => c.reference)).toContain(reference);
    expect((await api.call('GET', '/conferences?from=2026-12-08&to=2026-12-07')).status).toBe(400);
  });

  test('a chair sees the conferences they chair and no others', async () => {
    const { reference } = await book();
    expect((await api.call('GET', `/conferences/${reference}`, { as: CHAIR })).status).toBe(200);
    expect((await api.call('GET', `/conferences/${reference}`, { as: OTHER_CHAIR })).status).toBe(404);
    const listed = await api.call('GET', '/conferences?from=2026-12-07&to=2026-12-08', { as: OTHER_CHAIR });
    const seen = listed.body.conferences as { reference: string; invitees: { chair: { email: string } } }[];
    expect(seen.map((c) => c.reference)).not.toContain(reference);
    expect(seen.every((c) => c.invitees.chair.email === OTHER_CHAIR)).toBe(true);
  });
});

describe('who may call', () => {
  const refused = (): Record<string, unknown>[] => api.logs.filter((l) => l.message === 'auth.refused');

  test('a request without a token gets 401', async () => {
    const response = await api.call('POST', '/conferences', { token: null, body: hackneyBooking() });
    expect(response.status).toBe(401);
  });

  test('a token for another audience gets 401, and an expired one too', async () => {
    const other = api.token(COORDINATOR, { aud: 'someone-else.apps.googleusercontent.com' });
    expect(
      (await api.call('GET', '/conferences?from=2026-12-07&to=2026-12-08', { token: other })).status,
    ).toBe(401);
    const expired = api.token(COORDINATOR, { exp: Math.floor(Date.now() / 1000) - 600 });
    expect(
      (await api.call('GET', '/conferences?from=2026-12-07&to=2026-12-08', { token: expired })).status,
    ).toBe(401);
  });

  test('a token from another domain gets 403', async () => {
    const outsider = api.token('coordinator@other-council.gov.uk', { hd: 'other-council.gov.uk' });
    const response = await api.call('POST', '/conferences', { token: outsider, body: hackneyBooking() });
    expect(response.status).toBe(403);
  });

  test("an account with the council's address but outside its Workspace (no hd) gets 403", async () => {
    // Anyone can make a consumer Google account with a work address; only Workspace accounts carry hd.
    const lookalike = api.fake.idToken({ email: COORDINATOR, aud: ADDON_AUDIENCE, email_verified: true });
    const response = await api.call('POST', '/conferences', { token: lookalike, body: hackneyBooking() });
    expect(response.status).toBe(403);
  });

  test('a user without the coordinator role cannot book, change or cancel', async () => {
    expect((await api.call('POST', '/conferences', { as: CHAIR, body: hackneyBooking() })).status).toBe(403);
    expect((await api.call('POST', '/conferences', { as: MANAGER, body: hackneyBooking() })).status).toBe(
      403,
    );
    const { reference } = await book();
    expect(
      (await api.call('DELETE', `/conferences/${reference}`, { as: CHAIR, body: { reason: 'x' } })).status,
    ).toBe(403);
    expect(calendarCalls()).toBeGreaterThan(0);
  });

  test('roles a manager records in Firestore count as well as the bootstrap grants', async () => {
    const newcomer = 'new.coordinator@hackney.gov.uk';
    expect((await api.call('POST', '/conferences', { as: newcomer, body: hackneyBooking() })).status).toBe(
      403,
    );
    await api.db.doc(`${api.root}/staff/${newcomer}`).set({ roles: ['coordinator', 'not-a-role'] });
    expect((await api.call('POST', '/conferences', { as: newcomer, body: hackneyBooking() })).status).toBe(
      201,
    );
  });

  test('refusals are logged with a reason, and no log line holds an address or a name', async () => {
    await api.call('POST', '/conferences', { token: null, body: hackneyBooking() });
    await api.call('POST', '/conferences', { as: CHAIR, body: hackneyBooking() });
    expect(refused().map((l) => [l.status, l.reason ?? l.code])).toEqual(
      expect.arrayContaining([
        [401, 'missing'],
        [403, 'AUTH.ROLE_REQUIRED'],
      ]),
    );
    for (const line of api.rawLogs) {
      expect(line).not.toMatch(/@/);
      expect(line).not.toMatch(/Social Worker|parent\.one/);
    }
  });
});

describe("when Google's signing certificates cannot be fetched", () => {
  // A service of its own each: its verifiers have fetched no certificates yet (they keep them for
  // hours once they have). google-auth-library tries four times before giving up.
  let fresh: Api;
  const logged = (message: string): Record<string, unknown>[] =>
    fresh.logs.filter((l) => l.message === message);

  beforeEach(async () => {
    fresh = await startApi();
  });

  afterEach(async () => {
    await fresh.stop();
  });

  test('a coordinator is told to try again (503), not to sign in again, and nothing is booked', async () => {
    fresh.fake.inject({ method: 'GET', path: '/oauth2/v1/certs', status: 503, times: 4 });
    const failed = await fresh.call('POST', '/conferences', { body: hackneyBooking() });
    expect(failed.status).toBe(503);
    expect(failed.body.error).toMatchObject({ code: 'AUTH.CHECK_UNAVAILABLE' });
    expect((failed.body.error as { message: string }).message).toMatch(/try again/);
    expect(logged('auth.refused')).toEqual([]);
    expect(fresh.fake.events(UNIT_MAILBOX)).toEqual([]);
    // Once Google answers, the same coordinator is let in: nothing bad was cached.
    expect((await fresh.call('POST', '/conferences', { body: hackneyBooking() })).status).toBe(201);
  });

  test("Pub/Sub's push is answered 503, which Pub/Sub retries, and logged as unavailable, not refused", async () => {
    fresh.fake.inject({ method: 'GET', path: '/oauth2/v1/certs', status: 500, times: 4 });
    const { status } = await fresh.push({ historyId: '1' });
    expect(status).toBe(503);
    expect(logged('auth.unavailable')).toHaveLength(1);
    expect(logged('auth.refused')).toEqual([]);
  });
});
