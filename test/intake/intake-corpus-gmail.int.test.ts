// The intake corpus through the Gmail path: each case's messages delivered into the strict
// Gmail fake with mx.google.com's trace and verdicts, pushed to gmailPush with Pub/Sub's OIDC
// token, taken in by the real composition root on the Firestore emulator; every fate checked.
import { DOMAIN, UNIT_MAILBOX } from '../support/bookings';
import { REPORT_INBOX, startApi, testClock, type Api, type TestClock } from '../support/api-harness';
import { casesOn, runCorpusCase } from '../support/corpus-runner';
import type { IntakePath } from '../support/corpus-types';
import { receivedSenders } from '../support/corpus-fates';
import {
  bookingFor,
  describeBooked,
  gmailTrace,
  isAcknowledgementTo,
  NOW,
  peopleFor,
} from '../support/corpus-paths';
import { answersOf } from '../../functions/src/app/quorum-of';

let api: Api;
let clock: TestClock;

async function push(): Promise<void> {
  const { status } = await api.push({ historyId: api.fake.gmail.historyId(REPORT_INBOX) });
  if (status !== 204) throw new Error(`gmailPush answered ${status}`);
}

const gmail: IntakePath = {
  name: 'gmail',
  inbox: REPORT_INBOX,
  calendarOwner: UNIT_MAILBOX,
  async book(index) {
    clock.set(NOW);
    const people = peopleFor(index, DOMAIN);
    const { status, body } = await api.call('POST', '/conferences', { body: bookingFor(people) });
    if (status !== 201) throw new Error(`booking answered ${status}: ${JSON.stringify(body)}`);
    // Google Calendar's iCalendar UID for an event made through the API is its id @google.com.
    return describeBooked(api, body.reference as string, people, 'google.com');
  },
  async deliver(raw, options) {
    clock.set(options.at);
    const received = Buffer.concat([Buffer.from(gmailTrace(REPORT_INBOX, options), 'latin1'), raw]);
    const { id } = api.fake.gmail.deliver(REPORT_INBOX, received, {
      internalDate: new Date(options.at.epochMilliseconds),
    });
    await push();
    return { kind: 'accepted', id };
  },
  record: (id) => api.intake.reports.get(id),
  acknowledgementsTo: (address) =>
    Promise.resolve(
      api.fake.gmail
        .sent(REPORT_INBOX)
        .filter((m) => isAcknowledgementTo(m.raw.toString('latin1'), address, REPORT_INBOX)).length,
    ),
  async reconcileAt(at) {
    clock.set(at);
    const { status } = await api.runJob('reconcile');
    if (status !== 200) throw new Error(`reconcile answered ${status}`);
  },
  async received(reference) {
    const { body } = await api.call('GET', `/conferences/${reference}`);
    return receivedSenders(body, (id) => api.intake.reports.get(id));
  },
  async replies(reference) {
    const conference = await api.intake.conferences.getByReference(reference);
    return conference === undefined ? new Map() : answersOf(api.outbox, conference);
  },
};

beforeAll(async () => {
  clock = testClock(NOW);
  api = await startApi({ clock });
  // The first sync finds an empty inbox and sets the cursor.
  await push();
}, 60_000);

afterAll(async () => {
  await api.stop();
});

const cases = casesOn('gmail');

test('the corpus has cases for this path', () => {
  expect(cases.length).toBeGreaterThanOrEqual(80);
});

test.each(cases)('%s', async (_id, c, index) => {
  expect(await runCorpusCase(gmail, c, index)).toEqual([]);
});
