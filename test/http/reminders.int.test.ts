// POST /conferences/:ref/reminders through the real api function: "send a reminder now" goes to
// each professional whose own report is still missing (Hackney's policy: one per person), once, from the request inbox (Gmail in
// the strict fake, read back with a real MIME parser), through the outbox the sweep uses.
import { simpleParser, type ParsedMail } from 'mailparser';
import { Temporal } from 'temporal-polyfill';
import { sweepOutbox } from '../../functions/src/app/sweep-outbox';
import { CHAIR, hackneyBooking, NOW } from '../support/bookings';
import { REPORT_INBOX, startApi, testClock, type Api, type TestClock } from '../support/api-harness';
import { reportMail } from '../support/report-mail';

const SOCIAL_WORKER = 'social.worker@hackney.gov.uk';
const POLICE = 'dc.one@police.example.org';
const HEALTH = 'health.visitor@nhs.example.org';
const GP = 'gp@surgery.example.org';
const SCHOOL = 'dsl@school.example.org';
const ON_TIME = new Date('2026-11-30T10:00:00Z');
/** Monday 30 November 2026, 10:00: the reports are due on Friday 4 December at 17:00. */
const MONDAY = Temporal.Instant.from('2026-11-30T10:00:00Z');

interface Answer {
  reference: string;
  sent: { agency: string; label: string; state: string; sentAt: string | null }[];
  nothing: string | null;
}

let api: Api;
let clock: TestClock;

beforeEach(async () => {
  clock = testClock(NOW);
  api = await startApi({ clock });
  await pushNow();
});

afterEach(async () => {
  await api.stop();
});

async function pushNow(): Promise<void> {
  expect((await api.push({ historyId: api.fake.gmail.historyId(REPORT_INBOX) })).status).toBe(204);
}

/** Booked, and the report requests and invitations sent by the sweep, as in real life. */
async function book(overrides: Record<string, unknown> = {}): Promise<string> {
  const { status, body } = await api.call('POST', '/conferences', { body: hackneyBooking(overrides) });
  expect(status).toBe(201);
  expect((await api.runJob('sweep')).status).toBe(200);
  return body.reference as string;
}

async function reportFrom(reference: string, from: string): Promise<void> {
  api.fake.gmail.deliver(REPORT_INBOX, reportMail('gmail-pdf-report.eml', { reference, from }), {
    internalDate: ON_TIME,
  });
  await pushNow();
}

async function remind(reference: string, as?: string): Promise<{ status: number; body: Answer }> {
  const { status, body } = await api.call(
    'POST',
    `/conferences/${reference}/reminders`,
    as === undefined ? {} : { as },
  );
  return { status, body: body as unknown as Answer };
}

/** The outbox's reminders and overdue notices for the conference, as sent, parsed. */
async function chasers(reference: string): Promise<ParsedMail[]> {
  const parsed = await Promise.all(api.fake.gmail.sent(REPORT_INBOX).map((m) => simpleParser(m.raw)));
  return parsed.filter(
    (m) =>
      /^(Reminder|Overdue): report for conference/.test(m.subject ?? '') &&
      (m.subject ?? '').includes(reference),
  );
}

const to = (mail: ParsedMail): string => {
  const field = Array.isArray(mail.to) ? mail.to[0] : mail.to;
  return field?.value[0]?.address ?? '';
};

describe('sending a reminder now', () => {
  test('reminds each professional whose report is missing, once, from the request inbox', async () => {
    const reference = await book();
    await reportFrom(reference, POLICE);
    clock.set(MONDAY);

    const first = await remind(reference);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      reference,
      sent: [
        { agency: 'childrens-social-care', label: 'Social worker', state: 'sent', sentAt: MONDAY.toString() },
        {
          agency: 'health',
          label: 'Health (GP, health visitor, midwife, school nurse, paediatrician)',
          state: 'sent',
          sentAt: MONDAY.toString(),
        },
        { agency: 'school', label: 'School', state: 'sent', sentAt: MONDAY.toString() },
      ],
      nothing: null,
    });
    const mails = await chasers(reference);
    expect(mails.map(to).sort()).toEqual([HEALTH, SCHOOL, SOCIAL_WORKER].sort());
    for (const mail of mails) {
      expect(mail.from?.value[0]?.address).toBe(REPORT_INBOX);
      expect(mail.subject).toMatch(
        /^Reminder: report for conference .* due by 17:00 on Friday 4 December 2026$/,
      );
      expect(mail.replyTo?.value[0]?.address).toBe(
        `childprotectioninvitereportrequest+${reference.toLowerCase()}@hackney.gov.uk`,
      );
    }

    // A second press in the same minute finds the same reminders, already sent.
    clock.set(MONDAY.add({ seconds: 40 }));
    const again = await remind(reference);
    expect(again.body.sent.map((s) => [s.agency, s.state, s.sentAt])).toEqual(
      first.body.sent.map((s) => [s.agency, s.state, s.sentAt]),
    );
    expect(await chasers(reference)).toHaveLength(3);

    // The outbox shows them like any other message, with who asked.
    const { body } = await api.call('GET', `/conferences/${reference}/outbox`);
    const asked = (body.messages as { kind: string; state: string; requestedBy: string | null }[]).filter(
      (m) => m.requestedBy !== null,
    );
    expect(asked.map((m) => `${m.kind}:${m.state}:${m.requestedBy}`)).toEqual([
      'report-reminder:sent:coordinator@hackney.gov.uk',
      'report-reminder:sent:coordinator@hackney.gov.uk',
      'report-reminder:sent:coordinator@hackney.gov.uk',
    ]);
  });

  test('reminds the GP whose own report is missing after the health visitor’s is in, and says so', async () => {
    const reference = await book({
      professionals: [
        { email: HEALTH, agency: 'health', role: 'health visitor' },
        { email: GP, agency: 'health', role: 'GP' },
      ],
    });
    await reportFrom(reference, HEALTH);
    await reportFrom(reference, SOCIAL_WORKER);
    clock.set(MONDAY);
    const { body } = await remind(reference);
    expect(body.sent).toEqual([
      {
        agency: 'health',
        label: 'Health (GP, health visitor, midwife, school nurse, paediatrician) (GP)',
        state: 'sent',
        sentAt: MONDAY.toString(),
      },
    ]);
    const [mail, ...others] = await chasers(reference);
    expect(others).toEqual([]);
    expect(mail === undefined ? '' : to(mail)).toBe(GP);
    expect(mail?.text).toMatch(/reminder about your report/);
    expect(mail?.text).toMatch(/even when a colleague from the\s+same agency has sent one/);
  });

  test('a press in a later minute reminds them again', async () => {
    const reference = await book({ professionals: [{ email: POLICE, agency: 'police' }] });
    clock.set(MONDAY);
    await remind(reference);
    clock.set(MONDAY.add({ minutes: 1 }));
    await remind(reference);
    expect((await chasers(reference)).map(to).sort()).toEqual(
      [POLICE, POLICE, SOCIAL_WORKER, SOCIAL_WORKER].sort(),
    );
  });

  test('a sweep running at the same moment sends none of them a second time', async () => {
    const reference = await book();
    clock.set(MONDAY);
    const sweeping = (async () => {
      for (let i = 0; i < 4; i += 1) await sweepOutbox({ ...api.outbox, instanceId: `sweep-${i}` });
    })();
    const [answer] = await Promise.all([remind(reference), sweeping]);
    expect(answer.status).toBe(200);
    const mails = await chasers(reference);
    expect(mails.map(to).sort()).toEqual([HEALTH, POLICE, SCHOOL, SOCIAL_WORKER].sort());
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(4);
    // Contended transactions wait on the emulator's locks: slow, so a longer limit (not a timing test).
  }, 30_000);

  test('after the deadline it sends the overdue notice instead', async () => {
    const reference = await book({ professionals: [{ email: POLICE, agency: 'police' }] });
    clock.set(Temporal.Instant.from('2026-12-05T09:00:00Z'));
    const { body } = await remind(reference);
    expect(body.sent.map((s) => s.state)).toEqual(['sent', 'sent']);
    const mails = await chasers(reference);
    expect(mails.map((m) => m.subject)).toEqual([
      `Overdue: report for conference ${reference} on Monday 7 December 2026 was due by 17:00 on Friday 4 December 2026`,
      `Overdue: report for conference ${reference} on Monday 7 December 2026 was due by 17:00 on Friday 4 December 2026`,
    ]);
  });

  test('reminds nobody when every report is in, or once the conference has started, and says why', async () => {
    const reference = await book({ professionals: [{ email: POLICE, agency: 'police' }] });
    await reportFrom(reference, POLICE);
    await reportFrom(reference, SOCIAL_WORKER);
    clock.set(MONDAY);
    expect((await remind(reference)).body).toEqual({
      reference,
      sent: [],
      nothing: `Every invited professional’s report for ${reference} is in: nobody needs a reminder.`,
    });

    const late = await book({ idempotencyKey: 'reminders-started' });
    clock.set(Temporal.Instant.from('2026-12-07T10:30:00Z'));
    expect((await remind(late)).body.nothing).toBe(
      `${late} has already started, so reports are no longer chased: ask at the conference instead.`,
    );
    expect(await chasers(reference)).toEqual([]);
    expect(await chasers(late)).toEqual([]);
  });

  test('refuses a cancelled conference, and anyone but coordinators and managers', async () => {
    const reference = await book();
    expect((await remind(reference, CHAIR)).status).toBe(403);
    await api.call('DELETE', `/conferences/${reference}`, { body: { reason: 'Family moved away' } });
    const cancelled = await api.call('POST', `/conferences/${reference}/reminders`);
    expect(cancelled.status).toBe(409);
    expect((cancelled.body.error as { code: string }).code).toBe('CONFERENCE.CLOSED');
    expect((await api.call('POST', '/conferences/CPC-2222/reminders')).status).toBe(404);
  });

  test('a reminder Gmail refused is retried by the sweep, and a change to the conference does not withdraw it', async () => {
    const reference = await book({ professionals: [] });
    clock.set(MONDAY);
    api.fake.inject({
      method: 'POST',
      path: /\/messages\/send$/,
      status: 403,
      reason: 'forbidden',
      times: 1,
    });
    const { body } = await remind(reference);
    expect(body.sent.map((s) => [s.agency, s.state])).toEqual([['childrens-social-care', 'pending']]);

    const changed = await api.call('PATCH', `/conferences/${reference}`, {
      body: { venue: 'Hackney Service Centre, Room 4', reason: 'Room 2 is flooded' },
    });
    expect(changed.status).toBe(200);
    clock.set(MONDAY.add({ minutes: 2 }));
    await api.runJob('sweep');
    const { body: outbox } = await api.call('GET', `/conferences/${reference}/outbox`);
    const asked = (
      outbox.messages as { state: string; requestedBy: string | null; attempts: number }[]
    ).filter((m) => m.requestedBy !== null);
    expect(asked.map((m) => [m.state, m.attempts])).toEqual([['sent', 2]]);
    expect((await chasers(reference)).map(to)).toEqual([SOCIAL_WORKER]);
  });
});
