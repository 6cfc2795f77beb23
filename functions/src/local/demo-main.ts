#!/usr/bin/env node
// `npm run demo`: the lifecycle against the service `npm start` is running (found through
// var/local/service.json), then a summary with the paths of what it produced.
import { join, resolve } from 'node:path';
import { developmentSecret } from '../http/dev-token';
import { runDemo, summary } from './demo';
import { readServiceFile, serviceFilePath } from './service-file';

async function main(): Promise<void> {
  const varDir = resolve(process.env.CONFERENCE_DESK_VAR ?? 'var');
  const service = readServiceFile(serviceFilePath(varDir));
  const say = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  say(`Demo against ${service.url} (its clock is moved; the service keeps running afterwards).`);
  const result = await runDemo(service, developmentSecret(service.secretFile), say);
  say(summary(result));
  say(`\nThe service's log: ${join(service.logFile)}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`npm run demo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
