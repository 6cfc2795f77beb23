#!/usr/bin/env node
// `npm start`: the whole service on this machine without Google. Starts the Firestore emulator
// (unless FIRESTORE_EMULATOR_HOST names one), the embedded SMTP server and the functions on one
// port, says where everything is, and on Ctrl-C stops all of it, the emulator's Java included.
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { jsonLogger } from '../adapters/system/json-logger';
import { startFirestoreEmulator, type FirestoreEmulator } from './firestore-emulator';
import { localEnv, localVarDir, LOCAL_STAFF } from './local-env';
import { startLocalService, type LocalService } from './local-service';
import { removeServiceFile, serviceFilePath, writeServiceFile } from './service-file';

const say = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};

async function main(): Promise<void> {
  const varDir = localVarDir(process.env);
  mkdirSync(join(varDir, 'log'), { recursive: true, mode: 0o700 });
  const logFile = join(varDir, 'log', 'service.jsonl');
  const log = createWriteStream(logFile, { flags: 'a', mode: 0o600 });
  const logger = jsonLogger((line) => log.write(line));

  const given = process.env.FIRESTORE_EMULATOR_HOST;
  if (given === undefined || given === '') say('Starting the Firestore emulator (10 to 30 seconds)…');
  const emulator: FirestoreEmulator = await startFirestoreEmulator();
  let service: LocalService | undefined;
  const file = serviceFilePath(varDir);
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) {
      say(`${signal} again: leaving at once`);
      process.exit(1);
    }
    stopping = true;
    say(`\n${signal}: stopping…`);
    removeServiceFile(file);
    await service?.stop();
    await emulator.stop();
    await new Promise((done) => log.end(done));
    say('Stopped: the api, the SMTP server and the Firestore emulator are all down.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('Ctrl-C'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const env = localEnv(process.env, { varDir }, { smtp: Number(process.env.INBOX_SMTP_PORT ?? 2525) });
  try {
    service = await startLocalService({
      env,
      firestoreHost: emulator.host,
      httpHost: '127.0.0.1',
      httpPort: Number(process.env.PORT ?? 8080),
      sweepEverySeconds: Number(process.env.LOCAL_SWEEP_SECONDS ?? 60),
      reconcileEverySeconds: Number(process.env.LOCAL_RECONCILE_SECONDS ?? 300),
      logger,
    });
  } catch (error) {
    await emulator.stop();
    throw error;
  }
  const { config } = service;
  const described = service.describe({ logFile, firestore: emulator.host });
  writeServiceFile(file, described);
  const { inbox } = described;
  say();
  say('Conference Desk is running (smtp adapters, development sign-in; nothing leaves this machine).');
  say(`  api             ${service.apiUrl}`);
  say(
    `  SMTP (in, out)  ${service.smtp.host}:${service.smtp.port}   request inbox: ${inbox ?? '(the policy names none)'}`,
  );
  say(`  mail kept in    ${resolve(config.MAIL_DIR)}/<recipient>/`);
  say(
    `  Firestore       ${emulator.host} (emulator${given === undefined || given === '' ? ', started here, in memory' : ', yours'})`,
  );
  say(`  policy          ${config.POLICY}; calendar owner ${config.CALENDAR_OWNER}`);
  say(
    `  staff           coordinator ${LOCAL_STAFF.coordinator}, chair ${LOCAL_STAFF.chair}, manager ${LOCAL_STAFF.manager}`,
  );
  say(
    `  sign in         npx conference-desk dev-token --email ${LOCAL_STAFF.coordinator} --role coordinator`,
  );
  say(`  log             ${logFile}`);
  say(`  found by        ${file}`);
  say();
  say('Try `npm run demo` in another terminal. Ctrl-C stops everything.');
}

main().catch((error: unknown) => {
  process.stderr.write(`npm start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
