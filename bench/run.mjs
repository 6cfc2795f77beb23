// Benchmarks for the foundation: timeline planning, working-day arithmetic, policy loading and
// the command's cold start. Prints figures; it asserts nothing (targets live in docs/benchmarks.md).
// Run with `npm run bench` (builds first).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const dist = (p) => join(root, 'dist', p);

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function percentile(values, p) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))];
}

/** Median microseconds per call over `batches` batches of `n` calls, after a warm-up batch. */
function perCall(fn, n, batches = 7) {
  for (let i = 0; i < n; i += 1) fn(i);
  const times = [];
  for (let b = 0; b < batches; b += 1) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i += 1) fn(i);
    times.push(Number(process.hrtime.bigint() - t0) / 1000 / n);
  }
  return median(times);
}

function spawnTimes(args, runs) {
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  }
  return times;
}

const { Temporal } = await import('temporal-polyfill');
const { workingCalendar } = require(dist('domain/calendar/working-days.js'));
const { loadPreset, presets } = require(dist('domain/policy/presets/index.js'));
const { resolvePolicy } = require(dist('domain/policy/resolve-policy.js'));
const { parseTimelineRequest, planTimeline } = require(dist('domain/timeline/plan-timeline.js'));

const england = workingCalendar('england-and-wales');
const from = Temporal.PlainDate.from('2026-12-14');
const hackney = loadPreset('hackney');
const request = parseTimelineRequest({
  type: 'initial',
  start: '2026-12-07T10:30',
  strategyDiscussion: '2026-11-23',
  parts: [{ durationMinutes: 60 }, { durationMinutes: 60 }],
});

const figures = {
  'addWorkingDays(+15, across Christmas), µs/call': perCall(() => england.addWorkingDays(from, 15), 20000),
  'parse + plan a two-part Hackney timeline, µs/call': perCall(
    () =>
      planTimeline(
        parseTimelineRequest({
          type: 'initial',
          start: '2026-12-07T10:30',
          strategyDiscussion: '2026-11-23',
        }),
        hackney,
      ),
    2000,
  ),
  'plan only (request already parsed), µs/call': perCall(() => planTimeline(request, hackney), 2000),
  'resolve a council policy file (extends hackney), µs/call': perCall(
    (i) =>
      resolvePolicy(
        { id: `council-${i}`, extends: 'hackney', reports: { inbox: 'a@b.gov.uk' } },
        presets,
        'bench',
      ),
    500,
  ),
};

const load = spawnSync(
  process.execPath,
  [
    '-e',
    `const t0 = process.hrtime.bigint();
     require(${JSON.stringify(dist('domain/timeline/plan-timeline.js'))});
     require(${JSON.stringify(dist('domain/policy/presets/index.js'))}).loadPreset('hackney');
     const ms = Number(process.hrtime.bigint() - t0) / 1e6;
     console.log(JSON.stringify({ ms, rssMiB: process.memoryUsage().rss / 2 ** 20 }));`,
  ],
  { encoding: 'utf8' },
);
const loaded = JSON.parse(load.stdout);
figures['load the timeline and presets in a fresh process, ms'] = loaded.ms;
figures['resident memory after that load, MiB'] = loaded.rssMiB;

const cold = spawnTimes([dist('cli/main.js'), 'workdays', '--from', '2026-12-24', '--add', '1'], 15);
figures['CLI workdays, whole process, median ms'] = median(cold);
figures['CLI workdays, whole process, p90 ms'] = percentile(cold, 90);
const coldTimeline = spawnTimes(
  [
    dist('cli/main.js'),
    'timeline',
    '--policy',
    'devon',
    '--type',
    'initial',
    '--start',
    '2026-12-10T10:00',
    '--strategy-discussion',
    '2026-11-26',
  ],
  15,
);
figures['CLI timeline, whole process, median ms'] = median(coldTimeline);
const bare = spawnTimes(['-e', '0'], 15);
figures['bare node -e 0 (baseline), median ms'] = median(bare);

console.log(`Conference Desk benchmarks, ${new Date().toISOString().slice(0, 10)}`);
console.log(`Node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}`);
for (const [name, value] of Object.entries(figures)) console.log(`${name.padEnd(60)} ${value.toFixed(2)}`);
