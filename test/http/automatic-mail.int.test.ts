// Automatic mail changes nothing a chair is told: an out-of-office from the one invitee whose
// report is missing leaves that report missing, its reminder due, quorum as it was, and no "all
// reports in"; and a guest's calendar answer emailed to the report inbox counts towards quorum as
// one to the organiser does (Google mode: kept with the conference). Bounces, receipts and the
// other automatic shapes are in the corpus (test/intake).
import { Temporal } from 'temporal-polyfill';
import { hackneyBooking, NOW } from '../support/bookings';
import { REPORT_INBOX, startApi, testClock, type Api, type TestClock } from '../support/api-harness';
import { reportMail } from '../support/report-mail';

const SOCIAL_WORKER = 'social.worker@hackney.gov.uk';
const POLICE = 'dc.one@police.example.org';
const HEALTH = 'health.visitor@nhs.example.org';
const SCHOOL = 'dsl@school.example.org';
const ON_TIME = Temporal.Instant.from('2026-11-30T10:00:00Z');

let api: Api;
let clock: TestClock;

async function deliver(raw: string, at = ON_TIME): Promise<string> {
  clock.set(at);
  const { id } = api.fake.gmail.deliver(REPORT_INBOX, raw, { internalDate: new Date(at.epochMilliseconds) });
  const { status } = await api.push({ historyId: api.fake.gmail.historyId(REPORT_INBOX) });
  if (status !== 204) throw new Error(`gmailPush answered ${status}`);
  return id;
}

function reportFrom(reference: string, from: string): string {
  return reportMail('gmail-pdf-report.eml', {
    reference,
    from,
    messageId: `report@${from.split('@')[1] ?? ''}`,
  });
}

beforeEach(async () => {
  clock = testClock(NOW);
  api = await startApi({ clock });
  const { status } = await api.push({ historyId: api.fake.gmail.historyId(REPORT_INBOX) });
  if (status !== 204) throw new Error(`gmailPush answered ${status}`);
});

afterEach(async () => {
  await api.stop();
});

it('an out-of-office from the last invitee owing a report changes nothing the chair is told', async () => {
  const booked = await api.call('POST', '/conferences', { body: hackneyBooking() });
  const reference = booked.body.reference as string;
  for (const from of [POLICE, HEALTH, SCHOOL]) await deliver(reportFrom(reference, from));
  const before = await api.call('GET', `/conferences/${reference}`);

  const outOfOffice = reportMail('family-my-views-reply.eml', {
    reference,
    from: SOCIAL_WORKER,
    messageId: 'ooo@hackney.gov.uk',
    replace: [
      [
        /^Subject:.*$/m,
        `Subject: Automatic reply: Report request for ${reference}\r\nAuto-Submitted: auto-replied`,
      ],
    ],
  });
  const id = await deliver(outOfOffice, ON_TIME.add({ minutes: 5 }));

  expect(await api.intake.reports.get(id)).toMatchObject({
    state: 'automatic',
    reference,
    automatic: { rule: 'auto-submitted' },
    acknowledgement: { state: 'none' },
  });
  const after = await api.call('GET', `/conferences/${reference}`);
  expect(after.body.reports).toEqual(before.body.reports);
  expect(after.body.quorum).toEqual(before.body.quorum);
  const owed = (after.body.reports as { owed: { invitee: string; status: string }[] }).owed;
  expect(owed.find((r) => r.invitee === SOCIAL_WORKER)?.status).toBe('missing');
  const conference = await api.intake.conferences.getByReference(reference);
  const entries = await api.outbox.outbox.forConference(conference?.id ?? '');
  expect(entries.filter((e) => e.kind === 'all-reports-in')).toEqual([]);
  // The social worker is still reminded, and the reminder is not skipped as "report received".
  expect(
    entries.filter(
      (e) => e.kind === 'report-reminder' && e.recipient.address === SOCIAL_WORKER && e.state === 'pending',
    ),
  ).toHaveLength(1);
  // Nobody answered the auto-reply.
  expect(
    api.fake.gmail
      .sent(REPORT_INBOX)
      .filter((m) => m.raw.toString('latin1').includes(`To: ${SOCIAL_WORKER}`)),
  ).toEqual([]);
});

it('a guest’s acceptance emailed to the report inbox counts towards quorum; a forged one does not', async () => {
  const booked = await api.call('POST', '/conferences', { body: hackneyBooking() });
  const reference = booked.body.reference as string;
  const conference = await api.intake.conferences.getByReference(reference);
  const event = conference?.events.find((e) => e.key.startsWith('professionals'))?.eventId ?? '';
  const answer = (from: string, authenticated: boolean) =>
    [
      `Authentication-Results: mx.google.com; ${authenticated ? `dkim=pass header.i=@police.example.org; spf=pass smtp.mailfrom=${from}; dmarc=pass header.from=police.example.org` : 'spf=none smtp.mailfrom=x@elsewhere.example; dmarc=none header.from=police.example.org'}`,
      `From: ${from}`,
      `To: ${REPORT_INBOX}`,
      `Subject: Accepted: Conference ${reference} (professionals)`,
      `Message-ID: <accept-${String(authenticated)}@police.example.org>`,
      'MIME-Version: 1.0',
      'Content-Type: text/calendar; method=REPLY; charset=utf-8',
      '',
      'BEGIN:VCALENDAR',
      'METHOD:REPLY',
      'BEGIN:VEVENT',
      `UID:${event}@google.com`,
      'SEQUENCE:0',
      `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${from}`,
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
  const forged = await deliver(answer(POLICE, false));
  expect((await api.intake.reports.get(forged))?.automatic?.answer).toMatchObject({
    counted: 'not-the-guest',
  });
  let card = await api.call('GET', `/conferences/${reference}`);
  expect((card.body.quorum as { confirmedAgencies: string[] }).confirmedAgencies).toEqual([]);

  const real = await deliver(answer(POLICE, true), ON_TIME.add({ minutes: 1 }));
  expect((await api.intake.reports.get(real))?.automatic).toMatchObject({
    rule: 'calendar-reply',
    answer: { attendee: POLICE, answer: 'accepted', counted: 'recorded' },
  });
  card = await api.call('GET', `/conferences/${reference}`);
  expect((card.body.quorum as { confirmedAgencies: string[] }).confirmedAgencies).toEqual(['police']);
});
