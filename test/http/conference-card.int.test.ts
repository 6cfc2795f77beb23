// The conference card through the real api function: the same detail by reference and by
// calendar event, with quorum read live from the guests' replies in the strict fake, the
// attendees by role, whether it has started, and the outcome once the chair has recorded it.
import { Temporal } from 'temporal-polyfill';
import { recipientKey } from '../../functions/src/domain/outbox/outbox-entry';
import { CHAIR, hackneyBooking, NOW, UNIT_MAILBOX } from '../support/bookings';
import {
  OTHER_CHAIR,
  REPORT_INBOX,
  startApi,
  testClock,
  type Api,
  type TestClock,
} from '../support/api-harness';
import { reportMail } from '../support/report-mail';

const SOCIAL_WORKER = 'social.worker@hackney.gov.uk';
const POLICE = 'dc.one@police.example.org';
const HEALTH = 'health.visitor@nhs.example.org';
const SCHOOL = 'dsl@school.example.org';
/** Monday 7 December 2026, after the conference started at 10:30. */
const AFTER = Temporal.Instant.from('2026-12-07T14:00:00Z');

interface Card {
  reference: string;
  events: { audience: string; eventId: string }[];
  quorum: {
    state: string;
    missing: string[];
    confirmedAgencies: string[];
    possibleAgencies: string[];
    declinedAgencies: string[];
  } | null;
  quorumUnavailable: string | null;
  attendees: { who: string; role: string; label: string; agency: string | null; part: number | null }[];
  started: boolean;
  outcome: { recordedAt: string; draftsLink: string; recordSent: unknown } | null;
  reports: { due: string; per: string; owed: Record<string, unknown>[]; family: unknown[] };
}

let api: Api;
let clock: TestClock;

beforeEach(async () => {
  clock = testClock(NOW);
  api = await startApi({ clock });
});

afterEach(async () => {
  await api.stop();
});

async function book(overrides: Record<string, unknown> = {}): Promise<Card> {
  const { status, body } = await api.call('POST', '/conferences', { body: hackneyBooking(overrides) });
  expect(status).toBe(201);
  return body as unknown as Card;
}

async function card(reference: string, as?: string): Promise<Card> {
  const { status, body } = await api.call('GET', `/conferences/${reference}`, as === undefined ? {} : { as });
  expect(status).toBe(200);
  return body as unknown as Card;
}

const professionalsEvent = (c: Card): string =>
  c.events.find((e) => e.audience === 'professionals')?.eventId ?? '';
const replyReads = (): number => api.fake.callCounts()['calendar.events.get'] ?? 0;

describe('the conference card’s reports', () => {
  const GP = 'gp@surgery.example.org';
  const owed = (invitee: string, agency: string, label: string, role: string | null) => ({
    key: recipientKey(invitee),
    agency,
    label,
    role,
    invitee,
    invited: true,
    status: 'missing',
    receivedAt: null,
    timing: null,
    messageIds: [],
  });

  test('owe one report per invited professional (Hackney): the health visitor’s is in, the GP’s is not', async () => {
    await api.push({ historyId: api.fake.gmail.historyId(REPORT_INBOX) });
    const booked = await book({
      professionals: [
        { email: POLICE, agency: 'police', name: 'DC Smith' },
        { email: HEALTH, agency: 'health', role: 'health visitor' },
        { email: GP, agency: 'health', role: 'GP' },
      ],
    });
    const { id } = api.fake.gmail.deliver(
      REPORT_INBOX,
      reportMail('gmail-pdf-report.eml', { reference: booked.reference, from: HEALTH }),
      { internalDate: new Date('2026-11-30T10:00:00Z') },
    );
    await api.push({ historyId: api.fake.gmail.historyId(REPORT_INBOX) });

    const health = 'Health (GP, health visitor, midwife, school nurse, paediatrician)';
    expect((await card(booked.reference)).reports).toEqual({
      due: '2026-12-04T17:00:00+00:00',
      per: 'person',
      owed: [
        owed(SOCIAL_WORKER, 'childrens-social-care', 'Social worker', 'social worker'),
        owed(POLICE, 'police', 'Police', null),
        {
          ...owed(HEALTH, 'health', `${health} (health visitor)`, 'health visitor'),
          status: 'received',
          receivedAt: '2026-11-30T10:00:00+00:00',
          timing: 'on-time',
          messageIds: [id],
        },
        owed(GP, 'health', `${health} (GP)`, 'GP'),
      ],
      family: [],
    });
  });

  test('gives report times with the council’s offset, so a summer deadline reads as 17:00', async () => {
    clock.set(Temporal.Instant.from('2027-06-01T09:00:00Z'));
    const booked = await book({ start: '2027-06-14T10:30', strategyDiscussion: '2027-06-01' });
    expect((await card(booked.reference)).reports.due).toBe('2027-06-11T17:00:00+01:00');
  });
});

describe('the conference card', () => {
  test('is the same whether opened by reference or from its calendar event', async () => {
    const booked = await book();
    const byReference = await api.call('GET', `/conferences/${booked.reference}`);
    const byEvent = await api.call('GET', `/conferences/by-event/${professionalsEvent(booked)}`);
    expect(byEvent.status).toBe(200);
    expect(byEvent.body).toEqual(byReference.body);
    expect(byReference.body).toMatchObject({
      reference: booked.reference,
      status: 'booked',
      started: false,
      outcome: null,
      quorumUnavailable: null,
    });
  });

  test('lists the attendees by role and agency, never by name', async () => {
    const booked = await book({
      socialWorker: { email: SOCIAL_WORKER, name: 'Alex Morgan' },
      professionals: [{ email: POLICE, agency: 'police', name: 'DC Smith', role: 'CAIT' }],
      family: [{ email: 'parent.one@example.com', relationship: 'mother' }, { relationship: 'father' }],
    });
    const { attendees } = await card(booked.reference);
    expect(attendees).toEqual([
      {
        who: SOCIAL_WORKER,
        role: 'social-worker',
        label: 'Social worker',
        agency: 'childrens-social-care',
        part: null,
      },
      { who: POLICE, role: 'professional', label: 'Police (CAIT)', agency: 'police', part: null },
      { who: 'family-1', role: 'family', label: 'Mother', agency: null, part: 1 },
      { who: 'family-2', role: 'family', label: 'Father', agency: null, part: 1 },
    ]);
    expect(JSON.stringify(attendees)).not.toMatch(/Morgan|Smith/);
  });

  test('reads quorum from the replies as they are now', async () => {
    const booked = await book();
    const event = professionalsEvent(booked);
    const before = await card(booked.reference);
    expect(before.quorum).toEqual({
      state: 'at-risk',
      socialWorker: { confirmed: false, possible: true },
      missing: [
        'The social worker has not accepted yet.',
        "2 more agencies besides Children's social care must accept; awaiting Health (GP, health visitor, midwife, school nurse, paediatrician), Police, School.",
      ],
      confirmedAgencies: [],
      possibleAgencies: ['health', 'police', 'school'],
      declinedAgencies: [],
    });

    for (const guest of [SOCIAL_WORKER, POLICE, HEALTH])
      api.fake.respond(UNIT_MAILBOX, event, guest, 'accepted');
    expect((await card(booked.reference)).quorum).toMatchObject({
      state: 'quorate',
      missing: [],
      confirmedAgencies: ['health', 'police'],
    });

    api.fake.respond(UNIT_MAILBOX, event, HEALTH, 'declined');
    api.fake.respond(UNIT_MAILBOX, event, SCHOOL, 'declined');
    expect((await card(booked.reference)).quorum).toMatchObject({
      state: 'cannot',
      missing: [
        "1 more agency besides Children's social care must accept; no other agency is still expected; declined: Health (GP, health visitor, midwife, school nurse, paediatrician), School.",
      ],
      confirmedAgencies: ['police'],
      declinedAgencies: ['health', 'school'],
    });
  });

  test('still opens when Calendar fails, saying why quorum is missing, and logs no address', async () => {
    const booked = await book();
    api.fake.inject({ method: 'GET', path: /\/events\/[^/]+$/, status: 503, times: 10 });
    const { status, body } = await api.call('GET', `/conferences/${booked.reference}`);
    expect(status).toBe(200);
    expect(body.quorum).toBeNull();
    expect(body.quorumUnavailable).toMatch(/^Google Calendar did not answer .* Reload in a few minutes\.$/);
    expect(body.reports).toBeDefined();
    const warned = api.logs.filter((l) => l.message === 'quorum.unavailable');
    expect(warned).toEqual([
      expect.objectContaining({ reference: booked.reference, error: 'GOOGLE.UNAVAILABLE' }),
    ]);
    for (const line of api.rawLogs) expect(line).not.toMatch(/@/);
  });

  test('has no quorum once cancelled, and reads no replies for it', async () => {
    const booked = await book();
    const cancelled = await api.call('DELETE', `/conferences/${booked.reference}`, {
      body: { reason: 'Family moved away' },
    });
    expect(cancelled.status).toBe(200);
    const reads = replyReads();
    const after = await card(booked.reference);
    expect(after).toMatchObject({ status: 'cancelled', quorum: null, quorumUnavailable: null });
    expect(replyReads()).toBe(reads);
  });

  test('says when it has started, and carries the outcome once the chair records it', async () => {
    const booked = await book();
    clock.set(Temporal.Instant.from('2026-12-07T10:29:00Z'));
    expect((await card(booked.reference)).started).toBe(false);
    clock.set(Temporal.Instant.from('2026-12-07T10:30:00Z'));
    expect((await card(booked.reference)).started).toBe(true);

    clock.set(AFTER);
    const recorded = await api.call('POST', `/conferences/${booked.reference}/outcome`, {
      as: CHAIR,
      body: {
        attended: [SOCIAL_WORKER, POLICE, HEALTH, 'family-1'],
        children: [
          {
            caseReference: 'LCS-104233',
            scores: [{ who: SOCIAL_WORKER, score: 6, reason: 'Home conditions have improved.' }],
            recommendations: [],
            decision: 'child-in-need-plan',
          },
        ],
        contingency: 'If things get worse, the social worker will call a strategy discussion.',
      },
    });
    expect(recorded.status).toBe(201);
    const held = await card(booked.reference, CHAIR);
    expect(held.outcome).toEqual({
      recordedAt: AFTER.toString(),
      draftsLink: expect.stringContaining('#drafts') as unknown,
      recordSent: null,
    });
    expect(held).toMatchObject({ status: 'held', started: true });

    await api.call('POST', `/conferences/${booked.reference}/outcome/record-sent`, { as: CHAIR });
    expect((await card(booked.reference)).outcome?.recordSent).toEqual({ at: AFTER.toString(), by: CHAIR });
  });

  test('is shown to its own chair and to no other', async () => {
    const booked = await book();
    expect((await card(booked.reference, CHAIR)).reference).toBe(booked.reference);
    const event = professionalsEvent(booked);
    expect((await api.call('GET', `/conferences/${booked.reference}`, { as: OTHER_CHAIR })).status).toBe(404);
    expect((await api.call('GET', `/conferences/by-event/${event}`, { as: OTHER_CHAIR })).status).toBe(404);
  });
});
