// The Firestore conference store against the emulator: unique references under concurrency,
// idempotency keys, revisions, the audit trail, queries, what the stored document looks like,
// refusal of corrupted documents, and the deny-all rules for clients.
import { Timestamp, type Firestore } from '@google-cloud/firestore';
import { Temporal } from 'temporal-polyfill';
import { StoredConferenceError } from '../../../functions/src/adapters/firestore/conference-codec';
import { FirestoreConferenceStore } from '../../../functions/src/adapters/firestore/firestore-conference-store';
import { randomIds } from '../../../functions/src/adapters/system/random-ids';
import type { Conference } from '../../../functions/src/domain/conference/conference';
import { REFERENCE_PATTERN } from '../../../functions/src/domain/conference/conference';
import { ConflictError } from '../../../functions/src/domain/errors';
import type { AuditEntry } from '../../../functions/src/ports';
import {
  CHAIR,
  COORDINATOR,
  draftConference,
  hackneyBooking,
  NOW,
  separatedParentsBooking,
} from '../../support/bookings';
import { randomRoot, testFirestore } from '../../support/firestore';
import { comparable } from '../../support/temporal-compare';

let db: Firestore;
let root: string;
let store: FirestoreConferenceStore;

const started: AuditEntry = { at: NOW, by: COORDINATOR, action: 'booking-started', fields: [], reason: null };
const claim = (key = `key-${Math.random().toString(36).slice(2)}`, fingerprint = 'f1') => ({
  idempotencyKey: key,
  fingerprint,
});

beforeAll(() => {
  db = testFirestore();
});

afterAll(async () => {
  await db.terminate();
});

beforeEach(() => {
  root = randomRoot();
  store = new FirestoreConferenceStore({ db, root, nextReference: () => randomIds.reference() });
});

const rawDoc = (id: string) => db.doc(`${root}/conferences/${id}`);

async function created(input = hackneyBooking()): Promise<Conference> {
  return (await store.create(draftConference(input), claim(), started)).conference;
}

describe('creating a conference', () => {
  test('gives it a reference like CPC-7F3K and reads back equal to what was stored', async () => {
    const conference = await created();
    expect(conference.reference).toMatch(REFERENCE_PATTERN);
    expect(comparable(await store.get(conference.id))).toEqual(comparable(conference));
    expect(comparable(await store.getByReference(conference.reference))).toEqual(comparable(conference));
  });

  test('reads back separated parts, part times and every invitee', async () => {
    const input = separatedParentsBooking({
      parts: [{ durationMinutes: 60 }, { durationMinutes: 60, start: '13:00', professionalsArrive: '13:15' }],
    });
    const conference = await created(input);
    const back = await store.get(conference.id);
    expect(comparable(back)).toEqual(comparable(conference));
    expect(back?.request.parts?.[1]?.start?.toString()).toBe('13:00:00');
    expect(back?.invitees.family.map((f) => f.part)).toEqual([1, 2]);
  });

  test('never hands out one reference twice, even when twenty bookings race for five', async () => {
    // Only five references exist, so nearly every booking collides with another.
    const pool = ['CPC-2222', 'CPC-3333', 'CPC-4444', 'CPC-5555', 'CPC-6666'];
    const crowded = new FirestoreConferenceStore({
      db,
      root,
      nextReference: () => pool[Math.floor(Math.random() * pool.length)] ?? 'CPC-2222',
    });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => crowded.create(draftConference(), claim(), started)),
    );
    const references = results.flatMap((r) =>
      r.status === 'fulfilled' ? [r.value.conference.reference] : [],
    );
    expect(references.length).toBe(5);
    expect(new Set(references).size).toBe(5);
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as { code?: string }] : []));
    expect(refused.every((e) => e.code === 'REFERENCE.EXHAUSTED')).toBe(true);
    const stored = await db.collection(`${root}/conferences`).get();
    expect(stored.size).toBe(5);
  }, 60_000);

  test('with a key already used by the same coordinator returns the first conference and stores nothing new', async () => {
    const key = claim('form-1234567');
    const first = await store.create(draftConference(), key, started);
    const again = await store.create(draftConference(), key, started);
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.conference.id).toBe(first.conference.id);
    expect((await db.collection(`${root}/conferences`).get()).size).toBe(1);
  });

  test('with the same key raced twenty times creates exactly one conference', async () => {
    const key = claim('form-raced-key');
    const results = await Promise.all(
      Array.from({ length: 20 }, () => store.create(draftConference(), key, started)),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.conference.id)).size).toBe(1);
  }, 60_000);

  test('with a key reused for a different booking is refused, naming what to do', async () => {
    await store.create(draftConference(), claim('form-7654321', 'first'), started);
    const error: unknown = await store
      .create(draftConference(), claim('form-7654321', 'second'), started)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).code).toBe('BOOKING.KEY_REUSED');
  });

  test('scopes keys to the coordinator: another coordinator with the same key books their own', async () => {
    await store.create(draftConference(), claim('form-shared-key'), started);
    const other = { ...draftConference(), createdBy: `other.coordinator@hackney.gov.uk` };
    const second = await store.create(other, claim('form-shared-key'), started);
    expect(second.created).toBe(true);
  });
});

describe('updating a conference', () => {
  test('replaces it when the revision matches, and appends to its audit trail', async () => {
    const conference = await created();
    const booked: Conference = { ...conference, status: 'booked', revision: 1 };
    await store.update(booked, 0, {
      at: NOW,
      by: 'service',
      action: 'booked',
      fields: ['status'],
      reason: null,
    });
    expect((await store.get(conference.id))?.status).toBe('booked');
    const audit = await store.audit(conference.id);
    expect(audit.map((a) => [a.action, a.by])).toEqual([
      ['booking-started', COORDINATOR],
      ['booked', 'service'],
    ]);
  });

  test('refuses a stale revision: two people editing at once cannot overwrite each other', async () => {
    const conference = await created();
    await store.update({ ...conference, revision: 1 }, 0, { ...started, action: 'changed' });
    const error: unknown = await store
      .update({ ...conference, venue: 'Elsewhere', revision: 1 }, 0, { ...started, action: 'changed' })
      .catch((e: unknown) => e);
    expect((error as ConflictError).code).toBe('CONFERENCE.CHANGED');
    expect((await store.get(conference.id))?.venue).toBe('Hackney Service Centre, Room 2');
    expect(await store.audit(conference.id)).toHaveLength(2);
  });
});

describe('finding conferences', () => {
  test('by a calendar event id the conference records', async () => {
    const conference = await created();
    const withEvent: Conference = {
      ...conference,
      events: [{ key: 'family-1', eventId: `${conference.id}f10`, state: 'created' }],
      revision: 1,
    };
    await store.update(withEvent, 0, { ...started, action: 'booked' });
    expect((await store.getByEventId(`${conference.id}f10`))?.id).toBe(conference.id);
    expect(await store.getByEventId(`${conference.id}p10`)).toBeUndefined();
  });

  test('by dates, status and chair, in start order', async () => {
    const later = await created(hackneyBooking({ start: '2026-12-09T14:00' }));
    const earlier = await created(hackneyBooking());
    const otherChair = await created(
      hackneyBooking({ start: '2026-12-08T10:00', chair: { email: 'chair.two@hackney.gov.uk' } }),
    );
    const outside = await created(hackneyBooking({ start: '2026-12-14T10:00' }));
    const from = Temporal.Instant.from('2026-12-07T00:00:00Z');
    const to = Temporal.Instant.from('2026-12-12T00:00:00Z');
    const all = await store.list({ from, to, statuses: ['booking'], limit: 50 });
    expect(all.map((c) => c.id)).toEqual([earlier.id, otherChair.id, later.id]);
    const mine = await store.list({ from, to, statuses: ['booking'], chair: CHAIR, limit: 50 });
    expect(mine.map((c) => c.id)).toEqual([earlier.id, later.id]);
    expect(await store.list({ from, to, statuses: ['booked'], limit: 50 })).toEqual([]);
    expect(all.map((c) => c.id)).not.toContain(outside.id);
  });

  test('returns nothing for references and ids that could only name another path', async () => {
    await expect(store.getByReference('CPC-7F3K/../x')).resolves.toBeUndefined();
    await expect(store.get('a/b')).resolves.toBeUndefined();
  });

  test('keeps conferences under different roots apart', async () => {
    const conference = await created();
    const elsewhere = new FirestoreConferenceStore({
      db,
      root: randomRoot(),
      nextReference: () => randomIds.reference(),
    });
    await expect(elsewhere.get(conference.id)).resolves.toBeUndefined();
    await expect(elsewhere.getByReference(conference.reference)).resolves.toBeUndefined();
  });
});

describe('the stored document', () => {
  test('stores the start as an instant and as the wall time people were told, and copies for queries', async () => {
    const conference = await created();
    const data = (await rawDoc(conference.id).get()).data();
    expect(data?.schemaVersion).toBe(1);
    expect(data?.timeZone).toBe('Europe/London');
    expect((data?.start as Timestamp).isEqual(Timestamp.fromDate(new Date('2026-12-07T10:30:00Z')))).toBe(
      true,
    );
    expect(data?.startLocal).toBe('2026-12-07T10:30');
    expect(data?.chairEmail).toBe(CHAIR);
    expect(data?.invited).toContain('parent.one@example.com');
  });

  test('carries the census fields of an initial conference', async () => {
    const conference = await created();
    const data = (await rawDoc(conference.id).get()).data();
    expect(data?.census).toEqual({
      S47ActualStartDate: '2026-11-23',
      InitialCPCtarget: '2026-12-14',
      DateOfInitialCPC: '2026-12-07',
    });
  });
});

describe('a corrupted document', () => {
  test('makes get throw StoredConferenceError naming each bad field and never the stored value', async () => {
    const conference = await created();
    const secret = 'Jane Doe, 12 Acacia Avenue';
    await rawDoc(conference.id).update({ 'timeline.reportDue': secret, reference: 987_654_321 });

    const error: unknown = await store.get(conference.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoredConferenceError);
    const stored = error as StoredConferenceError;
    expect(stored.code).toBe('CONFERENCE.STORED_DATA_INVALID');
    expect(stored.status).toBe(500);
    expect(stored.problems).toEqual([
      { field: 'reference', message: 'must be a string' },
      { field: 'timeline.reportDue', message: 'must be a Timestamp' },
    ]);
    expect(stored.message).toContain(conference.id);
    expect(stored.message).not.toContain(secret);
    expect(stored.message).not.toContain('987654321');
  });
});

describe('the security rules', () => {
  const url = (): string =>
    `http://${process.env.FIRESTORE_EMULATOR_HOST ?? ''}/v1/projects/demo-conference-desk/databases/(default)/documents/conferences`;

  test('deny an unauthenticated client reading conferences', async () => {
    const response = await fetch(url());
    expect(response.status).toBe(403);
  });

  test('deny an unauthenticated client creating a conference', async () => {
    const response = await fetch(url(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ fields: { reference: { stringValue: 'CPC-7F3K' } } }),
    });
    expect(response.status).toBe(403);
  });
});
