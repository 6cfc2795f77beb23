// The outbox end to end: bookings through the real API queue what the timeline implies, the
// sweep (Cloud Scheduler's call, with its OIDC token) sends it through Gmail in the strict fake,
// on the Firestore emulator, and what was sent is read back with a real MIME parser.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { Temporal } from 'temporal-polyfill';
import { sweepOutbox } from '../../functions/src/app/sweep-outbox';
import { hackneyBooking, NOW, UNIT_MAILBOX } from '../support/bookings';
import { REPORT_INBOX, startApi, testClock, type Api, type TestClock } from '../support/api-harness';
import { reportMail } from '../support/report-mail';

const SOCIAL_WORKER = 'social.worker@hackney.gov.uk';
const POLICE = 'dc.one@police.example.org';
const HEALTH = 'health.visitor@nhs.example.org';
const SCHOOL = 'dsl@school.example.org';
const GP = 'gp@surgery.example.org';
const PARENT = 'parent.one@example.com';
const PROFESSIONALS = [SOCIAL_WORKER, POLICE, HEALTH, SCHOOL];

interface Message {
  id: string;
  kind: string;
  recipient: { role: string; address: string | null; agency: string | null; part: number | null };
  dueAt: string;
  state: string;
  reason: string | null;
  attempts: number;
}

let api: Api;
let clock: TestClock;

async function book(overrides: Record<string, unknown> = {}): Promise<string> {
  const { status, body } = await api.call('POST', '/conferences', { body: hackneyBooking(overrides) });
  expect(status).toBe(201);
  return body.reference as string;
}

async function outbox(reference: string): Promise<Message[]> {
  const { status, body } = await api.call('GET', `/conferences/${reference}/outbox`);
  expect(status).toBe(200);
  return body.messages as Message[];
}

async function sweep(): Promise<Record<string, unknown>> {
  const { status, body } = await api.runJob('sweep');
  expect(status).toBe(200);
  return body;
}

/** What the outbox sent (not the intake's acknowledgements), parsed. */
async function sent(reference?: string): Promise<ParsedMail[]> {
  const parsed = await Promise.all(api.fake.gmail.sent(REPORT_INBOX).map((m) => simpleParser(m.raw)));
  return parsed.filter(
    (m) =>
      m.headers.get('auto-submitted') === 'auto-generated' &&
      (reference === undefined || (m.subject ?? '').includes(reference)),
  );
}

function to(mail: ParsedMail): string[] {
  const field = mail.to;
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return list.flatMap((a) => a.value.map((v) => v.address ?? ''));
}

function count(messages: readonly Message[], kind: string, state?: string): number {
  return messages.filter((m) => m.kind === kind && (state === undefined || m.state === state)).length;
}

beforeEach(async () => {
  clock = testClock(NOW);
  api = await startApi({ clock });
});

afterEach(async () => {
  await api.stop();
});

describe('booking queues what the timeline implies', () => {
  it('one request, invitation note and reminder per professional, one invitation per family member, the quorum checks and the feedback request', async () => {
    const reference = await book();
    const messages = await outbox(reference);

    expect(count(messages, 'report-request')).toBe(4);
    expect(count(messages, 'professional-invitation')).toBe(4);
    expect(count(messages, 'family-invitation')).toBe(1);
    expect(count(messages, 'report-reminder')).toBe(4);
    expect(count(messages, 'report-overdue')).toBe(4);
    expect(count(messages, 'quorum-check')).toBe(2);
    expect(count(messages, 'day-before-professionals')).toBe(4);
    expect(count(messages, 'day-before-family')).toBe(1);
    expect(count(messages, 'feedback-request')).toBe(4);
    expect(messages.every((m) => m.state === 'pending')).toBe(true);
    expect(new Set(messages.map((m) => m.id)).size).toBe(messages.length);
    // Each professional is asked once; the family member gets their own invitation, nobody else's.
    expect(
      messages
        .filter((m) => m.kind === 'report-request')
        .map((m) => m.recipient.address)
        .sort(),
    ).toEqual([...PROFESSIONALS].sort());
    expect(messages.find((m) => m.kind === 'family-invitation')?.recipient.address).toBe(PARENT);
    // Reminders fall when the stored timeline says: Hackney's report deadline is Friday 4 December.
    const reminder = messages.find((m) => m.kind === 'report-reminder');
    expect(reminder?.dueAt).toBe('2026-12-02T09:00:00Z');
    expect(messages.find((m) => m.kind === 'report-overdue')?.dueAt).toBe('2026-12-04T17:00:00Z');
  });

  it('planning again changes nothing', async () => {
    const reference = await book();
    const before = await outbox(reference);
    const result = await sweep();
    expect(result.replanned).toBe(0);
    const after = await outbox(reference);
    expect(after.map((m) => m.id).sort()).toEqual(before.map((m) => m.id).sort());
  });
});

describe('the sweep', () => {
  it('sends what is due, each once, from the request inbox with our own Message-ID and the plus address for replies', async () => {
    const reference = await book();
    const result = await sweep();
    expect(result).toMatchObject({ sent: 9, skipped: 0, failed: 0 });

    const mails = await sent(reference);
    expect(mails).toHaveLength(9);
    const messages = await outbox(reference);
    const ours = new Map(messages.map((m) => [`<${m.id}@hackney.gov.uk>`, m]));
    for (const mail of mails) {
      expect(mail.from?.value[0]?.address).toBe(REPORT_INBOX);
      expect(to(mail)).toHaveLength(1);
      expect(mail.replyTo?.value[0]?.address).toBe(
        `childprotectioninvitereportrequest+${reference.toLowerCase()}@hackney.gov.uk`,
      );
      expect(ours.has(mail.messageId ?? '')).toBe(true);
      expect(ours.get(mail.messageId ?? '')?.recipient.address).toBe(to(mail)[0]);
      expect(mail.text?.length).toBeGreaterThan(100);
      expect(mail.html).toContain(reference);
      // No name and no relationship in any subject: the reference stands for the family.
      expect(mail.subject).not.toMatch(/mother|parent\.one|social worker/i);
    }
    const request = mails.find((m) => to(m)[0] === POLICE && /report/i.test(m.subject ?? ''));
    expect(request?.text).toContain('17:00 on Friday 4 December 2026');
    const invitation = mails.find((m) => to(m)[0] === PARENT);
    expect(invitation?.text).toMatch(/10:00/);
    expect(count(await outbox(reference), 'report-request', 'sent')).toBe(4);

    // Nothing else is due yet: a second sweep sends nothing.
    expect(await sweep()).toMatchObject({ claimed: 0, sent: 0 });
    expect(await sent(reference)).toHaveLength(9);
  });

  it('two sweeps at once send each message once', async () => {
    const reference = await book();
    const results = await Promise.all([
      sweepOutbox({ ...api.outbox, instanceId: 'sweep-a' }),
      sweepOutbox({ ...api.outbox, instanceId: 'sweep-b' }),
    ]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(9);
    const mails = await sent(reference);
    expect(mails).toHaveLength(9);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(9);
    // Contended transactions wait on the emulator's locks: slow, so a longer limit (not a timing test).
  }, 30_000);

  it('skips a reminder for a report that arrived, and sends the others', async () => {
    const reference = await book();
    await sweep();
    await api.push({ historyId: api.fake.gmail.historyId(REPORT_INBOX) });
    api.fake.gmail.deliver(REPORT_INBOX, reportMail('gmail-pdf-report.eml', { reference, from: POLICE }), {
      internalDate: new Date('2026-11-30T10:00:00Z'),
    });
    await api.push({ historyId: api.fake.gmail.historyId(REPORT_INBOX) });

    clock.set(Temporal.Instant.from('2026-12-02T09:01:00Z'));
    const result = await sweep();
    expect(result).toMatchObject({ sent: 3, skipped: 1 });
    const reminders = (await outbox(reference)).filter((m) => m.kind === 'report-reminder');
    expect(reminders.find((m) => m.recipient.address === POLICE)).toMatchObject({
      state: 'skipped',
      reason: 'report-received',
    });
    expect(
      reminders
        .filter((m) => m.state === 'sent')
        .map((m) => m.recipient.address)
        .sort(),
    ).toEqual([HEALTH, SCHOOL, SOCIAL_WORKER].sort());
  });

  it('tells the chair once when the last report is in', async () => {
    const reference = await book({ professionals: [{ email: POLICE, agency: 'police' }] });
    await sweep();
    await api.push({ historyId: api.fake.gmail.historyId(REPORT_INBOX) });
    for (const from of [POLICE, SOCIAL_WORKER]) {
      api.fake.gmail.deliver(REPORT_INBOX, reportMail('gmail-pdf-report.eml', { reference, from }), {
        internalDate: new Date('2026-11-30T10:00:00Z'),
      });
      await api.push({ historyId: api.fake.gmail.historyId(REPORT_INBOX) });
    }
    await sweep();
    const toChair = (await sent(reference)).filter((m) => to(m)[0] === 'chair.one@hackney.gov.uk');
    expect(toChair).toHaveLength(1);
    expect(toChair[0]?.text).toContain('Police');
  });
});

describe('per person (Hackney), all reports in', () => {
  async function reportFrom(reference: string, from: string): Promise<void> {
    api.fake.gmail.deliver(REPORT_INBOX, reportMail('gmail-pdf-report.eml', { reference, from }), {
      internalDate: new Date('2026-11-30T10:00:00Z'),
    });
    await api.push({ historyId: api.fake.gmail.historyId(REPORT_INBOX) });
  }

  it('is not sent while the GP’s report is missing, though health’s visitor sent hers, and is once it arrives', async () => {
    const reference = await book({
      professionals: [
        { email: POLICE, agency: 'police' },
        { email: HEALTH, agency: 'health', role: 'health visitor' },
        { email: GP, agency: 'health', role: 'GP' },
      ],
    });
    await sweep();
    await api.push({ historyId: api.fake.gmail.historyId(REPORT_INBOX) });
    for (const from of [POLICE, SOCIAL_WORKER, HEALTH]) await reportFrom(reference, from);
    await sweep();
    const toChair = async () =>
      (await sent(reference)).filter((m) => to(m)[0] === 'chair.one@hackney.gov.uk');
    expect(await toChair()).toEqual([]);
    expect(count(await outbox(reference), 'all-reports-in')).toBe(0);

    // The GP is still reminded: the health visitor's report is not theirs.
    clock.set(Temporal.Instant.from('2026-12-02T09:01:00Z'));
    await sweep();
    const reminders = (await outbox(reference)).filter((m) => m.kind === 'report-reminder');
    expect(reminders.filter((m) => m.state === 'sent').map((m) => m.recipient.address)).toEqual([GP]);

    await reportFrom(reference, GP);
    await sweep();
    const told = await toChair();
    expect(told).toHaveLength(1);
    expect(told[0]?.text).toContain('(health visitor)');
    expect(told[0]?.text).toContain('(GP)');
  });
});

describe('the feedback request (Hackney)', () => {
  /** The day after the conference, when Hackney's feedback request goes. */
  const DAY_AFTER = Temporal.Instant.from('2026-12-08T10:01:00Z');

  async function feedbackSent(reference: string): Promise<ParsedMail[]> {
    await sweep();
    clock.set(DAY_AFTER);
    await sweep();
    return (await sent(reference)).filter((m) => /feedback/i.test(m.subject ?? ''));
  }

  it('asks for replies to the coordinators’ mailbox, never to the report inbox', async () => {
    const reference = await book();
    const mails = await feedbackSent(reference);
    expect(mails.flatMap(to).sort()).toEqual([...PROFESSIONALS].sort());
    for (const mail of mails) {
      // COORDINATOR_ALERTS is not set here, so the coordinators' mailbox is CALENDAR_OWNER.
      expect(mail.replyTo?.value.map((v) => v.address)).toEqual([UNIT_MAILBOX]);
      expect(mail.text).toMatch(
        new RegExp(`your reply goes to the\\s+conference coordinators \\(${UNIT_MAILBOX}\\)`),
      );
    }
  });

  it('sends replies to COORDINATOR_ALERTS, or to the address the council’s policy names', async () => {
    await api.stop();
    api = await startApi({ clock, env: { COORDINATOR_ALERTS: 'cp-coordinators@hackney.gov.uk' } });
    const alerts = await feedbackSent(await book());
    expect(alerts).toHaveLength(4);
    expect(alerts.map((m) => m.replyTo?.value[0]?.address)).toEqual(
      alerts.map(() => 'cp-coordinators@hackney.gov.uk'),
    );

    await api.stop();
    const file = join(mkdtempSync(join(tmpdir(), 'policy-')), 'council.json');
    writeFileSync(
      file,
      JSON.stringify({
        id: 'hackney-feedback',
        extends: 'hackney',
        name: 'London Borough of Hackney',
        feedback: { replyTo: 'cp-feedback@hackney.gov.uk' },
      }),
    );
    clock.set(NOW);
    api = await startApi({ clock, env: { POLICY: file } });
    const named = await feedbackSent(await book());
    expect(named).toHaveLength(4);
    expect(named.map((m) => m.replyTo?.value[0]?.address)).toEqual(
      named.map(() => 'cp-feedback@hackney.gov.uk'),
    );
  });
});

describe('changes re-plan the outbox', () => {
  it('rescheduling moves every pending reminder to the new dates and re-sends the report request with the new deadline', async () => {
    const reference = await book();
    await sweep();
    const { status } = await api.call('PATCH', `/conferences/${reference}`, {
      body: { start: '2026-12-14T10:30', reason: 'The chair is ill' },
    });
    expect(status).toBe(200);

    const messages = await outbox(reference);
    const pending = messages.filter((m) => m.state === 'pending');
    const { body } = await api.call('GET', `/conferences/${reference}`);
    const timeline = body.timeline as { reminders: { kind: string; at: string }[] };
    const newTimes = new Set(timeline.reminders.map((r) => Temporal.Instant.from(r.at).toString()));
    for (const m of pending.filter(
      (p) => !['report-request', 'professional-invitation', 'family-invitation'].includes(p.kind),
    )) {
      expect(newTimes.has(m.dueAt)).toBe(true);
    }
    // Nothing pending still waits for the old dates, which were withdrawn.
    expect(pending.some((m) => m.dueAt === '2026-12-02T09:00:00Z')).toBe(false);
    expect(messages.filter((m) => m.state === 'cancelled').every((m) => m.reason === 'replanned')).toBe(true);
    expect(count(messages, 'report-reminder', 'cancelled')).toBe(4);

    await sweep();
    const requests = (await sent(reference)).filter(
      (m) => to(m)[0] === POLICE && /report/i.test(m.subject ?? ''),
    );
    expect(requests).toHaveLength(2);
    expect(requests[1]?.text).toContain('Friday 11 December 2026');
  });

  it('cancelling stops every message still to go', async () => {
    const reference = await book();
    await sweep();
    const { status } = await api.call('DELETE', `/conferences/${reference}`, {
      body: { reason: 'Family moved away' },
    });
    expect(status).toBe(200);
    const messages = await outbox(reference);
    expect(messages.filter((m) => m.state === 'pending')).toEqual([]);
    expect(
      messages.filter((m) => m.state === 'cancelled').every((m) => m.reason === 'conference-cancelled'),
    ).toBe(true);

    clock.set(Temporal.Instant.from('2026-12-06T09:00:00Z'));
    const before = (await sent(reference)).length;
    await sweep();
    expect(await sent(reference)).toHaveLength(before);
  });
});

describe('when Gmail fails', () => {
  it('a send whose answer was lost is found in Sent, not sent again', async () => {
    const reference = await book({ professionals: [], family: [] });
    api.fake.inject({ method: 'POST', path: /\/messages\/send$/, afterProcessing: true, status: 503 });
    expect(await sweep()).toMatchObject({ sent: 2, failed: 0 });
    expect(await sent(reference)).toHaveLength(2);
  });

  it('backs off, then fails for good and tells the coordinator which message could not go', async () => {
    const reference = await book({ professionals: [], family: [] });
    // Gmail refuses the sends outright (403, not a rate limit), every time.
    api.fake.inject({
      method: 'POST',
      path: /\/messages\/send$/,
      status: 403,
      reason: 'forbidden',
      times: 10,
    });
    let now = NOW;
    for (let round = 0; round < 5; round += 1) {
      await sweep();
      now = now.add({ hours: 5 });
      clock.set(now);
    }
    const messages = await outbox(reference);
    expect(count(messages, 'report-request', 'failed')).toBe(1);
    expect(messages.find((m) => m.kind === 'report-request')?.attempts).toBe(5);
    expect(count(messages, 'delivery-failed')).toBe(2);

    await sweep();
    const alerts = (await sent(reference)).filter((m) => to(m)[0] === UNIT_MAILBOX);
    expect(alerts).toHaveLength(2);
    const said = alerts.map((m) => m.text ?? '').join('\n');
    expect(said).toMatch(/could not send the report request/i);
    expect(said).toMatch(/could not send the joining notes/i);
    expect(api.rawLogs.some((l) => l.includes('"outbox.failed"'))).toBe(true);
  });
});

describe('the quorum watch', () => {
  it('tells the coordinator when declines leave the conference unable to make quorum, naming the agencies', async () => {
    const reference = await book();
    await sweep();
    const { body } = await api.call('GET', `/conferences/${reference}`);
    const events = body.events as { audience: string; eventId: string }[];
    const professionalsEvent = events.find((e) => e.audience === 'professionals')?.eventId ?? '';
    api.fake.respond(UNIT_MAILBOX, professionalsEvent, HEALTH, 'declined');
    api.fake.respond(UNIT_MAILBOX, professionalsEvent, SCHOOL, 'declined');

    clock.set(Temporal.Instant.from('2026-12-03T09:01:00Z'));
    await sweep();
    const warnings = (await sent(reference)).filter((m) => to(m)[0] === UNIT_MAILBOX);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.subject).toMatch(/quorum/i);
    expect(warnings[0]?.text).toContain('Health');
    expect(warnings[0]?.text).toContain('Police');
  });

  it('stays quiet while quorum is still possible', async () => {
    const reference = await book();
    await sweep();
    clock.set(Temporal.Instant.from('2026-12-03T09:01:00Z'));
    await sweep();
    const checks = (await outbox(reference)).filter((m) => m.kind === 'quorum-check');
    expect(checks.find((m) => m.state === 'skipped')?.reason).toBe('quorum-at-risk');
    expect((await sent(reference)).filter((m) => to(m)[0] === UNIT_MAILBOX)).toHaveLength(0);
  });
});
