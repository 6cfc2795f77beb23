// The Firestore conference store against the emulator: round trips, replacement, what the stored
// document looks like, refusal of corrupted documents, and the deny-all rules for clients.
import { randomUUID } from 'node:crypto';
import { Timestamp, type Firestore } from '@google-cloud/firestore';
import { Temporal } from 'temporal-polyfill';
import { StoredConferenceError } from '../../../functions/src/adapters/firestore/conference-codec';
import { FirestoreConferenceStore } from '../../../functions/src/adapters/firestore/firestore-conference-store';
import type { Conference } from '../../../functions/src/domain/conference/conference';
import { loadPreset } from '../../../functions/src/domain/policy/presets';
import { parseTimelineRequest, planTimeline } from '../../../functions/src/domain/timeline/plan-timeline';
import type { TimelineRequestInput } from '../../../functions/src/domain/timeline/timeline-request';
import { randomRoot, testFirestore } from '../../support/firestore';

const INITIAL: TimelineRequestInput = {
  type: 'initial',
  // The Monday after the clocks went forward on 29 March 2026: 10:00 BST is 09:00 UTC.
  start: '2026-03-30T10:00',
  strategyDiscussion: '2026-03-16',
  parts: [{ durationMinutes: 60 }, { durationMinutes: 60 }],
};

function conferenceFrom(input: TimelineRequestInput, changes: Partial<Conference> = {}): Conference {
  const request = parseTimelineRequest(input);
  return {
    id: randomUUID(),
    reference: 'CPC-7F3K',
    status: 'booked',
    request,
    timeline: planTimeline(request, loadPreset('hackney')),
    outsideTimescaleReason: null,
    createdBy: 'coordinator@example.gov.uk',
    createdAt: Temporal.Instant.from('2026-03-20T14:05:06.789Z'),
    updatedAt: Temporal.Instant.from('2026-03-21T08:30:00.001Z'),
    ...changes,
  };
}

/**
 * The value with every Temporal object replaced by its type and ISO string, so toEqual compares
 * them exactly (instant, zone and calendar) rather than as objects without own properties.
 */
function comparable(value: unknown): unknown {
  if (
    value instanceof Temporal.Instant ||
    value instanceof Temporal.ZonedDateTime ||
    value instanceof Temporal.PlainDate ||
    value instanceof Temporal.PlainDateTime
  ) {
    return `${value[Symbol.toStringTag]} ${value.toString()}`;
  }
  if (Array.isArray(value)) return value.map(comparable);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, comparable(v)]));
  }
  return value;
}

let db: Firestore;
let root: string;
let store: FirestoreConferenceStore;

beforeAll(() => {
  db = testFirestore();
});

afterAll(async () => {
  await db.terminate();
});

beforeEach(() => {
  root = randomRoot();
  store = new FirestoreConferenceStore({ db, root });
});

const rawDoc = (id: string) => db.doc(`${root}/conferences/${id}`);

describe('saving and reading conferences', () => {
  test('reads back an initial conference equal to the one saved', async () => {
    const conference = conferenceFrom(INITIAL);
    await store.save(conference);
    const back = await store.get(conference.id);
    expect(comparable(back)).toEqual(comparable(conference));
    expect(back?.timeline.start.equals(conference.timeline.start)).toBe(true);
    expect(back?.createdAt.equals(conference.createdAt)).toBe(true);
  });

  test.each<[string, TimelineRequestInput]>([
    [
      'a first review',
      { type: 'review', start: '2026-06-15T14:00', previousConference: '2026-03-30', firstReview: true },
    ],
    ['a pre-birth conference', { type: 'pre-birth', start: '2026-11-02T10:00', expectedBirth: '2027-03-01' }],
    [
      'a transfer-in conference',
      { type: 'transfer-in', start: '2026-10-26T09:30', transferNotified: '2026-10-12' },
    ],
    ['a conference with a professionals-only part', { ...INITIAL, parts: [{}, { familyAttends: false }] }],
  ])('reads back %s equal to the one saved', async (_what, input) => {
    const conference = conferenceFrom(input);
    await store.save(conference);
    expect(comparable(await store.get(conference.id))).toEqual(comparable(conference));
  });

  test('reads back a conference another client saved, so nothing comes from a cache', async () => {
    const conference = conferenceFrom(INITIAL);
    await store.save(conference);
    const otherDb = testFirestore();
    try {
      const back = await new FirestoreConferenceStore({ db: otherDb, root }).get(conference.id);
      expect(comparable(back)).toEqual(comparable(conference));
    } finally {
      await otherDb.terminate();
    }
  });

  test('returns undefined when no conference has that id', async () => {
    await expect(store.get(randomUUID())).resolves.toBeUndefined();
  });

  test('returns undefined for an id that could only name another path', async () => {
    const conference = conferenceFrom(INITIAL);
    await store.save(conference);
    await expect(store.get(`${conference.id}/notes/x`)).resolves.toBeUndefined();
  });

  test('saving again replaces the whole conference, dropping fields the new one lacks', async () => {
    const first = conferenceFrom(INITIAL);
    await store.save(first);
    const second = conferenceFrom(
      { type: 'initial', start: '2026-04-20T14:00', strategyDiscussion: '2026-03-16' },
      {
        id: first.id,
        status: 'cancelled',
        outsideTimescaleReason: 'Family asked for a later date',
        updatedAt: Temporal.Instant.from('2026-03-25T12:00:00Z'),
      },
    );
    await store.save(second);
    const back = await store.get(first.id);
    expect(comparable(back)).toEqual(comparable(second));
    expect(back?.request.parts).toBeUndefined();
  });

  test('keeps conferences under different roots apart', async () => {
    const conference = conferenceFrom(INITIAL);
    await store.save(conference);
    await expect(
      new FirestoreConferenceStore({ db, root: randomRoot() }).get(conference.id),
    ).resolves.toBeUndefined();
  });
});

describe('the stored document', () => {
  test('stores the start as the instant 09:00 UTC and as the 10:00 wall time people were told', async () => {
    const conference = conferenceFrom(INITIAL);
    await store.save(conference);
    const data = (await rawDoc(conference.id).get()).data();
    expect(data?.schemaVersion).toBe(1);
    expect(data?.timeZone).toBe('Europe/London');
    expect(data?.start).toBeInstanceOf(Timestamp);
    expect((data?.start as Timestamp).isEqual(Timestamp.fromDate(new Date('2026-03-30T09:00:00Z')))).toBe(
      true,
    );
    expect(data?.startLocal).toBe('2026-03-30T10:00');
  });

  test('carries the census fields of an initial conference', async () => {
    const conference = conferenceFrom(INITIAL);
    await store.save(conference);
    const data = (await rawDoc(conference.id).get()).data();
    expect(data?.census).toEqual({
      S47ActualStartDate: '2026-03-16',
      // 15 working days after 16 March 2026, skipping Good Friday and Easter Monday.
      InitialCPCtarget: '2026-04-08',
      DateOfInitialCPC: '2026-03-30',
    });
  });

  test('carries only the review date in the census for a review', async () => {
    const conference = conferenceFrom({
      type: 'review',
      start: '2026-06-15T14:00',
      previousConference: '2026-03-30',
    });
    await store.save(conference);
    const data = (await rawDoc(conference.id).get()).data();
    expect(data?.census).toEqual({ CPPreviewDate: '2026-06-15' });
  });
});

describe('a corrupted document', () => {
  test('makes get throw StoredConferenceError naming each bad field and never the stored value', async () => {
    const conference = conferenceFrom(INITIAL);
    await store.save(conference);
    const secret = 'Jane Doe, 12 Acacia Avenue';
    await rawDoc(conference.id).update({ 'timeline.reportDue': secret, reference: 42 });

    const error: unknown = await store.get(conference.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoredConferenceError);
    const stored = error as StoredConferenceError;
    expect(stored.code).toBe('CONFERENCE.STORED_DATA_INVALID');
    expect(stored.status).toBe(500);
    expect(stored.problems).toEqual([
      { field: 'reference', message: 'must be a string' },
      { field: 'timeline.reportDue', message: 'must be a Timestamp' },
    ]);
    expect(stored.message).toContain('timeline.reportDue: must be a Timestamp');
    expect(stored.message).toContain(conference.id);
    expect(stored.message).not.toContain(secret);
    expect(stored.message).not.toContain('42');
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
