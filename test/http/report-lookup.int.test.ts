// GET /reports/lookup through the real api function: the record of an email someone has open in
// Gmail, found by the request inbox's own message id, or (for a copy in their own mailbox, whose
// id differs) by its Message-ID header; and who may see it.
import { CHAIR, hackneyBooking, NOW } from '../support/bookings';
import { MANAGER, OTHER_CHAIR, REPORT_INBOX, startApi, testClock, type Api } from '../support/api-harness';
import { reportMail } from '../support/report-mail';

const POLICE = 'dc.one@police.example.org';
const ON_TIME = new Date('2026-11-30T10:00:00Z');
/** The Message-ID header of the gmail-pdf-report.eml fixture. */
const HEADER = '<CAKx8=Yq2oPlaceholder+Q7k3v1Xw@mail.gmail.com>';

let api: Api;

beforeEach(async () => {
  api = await startApi({ clock: testClock(NOW) });
  // The first sync finds an empty inbox and sets the cursor.
  const { status } = await api.push({ historyId: api.fake.gmail.historyId(REPORT_INBOX) });
  if (status !== 204) throw new Error(`the first inbox sync answered ${status}`);
});

afterEach(async () => {
  await api.stop();
});

async function book(overrides: Record<string, unknown> = {}): Promise<string> {
  const { status, body } = await api.call('POST', '/conferences', { body: hackneyBooking(overrides) });
  expect(status).toBe(201);
  return body.reference as string;
}

async function deliver(reference: string, from: string): Promise<string> {
  const { id } = api.fake.gmail.deliver(
    REPORT_INBOX,
    reportMail('gmail-pdf-report.eml', { reference, from }),
    {
      internalDate: ON_TIME,
    },
  );
  expect((await api.push({ historyId: api.fake.gmail.historyId(REPORT_INBOX) })).status).toBe(204);
  return id;
}

const lookup = (query: string, as?: string) =>
  api.call('GET', `/reports/lookup?${query}`, as === undefined ? {} : { as });

describe('looking up a report from the email', () => {
  test('finds it by the request inbox’s message id, with the conference it is filed to', async () => {
    const reference = await book();
    const id = await deliver(reference, POLICE);
    const { status, body } = await lookup(`messageId=${id}`);
    expect(status).toBe(200);
    expect(body.report).toMatchObject({
      messageId: id,
      state: 'filed',
      reference,
      contribution: { kind: 'report', agency: 'police', timing: 'on-time' },
    });
    expect(body.conference).toEqual({
      reference,
      type: 'initial',
      start: '2026-12-07T10:30:00+00:00',
      status: 'booked',
    });
  });

  test('finds a copy in a coordinator’s own mailbox by its Message-ID header, with or without brackets', async () => {
    const reference = await book();
    const id = await deliver(reference, POLICE);
    for (const header of [HEADER, HEADER.slice(1, -1)]) {
      // The coordinator's copy has a Gmail id of its own, which the service never saw.
      const { status, body } = await lookup(
        `messageId=18c0ffee0000abcd&rfc822=${encodeURIComponent(header)}`,
      );
      expect(status).toBe(200);
      expect((body.report as { messageId: string }).messageId).toBe(id);
    }
    expect((await lookup(`rfc822=${encodeURIComponent(HEADER)}`, MANAGER)).status).toBe(200);
  });

  test('shows a chair a report filed to a conference they chair, and nothing else', async () => {
    const reference = await book();
    const filed = await deliver(reference, POLICE);
    expect((await lookup(`messageId=${filed}`, CHAIR)).status).toBe(200);
    const other = await lookup(`messageId=${filed}`, OTHER_CHAIR);
    expect(other.status).toBe(404);
    expect((other.body.error as { code: string }).code).toBe('REPORT.NOT_FOUND');

    // Held for a coordinator (the sender was not invited): coordinators see it, the chair does not.
    const held = await deliver(reference, 'colleague@school.example.org');
    const forCoordinator = await lookup(`messageId=${held}`);
    expect(forCoordinator.body.report).toMatchObject({ state: 'held', candidates: [reference] });
    expect((await lookup(`messageId=${held}`, CHAIR)).status).toBe(404);
  });

  test('says an email the report inbox never received has no record, and how to make one', async () => {
    const { status, body } = await lookup(
      `messageId=18c0ffee0000abcd&rfc822=${encodeURIComponent('<other@x.org>')}`,
    );
    expect(status).toBe(404);
    expect(body.error).toEqual({
      code: 'REPORT.NOT_FOUND',
      message: `This email is not one Conference Desk received in the report inbox (${REPORT_INBOX}), so it has no report record. If it is a report, forward it there with the conference reference in the subject.`,
      fields: [],
    });
  });

  test('refuses a lookup without an id, with a malformed one, or with anything else, naming the field', async () => {
    const fields = async (query: string): Promise<string[]> => {
      const { status, body } = await api.call('GET', `/reports/lookup${query}`);
      expect([query, status]).toEqual([query, 400]);
      return (body.error as { fields: { field: string }[] }).fields.map((f) => f.field);
    };
    expect(await fields('')).toEqual(['messageId']);
    expect(await fields('?messageId=not%20an%20id!')).toEqual(['messageId']);
    expect(await fields('?rfc822=%3C%3E')).toEqual(['rfc822']);
    expect(await fields('?rfc822=two%20words%40x.org')).toEqual(['rfc822']);
    expect(await fields('?messageId=abc&messageId=def')).toEqual(['messageId']);
    expect(await fields('?id=abc')).toEqual(expect.arrayContaining(['messageId']));
    expect((await lookup('messageId=abc', 'someone@hackney.gov.uk')).status).toBe(403);
  });
});
