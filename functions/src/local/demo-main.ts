#!/usr/bin/env node
// `npm run demo`: the lifecycle against the service `npm start` is running (found through
// var/local/service.json), then a summary with the paths of what it produced.
import { join } from 'node:path';
import { readDevelopmentSecret } from '../http/dev-secret';
import { runDemo, summary } from './demo';
import { localVarDir } from './local-env';
import { readServiceFile, serviceFilePath } from './service-file';

async function main(): Promise<void> {
  const varDir = localVarDir(process.env);
  const service = readServiceFile(serviceFilePath(varDir));
  const say = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  say(`Demo against ${service.url} (its clock is moved; the service keeps running afterwards).`);
  const result = await runDemo(service, readDevelopmentSecret(service.secretFile), say);
  say(summary(result));
  say(`\nThe service's log: ${join(service.logFile)}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`npm run demo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
