// GET /overview through the real api function: the coming days' conferences, soonest first, each
// with its reports, live quorum, timescale and next deadline, and the count of held emails.
import { Temporal } from 'temporal-polyfill';
import { CHAIR, hackneyBooking, NOW, UNIT_MAILBOX } from '../support/bookings';
import {
  MANAGER,
  OTHER_CHAIR,
  REPORT_INBOX,
  startApi,
  testClock,
  type Api,
  type TestClock,
} from '../support/api-harness';
import { reportMail } from '../support/report-mail';

const POLICE = 'dc.one@police.example.org';
const ON_TIME = new Date('2026-11-30T10:00:00Z');

interface Row {
  reference: string;
  type: string;
  status: string;
  start: string;
  venue: string | null;
  chair: string;
  reports: { received: number; expected: number; due: string; overdue: boolean };
  quorum: string | null;
  timescale: { within: boolean; latest: string; basis: string } | null;
  outsideTimescaleReason: string | null;
  outcomeRecorded: boolean;
  nextDeadline: { what: string; label: string; at: string } | null;
}

let api: Api;
let clock: TestClock;

beforeEach(async () => {
  clock = testClock(NOW);
  api = await startApi({ clock });
  // The first sync finds an empty inbox and sets the cursor.
  const { status } = await api.push({ historyId: api.fake.gmail.historyId(REPORT_INBOX) });
  if (status !== 204) throw new Error(`the first inbox sync answered ${status}`);
});

afterEach(async () => {
  await api.stop();
});

async function book(overrides: Record<string, unknown> = {}): Promise<{ reference: string; event: string }> {
  const { status, body } = await api.call('POST', '/conferences', { body: hackneyBooking(overrides) });
  expect(status).toBe(201);
  const events = body.events as { audience: string; eventId: string }[];
  return {
    reference: body.reference as string,
    event: events.find((e) => e.audience === 'professionals')?.eventId ?? '',
  };
}

async function overview(query = '', as?: string): Promise<{ body: Record<string, unknown>; rows: Row[] }> {
  const { status, body } = await api.call('GET', `/overview${query}`, as === undefined ? {} : { as });
  expect(status).toBe(200);
  return { body, rows: body.conferences as Row[] };
}

async function deliverReport(reference: string): Promise<void> {
  api.fake.gmail.deliver(REPORT_INBOX, reportMail('gmail-pdf-report.eml', { reference, from: POLICE }), {
    internalDate: ON_TIME,
  });
  expect((await api.push({ historyId: api.fake.gmail.historyId(REPORT_INBOX) })).status).toBe(204);
}

describe('the overview', () => {
  test('lists the next 28 days soonest first, with reports, quorum, timescale and what is due next', async () => {
    const later = await book();
    const sooner = await book({ start: '2026-11-30T14:00' });
    const cancelled = await book({ start: '2026-12-01T10:30' });
    await api.call('DELETE', `/conferences/${cancelled.reference}`, { body: { reason: 'Rebooked' } });
    const beyond = await book({
      start: '2026-12-21T10:30',
      outsideTimescaleReason: 'The family asked for a date after the school term.',
    });
    await deliverReport(later.reference);
    for (const guest of ['social.worker@hackney.gov.uk', POLICE, 'health.visitor@nhs.example.org']) {
      api.fake.respond(UNIT_MAILBOX, later.event, guest, 'accepted');
    }

    const { body, rows } = await overview();
    expect(body).toMatchObject({ from: '2026-11-23', to: '2026-12-21', truncated: false, unmatched: 0 });
    expect(rows.map((r) => r.reference)).toEqual([sooner.reference, later.reference]);
    expect(rows.map((r) => r.reference)).not.toContain(beyond.reference);
    expect(rows[1]).toEqual({
      reference: later.reference,
      type: 'initial',
      status: 'booked',
      start: '2026-12-07T10:30:00+00:00',
      venue: 'Hackney Service Centre, Room 2',
      chair: CHAIR,
      reports: { received: 1, expected: 4, due: '2026-12-04T17:00:00+00:00', overdue: false },
      quorum: 'quorate',
      timescale: {
        within: true,
        latest: '2026-12-14',
        basis: expect.stringContaining('strategy discussion') as unknown,
      },
      outsideTimescaleReason: null,
      outcomeRecorded: false,
      nextDeadline: { what: 'reports', label: 'Reports due', at: '2026-12-04T17:00:00+00:00' },
    });
    expect(rows[0]).toMatchObject({ quorum: 'at-risk', reports: { received: 0, expected: 4 } });

    const longer = await overview('?days=90');
    expect(longer.body.to).toBe('2027-02-21');
    expect(longer.rows.map((r) => r.reference)).toEqual([
      sooner.reference,
      later.reference,
      beyond.reference,
    ]);
    expect(longer.rows[2]).toMatchObject({
      timescale: { within: false },
      outsideTimescaleReason: 'The family asked for a date after the school term.',
    });
  });

  test('marks reports overdue once the deadline passes, and moves on to the next deadline', async () => {
    const { reference } = await book();
    clock.set(Temporal.Instant.from('2026-12-05T09:00:00Z'));
    const [row] = (await overview()).rows;
    expect(row?.reference).toBe(reference);
    expect(row?.reports).toMatchObject({ received: 0, overdue: true });
    expect(row?.nextDeadline?.what).toBe('record-and-decision');
  });

  test('shows a conference whose replies cannot be read with no quorum, and the others as usual', async () => {
    const first = await book();
    await book({ start: '2026-12-08T10:30' });
    // Every attempt at the first conference's event fails; the second's is read.
    api.fake.inject({ method: 'GET', path: `/events/${first.event}`, status: 503, times: 10 });
    const { rows } = await overview();
    expect(rows.map((r) => r.quorum)).toEqual([null, 'at-risk']);
    expect(api.logs.filter((l) => l.message === 'quorum.unavailable')).toHaveLength(1);
  });

  test('counts the emails held for a coordinator, for coordinators and managers only', async () => {
    const { reference } = await book();
    api.fake.gmail.deliver(
      REPORT_INBOX,
      reportMail('gmail-pdf-report.eml', { reference, from: 'colleague@school.example.org' }),
      { internalDate: ON_TIME },
    );
    expect((await api.push({ historyId: api.fake.gmail.historyId(REPORT_INBOX) })).status).toBe(204);
    expect((await overview()).body.unmatched).toBe(1);
    expect((await overview('', MANAGER)).body.unmatched).toBe(1);
    expect((await overview('', CHAIR)).body.unmatched).toBeNull();
  });

  test('shows a chair only the conferences they chair', async () => {
    const mine = await book();
    const theirs = await book({ chair: { email: OTHER_CHAIR } });
    expect((await overview('', CHAIR)).rows.map((r) => r.reference)).toEqual([mine.reference]);
    expect((await overview('', OTHER_CHAIR)).rows.map((r) => r.reference)).toEqual([theirs.reference]);
    expect((await overview()).rows).toHaveLength(2);
  });

  test('refuses a number of days outside 1 to 90, or anything else in the query, naming the field', async () => {
    for (const query of ['?days=0', '?days=91', '?days=two', '?days=1.5']) {
      const { status, body } = await api.call('GET', `/overview${query}`);
      expect([query, status]).toEqual([query, 400]);
      expect((body.error as { fields: { field: string }[] }).fields.map((f) => f.field)).toEqual(['days']);
    }
    const unknown = await api.call('GET', '/overview?from=2026-11-23');
    expect(unknown.status).toBe(400);
    expect((await api.call('GET', '/overview', { as: 'someone@hackney.gov.uk' })).status).toBe(403);
  });
});
