// What one GET /overview reads from Firestore, counted in the Firestore client the way Firestore
// bills reads (the emulator counts nothing): every document lookup 1, every query the documents it
// returned (at least 1), every count 1. The overview's reads grow with the conferences shown and
// their reports, not with what is stored, and the reports of 30 conferences come in one query.
import { Firestore, Query } from '@google-cloud/firestore';
import { hackneyBooking, NOW } from '../support/bookings';
import { REPORT_INBOX, startApi, testClock, type Api } from '../support/api-harness';
import { reportMail } from '../support/report-mail';

const CONFERENCES = 31;
const DAYS = ['11-30', '12-01', '12-02', '12-03', '12-04', '12-07', '12-08', '12-09', '12-10', '12-11'];
const TIMES = ['09:30', '11:30', '13:30', '15:30'];

interface Reads {
  lookups: number;
  queries: number;
  queryDocuments: number;
  counts: number;
}

type Method = (this: unknown, ...args: unknown[]) => Promise<unknown>;

/** Counts reads while `on()` is true; returns how to stop counting. */
function countReads(db: Firestore, reads: Reads, on: () => boolean): () => void {
  const restores: (() => void)[] = [];
  const wrap = (proto: object, name: string, around: (original: Method) => Method): void => {
    const methods = proto as Record<string, Method>;
    const original = methods[name];
    if (original === undefined) throw new Error(`no ${name} to count reads in`);
    methods[name] = around(original);
    restores.push(() => {
      methods[name] = original;
    });
  };
  wrap(
    Firestore.prototype,
    'getAll',
    (original) =>
      function (this: unknown, ...args: unknown[]) {
        if (on())
          reads.lookups += args.filter((a) => typeof a === 'object' && a !== null && 'path' in a).length;
        return original.apply(this, args);
      },
  );
  wrap(
    Query.prototype,
    '_get',
    (original) =>
      async function (this: unknown, ...args: unknown[]) {
        const response = (await original.apply(this, args)) as { result: { size: number } };
        if (on()) {
          reads.queries += 1;
          reads.queryDocuments += response.result.size;
        }
        return response;
      },
  );
  // The aggregate query class is not exported: its prototype is found from an instance.
  wrap(
    Object.getPrototypeOf(db.collection('any').count()) as object,
    '_get',
    (original) =>
      function (this: unknown, ...args: unknown[]) {
        if (on()) reads.counts += 1;
        return original.apply(this, args);
      },
  );
  return () => {
    for (const restore of restores) restore();
  };
}

let api: Api;

beforeAll(async () => {
  api = await startApi({ clock: testClock(NOW) });
  // The first sync finds an empty inbox and sets the cursor.
  const { status } = await api.push({ historyId: api.fake.gmail.historyId(REPORT_INBOX) });
  if (status !== 204) throw new Error(`the first inbox sync answered ${status}`);
});

afterAll(async () => {
  await api.stop();
});

test(`the overview of ${CONFERENCES} conferences reads each once, their reports in two queries, and one count`, async () => {
  const references: string[] = [];
  for (let i = 0; i < CONFERENCES; i += 1) {
    const start = `2026-${DAYS[i % DAYS.length] ?? ''}T${TIMES[Math.floor(i / DAYS.length)] ?? ''}`;
    const { status, body } = await api.call('POST', '/conferences', { body: hackneyBooking({ start }) });
    expect([start, status]).toEqual([start, 201]);
    references.push(body.reference as string);
  }
  for (const reference of references.slice(0, 2)) {
    api.fake.gmail.deliver(
      REPORT_INBOX,
      reportMail('gmail-pdf-report.eml', {
        reference,
        from: 'dc.one@police.example.org',
        messageId: `report-${reference}@police.example.org`,
      }),
      { internalDate: new Date('2026-11-24T10:00:00Z') },
    );
    expect((await api.push({ historyId: api.fake.gmail.historyId(REPORT_INBOX) })).status).toBe(204);
  }

  const reads: Reads = { lookups: 0, queries: 0, queryDocuments: 0, counts: 0 };
  let counting = false;
  const stop = countReads(api.db, reads, () => counting);
  try {
    counting = true;
    const { status, body } = await api.call('GET', '/overview');
    counting = false;
    expect(status).toBe(200);
    const rows = body.conferences as { reports: { received: number } }[];
    expect(rows).toHaveLength(CONFERENCES);
    expect(rows.filter((r) => r.reports.received === 1)).toHaveLength(2);
  } finally {
    stop();
  }
  // The caller's roles (1 lookup); the conferences (1 query); their reports (2 queries, 30 + 1
  // conferences); the held emails (1 count). No conference is held, so no outcome is read.
  expect(reads).toEqual({ lookups: 1, queries: 3, queryDocuments: CONFERENCES + 2, counts: 1 });
}, 60_000);
