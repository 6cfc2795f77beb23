// A sweep killed after Gmail took a message and before the outbox recorded it: the next sweep,
// once the dead one's lease has run out, finds the message in Sent and records it instead of
// sending it again. The doomed sweep is a real process (the built service), killed with SIGKILL.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Temporal } from 'temporal-polyfill';
import { sweepOutbox } from '../../functions/src/app/sweep-outbox';
import { hackneyBooking, NOW } from '../support/bookings';
import { REPORT_INBOX, startApi, testClock, type Api } from '../support/api-harness';
import { EMULATOR_PROJECT_ID } from '../support/firestore-emulator';

const DIST = join(__dirname, '..', '..', 'dist', 'compose.js');

let api: Api;

beforeEach(async () => {
  api = await startApi({ clock: testClock(NOW), keyFile: true });
});

afterEach(async () => {
  await api.stop();
});

it('a sweep that dies between sending and recording does not send the message again', async () => {
  if (!existsSync(DIST))
    throw new Error('Build the service first (npm run build): this test runs dist/ in a child process');
  // One message due: the social worker's report request (no professionals, no family).
  const booked = await api.call('POST', '/conferences', {
    body: hackneyBooking({ professionals: [], family: [], idempotencyKey: 'crash-test-booking' }),
  });
  expect(booked.status).toBe(201);
  const reference = booked.body.reference as string;
  const due = (await api.outbox.outbox.due(NOW, 10)).filter((e) => e.reference === reference);
  expect(due.map((e) => e.kind).sort()).toEqual(['professional-invitation', 'report-request']);

  // Gmail stores the first send and then never answers: the sweep (one send at a time) is stuck.
  api.fake.inject({ method: 'POST', path: /\/messages\/send$/, afterProcessing: true, hang: true });
  const child = spawn(
    process.execPath,
    [
      join(__dirname, '..', 'support', 'sweep-child.mjs'),
      JSON.stringify({ ...api.env, OUTBOX_CONCURRENCY: '1' }),
      NOW.toString(),
    ],
    { env: { ...process.env, GCLOUD_PROJECT: EMULATOR_PROJECT_ID }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', resolve);
  });
  // Until the child has sent; the test's timeout is the only bound (a busy machine starts it slowly).
  while (api.fake.gmail.sent(REPORT_INBOX).length === 0) {
    if (child.exitCode !== null) throw new Error(`the sweep process ended early: ${stderr}`);
    await sleep(50);
  }
  expect(api.fake.gmail.sent(REPORT_INBOX)).toHaveLength(1);
  child.kill('SIGKILL');
  await exited;

  // The dead sweep's claim stands: the entry is "sending" until its lease runs out.
  const claimed = (await api.outbox.outbox.forConference(due[0]?.conferenceId ?? '')).filter(
    (e) => e.state === 'sending',
  );
  expect(claimed).toHaveLength(1);
  expect(claimed[0]?.holder).toBe('doomed-sweep');

  // Gmail answers again. Before the lease ends, another sweep sends the other message and leaves
  // the claimed entry alone...
  const sweep = (now: Temporal.Instant) =>
    sweepOutbox({ ...api.outbox, clock: { now: () => now }, instanceId: 'next-sweep' });
  expect(await sweep(NOW.add({ minutes: 1 }))).toMatchObject({ sent: 1 });
  // ...after it, the entry is taken up, found in Sent, and recorded: nothing is sent twice.
  expect(await sweep(NOW.add({ minutes: 11 }))).toMatchObject({ sent: 1 });
  const entries = await api.outbox.outbox.forConference(due[0]?.conferenceId ?? '');
  const recovered = entries.find((e) => e.id === claimed[0]?.id);
  expect(recovered).toMatchObject({ state: 'sent', attempts: 2 });
  expect(recovered?.result?.providerId).toBe('found-in-sent');
  const sentIds = api.fake.gmail
    .sent(REPORT_INBOX)
    .map((m) => /^Message-ID:\s*(<[^>]+>)/im.exec(m.raw.toString('utf8'))?.[1]);
  expect(sentIds.filter((id) => id === claimed[0]?.messageIdHeader)).toHaveLength(1);
  expect(sentIds).toHaveLength(2);
});
