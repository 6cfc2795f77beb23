// Acknowledgements through Gmail, as a sender sees them: at most one an hour per conference, the
// reports that arrived inside the hour told of in one email when the hour has passed, sent once
// even when Gmail fails or its answer is lost; and the automatic-email list coordinators read.
import { simpleParser } from 'mailparser';
import { Temporal } from 'temporal-polyfill';
import { hackneyBooking, NOW } from '../support/bookings';
import { REPORT_INBOX, startApi, testClock, type Api, type TestClock } from '../support/api-harness';
import { reportMail } from '../support/report-mail';

const POLICE = 'dc.one@police.example.org';
const T0 = Temporal.Instant.from('2026-11-30T10:00:00Z');

let api: Api;
let clock: TestClock;
let reference: string;

async function pushNow(): Promise<void> {
  const { status } = await api.push({ historyId: api.fake.gmail.historyId(REPORT_INBOX) });
  if (status !== 204) throw new Error(`gmailPush answered ${status}`);
}

/** A report from the police officer at `minutes` past T0, each email its own. */
async function report(minutes: number, raw?: string): Promise<string> {
  const at = T0.add({ minutes });
  clock.set(at);
  const mail =
    raw ??
    reportMail('gmail-pdf-report.eml', {
      reference,
      from: POLICE,
      messageId: `r${minutes}@police.example.org`,
    });
  const { id } = api.fake.gmail.deliver(REPORT_INBOX, mail, { internalDate: new Date(at.epochMilliseconds) });
  await pushNow();
  return id;
}

async function reconcileAt(minutes: number): Promise<void> {
  clock.set(T0.add({ minutes }));
  expect((await api.runJob('reconcile')).status).toBe(200);
}

/** The acknowledgements the inbox sent the officer, parsed, oldest first. */
async function acknowledgements() {
  const sent = api.fake.gmail
    .sent(REPORT_INBOX)
    .map((m) => m.raw)
    .filter((raw) => raw.toString('latin1').includes(`To: ${POLICE}`));
  return Promise.all(sent.map((raw) => simpleParser(raw)));
}

beforeEach(async () => {
  clock = testClock(NOW);
  api = await startApi({ clock });
  await pushNow();
  const { status, body } = await api.call('POST', '/conferences', { body: hackneyBooking() });
  if (status !== 201) throw new Error(`booking answered ${status}`);
  reference = body.reference as string;
});

afterEach(async () => {
  await api.stop();
});

describe('at most one acknowledgement an hour', () => {
  it('acknowledges the first at once and the next two together once the hour has passed', async () => {
    const first = await report(0);
    const second = await report(10);
    const third = await report(20);
    expect((await acknowledgements()).map((m) => m.subject)).toEqual([
      `Report received for conference ${reference}`,
    ]);
    // Nothing more inside the hour, however often the reconcile runs.
    await reconcileAt(59);
    expect(await acknowledgements()).toHaveLength(1);

    await reconcileAt(61);
    const sent = await acknowledgements();
    expect(sent.map((m) => m.subject)).toEqual([
      `Report received for conference ${reference}`,
      `2 emails received for conference ${reference}`,
    ]);
    // It lists each email it acknowledges, and answers the first of them.
    expect(sent[1]?.text).toMatch(
      /2 emails from you for conference CPC-\w{4} have arrived:\n- .*10:10: on time\n- .*10:20: on time/,
    );
    expect(sent[1]?.headers.get('auto-submitted')).toBe('auto-replied');
    const records = await Promise.all([first, second, third].map((id) => api.intake.reports.get(id)));
    expect(records.map((r) => r?.acknowledgement.state)).toEqual(['sent', 'sent', 'sent']);
    expect(records[2]?.acknowledgement.coveredBy).toBe(second);
    expect(records.every((r) => r?.state === 'filed')).toBe(true);

    // The hour after a combined one starts again from it.
    await report(70);
    await reconcileAt(120);
    expect(await acknowledgements()).toHaveLength(2);
    await reconcileAt(122);
    expect(await acknowledgements()).toHaveLength(3);
  });

  it('keeps the limit when Gmail fails at the hour, and sends once when its answer was lost', async () => {
    await report(0);
    await report(10);
    await report(20);
    api.fake.inject({ method: 'POST', path: /\/messages\/send$/, status: 500, times: 5 });
    await reconcileAt(61);
    expect(await acknowledgements()).toHaveLength(1);
    // Gmail sends it, but the service never hears so; the next attempt finds it in Sent.
    api.fake.inject({
      method: 'POST',
      path: /\/messages\/send$/,
      status: 503,
      afterProcessing: true,
      times: 5,
    });
    await reconcileAt(70);
    await reconcileAt(80);
    await reconcileAt(90);
    expect(await acknowledgements()).toHaveLength(2);
  });

  it('never answers automatic mail: a responder that says only X-Autoreply gets no answer, and is listed newest first', async () => {
    const loop = (n: number) =>
      reportMail('family-my-views-reply.eml', {
        reference,
        from: POLICE,
        messageId: `loop${n}@police.example.org`,
        replace: [[/^Subject:/m, 'X-Autoreply: yes\r\nSubject:']],
      });
    for (const minute of [1, 2, 3]) await report(minute, loop(minute));
    await reconcileAt(90);
    expect(await acknowledgements()).toHaveLength(0);
    const automatic = await api.call('GET', '/automatic');
    expect(automatic.status).toBe(200);
    expect(
      (automatic.body.automatic as { automatic: { rule: string } }[]).map((a) => a.automatic.rule),
    ).toEqual(['x-autoreply', 'x-autoreply', 'x-autoreply']);
  });
});

describe('the automatic-email list', () => {
  it('is for coordinators and managers, and names its bad query by field', async () => {
    await report(
      0,
      reportMail('family-my-views-reply.eml', {
        reference,
        from: POLICE,
        messageId: 'ooo@police.example.org',
        replace: [[/^Subject:/m, 'Auto-Submitted: auto-replied\r\nSubject:']],
      }),
    );
    const list = await api.call('GET', '/automatic?days=30');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({
      days: 30,
      truncated: false,
      automatic: [{ state: 'automatic', reference }],
    });
    expect((await api.call('GET', '/automatic', { as: 'chair.one@hackney.gov.uk' })).status).toBe(403);
    const bad = await api.call('GET', '/automatic?days=400');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('days');
  });
});
