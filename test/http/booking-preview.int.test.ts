// POST /conferences/preview through the real api function: the timeline and the calendar events a
// booking would make, checked by the booking's own code, with nothing stored and no Google call.
import { CHAIR, hackneyBooking, separatedParentsBooking } from '../support/bookings';
import { MANAGER, startApi, type Api } from '../support/api-harness';

let api: Api;

beforeEach(async () => {
  api = await startApi();
  api.fake.reset();
});

afterEach(async () => {
  await api.stop();
});

/** Anything the service asked of Google (verifying the caller's token aside). */
const googleCalls = (): string[] =>
  api.fake.requests.filter((r) => r.api !== 'certs').map((r) => `${r.method} ${r.path}`);

async function stored(): Promise<string[]> {
  return (await api.db.doc(api.root).listCollections()).map((c) => c.id);
}

function withoutKey(body: Record<string, unknown>): Record<string, unknown> {
  const { idempotencyKey: _key, ...rest } = body;
  return rest;
}

describe('previewing a booking', () => {
  test('shows who arrives when and when reports are due, storing nothing and calling no Google API', async () => {
    const { status, body } = await api.call('POST', '/conferences/preview', {
      body: withoutKey(hackneyBooking()),
    });
    expect(status).toBe(200);
    expect(body.timeline).toMatchObject({
      policy: 'hackney',
      type: 'initial',
      start: '2026-12-07T10:30:00+00:00',
      reportDue: '2026-12-04T17:00:00+00:00',
      timescale: { within: true },
    });
    expect(body.events).toEqual([
      {
        audience: 'family',
        part: 1,
        arrive: '2026-12-07T10:00:00+00:00',
        end: '2026-12-07T12:30:00+00:00',
        guests: 2,
        who: ['Chair', 'Mother'],
      },
      {
        audience: 'professionals',
        part: 1,
        arrive: '2026-12-07T10:30:00+00:00',
        end: '2026-12-07T12:30:00+00:00',
        guests: 5,
        who: [
          'Chair',
          'Social worker',
          'Police',
          'Health (GP, health visitor, midwife, school nurse, paediatrician)',
          'School',
        ],
      },
    ]);
    expect(body.warnings).toEqual([]);
    expect(await stored()).toEqual([]);
    expect(googleCalls()).toEqual([]);
  });

  test('shows each separated parent their own part', async () => {
    const { body } = await api.call('POST', '/conferences/preview', { body: separatedParentsBooking() });
    const events = body.events as { audience: string; part: number; arrive: string; who: string[] }[];
    expect(events.map((e) => [e.audience, e.part, e.arrive.slice(11, 16), e.who.length])).toEqual([
      ['family', 1, '10:00', 2],
      ['professionals', 1, '10:30', 5],
      ['family', 2, '11:30', 2],
      ['professionals', 2, '12:00', 5],
    ]);
    expect(events[2]?.who).toEqual(['Chair', 'Father']);
  });

  test('warns of a list that can never be quorate and of a family member to invite by post', async () => {
    const { status, body } = await api.call('POST', '/conferences/preview', {
      body: hackneyBooking({
        professionals: [{ email: 'dc.one@police.example.org', agency: 'police' }],
        family: [{ email: 'parent.one@example.com', relationship: 'mother' }, { relationship: 'father' }],
      }),
    });
    expect(status).toBe(200);
    expect(body.warnings).toEqual([
      "Quorum needs 2 agencies besides Children's social care, and only Police is invited: even if everyone comes, the conference cannot make decisions.",
      'No email address for the father: the calendar cannot invite them, so post the invitation.',
    ]);
    expect(await stored()).toEqual([]);
  });

  test('refuses exactly what booking refuses, field by field, and books nothing', async () => {
    const { socialWorker: _none, ...invalid } = hackneyBooking({
      start: '2026-12-25T10:30',
      professionals: [{ email: 'not-an-address', agency: 'fire-brigade' }],
    });
    const preview = await api.call('POST', '/conferences/preview', { body: invalid });
    const booking = await api.call('POST', '/conferences', { body: invalid });
    expect(preview.status).toBe(400);
    expect(booking.status).toBe(400);
    expect(preview.body.error).toEqual(booking.body.error);
    expect((preview.body.error as { fields: unknown[] }).fields.length).toBeGreaterThan(1);

    // A date the timeline refuses (a bank holiday) is named the same way too.
    const holiday = { ...hackneyBooking({ start: '2026-12-25T10:30' }) };
    const both = await Promise.all([
      api.call('POST', '/conferences/preview', { body: holiday }),
      api.call('POST', '/conferences', { body: holiday }),
    ]);
    expect(both[0].body.error).toEqual(both[1].body.error);
    expect((both[0].body.error as { fields: { field: string }[] }).fields).toEqual([
      { field: 'start', message: expect.stringContaining('Christmas') as unknown },
    ]);
    expect(await stored()).toEqual([]);
    expect(googleCalls()).toEqual([]);
  });

  test('checks a key that is given, like booking, but needs none', async () => {
    const bad = await api.call('POST', '/conferences/preview', {
      body: hackneyBooking({ idempotencyKey: 'short' }),
    });
    expect((bad.body.error as { fields: { field: string }[] }).fields.map((f) => f.field)).toEqual([
      'idempotencyKey',
    ]);
  });

  test('is for coordinators and managers', async () => {
    const body = withoutKey(hackneyBooking());
    expect((await api.call('POST', '/conferences/preview', { as: MANAGER, body })).status).toBe(200);
    expect((await api.call('POST', '/conferences/preview', { as: CHAIR, body })).status).toBe(403);
  });
});
