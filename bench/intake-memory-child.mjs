// Child of bench/intake.bench.ts: the built service (dist/) files one small email to warm up
// (loading mailparser, the Gmail client, a token), then the large one, while RSS is sampled.
// Prints one JSON line of MiB figures.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const dist = (p) => join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', p);
const { composeServices, requireIntake } = require(dist('compose.js'));
const { readConfig } = require(dist('config.js'));
const { takeInMessage } = require(dist('app/take-in-message.js'));

const [small, large] = process.argv.slice(2);
const mib = (bytes) => bytes / 1024 / 1024;
const intake = requireIntake(
  composeServices(readConfig(process.env), { logger: { info() {}, warn() {}, error() {} } }),
);

await takeInMessage(intake, small);
for (let i = 0; i < 3; i += 1) {
  globalThis.gc();
  await sleep(100);
}
const idle = process.memoryUsage().rss;
const maxRssBefore = process.resourceUsage().maxRSS / 1024;
let peak = idle;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 2);
const t0 = performance.now();
const state = await takeInMessage(intake, large);
const ms = performance.now() - t0;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
process.stdout.write(
  `${JSON.stringify({ idleRss: mib(idle), peakRss: mib(peak), maxRssBefore, maxRss: process.resourceUsage().maxRSS / 1024, ms, state })}\n`,
);
process.exit(0);
