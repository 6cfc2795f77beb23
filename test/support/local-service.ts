// The whole local service (npm start's) for tests and benchmarks: on the suite's Firestore
// emulator, a fresh root and a fresh var/ folder, every port free, no timers (the test moves the
// clock and asks for the sweep and the sync itself), its log kept and scanned for leaks at stop.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDevelopmentSecret } from '../../functions/src/http/dev-secret';
import { localEnv } from '../../functions/src/local/local-env';
import { startLocalService, type LocalService } from '../../functions/src/local/local-service';
import type { ServiceFile } from '../../functions/src/local/service-file';
import { randomRoot } from './firestore';
import { expectNoLeaks } from './leak-scan';
import { jsonLogger } from '../../functions/src/adapters/system/json-logger';

export interface TestLocalService {
  readonly service: LocalService;
  /** Its var/ folder (CONFERENCE_DESK_VAR for a command run against it). */
  readonly varDir: string;
  /** What `npm run demo` would read from var/local/service.json. */
  readonly described: ServiceFile;
  /** Signs development tokens for the local staff. */
  readonly secret: Buffer;
  /** Every line the service logged. */
  readonly lines: readonly string[];
}

export async function startTestLocalService(prefix: string): Promise<TestLocalService> {
  const varDir = mkdtempSync(join(tmpdir(), prefix));
  const lines: string[] = [];
  const host = process.env.FIRESTORE_EMULATOR_HOST ?? '';
  const service = await startLocalService({
    env: localEnv({ FIRESTORE_ROOT: randomRoot() }, { varDir }, { smtp: 0 }),
    firestoreHost: host,
    httpHost: '127.0.0.1',
    httpPort: 0,
    sweepEverySeconds: 0,
    reconcileEverySeconds: 0,
    logger: jsonLogger((line) => lines.push(line)),
  });
  const described = service.describe({ logFile: join(varDir, 'service.jsonl'), firestore: host });
  const stop = async (): Promise<void> => {
    await service.stop();
    // Whatever the suite did, nothing the service (api, sweep, SMTP server) logged leaks.
    expectNoLeaks('local service', lines);
  };
  return {
    service: { ...service, stop },
    varDir,
    described,
    secret: readDevelopmentSecret(described.secretFile),
    lines,
  };
}
