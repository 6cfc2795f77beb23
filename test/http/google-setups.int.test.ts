// How booking behaves under each way a council can set Google up: Calendar making the Meet,
// delegation missing a scope (what the coordinator is told), keyless signing as in production,
// and a key file for local runs.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hackneyBooking, separatedParentsBooking, UNIT_MAILBOX } from '../support/bookings';
import { SERVICE_ACCOUNT, startApi, type Api } from '../support/api-harness';

describe('a council whose policy lets Calendar create the Meet', () => {
  let api: Api;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-'));
    const file = join(dir, 'council.json');
    writeFileSync(
      file,
      JSON.stringify({ id: 'calendar-meet-council', extends: 'hackney', meet: { createdBy: 'calendar' } }),
    );
    api = await startApi({ env: { POLICY: file } });
    api.fake.setMeetPendingReads(2);
  });

  afterAll(async () => {
    await api.stop();
  });

  test('asks Calendar for a Meet on the family event, waits while it is pending, and copies it to the others', async () => {
    const response = await api.call('POST', '/conferences', { body: separatedParentsBooking() });
    expect(response.status).toBe(201);
    const events = api.fake.events(UNIT_MAILBOX).filter((e) => e.status !== 'cancelled');
    expect(events).toHaveLength(4);
    const codes = new Set(events.map((e) => e.conferenceData?.conferenceId));
    expect(codes.size).toBe(1);
    expect([...codes][0]).toMatch(/^[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    expect(api.fake.callCounts()['meet.spaces.create']).toBeUndefined();
    // The only space is the one Calendar made, owned by the unit's mailbox that organises the events.
    expect(api.fake.spaces().map((s) => s.owner)).toEqual([UNIT_MAILBOX]);
    expect((response.body.meet as { restricted: boolean }).restricted).toBe(false);
  });
});

describe('when the Workspace admin has not granted the Meet scope', () => {
  let api: Api;

  beforeAll(async () => {
    api = await startApi({ delegatedScopes: ['https://www.googleapis.com/auth/calendar.events.owned'] });
  });

  afterAll(async () => {
    await api.stop();
  });

  test('the booking stops before any invitation, telling the coordinator to ask IT, and keeps the conference', async () => {
    const input = hackneyBooking();
    const response = await api.call('POST', '/conferences', { body: input });
    expect(response.status).toBe(502);
    const error = response.body.error as { code: string; message: string };
    expect(error.code).toBe('GOOGLE.DELEGATION_REFUSED');
    expect(error.message).toMatch(/Ask IT to check .* domain-wide delegation/);
    expect(error.message).not.toContain('chair.one');
    expect(api.fake.events(UNIT_MAILBOX)).toEqual([]);
    const pending = await api.call('GET', '/conferences?from=2026-12-07&to=2026-12-08&status=booking');
    expect(pending.body.conferences).toHaveLength(1);
  });
});

describe('a local run signing with a key file instead of IAM signJwt', () => {
  let api: Api;

  beforeAll(async () => {
    api = await startApi({ keyFile: true });
  });

  afterAll(async () => {
    await api.stop();
  });

  test('books through the same delegation, without calling signJwt', async () => {
    const response = await api.call('POST', '/conferences', { body: hackneyBooking() });
    expect(response.status).toBe(201);
    expect(api.fake.requests.filter((r) => r.api === 'iam')).toEqual([]);
    expect(api.fake.requests.filter((r) => r.api === 'oauth').map((r) => r.status)).toEqual([200, 200]);
  });
});

describe('signing as in production: no key file anywhere', () => {
  let api: Api;

  beforeAll(async () => {
    api = await startApi({ productionSigning: true });
  });

  afterAll(async () => {
    await api.stop();
  });

  test("gets the function's own token from the metadata server, has IAM sign the delegation JWTs, and books", async () => {
    const response = await api.call('POST', '/conferences', { body: hackneyBooking() });
    expect(response.status).toBe(201);
    const auth = api.fake.requests.filter((r) => ['metadata', 'iam', 'oauth'].includes(r.api));
    expect(auth.map((r) => [r.api, r.status, r.subject])).toEqual([
      ['metadata', 200, null],
      ['iam', 200, SERVICE_ACCOUNT],
      ['oauth', 200, 'chair.one@hackney.gov.uk'],
      ['iam', 200, SERVICE_ACCOUNT],
      ['oauth', 200, UNIT_MAILBOX],
    ]);
  });
});
