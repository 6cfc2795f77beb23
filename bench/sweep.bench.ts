// Sweep benchmark: the documents one outbox sweep reads, and its time, with 100 messages due and
// first 1,000 then 10,000 conferences stored (same root, same due messages), to show that what a
// sweep reads scales with what is due, not with what is stored. 10 conferences are booked through
// the HTTP API (their outbox entries are the real ones booking plans: 10 messages each due at
// booking, so 100 due); the rest are written straight into Firestore with the real codecs, each
// with 5 pending outbox entries that are not yet due. The due entries are written back as they
// were before each sweep, so every measured sweep sends the same 100 messages.
//
// Reads are counted twice, because the Firestore emulator counts none:
// - at the store boundary: the OutboxDeps' stores wrapped in counting proxies, counting the
//   documents each method returned (an array its length, one document 1, nothing 0); claim and
//   finish count 1 each (each reads its entry in a transaction); replan counts the conference's
//   stored entries + 1 (its transaction reads them and the conference);
// - in the Firestore client, as Firestore bills them: every document lookup 1 (found or not, in a
//   transaction or not), every query the documents it returned, at least 1.
// Prints; the only assertion is that each sweep sent the 100 messages.
import { cpus } from 'node:os';
import {
  DocumentReference,
  Firestore,
  Query,
  Transaction,
  type DocumentData,
  type QuerySnapshot,
} from '@google-cloud/firestore';
import { Temporal } from 'temporal-polyfill';
import { encodeConference } from '../functions/src/adapters/firestore/conference-codec';
import {
  CONFERENCES_COLLECTION,
  REFERENCES_COLLECTION,
} from '../functions/src/adapters/firestore/firestore-conference-store';
import { OUTBOX_COLLECTION } from '../functions/src/adapters/firestore/firestore-outbox-store';
import { encodeOutbox } from '../functions/src/adapters/firestore/outbox-codec';
import type { OutboxDeps } from '../functions/src/app/outbox-deps';
import { sweepOutbox, type SweepResult } from '../functions/src/app/sweep-outbox';
import type { Conference } from '../functions/src/domain/conference/conference';
import { validateBooking } from '../functions/src/domain/conference/validate-booking';
import { workingCalendar } from '../functions/src/domain/calendar/working-days';
import { newEntry, type OutboxEntry } from '../functions/src/domain/outbox/outbox-entry';
import { planMessages } from '../functions/src/domain/outbox/plan-outbox';
import { loadPreset } from '../functions/src/domain/policy/presets';
import { senderOf } from '../functions/src/app/replan-outbox';
import { startApi, testClock, type Api } from '../test/support/api-harness';
import { median } from './stats';
import {
  conferenceId,
  COORDINATOR,
  DOMAIN,
  hackneyBooking,
  NOW,
  UNIT_MAILBOX,
} from '../test/support/bookings';

const BOOKED = 10;
const DUE = 100;
const SMALL = 1_000;
const LARGE = 10_000;
const NOT_DUE_PER_CONFERENCE = 5;
const RUNS = 5;
const WRITES_PER_BATCH = 500;
const BATCHES_AT_ONCE = 4;
/** When the directly written conferences were booked: their requests and invitations went then. */
const EARLIER = NOW.subtract({ hours: 24 * 7 });

function print(figures: Record<string, number | string>): void {
  for (const [name, value] of Object.entries(figures)) {
    process.stdout.write(`${name.padEnd(60)} ${typeof value === 'number' ? String(value) : value}\n`);
  }
}

const ms = (value: number): string => value.toFixed(1);

// ---------------------------------------------------------------------------------------------
// Counting at the store boundary.

type Tally = Map<string, { calls: number; docs: number }>;

function note(tally: Tally, name: string, docs: number): void {
  const row = tally.get(name) ?? { calls: 0, docs: 0 };
  row.calls += 1;
  row.docs += docs;
  tally.set(name, row);
}

function documentsIn(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  return result === undefined || result === null ? 0 : 1;
}

/** The store, with every method call noted in `tally` under store.method with the documents it read. */
function counted<T extends object>(storeName: string, store: T, tally: () => Tally): T {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      const method = value as (...args: unknown[]) => unknown;
      const name = `${storeName}.${property}`;
      return async (...args: unknown[]) => {
        if (storeName === 'outbox' && property === 'replan') {
          // The transaction reads the conference and every entry stored for it (given to decide).
          const decide = args[1] as (stored: readonly OutboxEntry[]) => unknown;
          let read = 0;
          const wrapped = [
            args[0],
            (stored: readonly OutboxEntry[]) => {
              read = stored.length + 1;
              return decide(stored);
            },
            ...args.slice(2),
          ];
          const result = await method.apply(target, wrapped);
          note(tally(), name, read);
          return result;
        }
        const result = await method.apply(target, args);
        if (storeName === 'outbox' && (property === 'claim' || property === 'finish')) note(tally(), name, 1);
        else if (storeName === 'outbox' && property === 'add') note(tally(), name, 0);
        else note(tally(), name, documentsIn(result));
        return result;
      };
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Counting in the Firestore client (as billed). DocumentReference.get goes through
// Firestore.getAll; a transaction's document reads go through Transaction.get/getAll; every query
// (in a transaction or not) through Query._get.

interface BilledReads {
  lookups: number;
  queries: number;
  queryDocuments: number;
  billed: number;
}

const billed: { on: boolean; reads: BilledReads } = {
  on: false,
  reads: { lookups: 0, queries: 0, queryDocuments: 0, billed: 0 },
};

function countLookups(n: number): void {
  if (!billed.on) return;
  billed.reads.lookups += n;
  billed.reads.billed += n;
}

type Method = (this: unknown, ...args: unknown[]) => Promise<unknown>;

/** Replaces `proto[name]` with `around(original)`; returns how to put the original back. */
function wrap(proto: object, name: string, around: (original: Method) => Method): () => void {
  const methods = proto as Record<string, Method>;
  const original = methods[name];
  if (original === undefined) throw new Error(`no ${name} to count reads in`);
  methods[name] = around(original);
  return () => {
    methods[name] = original;
  };
}

/** Counts reads in the Firestore client while `billed.on`; returns how to stop. */
function countFirestoreReads(): () => void {
  const refs = (args: readonly unknown[]): number =>
    args.filter((a) => a instanceof DocumentReference).length;
  const restores = [
    wrap(
      Firestore.prototype,
      'getAll',
      (original) =>
        function (this: unknown, ...args: unknown[]) {
          countLookups(refs(args));
          return original.apply(this, args);
        },
    ),
    wrap(
      Transaction.prototype,
      'get',
      (original) =>
        function (this: unknown, ...args: unknown[]) {
          countLookups(refs(args));
          return original.apply(this, args);
        },
    ),
    wrap(
      Transaction.prototype,
      'getAll',
      (original) =>
        function (this: unknown, ...args: unknown[]) {
          countLookups(refs(args));
          return original.apply(this, args);
        },
    ),
    wrap(
      Query.prototype,
      '_get',
      (original) =>
        async function (this: unknown, ...args: unknown[]) {
          const response = (await original.apply(this, args)) as { result: QuerySnapshot };
          if (billed.on) {
            billed.reads.queries += 1;
            billed.reads.queryDocuments += response.result.size;
            billed.reads.billed += Math.max(1, response.result.size);
          }
          return response;
        },
    ),
  ];
  return () => {
    for (const restore of restores) restore();
  };
}

// ---------------------------------------------------------------------------------------------
// The stored conferences.

const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

function referenceOf(n: number): string {
  let code = '';
  let rest = n;
  for (let i = 0; i < 4; i += 1) {
    code = (REFERENCE_ALPHABET[rest % 31] ?? '2') + code;
    rest = Math.floor(rest / 31);
  }
  return `CPC-${code}`;
}

/** One validated review booking per working day from 1 December 2026, about five months' worth. */
function bookingPlans(): ReturnType<typeof validateBooking>['plan'][] {
  const policy = loadPreset('hackney');
  const calendar = workingCalendar(policy.nation);
  const plans: ReturnType<typeof validateBooking>['plan'][] = [];
  let day = Temporal.PlainDate.from('2026-12-01');
  while (plans.length < 100) {
    if (calendar.isWorkingDay(day)) {
      const { strategyDiscussion: _initialOnly, ...review } = hackneyBooking({
        type: 'review',
        start: `${day.toString()}T10:30`,
        previousConference: day.subtract({ months: 5 }).toString(),
        firstReview: false,
      });
      const { plan } = validateBooking(review, { policy, workspaceDomain: DOMAIN, now: NOW });
      plans.push(plan);
    }
    day = day.add({ days: 1 });
  }
  return plans;
}

/** Writes `count` booked conferences with their not-yet-due entries, 500 writes per batch. */
async function writeConferences(
  api: Api,
  count: number,
  from: number,
  taken: ReadonlySet<string>,
): Promise<void> {
  const plans = bookingPlans();
  const settings = api.outbox.settings;
  const sender = senderOf(api.outbox);
  const base = api.db.doc(api.root);
  const batches: { ref: DocumentReference; data: DocumentData }[][] = [[]];
  let serial = from;
  for (let i = 0; i < count; i += 1) {
    let reference = referenceOf(serial);
    while (taken.has(reference)) reference = referenceOf((serial += 1));
    serial += 1;
    const plan = plans[i % plans.length];
    if (plan === undefined) throw new Error('no plan');
    const conference: Conference = {
      id: conferenceId(),
      reference,
      status: 'booked',
      ...plan,
      calendarOwner: UNIT_MAILBOX,
      meet: null,
      events: [],
      emailedAnswers: [],
      history: [
        { status: 'booking', at: EARLIER, by: COORDINATOR, reason: null },
        { status: 'booked', at: EARLIER, by: COORDINATOR, reason: null },
      ],
      revision: 1,
      createdBy: COORDINATOR,
      createdAt: EARLIER,
      updatedAt: EARLIER,
    };
    const notDue = planMessages(conference, null, settings)
      .filter((p) => Temporal.Instant.compare(p.dueAt, NOW) > 0)
      .slice(0, NOT_DUE_PER_CONFERENCE)
      .map((p) => newEntry(conference.id, reference, p, sender, EARLIER));
    if (notDue.length !== NOT_DUE_PER_CONFERENCE) throw new Error(`only ${notDue.length} future entries`);
    const writes = [
      {
        ref: base.collection(CONFERENCES_COLLECTION).doc(conference.id),
        data: { ...encodeConference(conference), outboxStale: false },
      },
      { ref: base.collection(REFERENCES_COLLECTION).doc(reference), data: { conferenceId: conference.id } },
      ...notDue.map((e) => ({ ref: base.collection(OUTBOX_COLLECTION).doc(e.id), data: encodeOutbox(e) })),
    ];
    let last = batches[batches.length - 1] ?? [];
    if (last.length + writes.length > WRITES_PER_BATCH) batches.push((last = []));
    last.push(...writes);
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: BATCHES_AT_ONCE }, async () => {
      while (next < batches.length) {
        const writes = batches[next] ?? [];
        next += 1;
        const batch = api.db.batch();
        for (const { ref, data } of writes) batch.set(ref, data);
        await batch.commit();
      }
    }),
  );
}

async function countOf(api: Api, collection: string): Promise<number> {
  const snapshot = await api.db.collection(`${api.root}/${collection}`).count().get();
  return snapshot.data().count;
}

// ---------------------------------------------------------------------------------------------
// The sweeps.

interface Measured {
  readonly result: SweepResult;
  readonly ms: number;
  readonly tally: Tally;
  readonly billed: BilledReads;
  readonly gmail: Record<string, number>;
}

async function resetDue(api: Api, due: readonly OutboxEntry[]): Promise<void> {
  const batch = api.db.batch();
  for (const entry of due)
    batch.set(api.db.doc(`${api.root}/${OUTBOX_COLLECTION}/${entry.id}`), encodeOutbox(entry));
  await batch.commit();
}

function gmailCalls(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([op]) => op.startsWith('gmail.')));
}

async function measureSweep(api: Api, due: readonly OutboxEntry[]): Promise<Measured> {
  await resetDue(api, due);
  const tally: Tally = new Map();
  const deps: OutboxDeps = {
    ...api.outbox,
    conferences: counted('conferences', api.outbox.conferences, () => tally),
    outbox: counted('outbox', api.outbox.outbox, () => tally),
    outcomes: counted('outcomes', api.outbox.outcomes, () => tally),
    reports: counted('reports', api.outbox.reports, () => tally),
  };
  const before = gmailCalls(api.fake.callCounts());
  billed.reads = { lookups: 0, queries: 0, queryDocuments: 0, billed: 0 };
  billed.on = true;
  const t0 = performance.now();
  const result = await sweepOutbox(deps);
  const elapsed = performance.now() - t0;
  billed.on = false;
  const after = gmailCalls(api.fake.callCounts());
  const gmail = Object.fromEntries(Object.entries(after).map(([op, n]) => [op, n - (before[op] ?? 0)]));
  expect(result.sent).toBe(DUE);
  return { result, ms: elapsed, tally, billed: { ...billed.reads }, gmail };
}

function readsOf(tally: Tally): number {
  return [...tally.values()].reduce((sum, row) => sum + row.docs, 0);
}

function breakdown(tally: Tally): string {
  return [...tally.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, row]) => `${name} ${row.docs}${row.calls === row.docs ? '' : ` (${row.calls} calls)`}`)
    .join(', ');
}

function sameShape(runs: readonly Measured[]): boolean {
  const first = runs[0];
  return (
    first !== undefined &&
    runs.every((r) => readsOf(r.tally) === readsOf(first.tally) && r.billed.billed === first.billed.billed)
  );
}

const n = (value: number): string => value.toLocaleString('en-GB');

async function figuresAt(
  api: Api,
  due: readonly OutboxEntry[],
): Promise<{ reads: number; billed: number; figures: Record<string, number | string> }> {
  const runs: Measured[] = [];
  await measureSweep(api, due); // warm-up: not counted
  for (let i = 0; i < RUNS; i += 1) runs.push(await measureSweep(api, due));
  const first = runs[0];
  if (first === undefined) throw new Error('no runs');
  const reads = readsOf(first.tally);
  const times = runs.map((r) => r.ms);
  await resetDue(api, due);
  const queries = await queryTimes(api, due[0]?.conferenceId ?? '');
  const { result } = first;
  const figures: Record<string, number | string> = {
    'conferences / outbox entries stored': `${n(await countOf(api, CONFERENCES_COLLECTION))} / ${n(await countOf(api, OUTBOX_COLLECTION))}`,
    'entries due at the sweep (of conferences)': `${due.length} (${new Set(due.map((e) => e.conferenceId)).size})`,
    'replanned / sent / skipped / retrying / failed / lost': [
      result.replanned,
      result.sent,
      result.skipped,
      result.retrying,
      result.failed,
      result.lost,
    ].join(' / '),
    'documents read per sweep (store boundary)': reads,
    '  by method': breakdown(first.tally),
    'documents read per due message (store boundary)': (reads / due.length).toFixed(2),
    'Firestore reads per sweep as billed (client)': first.billed.billed,
    '  lookups / queries / documents the queries returned': `${first.billed.lookups} / ${first.billed.queries} / ${first.billed.queryDocuments}`,
    [`reads the same in all ${RUNS} runs`]: sameShape(runs) ? 'yes' : 'NO',
    'Gmail calls per sweep': Object.entries(first.gmail)
      .map(([op, count]) => `${op} ${count}`)
      .join(', '),
    [`sweep wall time, median (min-max) of ${RUNS} runs, ms`]: `${ms(median(times))} (${ms(Math.min(...times))}-${ms(Math.max(...times))})`,
    'emulator alone: due / stalePlans / forConference query, ms': queries,
  };
  return { reads, billed: first.billed.billed, figures };
}

/** The sweep's queries alone against the emulator, outside any sweep (medians of RUNS). */
async function queryTimes(api: Api, conferenceId: string): Promise<string> {
  const store = api.outbox.outbox;
  const timed = async (query: () => Promise<unknown>): Promise<string> => {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const t0 = performance.now();
      await query();
      times.push(performance.now() - t0);
    }
    return ms(median(times));
  };
  return [
    await timed(() => store.due(NOW, api.outbox.settings.batch)),
    await timed(() => store.stalePlans(api.outbox.settings.batch)),
    await timed(() => store.forConference(conferenceId)),
  ].join(' / ');
}

/** One sweep with the booked conferences marked stale first, as after an interrupted re-plan. */
async function staleSweep(
  api: Api,
  due: readonly OutboxEntry[],
  booked: readonly string[],
): Promise<Record<string, number | string>> {
  const batch = api.db.batch();
  for (const id of booked) {
    batch.update(api.db.doc(`${api.root}/${CONFERENCES_COLLECTION}/${id}`), { outboxStale: true });
  }
  await batch.commit();
  const run = await measureSweep(api, due);
  return {
    [`same, ${booked.length} booked conferences stale first: replanned`]: run.result.replanned,
    '  stale: documents read (store boundary)': readsOf(run.tally),
    '  stale: by method': breakdown(run.tally),
    '  stale: Firestore reads as billed (client)': run.billed.billed,
    '  stale: sweep wall time, one run, ms': ms(run.ms),
  };
}

function section(title: string, figures: Record<string, number | string>): void {
  process.stdout.write(`\n${title}\n`);
  print(figures);
}

test('sweep benchmark', async () => {
  const stopCounting = countFirestoreReads();
  const api = await startApi({ clock: testClock(NOW) });
  try {
    // 10 bookings through the API, each planning 10 messages due at once (4 report requests and 4
    // invitations to the social worker and 3 professionals, and an invitation to each of 2 parents).
    const references = new Set<string>();
    for (let i = 0; i < BOOKED; i += 1) {
      const { status, body } = await api.call('POST', '/conferences', {
        body: hackneyBooking({
          family: [
            { email: 'parent.one@example.com', relationship: 'mother' },
            { email: 'parent.two@example.com', relationship: 'father' },
          ],
        }),
      });
      if (status !== 201) throw new Error(`booking answered ${status}: ${JSON.stringify(body)}`);
      references.add(body.reference as string);
    }
    const stale = await api.outbox.outbox.stalePlans(1000);
    if (stale.length !== 0) throw new Error(`${stale.length} booked conferences left stale`);
    const due = await api.outbox.outbox.due(NOW, 1000);
    if (due.length !== DUE) throw new Error(`${due.length} entries due after booking, not ${DUE}`);
    const booked = [...new Set(due.map((e) => e.conferenceId))];
    if (booked.length !== BOOKED)
      throw new Error(`due entries of ${booked.length} conferences, not ${BOOKED}`);

    process.stdout.write(
      `Sweep benchmark, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}\n`,
    );
    print({
      'sweep settings: batch / concurrency / lease ms': `${api.outbox.settings.batch} / ${api.outbox.settings.concurrency} / ${api.outbox.settings.leaseMs}`,
      'reads counted at the store boundary': 'documents each store method returned (array: length,',
      '': 'one: 1, none: 0); claim, finish 1 each; replan its entries + 1',
      'reads counted in the Firestore client': 'each lookup 1 (found or not); each query max(1, documents)',
    });

    let t0 = performance.now();
    await writeConferences(api, SMALL - BOOKED, 0, references);
    const smallWrite = (performance.now() - t0) / 1000;
    const small = await figuresAt(api, due);
    section(
      `${n(SMALL)} conferences stored (${SMALL - BOOKED} written directly in ${smallWrite.toFixed(1)} s)`,
      {
        ...small.figures,
        ...(await staleSweep(api, due, booked)),
      },
    );

    t0 = performance.now();
    await writeConferences(api, LARGE - SMALL, SMALL, references);
    const largeWrite = (performance.now() - t0) / 1000;
    const large = await figuresAt(api, due);
    section(
      `${n(LARGE)} conferences stored (${n(LARGE - SMALL)} more written in ${largeWrite.toFixed(1)} s)`,
      {
        ...large.figures,
        ...(await staleSweep(api, due, booked)),
      },
    );

    section('Scaling', {
      [`documents read per sweep, ${n(SMALL)} vs ${n(LARGE)} stored`]: `${small.reads} vs ${large.reads}: ${
        small.reads === large.reads ? 'the same' : 'DIFFERENT'
      }`,
      [`Firestore reads as billed, ${n(SMALL)} vs ${n(LARGE)} stored`]: `${small.billed} vs ${large.billed}: ${
        small.billed === large.billed ? 'the same' : 'DIFFERENT'
      }`,
    });
  } finally {
    await api.stop();
    stopCounting();
  }
});
