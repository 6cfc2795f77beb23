// The request inbox's sync state against the emulator: one sync at a time, the cursor only
// moving forward, stale notifications recognised, and a busy sync told to look again.
import type { Firestore } from '@google-cloud/firestore';
import {
  FirestoreMailboxStore,
  laterHistoryId,
} from '../../../functions/src/adapters/firestore/firestore-mailbox-store';
import { NOW } from '../../support/bookings';
import { randomRoot, testFirestore } from '../../support/firestore';

const INBOX = 'reports@hackney.gov.uk';
const LEASE = 60_000;
let db: Firestore;
let store: FirestoreMailboxStore;

beforeAll(() => {
  db = testFirestore();
});
afterAll(async () => {
  await db.terminate();
});
beforeEach(() => {
  store = new FirestoreMailboxStore({ db, root: randomRoot() });
});

describe('the mailbox sync state', () => {
  it('starts with no cursor, and the first claim gets the lease', async () => {
    expect(await store.get(INBOX)).toBeUndefined();
    const claim = await store.claimSync(INBOX, 'a', '100', NOW, LEASE);
    expect(claim).toMatchObject({ kind: 'claimed', state: { historyId: null, syncedAt: null } });
  });

  it('lets one sync hold the mailbox; another is busy until the lease is released or lapses', async () => {
    await store.claimSync(INBOX, 'a', null, NOW, LEASE);
    expect(await store.claimSync(INBOX, 'b', null, NOW, LEASE)).toEqual({ kind: 'busy' });
    await store.abandonSync(INBOX, 'a');
    expect((await store.claimSync(INBOX, 'b', null, NOW, LEASE)).kind).toBe('claimed');
    // b crashed: once its lease lapses, a may take over.
    expect((await store.claimSync(INBOX, 'a', null, NOW.add({ milliseconds: LEASE - 1 }), LEASE)).kind).toBe(
      'busy',
    );
    expect((await store.claimSync(INBOX, 'a', null, NOW.add({ milliseconds: LEASE + 1 }), LEASE)).kind).toBe(
      'claimed',
    );
  });

  it('moves the cursor forward only, comparing history ids as numbers past 2^53', async () => {
    await store.claimSync(INBOX, 'a', null, NOW, LEASE);
    await store.finishSync(INBOX, 'a', { historyId: '9007199254740993' }, NOW);
    await store.claimSync(INBOX, 'a', null, NOW, LEASE);
    await store.finishSync(INBOX, 'a', { historyId: '9007199254740992' }, NOW.add({ minutes: 1 }));
    const state = await store.get(INBOX);
    expect(state?.historyId).toBe('9007199254740993');
    expect(state?.syncedAt).toEqual(NOW.add({ minutes: 1 }));
    expect(laterHistoryId('99', '100')).toBe('100');
  });

  it('recognises a notification at or behind the cursor as stale', async () => {
    await store.claimSync(INBOX, 'a', null, NOW, LEASE);
    await store.finishSync(INBOX, 'a', { historyId: '500' }, NOW);
    expect(await store.claimSync(INBOX, 'b', '500', NOW, LEASE)).toEqual({ kind: 'stale' });
    expect(await store.claimSync(INBOX, 'b', '499', NOW, LEASE)).toEqual({ kind: 'stale' });
    expect((await store.claimSync(INBOX, 'b', '501', NOW, LEASE)).kind).toBe('claimed');
  });

  it('tells the holder to go round again when a newer notification came while it was busy', async () => {
    await store.claimSync(INBOX, 'a', null, NOW, LEASE);
    expect(await store.claimSync(INBOX, 'b', '700', NOW, LEASE)).toEqual({ kind: 'busy' });
    expect(await store.finishSync(INBOX, 'a', { historyId: '650' }, NOW)).toEqual({ moreWaiting: true });
    await store.claimSync(INBOX, 'a', null, NOW, LEASE);
    expect(await store.finishSync(INBOX, 'a', { historyId: '700' }, NOW)).toEqual({ moreWaiting: false });
  });

  it('does not let a sync whose lease lapsed release the one that took over', async () => {
    await store.claimSync(INBOX, 'a', null, NOW, LEASE);
    await store.claimSync(INBOX, 'b', null, NOW.add({ milliseconds: LEASE + 1 }), LEASE);
    await store.finishSync(INBOX, 'a', { historyId: '10' }, NOW);
    expect(await store.claimSync(INBOX, 'c', null, NOW.add({ milliseconds: LEASE + 2 }), LEASE)).toEqual({
      kind: 'busy',
    });
  });

  it('gives the lease to exactly one of many simultaneous claims', async () => {
    const claims = await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((h) => store.claimSync(INBOX, h, null, NOW, LEASE)),
    );
    expect(claims.filter((c) => c.kind === 'claimed')).toHaveLength(1);
  });

  it('records the watch and the warning about its lapse', async () => {
    const expiresAt = NOW.add({ hours: 24 * 7 });
    await store.recordWatch(INBOX, { expiresAt, renewedAt: NOW });
    await store.recordLapseWarning(INBOX, expiresAt);
    expect(await store.get(INBOX)).toMatchObject({
      watchExpiresAt: expiresAt,
      watchRenewedAt: NOW,
      lapseWarnedFor: expiresAt,
    });
  });
});
