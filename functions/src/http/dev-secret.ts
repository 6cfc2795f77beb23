// The development sign-in secret's file (var/dev/auth-secret): made by `npm start` alone, read by
// everything else (the service's verifier, `conference-desk dev-token`, the demo). Reading never
// writes, and making never replaces: a file that is not a secret may be someone's notes.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../domain/errors';

const SECRET_BYTES = 32;
/** 32 bytes in base64url without padding, as npm start writes them (one line). */
const SECRET_TEXT = /^[A-Za-z0-9_-]{43}$/;

export type DevSecretProblem = 'missing' | 'invalid' | 'unreadable';

/** The secret file is missing, unreadable or holds something else; the file is left as it was. */
export class DevSecretError extends AppError {
  constructor(
    readonly problem: DevSecretProblem,
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`DEV_AUTH.SECRET_${problem.toUpperCase()}`, message, 500, options);
  }
}

const errnoCode = (error: unknown): unknown =>
  typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;

/** The secret in `file`; a DevSecretError (never a new file) when there is no valid one. */
export function readDevelopmentSecret(file: string): Buffer {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT') {
      throw new DevSecretError(
        'missing',
        file,
        `There is no development secret at ${file}: npm start makes one`,
      );
    }
    throw new DevSecretError(
      'unreadable',
      file,
      `The development secret ${file} cannot be read (${typeof code === 'string' ? code : 'unknown error'})`,
      { cause: error },
    );
  }
  // Checked strictly: Buffer.from(…, 'base64url') skips what is not base64, so a page of notes
  // would otherwise pass for a secret. The message never quotes the file's contents.
  const line = text.replace(/\r?\n$/, '');
  if (!SECRET_TEXT.test(line)) {
    throw new DevSecretError(
      'invalid',
      file,
      `${file} is not a development secret (npm start writes one line of 43 base64url characters)`,
    );
  }
  return Buffer.from(line, 'base64url');
}

/**
 * For `npm start` only: the secret in `file`, or a new one written there when there is none.
 * The file is created exclusively (O_EXCL) and readable by its owner only, in a folder only its
 * owner can enter; a file found there that is not a secret is refused, never replaced.
 */
export function createOrReadDevelopmentSecret(file: string): Buffer {
  try {
    return readDevelopmentSecret(file);
  } catch (error) {
    if (!(error instanceof DevSecretError)) throw error;
    if (error.problem !== 'missing') throw refusedAtStart(error);
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(SECRET_BYTES);
  try {
    writeFileSync(file, `${secret.toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if (errnoCode(error) !== 'EEXIST') throw error;
    // Something wrote the file since it was read (another npm start): use theirs, or refuse it.
    try {
      return readDevelopmentSecret(file);
    } catch (again) {
      throw again instanceof DevSecretError ? refusedAtStart(again) : again;
    }
  }
  return secret;
}

/** What npm start says when the file is there but unusable: it stays as it is. */
function refusedAtStart(error: DevSecretError): DevSecretError {
  return new DevSecretError(
    error.problem,
    error.file,
    `${error.message}. npm start leaves it as it is: move it elsewhere (or set DEV_AUTH_SECRET_FILE to another path) and start again to have a new secret made`,
    { cause: error },
  );
}
