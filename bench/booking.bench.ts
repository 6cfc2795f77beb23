// Booking benchmark: Google API calls per booking and the service's own latency, over 250
// bookings through the HTTP API against the Firestore emulator and the Google fake (which
// answers at once, so what is measured is everything but Google's own time); then the cold
// start of the `api` function, from process start to its first 200. Prints; asserts nothing.
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import {
  CHAIR,
  COORDINATOR,
  DOMAIN,
  hackneyBooking,
  separatedParentsBooking,
  UNIT_MAILBOX,
} from '../test/support/bookings';
import { ADDON_AUDIENCE, SERVICE_ACCOUNT, startApi } from '../test/support/api-harness';
import { percentile } from './stats';

const BOOKINGS = 250;
const WARM_UP = 10;
const COLD_STARTS = 7;
const root = join(__dirname, '..');

function print(figures: Record<string, number | string>): void {
  for (const [name, value] of Object.entries(figures)) {
    process.stdout.write(`${name.padEnd(64)} ${typeof value === 'number' ? value.toFixed(2) : value}\n`);
  }
}

const googleCalls = (counts: Record<string, number>): number =>
  Object.entries(counts)
    .filter(([op]) => op.startsWith('calendar.') || op.startsWith('meet.'))
    .reduce((sum, [, n]) => sum + n, 0);

async function bookings(): Promise<Record<string, number>> {
  const api = await startApi({ env: { GOOGLE_RETRY_BASE_MS: '500' } });
  try {
    const timed = async (input: Record<string, unknown>): Promise<number> => {
      const t0 = performance.now();
      const r = await api.call('POST', '/conferences', { body: input });
      const ms = performance.now() - t0;
      if (r.status !== 201) throw new Error(`booking answered ${r.status}`);
      return ms;
    };
    for (let i = 0; i < WARM_UP; i += 1) await timed(hackneyBooking());
    api.fake.reset();
    const single: number[] = [];
    for (let i = 0; i < BOOKINGS; i += 1) single.push(await timed(hackneyBooking()));
    const singleCalls = googleCalls(api.fake.callCounts()) / BOOKINGS;
    const tokenCalls = api.fake.requests.filter((r) => r.api === 'oauth' || r.api === 'iam').length;
    api.fake.reset();
    const separated: number[] = [];
    for (let i = 0; i < 50; i += 1) separated.push(await timed(separatedParentsBooking()));
    const separatedCalls = googleCalls(api.fake.callCounts()) / 50;
    return {
      'bookings measured (one part)': BOOKINGS,
      'Google API calls per booking, one part (Meet + 2 events)': singleCalls,
      'Google API calls per booking, separated parents (Meet + 4)': separatedCalls,
      'token and signJwt calls during those bookings (cached)': tokenCalls,
      'booking latency, one part, median ms': percentile(single, 50),
      'booking latency, one part, p95 ms': percentile(single, 95),
      'booking latency, separated parents, median ms': percentile(separated, 50),
      'booking latency, separated parents, p95 ms': percentile(separated, 95),
    };
  } finally {
    await api.stop();
  }
}

/** Starts `functions-framework --target=api` on dist/ and times process start to the first 200. */
async function coldStarts(): Promise<Record<string, number>> {
  const api = await startApi();
  const token = api.fake.idToken({
    email: COORDINATOR,
    aud: ADDON_AUDIENCE,
    hd: DOMAIN,
    email_verified: true,
  });
  const times: number[] = [];
  try {
    for (let run = 0; run < COLD_STARTS; run += 1) {
      const port = 18_080 + run;
      const t0 = performance.now();
      const child = spawn(
        process.execPath,
        [
          join(root, 'node_modules/@google-cloud/functions-framework/build/src/main.js'),
          '--target=api',
          `--source=${join(root, 'dist/index.js')}`,
          `--port=${port}`,
        ],
        {
          env: {
            ...process.env,
            WORKSPACE_DOMAIN: DOMAIN,
            CALENDAR_OWNER: UNIT_MAILBOX,
            DELEGATION_SERVICE_ACCOUNT: SERVICE_ACCOUNT,
            ADDON_AUDIENCE,
            POLICY: 'hackney',
            FIRESTORE_ROOT: api.root,
            ROLE_GRANTS: JSON.stringify({ coordinator: [COORDINATOR], chair: [CHAIR] }),
            GOOGLE_API_ROOT_URL: api.fake.url,
            GOOGLE_TOKEN_URL: api.fake.tokenUrl,
            GOOGLE_IAM_URL: api.fake.url,
            GOOGLE_CERTS_URL: api.fake.certsUrl,
          },
          stdio: 'ignore',
        },
      );
      try {
        for (;;) {
          const ok = await fetch(`http://127.0.0.1:${port}/conferences?from=2026-12-07&to=2026-12-08`, {
            headers: { authorization: `Bearer ${token}` },
          })
            .then((r) => r.status === 200)
            .catch(() => false);
          if (ok) break;
          if (performance.now() - t0 > 30_000) throw new Error('api did not answer 200 within 30 s');
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        times.push(performance.now() - t0);
      } finally {
        child.kill();
      }
    }
  } finally {
    await api.stop();
  }
  return {
    'api cold start, process start to first 200, median ms': percentile(times, 50),
    'api cold start, process start to first 200, max ms': Math.max(...times),
  };
}

function requireTime(modules: string[]): Promise<number> {
  const script = `const t0 = process.hrtime.bigint(); ${modules.map((m) => `require(${JSON.stringify(m)});`).join(' ')} console.log(Number(process.hrtime.bigint() - t0) / 1e6);`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { cwd: root });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => {
      if (code === 0) resolve(Number(out.trim()));
      else reject(new Error(`require failed: ${modules.join(', ')}`));
    });
  });
}

test('booking benchmark', async () => {
  const figures: Record<string, number | string> = {
    date: new Date().toISOString().slice(0, 10),
    machine: `Node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}`,
    ...(await bookings()),
    ...(await coldStarts()),
  };
  const loads = [
    ['require @googleapis/calendar + @googleapis/meet, ms', ['@googleapis/calendar', '@googleapis/meet']],
    ['require google-auth-library, ms', ['google-auth-library']],
    ['require @google-cloud/firestore, ms', ['@google-cloud/firestore']],
    ['require dist/index.js (the api function module), ms', [join(root, 'dist/index.js')]],
  ] as const;
  for (const [name, modules] of loads) {
    const runs = [];
    for (let i = 0; i < 5; i += 1) runs.push(await requireTime([...modules]));
    figures[name] = percentile(runs, 50);
  }
  print(figures);
});
