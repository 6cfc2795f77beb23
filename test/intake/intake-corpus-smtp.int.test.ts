// The intake corpus through the SMTP path: the whole local service (npm start's) on the Firestore
// emulator, each case's messages written byte for byte to its embedded SMTP server (signed in as
// the sender when the case says the sender is authenticated), taken in from the file inbox;
// every fate checked, refusals at SMTP included.
import { signDevelopmentToken } from '../../functions/src/http/dev-token';
import { LOCAL_CALENDAR_OWNER, LOCAL_DOMAIN, LOCAL_STAFF } from '../../functions/src/local/local-env';
import type { LocalService } from '../../functions/src/local/local-service';
import { casesOn, runCorpusCase } from '../support/corpus-runner';
import type { IntakePath } from '../support/corpus-types';
import { receivedSenders } from '../support/corpus-fates';
import {
  bookingFor,
  describeBooked,
  isAcknowledgementTo,
  keptFor,
  NOW,
  peopleFor,
} from '../support/corpus-paths';
import { startTestLocalService } from '../support/local-service';
import { answersOf } from '../../functions/src/app/quorum-of';
import { sendRaw } from '../support/raw-smtp';

const INBOX = 'childprotectioninvitereportrequest@hackney.gov.uk';

let service: LocalService;
let secret: Buffer;
let mailDir: string;

async function call(method: string, path: string, body?: unknown) {
  // The sync on demand is a manager's; what the coordinator sees comes through the same api.
  const role = path.startsWith('/api/dev/') ? 'manager' : 'coordinator';
  const token = signDevelopmentToken(secret, { email: LOCAL_STAFF[role], role });
  const response = await fetch(`${service.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Intake's run after a delivery (the server starts one too; this waits for one that follows it). */
async function syncNow(): Promise<void> {
  const { status, body } = await call('POST', '/api/dev/sync');
  if (status !== 200) throw new Error(`/api/dev/sync answered ${status}: ${JSON.stringify(body)}`);
}

/** SMTP's transparency (RFC 5321 4.5.2), and the CRLF the end of data needs after the last line. */
function asData(raw: Buffer): Buffer {
  const text = raw.toString('latin1').replace(/(^|\r\n)\./g, '$1..');
  return Buffer.from(text.endsWith('\r\n') ? text : `${text}\r\n`, 'latin1');
}

/** Where the message is addressed: the inbox, or the plus addresses of it its headers name. */
function recipients(raw: Buffer): string[] {
  const head = raw.toString('latin1').split(/\r?\n\r?\n/)[0] ?? '';
  const plus = [...head.matchAll(/childprotectioninvitereportrequest\+[\w-]+@hackney\.gov\.uk/gi)].map((m) =>
    m[0].toLowerCase(),
  );
  return plus.length > 0 ? [...new Set(plus)] : [INBOX];
}

const smtp: IntakePath = {
  name: 'smtp',
  inbox: INBOX,
  calendarOwner: LOCAL_CALENDAR_OWNER,
  async book(index) {
    service.clock.set(NOW);
    const people = peopleFor(index, LOCAL_DOMAIN);
    const { status, body } = await call('POST', '/api/conferences', bookingFor(people));
    if (status !== 201) throw new Error(`booking answered ${status}: ${JSON.stringify(body)}`);
    const intake = service.services.intake;
    if (intake === undefined) throw new Error('the local service has no inbox');
    // The iCalendar UID of an invitation is its event id at the council's domain.
    return describeBooked(
      { intake, outbox: service.services.outbox },
      body.reference as string,
      people,
      LOCAL_DOMAIN,
    );
  },
  async deliver(raw, options) {
    service.clock.set(options.at);
    const reply = await sendRaw(service.smtp.host, service.smtp.port, {
      from: options.envelopeFrom,
      to: recipients(raw),
      data: asData(raw),
      ...(options.auth === 'pass' && options.from !== null
        ? { login: { user: options.from, pass: 'any password locally' } }
        : {}),
    });
    if (reply.code !== 250) return { kind: 'refused', code: reply.code };
    const id = /Accepted as (\d{12})/.exec(reply.text)?.[1];
    if (id === undefined) throw new Error(`the server accepted without an id: ${reply.text}`);
    await syncNow();
    return { kind: 'accepted', id };
  },
  record: async (id) => service.services.intake?.reports.get(id),
  acknowledgementsTo: (address) =>
    Promise.resolve(
      keptFor(mailDir, address).filter((raw) => isAcknowledgementTo(raw, address, INBOX)).length,
    ),
  async reconcileAt(at) {
    service.clock.set(at);
    await syncNow();
  },
  async received(reference) {
    const { body } = await call('GET', `/api/conferences/${reference}`);
    return receivedSenders(body, async (id) => service.services.intake?.reports.get(id));
  },
  async replies(reference) {
    const conference = await service.services.intake?.conferences.getByReference(reference);
    return conference === undefined ? new Map() : answersOf(service.services.outbox, conference);
  },
};

beforeAll(async () => {
  const started = await startTestLocalService('conference-desk-corpus-');
  ({ service, secret } = started);
  mailDir = started.described.mailDir;
}, 120_000);

afterAll(async () => {
  await service.stop();
});

const cases = casesOn('smtp');

test('the corpus has cases for this path', () => {
  expect(cases.length).toBeGreaterThanOrEqual(80);
});

test.each(cases)('%s', async (_id, c, index) => {
  expect(await runCorpusCase(smtp, c, index)).toEqual([]);
});
