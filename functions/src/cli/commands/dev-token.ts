// `conference-desk dev-token`: a development sign-in token for a named user and role, for calling
// a local service (`npm start`, AUTH_MODE=development) with curl or a script. It signs with the
// running service's secret (var/local/service.json names it) and only ever reads it: a wrong
// path or folder is a sentence saying what to do, never a new or replaced file.
import { ROLES } from '../../app/actor';
import type { Problem } from '../../domain/errors';
import { DevSecretError, readDevelopmentSecret } from '../../http/dev-secret';
import { signDevelopmentToken } from '../../http/dev-token';
import { localVarDir } from '../../local/local-env';
import { readServiceFile, serviceFilePath, ServiceFileError } from '../../local/service-file';
import { CommandError } from '../command-error';
import { parseFlags } from '../flags';
import { FlagReader } from '../read-flags';
import { UsageError } from '../usage-error';

export const DEV_TOKEN_HELP = `Usage: conference-desk dev-token --email ADDRESS --role ROLE [--secret-file PATH]

Prints a development token (valid 12 hours) for the local service npm start is running, signed
with its secret (found through var/local/service.json, or $CONFERENCE_DESK_VAR/local/service.json):
  curl -H "Authorization: Bearer $(npx conference-desk dev-token --email coordinator@hackney.gov.uk --role coordinator)" \\
       http://127.0.0.1:8080/api/overview
  --role         ${ROLES.join(' | ')}
  --secret-file  sign with this secret file instead (one npm start made, e.g. var/dev/auth-secret);
                 it is only read: dev-token never makes or changes a secret`;

type Env = Readonly<Record<string, string | undefined>>;

/** The running service's secret, or a sentence saying what to do. */
function serviceSecret(env: Env): Buffer {
  const path = serviceFilePath(localVarDir(env));
  let secretFile: string;
  try {
    secretFile = readServiceFile(path).secretFile;
  } catch (error) {
    if (error instanceof ServiceFileError) throw new CommandError(error.message, { cause: error });
    throw error;
  }
  try {
    return readDevelopmentSecret(secretFile);
  } catch (error) {
    if (!(error instanceof DevSecretError)) throw error;
    throw new CommandError(
      `${error.message}, yet ${path} names it as the running service's secret: stop npm start and start it again (it makes a new secret, or says why it cannot)`,
      { cause: error },
    );
  }
}

/** The secret in the file --secret-file names, or the problem with it (reported against the flag). */
function fileSecret(file: string): Buffer | Problem {
  try {
    return readDevelopmentSecret(file);
  } catch (error) {
    if (!(error instanceof DevSecretError)) throw error;
    const message = {
      missing: `${file} does not exist: name the secret npm start made (var/dev/auth-secret), or leave the flag out to use the running service's`,
      invalid: `${file} is not a development secret (npm start writes one line of 43 base64url characters); it was left as it is`,
      unreadable: error.message,
    }[error.problem];
    return { field: '--secret-file', message };
  }
}

export function devToken(argv: readonly string[], env: Env = {}): string {
  const read = new FlagReader(
    parseFlags(argv, { email: 'string', role: 'string', 'secret-file': 'string' }, 'dev-token'),
  );
  const email = read.string('email', { required: true });
  const role = read.oneOf('role', ROLES);
  const file = read.string('secret-file');
  if (email !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
    read.problems.push({ field: '--email', message: 'must be an email address' });
  }
  let secret: Buffer | undefined;
  if (file !== undefined) {
    const found = fileSecret(file);
    if (Buffer.isBuffer(found)) secret = found;
    else read.problems.push(found);
  }
  if (read.problems.length > 0 || email === undefined || role === undefined)
    throw new UsageError(read.problems);
  // The service is looked for only once the flags are right, so every flag problem shows first.
  return signDevelopmentToken(secret ?? serviceSecret(env), { email, role });
}
