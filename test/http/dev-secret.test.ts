// The development secret's file: made by npm start alone, exclusively and private to its owner;
// read by everything else, which never makes, replaces or truncates a file, whatever is there.
import fs, { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createOrReadDevelopmentSecret,
  DevSecretError,
  readDevelopmentSecret,
} from '../../functions/src/http/dev-secret';

/** Someone's notes, long enough that lax base64 decoding would find 32 bytes in them. */
const NOTES = 'Things to ask the chair on Monday:\n- the conference room for the 7th\n- parking\n'.repeat(3);

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'dev-secret-'));
}

function notesFile(): string {
  const file = join(tempDir(), 'auth-secret');
  writeFileSync(file, NOTES);
  return file;
}

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}

afterEach(() => {
  jest.restoreAllMocks();
});

describe('reading the development secret (the service, dev-token, the demo)', () => {
  test('gives back the secret npm start made', () => {
    const file = join(tempDir(), 'dev', 'auth-secret');
    const made = createOrReadDevelopmentSecret(file);
    expect(readDevelopmentSecret(file).equals(made)).toBe(true);
  });

  test('refuses a missing file, naming it and who makes it, and creates no file or folder', () => {
    const dir = tempDir();
    const file = join(dir, 'dev', 'auth-secret');
    const error = caught(() => readDevelopmentSecret(file));
    expect(error).toBeInstanceOf(DevSecretError);
    expect(error).toMatchObject({
      code: 'DEV_AUTH.SECRET_MISSING',
      message: `There is no development secret at ${file}: npm start makes one`,
    });
    expect(readdirSync(dir)).toEqual([]);
  });

  test('refuses a file of notes, naming it without quoting it, and leaves it byte for byte', () => {
    const file = notesFile();
    const error = caught(() => readDevelopmentSecret(file));
    expect(error).toMatchObject({ code: 'DEV_AUTH.SECRET_INVALID', problem: 'invalid' });
    expect((error as Error).message).toContain(`${file} is not a development secret`);
    expect((error as Error).message).not.toContain('chair');
    expect(readFileSync(file, 'utf8')).toBe(NOTES);
  });

  test.each([
    ['too short', 'short\n'],
    ['empty', ''],
    ['a secret with a character that is not base64url', `${'A'.repeat(42)}=\n`],
    ['a secret and more', `${'A'.repeat(43)}\nmore\n`],
  ])('refuses a file that is %s, leaving it as it is', (_what, text) => {
    const file = join(tempDir(), 'auth-secret');
    writeFileSync(file, text);
    expect(caught(() => readDevelopmentSecret(file))).toMatchObject({ problem: 'invalid' });
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  test('refuses what cannot be read as a file, with the reason', () => {
    const folder = join(tempDir(), 'auth-secret');
    mkdirSync(folder);
    expect(caught(() => readDevelopmentSecret(folder))).toMatchObject({
      code: 'DEV_AUTH.SECRET_UNREADABLE',
      message: `The development secret ${folder} cannot be read (EISDIR)`,
    });
    expect(statSync(folder).isDirectory()).toBe(true);
  });
});

describe('making the development secret (npm start only)', () => {
  test('is 32 random bytes in a file only its owner can read, in a folder only its owner can enter', () => {
    const file = join(tempDir(), 'dev', 'auth-secret');
    const secret = createOrReadDevelopmentSecret(file);
    expect(secret.length).toBe(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(file, '..')).mode & 0o777).toBe(0o700);
    expect(readFileSync(file, 'utf8')).toBe(`${secret.toString('base64url')}\n`);
  });

  test('is read back, not remade, on the next start', () => {
    const file = join(tempDir(), 'auth-secret');
    const first = createOrReadDevelopmentSecret(file);
    const written = readFileSync(file, 'utf8');
    expect(createOrReadDevelopmentSecret(file).equals(first)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(written);
  });

  test('refuses to start over a file that is not a secret, naming it and saying what to do', () => {
    const file = notesFile();
    const error = caught(() => createOrReadDevelopmentSecret(file));
    expect(error).toMatchObject({ code: 'DEV_AUTH.SECRET_INVALID' });
    expect((error as Error).message).toBe(
      `${file} is not a development secret (npm start writes one line of 43 base64url characters). ` +
        'npm start leaves it as it is: move it elsewhere (or set DEV_AUTH_SECRET_FILE to another path) ' +
        'and start again to have a new secret made',
    );
    expect(readFileSync(file, 'utf8')).toBe(NOTES);
  });

  // A race: another program writes the file after npm start found none and before it creates
  // one. Creating with O_EXCL fails rather than truncating what is there.
  test('does not clobber a file that appears between finding none and creating one', () => {
    const file = notesFile();
    jest.spyOn(fs, 'readFileSync').mockImplementationOnce(() => {
      throw Object.assign(new Error(`ENOENT: no such file or directory, open '${file}'`), { code: 'ENOENT' });
    });
    expect(caught(() => createOrReadDevelopmentSecret(file))).toMatchObject({ problem: 'invalid' });
    expect(readFileSync(file, 'utf8')).toBe(NOTES);
  });

  test('takes the secret another npm start made in that moment, rather than replacing it', () => {
    const file = join(tempDir(), 'auth-secret');
    const theirs = createOrReadDevelopmentSecret(file);
    const written = readFileSync(file, 'utf8');
    jest.spyOn(fs, 'readFileSync').mockImplementationOnce(() => {
      throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    });
    expect(createOrReadDevelopmentSecret(file).equals(theirs)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(written);
  });
});
