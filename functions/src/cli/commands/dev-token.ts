// `conference-desk dev-token`: a development sign-in token for a named user and role, for calling
// a local service (`npm start`, AUTH_MODE=development) with curl or a script. It signs with the
// secret file the local service made; a service in production config refuses such tokens.
import { ROLES } from '../../app/actor';
import { developmentSecret, signDevelopmentToken } from '../../http/dev-token';
import { parseFlags } from '../flags';
import { FlagReader } from '../read-flags';
import { UsageError } from '../usage-error';

export const DEV_TOKEN_HELP = `Usage: conference-desk dev-token --email ADDRESS --role ROLE [--secret-file PATH]

Prints a development token (valid 12 hours) for a local service run with AUTH_MODE=development:
  curl -H "Authorization: Bearer $(npx conference-desk dev-token --email coordinator@hackney.gov.uk --role coordinator)" \\
       http://127.0.0.1:8080/api/overview
  --role         ${ROLES.join(' | ')}
  --secret-file  the secret npm start made (default var/dev/auth-secret)`;

export function devToken(argv: readonly string[]): string {
  const read = new FlagReader(
    parseFlags(argv, { email: 'string', role: 'string', 'secret-file': 'string' }, 'dev-token'),
  );
  const email = read.string('email', { required: true });
  const role = read.oneOf('role', ROLES);
  const file = read.string('secret-file') ?? 'var/dev/auth-secret';
  if (email !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
    read.problems.push({ field: '--email', message: 'must be an email address' });
  }
  if (read.problems.length > 0 || email === undefined || role === undefined)
    throw new UsageError(read.problems);
  return signDevelopmentToken(developmentSecret(file), { email, role });
}
