// A sweep in a process of its own, so a test can kill it at the worst moment: after Gmail took
// the message and before the outbox recorded it. Runs the built service (dist/, which `npm test`
// builds first) with the environment and the instant it is given.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Temporal } from 'temporal-polyfill';

const require = createRequire(import.meta.url);
const dist = (p) => join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', p);
const { composeServices } = require(dist('compose.js'));
const { readConfig } = require(dist('config.js'));
const { sweepOutbox } = require(dist('app/sweep-outbox.js'));

const [envJson, nowText] = process.argv.slice(2);
const now = Temporal.Instant.from(nowText);
const services = composeServices(readConfig(JSON.parse(envJson)), {
  clock: { now: () => now },
  instanceId: 'doomed-sweep',
  logger: { info() {}, warn() {}, error() {} },
});
await sweepOutbox(services.outbox);
