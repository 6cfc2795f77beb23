// npm start's development secret, against the real local service: made at start and private to
// its owner, the secret `conference-desk dev-token` finds and signs with, and never made over a
// file that is something else.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DevSecretError } from '../../functions/src/http/dev-secret';
import { signDevelopmentToken } from '../../functions/src/http/dev-token';
import { localEnv, LOCAL_STAFF } from '../../functions/src/local/local-env';
import { startLocalService } from '../../functions/src/local/local-service';
import { serviceFilePath, writeServiceFile } from '../../functions/src/local/service-file';
import { randomRoot } from '../support/firestore';
import { startTestLocalService, type TestLocalService } from '../support/local-service';
import { cliIn } from '../support/run-cli';

let local: TestLocalService;

beforeAll(async () => {
  local = await startTestLocalService('conference-desk-secret-');
  // As npm start leaves it while it runs, for dev-token to find.
  writeServiceFile(serviceFilePath(local.varDir), local.described);
}, 60_000);

afterAll(async () => {
  await local.service.stop();
});

async function overview(token: string): Promise<number> {
  const response = await fetch(`${local.described.apiUrl}/overview`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return response.status;
}

describe("npm start's development secret", () => {
  test('is made at start in a file only its owner can read, in a folder only its owner can enter', () => {
    const file = local.described.secretFile;
    expect(file).toBe(join(local.varDir, 'dev', 'auth-secret'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(file)).mode & 0o777).toBe(0o700);
  });

  test('signs the token dev-token prints, which the running service accepts', async () => {
    const r = cliIn(
      { cwd: mkdtempSync(join(tmpdir(), 'elsewhere-')), env: { CONFERENCE_DESK_VAR: local.varDir } },
      'dev-token',
      '--email',
      LOCAL_STAFF.coordinator,
      '--role',
      'coordinator',
    );
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(await overview(r.stdout.trim())).toBe(200);
    // The same call with a token from any other secret is refused: the 200 is the secret's doing.
    const stranger = signDevelopmentToken(randomBytes(32), {
      email: LOCAL_STAFF.coordinator,
      role: 'coordinator',
    });
    expect(await overview(stranger)).toBe(401);
  });

  test('is never made over a file that is not one: start refuses, naming it, and leaves it as it was', async () => {
    const varDir = mkdtempSync(join(tmpdir(), 'conference-desk-notes-'));
    const notes = join(varDir, 'dev', 'auth-secret');
    mkdirSync(dirname(notes));
    writeFileSync(notes, 'Call the school about the report on Friday.\n');
    const starting = startLocalService({
      env: localEnv({ FIRESTORE_ROOT: randomRoot() }, { varDir }, { smtp: 0 }),
      firestoreHost: process.env.FIRESTORE_EMULATOR_HOST ?? '',
      httpHost: '127.0.0.1',
      httpPort: 0,
      sweepEverySeconds: 0,
      reconcileEverySeconds: 0,
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    await expect(starting).rejects.toThrow(DevSecretError);
    await expect(starting).rejects.toThrow(`${notes} is not a development secret`);
    expect(readFileSync(notes, 'utf8')).toBe('Call the school about the report on Friday.\n');
  });
});
