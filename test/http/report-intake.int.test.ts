// Report intake end to end: Gmail notifications pushed to gmailPush (with Pub/Sub's OIDC token),
// the real composition root, Gmail and Calendar in the strict fake, the Firestore emulator, and
// report emails as Outlook, Gmail and Apple Mail write them.
import type { Timestamp } from '@google-cloud/firestore';
import { Temporal } from 'temporal-polyfill';
import { hackneyBooking, NOW, UNIT_MAILBOX } from '../support/bookings';
import { REPORT_INBOX, startApi, testClock, type Api, type TestClock } from '../support/api-harness';
import { reportMail } from '../support/report-mail';

const POLICE = 'dc.one@police.example.org';
const HEALTH = 'health.visitor@nhs.example.org';
const SCHOOL = 'dsl@school.example.org';
const PARENT = 'parent.one@example.com';
/** Before Hackney's report deadline for a conference on 7 December (3 days before). */
const ON_TIME = new Date('2026-11-30T10:00:00Z');
const LATE = new Date('2026-12-05T10:00:00Z');

let api: Api;
let clock: TestClock;

async function book(overrides: Record<string, unknown> = {}): Promise<string> {
  const { status, body } = await api.call('POST', '/conferences', { body: hackneyBooking(overrides) });
  expect(status).toBe(201);
  return body.reference as string;
}

function deliver(raw: string, internalDate = ON_TIME): string {
  return api.fake.gmail.deliver(REPORT_INBOX, raw, { internalDate }).id;
}

async function pushNow(): Promise<void> {
  const { status } = await api.push({ historyId: api.fake.gmail.historyId(REPORT_INBOX) });
  expect(status).toBe(204);
}

async function record(messageId: string): Promise<Record<string, unknown>> {
  const snapshot = await api.db.doc(`${api.root}/reports/${messageId}`).get();
  expect(snapshot.exists).toBe(true);
  return snapshot.data() as Record<string, unknown>;
}

/** What the inbox sent to one address (the reconcile also warns coordinators when no watch is set). */
function sentTo(address: string): string[] {
  return api.fake.gmail
    .sent(REPORT_INBOX)
    .map((m) => m.raw.toString('utf8'))
    .filter((text) => new RegExp(`^To: ${address.replaceAll('.', '\\.')}\\r?$`, 'm').test(text));
}

function codes(doc: Record<string, unknown>): string[] {
  return (doc.holdReasons as { code: string }[]).map((r) => r.code);
}

beforeEach(async () => {
  clock = testClock(NOW);
  api = await startApi({ clock });
  // The first sync finds an empty inbox and sets the cursor.
  await pushNow();
});

afterEach(async () => {
  await api.stop();
});

describe('filing reports by the matching rules', () => {
  it('files a reply to the plus address against its conference, labels it, acknowledges it, and shows it on the conference', async () => {
    const reference = await book();
    const id = deliver(reportMail('gmail-pdf-report.eml', { reference, from: SCHOOL }));
    await pushNow();

    const doc = await record(id);
    expect(doc).toMatchObject({
      state: 'filed',
      reference,
      matchedBy: 'plus-address',
      contribution: { kind: 'report', agency: 'school', timing: 'on-time' },
      sender: { address: SCHOOL },
      heldSubject: null,
      holdReasons: [],
    });
    const attachments = doc.attachments as { filename: string; sha256: string; size: number }[];
    expect(attachments).toHaveLength(1);
    expect(attachments[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(api.fake.gmail.labelNames(REPORT_INBOX, id)).toContain(`Conferences/${reference}`);

    const [ack, ...more] = api.fake.gmail.sent(REPORT_INBOX);
    expect(more).toEqual([]);
    const text = ack?.raw.toString('utf8') ?? '';
    expect(text).toMatch(new RegExp(`^To: ${SCHOOL}`, 'm'));
    expect(text).toMatch(new RegExp(`^Subject: Report received for conference ${reference}`, 'm'));
    expect(text).toMatch(/arrived on time/);
    expect(text).toMatch(
      new RegExp(`^Reply-To: childprotectioninvitereportrequest\\+${reference.toLowerCase()}@`, 'm'),
    );
    // No content of the report is quoted back.
    expect(text.replace(/^In-Reply-To:.*$|^References:.*$/gm, '')).not.toMatch(/Placeholder/);

    const { body } = await api.call('GET', `/conferences/${reference}`);
    const owed = (body.reports as { owed: { agency: string; status: string; timing: string | null }[] }).owed;
    expect(owed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ agency: 'school', status: 'received', timing: 'on-time' }),
        expect.objectContaining({ agency: 'police', status: 'missing' }),
        expect.objectContaining({ agency: 'childrens-social-care', status: 'missing' }),
      ]),
    );
  });

  it('files by the reference in the subject (an Outlook email), marking it late after the deadline', async () => {
    const reference = await book();
    const id = deliver(reportMail('outlook-docx-report.eml', { reference, from: HEALTH }), LATE);
    await pushNow();
    expect(await record(id)).toMatchObject({
      state: 'filed',
      matchedBy: 'subject',
      contribution: { agency: 'health', timing: 'late' },
    });
    expect(api.fake.gmail.sent(REPORT_INBOX)[0]?.raw.toString('utf8')).toMatch(/after the deadline/);
  });

  it('files by the sender alone when they are invited to exactly one open conference (Apple Mail)', async () => {
    const reference = await book();
    await book({ professionals: [{ email: 'someone.else@police.example.org', agency: 'police' }] });
    const raw = reportMail('apple-mail-inline-pdf.eml', {
      from: POLICE,
      replace: [['School report CPC-7F3K', 'School report']],
    });
    const id = deliver(raw);
    await pushNow();
    expect(await record(id)).toMatchObject({
      state: 'filed',
      reference,
      matchedBy: 'invited-sender',
      contribution: { agency: 'police' },
    });
  });

  it('files a parent’s My Views reply as the family’s contribution', async () => {
    const reference = await book();
    const id = deliver(reportMail('family-my-views-reply.eml', { reference, from: PARENT }));
    await pushNow();
    expect(await record(id)).toMatchObject({
      state: 'filed',
      contribution: { kind: 'family-views', relationship: 'mother', agency: null, timing: 'on-time' },
    });
    const { body } = await api.call('GET', `/conferences/${reference}`);
    expect((body.reports as { family: unknown[] }).family).toEqual([
      expect.objectContaining({ relationship: 'mother', timing: 'on-time', messageId: id }),
    ]);
    expect(api.fake.gmail.sent(REPORT_INBOX)[0]?.raw.toString('utf8')).toMatch(/Your views for conference/);
  });

  it('reads a windows-1252 email and files it', async () => {
    const reference = await book();
    const id = deliver(reportMail('windows-1252-body.eml', { reference, from: SCHOOL }));
    await pushNow();
    expect(await record(id)).toMatchObject({ state: 'filed', matchedBy: 'subject' });
  });
});

describe('filing once', () => {
  it('files nothing twice for repeated, stale and concurrent pushes, and acknowledges once', async () => {
    const reference = await book();
    const id = deliver(reportMail('gmail-pdf-report.eml', { reference, from: SCHOOL }));
    const historyId = api.fake.gmail.historyId(REPORT_INBOX);
    const answers = await Promise.all([1, 2, 3, 4].map(() => api.push({ historyId })));
    expect(answers.map((a) => a.status)).toEqual([204, 204, 204, 204]);
    await api.push({ historyId });
    await api.push({ historyId: '1' });
    expect((await record(id)).state).toBe('filed');
    const reports = await api.db.collection(`${api.root}/reports`).get();
    expect(reports.size).toBe(1);
    expect(api.fake.gmail.sent(REPORT_INBOX)).toHaveLength(1);
    expect(api.fake.callCounts()['gmail.users.messages.get']).toBe(1);
  });

  it('leaves the cursor when Gmail fails, and files the message once when it recovers', async () => {
    const reference = await book();
    const id = deliver(reportMail('gmail-pdf-report.eml', { reference, from: SCHOOL }));
    // More failures than the retries allow.
    api.fake.inject({ method: 'GET', path: new RegExp(`/messages/${id}$`), status: 503, times: 3 });
    const failed = await api.push({ historyId: api.fake.gmail.historyId(REPORT_INBOX) });
    expect(failed.status).toBe(503);
    expect((await api.db.doc(`${api.root}/reports/${id}`).get()).exists).toBe(false);
    const reconciled = await api.runJob('reconcile');
    expect(reconciled).toMatchObject({ status: 200, body: { status: 'synced', counts: { filed: 1 } } });
    expect((await record(id)).state).toBe('filed');
    expect(sentTo(SCHOOL)).toHaveLength(1);
  });

  it('finishes a failed acknowledgement in the reconcile, without sending it twice', async () => {
    const reference = await book();
    api.fake.inject({ method: 'POST', path: /\/messages\/send$/, status: 500, times: 3 });
    const id = deliver(reportMail('gmail-pdf-report.eml', { reference, from: SCHOOL }));
    await pushNow();
    expect(await record(id)).toMatchObject({
      state: 'filed',
      acknowledgement: { state: 'pending', attempts: 1 },
    });
    expect(api.fake.gmail.sent(REPORT_INBOX)).toHaveLength(0);
    // The reconcile leaves it to the step that filed it for two minutes...
    await api.runJob('reconcile');
    expect(await record(id)).toMatchObject({ acknowledgement: { state: 'pending', attempts: 1 } });
    // ...then takes it up.
    clock.set(NOW.add({ minutes: 3 }));
    await api.runJob('reconcile');
    expect(await record(id)).toMatchObject({
      acknowledgement: { state: 'sent', attempts: 2 },
      followUp: false,
    });
    await api.runJob('reconcile');
    expect(sentTo(SCHOOL)).toHaveLength(1);
  });

  it('does not resend an acknowledgement Gmail accepted before the service heard back', async () => {
    const reference = await book();
    // Gmail sends it, but the answer is lost: the retry finds it in Sent instead of sending again.
    api.fake.inject({ method: 'POST', path: /\/messages\/send$/, status: 503, afterProcessing: true });
    const id = deliver(reportMail('gmail-pdf-report.eml', { reference, from: SCHOOL }));
    await pushNow();
    expect(await record(id)).toMatchObject({ acknowledgement: { state: 'sent', attempts: 1 } });
    expect(sentTo(SCHOOL)).toHaveLength(1);
  });

  it('looks in Sent before the reconcile sends an acknowledgement whose first attempt was cut short', async () => {
    const reference = await book();
    // Sent, answer lost, and the search of Sent failing too: the filing step gives up.
    api.fake.inject({ method: 'POST', path: /\/messages\/send$/, status: 503, afterProcessing: true });
    // The send's two retries each search Sent, three tries apiece (GOOGLE_RETRY_ATTEMPTS=3 here).
    api.fake.inject({ method: 'GET', path: /\/messages$/, status: 503, times: 6 });
    const id = deliver(reportMail('gmail-pdf-report.eml', { reference, from: SCHOOL }));
    await pushNow();
    expect(await record(id)).toMatchObject({ acknowledgement: { state: 'pending', attempts: 1 } });
    clock.set(NOW.add({ minutes: 3 }));
    await api.runJob('reconcile');
    expect(await record(id)).toMatchObject({ acknowledgement: { state: 'sent', attempts: 2 } });
    expect(sentTo(SCHOOL)).toHaveLength(1);
  });

  it('marks the same report forwarded twice as a duplicate of the first', async () => {
    const reference = await book();
    const first = deliver(reportMail('gmail-pdf-report.eml', { reference, from: SCHOOL }));
    const second = deliver(
      reportMail('gmail-pdf-report.eml', {
        reference,
        from: SCHOOL,
        replace: [[/^Message-ID:.*$/im, 'Message-ID: <fwd-2@school.example.org>']],
      }),
    );
    await pushNow();
    expect(await record(second)).toMatchObject({ state: 'filed', duplicateOf: first });
    const { body } = await api.call('GET', `/conferences/${reference}`);
    const school = (body.reports as { owed: { agency: string; messageIds: string[] }[] }).owed.find(
      (a) => a.agency === 'school',
    );
    expect(school?.messageIds).toEqual([first, second]);
  });
});

describe('a gap in Gmail’s history', () => {
  it('re-reads the inbox by date instead of losing what arrived, and moves on from the head', async () => {
    const reference = await book();
    const before = deliver(reportMail('gmail-pdf-report.eml', { reference, from: SCHOOL }));
    api.fake.gmail.expireHistory(REPORT_INBOX);
    const after = deliver(reportMail('outlook-docx-report.eml', { reference, from: HEALTH }));
    const head = api.fake.gmail.historyId(REPORT_INBOX);
    await pushNow();
    expect((await record(before)).state).toBe('filed');
    expect((await record(after)).state).toBe('filed');
    expect(api.logs.some((l) => l.message === 'intake.full_sync' && l.reason === 'history-expired')).toBe(
      true,
    );
    const mailbox = await api.db.doc(`${api.root}/mailboxes/${REPORT_INBOX}`).get();
    // The head as it was before the re-read (filing then labels and acknowledges, moving Gmail's on).
    expect(BigInt(mailbox.get('historyId') as string) >= BigInt(head)).toBe(true);
    // Nothing is read twice by the next notification.
    await pushNow();
    expect(api.fake.callCounts()['gmail.users.messages.get']).toBe(2);
    expect(mailbox.get('lastFullSync')).toMatchObject({
      reason: 'history-expired',
      messages: 2,
      complete: true,
    });
  });
});

describe('holding for a coordinator', () => {
  it('holds each kind of doubtful email with its reason, and keeps going after each', async () => {
    const reference = await book();
    const other = await book({ professionals: [{ email: HEALTH, agency: 'health' }] });
    const held = {
      noMatch: deliver(
        reportMail('outlook-docx-report.eml', {
          from: 'stranger@unknown.example.org',
          replace: [['CPC-7F3K', 'our report']],
        }),
      ),
      several: deliver(
        reportMail('outlook-docx-report.eml', { from: HEALTH, replace: [['CPC-7F3K', 'our report']] }),
      ),
      notInvited: deliver(
        reportMail('gmail-pdf-report.eml', { reference, from: 'colleague@school.example.org' }),
      ),
      forged: deliver(reportMail('forged-from-dmarc-fail.eml', { reference, from: POLICE })),
      docm: deliver(reportMail('docm-attachment.eml', { reference, from: POLICE })),
      zip: deliver(reportMail('encrypted-zip.eml', { reference, from: POLICE })),
      exe: deliver(reportMail('exe-disguised-as-pdf.eml', { reference, from: POLICE })),
      winmail: deliver(reportMail('outlook-winmail-dat.eml', { reference, from: POLICE })),
      empty: deliver(reportMail('no-body.eml', { reference, from: POLICE })),
      conflicting: deliver(
        reportMail('gmail-pdf-report.eml', {
          reference,
          from: SCHOOL,
          replace: [[/^Subject:.*$/m, `Subject: Report for ${other}`]],
        }),
      ),
    };
    // Another email from the same sender (a delivery of the same Message-ID would be the same email).
    const filed = deliver(
      reportMail('outlook-docx-report.eml', {
        reference,
        from: HEALTH,
        messageId: 'second-report@nhs.example.org',
      }),
    );
    await pushNow();

    expect(codes(await record(held.noMatch))).toEqual(['no-match']);
    expect(codes(await record(held.several))).toEqual(['several-matches']);
    expect(codes(await record(held.notInvited))).toEqual(['sender-not-invited']);
    expect(codes(await record(held.forged))).toEqual(['authentication-failed']);
    expect(codes(await record(held.docm))).toEqual(['risky-attachment']);
    expect(codes(await record(held.zip))).toEqual(['risky-attachment']);
    expect(codes(await record(held.exe))).toContain('risky-attachment');
    expect(codes(await record(held.winmail))).toEqual(['risky-attachment']);
    expect(codes(await record(held.empty))).toEqual(['unreadable']);
    expect((await record(filed)).state).toBe('filed');
    expect(codes(await record(held.conflicting))).toEqual(['several-matches']);
    for (const [name, id] of Object.entries(held)) {
      const doc = await record(id);
      expect([name, doc.state]).toEqual([name, 'held']);
      expect(api.fake.gmail.labelNames(REPORT_INBOX, id)).toContain('Conferences/Held');
    }
    // Only the filed one is acknowledged: a held one may be from a forger.
    expect(
      api.fake.gmail.sent(REPORT_INBOX).map((m) => /^To: (.*)$/m.exec(m.raw.toString())?.[1]?.trim()),
    ).toEqual([HEALTH]);
    // No subject, address or file name in any log line.
    const logs = api.rawLogs.join('\n');
    expect(logs).not.toMatch(/@(?:school|police|nhs|unknown)\.example\.org|report\.docm|Placeholder/i);
  });

  it('holds a reply to a cancelled conference’s invitation, and an email too large to read', async () => {
    const reference = await book();
    const { status } = await api.call('DELETE', `/conferences/${reference}`, {
      body: { reason: 'Family moved out of area' },
    });
    expect(status).toBe(200);
    const cancelled = deliver(reportMail('gmail-pdf-report.eml', { reference, from: SCHOOL }));
    const big = Buffer.concat([
      Buffer.from(
        reportMail('gmail-pdf-report.eml', { reference, from: SCHOOL }).split(/\r?\n\r?\n/)[0] ?? '',
      ),
      Buffer.from('\r\n\r\n'),
      Buffer.alloc(41_000_000, 'QUFB\r\n'),
    ]);
    const tooLarge = api.fake.gmail.deliver(REPORT_INBOX, big, { internalDate: ON_TIME }).id;
    await pushNow();
    const closed = await record(cancelled);
    expect(codes(closed)).toEqual(['conference-closed']);
    expect((closed.holdReasons as { message: string }[])[0]?.message).toMatch(/was cancelled/);
    expect(codes(await record(tooLarge))[0]).toBe('too-large');
  });
});

describe('bad input', () => {
  it('holds an invited address sent from outside its domain’s authentication', async () => {
    const reference = await book();
    // Sent through a bulk mailer: DKIM and SPF pass, but for the mailer's domain, and no DMARC.
    const raw = reportMail('gmail-pdf-report.eml', { reference, from: SCHOOL }).replace(
      /^(ARC-)?Authentication-Results:[\s\S]*?(?=^\S)/m,
      'Authentication-Results: mx.google.com;\r\n       dkim=pass header.i=@bulkmailer.example.net;\r\n       spf=pass smtp.mailfrom=bounce@bulkmailer.example.net;\r\n       dmarc=none header.from=school.example.org\r\n',
    );
    const id = deliver(raw);
    await pushNow();
    expect(codes(await record(id))).toEqual(['not-authenticated']);
  });

  it('takes in a report addressed to 10,000 recipients, and holds one with a 30 MB attachment as too large', async () => {
    const reference = await book();
    const crowd = Array.from({ length: 10_000 }, (_, i) => `person${i}@example.org`).join(',\r\n ');
    const many = deliver(
      reportMail('outlook-docx-report.eml', { reference, from: HEALTH }).replace(/^CC:.*$/m, `CC: ${crowd}`),
    );
    const attachment = Buffer.alloc(30_000_000, 7).toString('base64').replace(/.{76}/g, '$&\r\n');
    const large = deliver(
      [
        'Delivered-To: childprotectioninvitereportrequest@hackney.gov.uk',
        `From: ${HEALTH}`,
        'To: childprotectioninvitereportrequest@hackney.gov.uk',
        `Subject: ${reference} scans`,
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain',
        '',
        'Scans attached.',
        '--b',
        'Content-Type: application/pdf; name="scans.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        attachment,
        '--b--',
        '',
      ].join('\r\n'),
    );
    await pushNow();
    expect(await record(many)).toMatchObject({ state: 'filed', contribution: { agency: 'health' } });
    const held = await record(large);
    expect(codes(held)[0]).toBe('too-large');
    // The headers it was read far enough for still say which conference it is for.
    expect(held).toMatchObject({ reference, candidates: [reference] });
  });
});

describe('push authentication', () => {
  it('refuses pushes without a valid token from the subscription’s service account, and reads nothing', async () => {
    const reference = await book();
    const id = deliver(reportMail('gmail-pdf-report.eml', { reference, from: SCHOOL }));
    const historyId = api.fake.gmail.historyId(REPORT_INBOX);
    const wrong = [
      null,
      'not-a-jwt',
      api.fake.idToken({
        email: 'gmail-push@council-project.iam.gserviceaccount.com',
        aud: 'https://elsewhere.example',
      }),
      api.fake.idToken({
        email: 'attacker@evil-project.iam.gserviceaccount.com',
        aud: 'https://europe-west2-council-project.cloudfunctions.net/gmailPush',
      }),
      api.token('coordinator@hackney.gov.uk'),
      api.fake.idToken({
        email: 'gmail-push@council-project.iam.gserviceaccount.com',
        aud: 'https://europe-west2-council-project.cloudfunctions.net/gmailPush',
        exp: Math.floor(Date.now() / 1000) - 600,
      }),
    ];
    for (const token of wrong) {
      expect((await api.push({ historyId }, { token })).status).toBe(401);
    }
    expect(api.fake.callCounts()['gmail.users.history.list'] ?? 0).toBe(0);
    expect((await api.db.doc(`${api.root}/reports/${id}`).get()).exists).toBe(false);
    expect(api.logs.filter((l) => l.message === 'auth.refused' && l.route === 'gmailPush')).toHaveLength(
      wrong.length,
    );
    expect((await api.runJob('reconcile', { token: api.token('coordinator@hackney.gov.uk') })).status).toBe(
      401,
    );
  });

  it('acknowledges an unreadable push and one for another mailbox without reading anything', async () => {
    expect((await api.push({ raw: { message: { data: '!!!' } } })).status).toBe(204);
    expect((await api.push({ raw: { unexpected: true } })).status).toBe(204);
    expect((await api.push({ historyId: '999999', emailAddress: UNIT_MAILBOX })).status).toBe(204);
    expect(api.fake.callCounts()['gmail.users.history.list'] ?? 0).toBe(0);
  });
});

describe('the watch', () => {
  it('renews the watch on the inbox and records when it lapses', async () => {
    const { status, body } = await api.runJob('renewWatch');
    expect(status).toBe(200);
    expect(body).toMatchObject({ renewed: true, warned: false });
    const watch = api.fake.gmail.watch(REPORT_INBOX);
    expect(watch).toMatchObject({
      topicName: 'projects/council-project/topics/report-inbox',
      labelIds: ['INBOX'],
    });
    const mailbox = await api.db.doc(`${api.root}/mailboxes/${REPORT_INBOX}`).get();
    expect((mailbox.get('watchExpiresAt') as Timestamp).toMillis()).toBe(watch?.expiration.getTime());
  });

  it('tells the coordinators once when renewal fails and the watch lapses within 48 hours', async () => {
    await api.runJob('renewWatch');
    const expires = api.fake.gmail.watch(REPORT_INBOX)?.expiration.getTime() ?? 0;
    clock.set(Temporal.Instant.fromEpochMilliseconds(expires).subtract({ hours: 30 }));
    api.fake.inject({ method: 'POST', path: /\/watch$/, status: 403, reason: 'forbidden', times: 2 });
    expect((await api.runJob('renewWatch')).body).toMatchObject({ renewed: false, warned: true });
    expect((await api.runJob('renewWatch')).body).toMatchObject({ renewed: false, warned: false });
    const warnings = api.fake.gmail.sent(REPORT_INBOX);
    expect(warnings).toHaveLength(1);
    const text = warnings[0]?.raw.toString('utf8') ?? '';
    expect(text).toMatch(new RegExp(`^To: ${UNIT_MAILBOX}`, 'm'));
    expect(text).toMatch(/will stop being filed automatically/);
  });
});

describe('switching intake on', () => {
  it('starts at the inbox’s present: mail already there is left for coordinators, and not acknowledged', async () => {
    const fresh = await startApi({ clock: testClock(NOW) });
    try {
      const { body } = await fresh.call('POST', '/conferences', { body: hackneyBooking() });
      const reference = body.reference as string;
      const old = fresh.fake.gmail.deliver(
        REPORT_INBOX,
        reportMail('gmail-pdf-report.eml', { reference, from: SCHOOL }),
        {
          internalDate: new Date('2026-11-20T10:00:00Z'),
        },
      ).id;
      expect((await fresh.push({ historyId: fresh.fake.gmail.historyId(REPORT_INBOX) })).status).toBe(204);
      const next = fresh.fake.gmail.deliver(
        REPORT_INBOX,
        reportMail('outlook-docx-report.eml', { reference, from: HEALTH }),
        {
          internalDate: ON_TIME,
        },
      ).id;
      expect((await fresh.push({ historyId: fresh.fake.gmail.historyId(REPORT_INBOX) })).status).toBe(204);
      expect((await fresh.db.doc(`${fresh.root}/reports/${old}`).get()).exists).toBe(false);
      expect((await fresh.db.doc(`${fresh.root}/reports/${next}`).get()).get('state')).toBe('filed');
      expect(fresh.fake.gmail.sent(REPORT_INBOX)).toHaveLength(1);
    } finally {
      await fresh.stop();
    }
  });
});
