// `conference-desk dev-token`, run as a developer runs it: it signs with the running service's
// secret (var/local/service.json names it) and only reads; it never makes, replaces or truncates
// a file, and says what to do when there is no service or no secret.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOrReadDevelopmentSecret, readDevelopmentSecret } from '../../functions/src/http/dev-secret';
import { DevTokenVerifier } from '../../functions/src/http/dev-token';
import { LOCAL_STAFF } from '../../functions/src/local/local-env';
import { serviceFilePath, writeServiceFile } from '../../functions/src/local/service-file';
import { cli, cliIn, lines } from '../support/run-cli';

const NOTES = 'Questions for the chair: the room on the 7th, and whether the GP can dial in.\n';

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'dev-token-'));

/** Every file and folder under `dir`, to show nothing was made there. */
const everything = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' });

/** A var/ folder as a running npm start leaves it, its service file naming `secretFile`. */
function runningService(secretFile: string): string {
  const varDir = tempDir();
  writeServiceFile(serviceFilePath(varDir), {
    pid: process.pid,
    url: 'http://127.0.0.1:8080',
    apiUrl: 'http://127.0.0.1:8080/api',
    smtp: { host: '127.0.0.1', port: 2525 },
    mailDir: join(varDir, 'mail'),
    secretFile,
    logFile: join(varDir, 'log', 'service.jsonl'),
    inbox: null,
    calendarOwner: `cp-conferences@hackney.gov.uk`,
    domain: 'hackney.gov.uk',
    policy: 'hackney',
    staff: LOCAL_STAFF,
    firestore: '127.0.0.1:8081',
  });
  return varDir;
}

const chair = ['dev-token', '--email', 'Chair.One@hackney.gov.uk', '--role', 'chair'];

describe('conference-desk dev-token', () => {
  test("prints a token signed with the running service's secret, from any folder", async () => {
    const secretFile = join(tempDir(), 'dev', 'auth-secret');
    createOrReadDevelopmentSecret(secretFile);
    const varDir = runningService(secretFile);
    const r = cliIn({ cwd: tempDir(), env: { CONFERENCE_DESK_VAR: varDir } }, ...chair);
    expect([r.status, r.stderr]).toEqual([0, '']);
    const verifier = new DevTokenVerifier(readDevelopmentSecret(secretFile), 'hackney.gov.uk');
    await expect(verifier.verify(`Bearer ${r.stdout.trim()}`)).resolves.toEqual({
      email: 'chair.one@hackney.gov.uk',
      roles: ['chair'],
    });
  });

  test('with no service running, says to start one, and makes nothing where it looked or ran', () => {
    const varDir = tempDir();
    const folder = tempDir();
    const r = cliIn({ cwd: folder, env: { CONFERENCE_DESK_VAR: varDir } }, ...chair);
    expect(r.status).toBe(1);
    expect(lines(r.stderr)).toEqual([
      `conference-desk dev-token: No local service is running (${join(varDir, 'local', 'service.json')} is missing): start one with \`npm start\` in another terminal`,
    ]);
    expect(r.stdout).toBe('');
    expect([everything(varDir), everything(folder)]).toEqual([[], []]);
  });

  test("leaves a file of notes the service's file names as its secret byte for byte, and says what to do", () => {
    const notes = join(tempDir(), 'notes.txt');
    writeFileSync(notes, NOTES);
    const varDir = runningService(notes);
    const r = cliIn({ env: { CONFERENCE_DESK_VAR: varDir } }, ...chair);
    expect(r.status).toBe(1);
    expect(lines(r.stderr)).toEqual([
      `conference-desk dev-token: ${notes} is not a development secret (npm start writes one line of 43 base64url characters), yet ${serviceFilePath(varDir)} names it as the running service's secret: stop npm start and start it again (it makes a new secret, or says why it cannot)`,
    ]);
    expect(readFileSync(notes, 'utf8')).toBe(NOTES);
  });

  test('signs with the secret --secret-file names, when it is one', async () => {
    const secretFile = join(tempDir(), 'auth-secret');
    const secret = createOrReadDevelopmentSecret(secretFile);
    const written = readFileSync(secretFile, 'utf8');
    const r = cli(...chair, '--secret-file', secretFile);
    expect([r.status, r.stderr]).toEqual([0, '']);
    await expect(
      new DevTokenVerifier(secret, 'hackney.gov.uk').verify(`Bearer ${r.stdout.trim()}`),
    ).resolves.toMatchObject({ roles: ['chair'] });
    expect(readFileSync(secretFile, 'utf8')).toBe(written);
  });

  test('refuses a --secret-file of notes as bad input and leaves it byte for byte', () => {
    const notes = join(tempDir(), 'notes.txt');
    writeFileSync(notes, NOTES);
    const r = cli(...chair, '--secret-file', notes);
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toEqual([
      `conference-desk dev-token: --secret-file: ${notes} is not a development secret (npm start writes one line of 43 base64url characters); it was left as it is`,
    ]);
    expect(readFileSync(notes, 'utf8')).toBe(NOTES);
  });

  test('refuses a --secret-file that does not exist, creating no file in its folder', () => {
    const folder = tempDir();
    const missing = join(folder, 'dev', 'auth-secret');
    const r = cli(...chair, '--secret-file', missing);
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toEqual([
      `conference-desk dev-token: --secret-file: ${missing} does not exist: name the secret npm start made (var/dev/auth-secret), or leave the flag out to use the running service's`,
    ]);
    expect(everything(folder)).toEqual([]);
  });

  test('names each flag that is wrong, all at once', () => {
    const missing = join(tempDir(), 'auth-secret');
    const r = cli('dev-token', '--email', 'not-an-address', '--role', 'admin', '--secret-file', missing);
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toEqual([
      'conference-desk dev-token: --role: must be one of coordinator, chair, manager',
      'conference-desk dev-token: --email: must be an email address',
      `conference-desk dev-token: --secret-file: ${missing} does not exist: name the secret npm start made (var/dev/auth-secret), or leave the flag out to use the running service's`,
    ]);
  });
});
