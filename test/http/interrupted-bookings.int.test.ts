// Bookings interrupted part-way and then changed: the change finishes them the way booking would
// have, with the restricted Meet and every event moved to the new plan.
import { hackneyBooking, UNIT_MAILBOX } from '../support/bookings';
import { startApi, type Api } from '../support/api-harness';

describe('a booking that stopped before its Meet was made', () => {
  let api: Api;

  beforeAll(async () => {
    api = await startApi();
  });

  afterAll(async () => {
    await api.stop();
  });

  test('is finished by a change with a restricted Meet space, not one Calendar would make', async () => {
    api.fake.inject({ method: 'POST', path: '/v2/spaces', status: 503, times: 3 });
    const failed = await api.call('POST', '/conferences', { body: hackneyBooking() });
    expect(failed.status).toBe(503);
    expect(api.fake.events(UNIT_MAILBOX)).toEqual([]);
    const [pending] = (await api.call('GET', '/conferences?from=2026-12-07&to=2026-12-08&status=booking'))
      .body.conferences as { reference: string }[];

    const changed = await api.call('PATCH', `/conferences/${pending?.reference ?? ''}`, {
      body: { venue: 'Room 4', reason: 'Room changed' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.status).toBe('booked');
    const spaces = api.fake.spaces();
    expect(spaces.map((s) => [s.owner, s.space.config?.accessType])).toEqual([
      ['chair.one@hackney.gov.uk', 'RESTRICTED'],
    ]);
    const events = api.fake.events(UNIT_MAILBOX);
    expect(events.map((e) => e.conferenceData?.conferenceId)).toEqual([
      spaces[0]?.space.meetingCode,
      spaces[0]?.space.meetingCode,
    ]);
    expect(events.every((e) => e.conferenceData?.createRequest === undefined)).toBe(true);
  });
});

describe('a booking that stopped half-way, then rescheduled', () => {
  let api: Api;

  beforeAll(async () => {
    api = await startApi();
  });

  afterAll(async () => {
    await api.stop();
  });

  test('moves the event the first attempt made as well as making the missing one', async () => {
    api.fake.inject({ method: 'POST', path: /\/events$/, status: 503, times: 3, skip: 1 });
    expect((await api.call('POST', '/conferences', { body: hackneyBooking() })).status).toBe(503);
    const [pending] = (await api.call('GET', '/conferences?from=2026-12-07&to=2026-12-08&status=booking'))
      .body.conferences as { reference: string }[];
    const moved = await api.call('PATCH', `/conferences/${pending?.reference ?? ''}`, {
      body: { start: '2026-12-08T14:00', reason: 'Chair unavailable' },
    });
    expect(moved.status).toBe(200);
    expect(api.fake.events(UNIT_MAILBOX).map((e) => e.start?.dateTime)).toEqual([
      '2026-12-08T13:30:00+00:00',
      '2026-12-08T14:00:00+00:00',
    ]);
  });
});
