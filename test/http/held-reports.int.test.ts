// The emails held for a coordinator, through the api function: listing them, filing one under a
// conference (audited, labelled, acknowledged), dismissing one; and the peer corpus of malformed
// MIME through gmailPush: every message filed or held with a reason, none stopping the rest.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hackneyBooking, NOW } from '../support/bookings';
import { REPORT_INBOX, startApi, testClock, type Api } from '../support/api-harness';
import { CORPUS, reportMail } from '../support/report-mail';

const POLICE = 'dc.one@police.example.org';
const ON_TIME = new Date('2026-11-30T10:00:00Z');

let api: Api;

async function book(overrides: Record<string, unknown> = {}): Promise<string> {
  const { status, body } = await api.call('POST', '/conferences', { body: hackneyBooking(overrides) });
  expect(status).toBe(201);
  return body.reference as string;
}

async function pushNow(): Promise<void> {
  expect((await api.push({ historyId: api.fake.gmail.historyId(REPORT_INBOX) })).status).toBe(204);
}

beforeEach(async () => {
  api = await startApi({ clock: testClock(NOW) });
  await pushNow();
});

afterEach(async () => {
  await api.stop();
});

describe('the held emails', () => {
  it('lists held emails for coordinators with why, and refuses chairs', async () => {
    const reference = await book();
    const id = api.fake.gmail.deliver(
      REPORT_INBOX,
      reportMail('gmail-pdf-report.eml', { reference, from: 'colleague@school.example.org' }),
      { internalDate: ON_TIME },
    ).id;
    await pushNow();
    const { status, body } = await api.call('GET', '/unmatched');
    expect(status).toBe(200);
    expect(body.held).toEqual([
      expect.objectContaining({
        messageId: id,
        state: 'held',
        reference,
        candidates: [reference],
        holdReasons: [expect.objectContaining({ code: 'sender-not-invited' })],
        subject: expect.stringContaining(reference) as unknown,
        link: expect.stringContaining(id) as unknown,
      }),
    ]);
    expect((await api.call('GET', '/unmatched', { as: 'chair.one@hackney.gov.uk' })).status).toBe(403);
  });

  it('files a held email under the agency the coordinator names, records who did it, relabels and acknowledges', async () => {
    const reference = await book();
    const id = api.fake.gmail.deliver(
      REPORT_INBOX,
      reportMail('gmail-pdf-report.eml', { reference, from: 'colleague@school.example.org' }),
      { internalDate: ON_TIME },
    ).id;
    await pushNow();

    const missingAgency = await api.call('POST', `/unmatched/${id}/file`, {
      body: { conferenceRef: reference },
    });
    expect(missingAgency.status).toBe(400);
    expect(missingAgency.body.error).toMatchObject({
      fields: [expect.objectContaining({ field: 'agency' })],
    });
    const wrongAgency = await api.call('POST', `/unmatched/${id}/file`, {
      body: { conferenceRef: reference, agency: 'housing' },
    });
    expect(wrongAgency.body.error).toMatchObject({ fields: [expect.objectContaining({ field: 'agency' })] });
    const noSuch = await api.call('POST', `/unmatched/${id}/file`, { body: { conferenceRef: 'CPC-2222' } });
    expect(noSuch.body.error).toMatchObject({
      fields: [{ field: 'conferenceRef', message: 'is not a conference' }],
    });

    const { status, body } = await api.call('POST', `/unmatched/${id}/file`, {
      body: { conferenceRef: reference.toLowerCase(), agency: 'school' },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      state: 'filed',
      matchedBy: 'coordinator',
      subject: null,
      contribution: { kind: 'report', agency: 'school', timing: 'on-time' },
      acknowledgement: 'sent',
    });
    expect((body.history as { by: string; action: string }[]).map((h) => `${h.action} by ${h.by}`)).toEqual([
      'held by service',
      'filed by coordinator@hackney.gov.uk',
      'acknowledged by service',
    ]);
    expect(api.fake.gmail.labelNames(REPORT_INBOX, id)).toContain(`Conferences/${reference}`);
    expect(api.fake.gmail.labelNames(REPORT_INBOX, id)).not.toContain('Conferences/Held');
    expect((await api.call('GET', '/unmatched')).body.held).toEqual([]);
    // Filing twice is refused, not repeated.
    expect(
      (
        await api.call('POST', `/unmatched/${id}/file`, {
          body: { conferenceRef: reference, agency: 'school' },
        })
      ).status,
    ).toBe(409);
    const conference = await api.call('GET', `/conferences/${reference}`);
    expect((conference.body.reports as { owed: { agency: string; status: string }[] }).owed).toContainEqual(
      expect.objectContaining({ agency: 'school', status: 'received' }),
    );
  });

  it('per person, asks whose report it is when the agency has several invitees, and files it as that invitee’s', async () => {
    const HEALTH_VISITOR = 'health.visitor@nhs.example.org';
    const GP = 'gp@surgery.example.org';
    const reference = await book({
      professionals: [
        { email: POLICE, agency: 'police' },
        { email: HEALTH_VISITOR, agency: 'health', role: 'health visitor' },
        { email: GP, agency: 'health', role: 'GP' },
      ],
    });
    const id = api.fake.gmail.deliver(
      REPORT_INBOX,
      reportMail('gmail-pdf-report.eml', { reference, from: 'practice.manager@surgery.example.org' }),
      { internalDate: ON_TIME },
    ).id;
    await pushNow();
    const file = (body: Record<string, unknown>) =>
      api.call('POST', `/unmatched/${id}/file`, { body: { conferenceRef: reference, ...body } });

    const needed = await file({ agency: 'health' });
    expect(needed.status).toBe(400);
    expect(needed.body.error).toMatchObject({
      code: 'REQUEST.INVALID',
      fields: [
        { field: 'invitee', message: expect.stringMatching(/^is needed: 2 professionals/) as unknown },
      ],
    });
    for (const invitee of ['someone@elsewhere.example.org', 'not an address', 'chair.one@hackney.gov.uk']) {
      const refused = await file({ agency: 'health', invitee });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ fields: [expect.objectContaining({ field: 'invitee' })] });
      // Never repeats what was sent: an address identifies a person.
      expect(JSON.stringify(refused.body)).not.toMatch(/@|not an address/);
    }

    const { status, body } = await file({ agency: 'health', invitee: 'GP@Surgery.example.org' });
    expect(status).toBe(200);
    expect(body.contribution).toMatchObject({
      kind: 'report',
      agency: 'health',
      invitee: GP,
      timing: 'on-time',
    });
    const filed = (body.history as { by: string; action: string; reason: string | null }[]).find(
      (h) => h.action === 'filed',
    );
    expect(filed).toMatchObject({ by: 'coordinator@hackney.gov.uk' });
    expect(filed?.reason).toMatch(
      new RegExp(`^filed under ${reference} as the report of Health .*\\(GP\\) \\(${GP}\\);`),
    );

    const card = await api.call('GET', `/conferences/${reference}`);
    const owed = (card.body.reports as { owed: { invitee: string | null; status: string }[] }).owed;
    expect(owed.find((r) => r.invitee === GP)?.status).toBe('received');
    expect(owed.find((r) => r.invitee === HEALTH_VISITOR)?.status).toBe('missing');
  });

  it('dismisses a held email with a reason, and needs one', async () => {
    const id = api.fake.gmail.deliver(
      REPORT_INBOX,
      reportMail('outlook-docx-report.eml', {
        from: 'newsletter@unknown.example.org',
        replace: [['CPC-7F3K', 'news']],
      }),
      { internalDate: ON_TIME },
    ).id;
    await pushNow();
    expect((await api.call('POST', `/unmatched/${id}/dismiss`, { body: {} })).status).toBe(400);
    const { status, body } = await api.call('POST', `/unmatched/${id}/dismiss`, {
      body: { reason: 'Newsletter, not a report' },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ state: 'dismissed', subject: null, acknowledgement: 'none' });
    expect(api.fake.gmail.labelNames(REPORT_INBOX, id)).toContain('Conferences/Dismissed');
    expect(api.fake.gmail.sent(REPORT_INBOX)).toEqual([]);
    expect((await api.call('POST', '/unmatched/not-an-id!/dismiss', { body: { reason: 'x' } })).status).toBe(
      404,
    );
  });
});

describe('the peer corpus of malformed MIME', () => {
  it('files or holds every message with a reason, holding as unreadable the ones whose content is lost', async () => {
    const reference = await book();
    const files = readdirSync(CORPUS)
      .filter((f) => f.endsWith('.eml'))
      .sort();
    const ids = new Map<string, string>();
    for (const file of files) {
      ids.set(
        file,
        api.fake.gmail.deliver(REPORT_INBOX, readFileSync(join(CORPUS, file)), { internalDate: ON_TIME }).id,
      );
    }
    // A good report after all of them is still filed.
    const last = api.fake.gmail.deliver(
      REPORT_INBOX,
      reportMail('outlook-docx-report.eml', { reference, from: POLICE }),
      {
        internalDate: ON_TIME,
      },
    ).id;
    await pushNow();

    const outcomes: Record<string, string> = {};
    for (const [file, id] of ids) {
      const snapshot = await api.db.doc(`${api.root}/reports/${id}`).get();
      expect([file, snapshot.exists]).toEqual([file, true]);
      const reasons = (snapshot.get('holdReasons') as { code: string }[]).map((r) => r.code);
      // Filed, held with a reason, or recorded as automatic mail with the rule it matched.
      const rule = (snapshot.get('automatic') as { rule: string } | null)?.rule;
      const accounted =
        snapshot.get('state') === 'filed' ||
        reasons.length > 0 ||
        (snapshot.get('state') === 'automatic' && rule !== undefined);
      expect([file, accounted]).toEqual([file, true]);
      outcomes[file] = `${snapshot.get('state') as string}: ${rule ?? reasons.join(', ')}`;
    }
    for (const lost of [
      'mime4j__missing-boundary.eml',
      'mime4j__ending-boundaries.eml',
      'mime4j__multipartnopart.eml',
      'mime4j__malformedHeader-noheader.eml',
    ]) {
      expect([lost, outcomes[lost]]).toEqual([lost, expect.stringMatching(/^held: unreadable/)]);
    }
    // A delivery report is a mail server's, never a report.
    expect(outcomes['mailparser__delivery-status.eml']).toBe('automatic: delivery-status');
    expect((await api.db.doc(`${api.root}/reports/${last}`).get()).get('state')).toBe('filed');
  });
});
