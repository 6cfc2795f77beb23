// `conference-desk dev-token`, run as a developer runs it against a local service's secret.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { developmentSecret, DevTokenVerifier } from '../../functions/src/http/dev-token';
import { cli, lines } from '../support/run-cli';

const secretFile = (): string => join(mkdtempSync(join(tmpdir(), 'dev-token-')), 'auth-secret');

describe('conference-desk dev-token', () => {
  test('prints a token the local service accepts for that user and role', async () => {
    const file = secretFile();
    const r = cli(
      'dev-token',
      '--email',
      'Chair.One@hackney.gov.uk',
      '--role',
      'chair',
      '--secret-file',
      file,
    );
    expect([r.status, r.stderr]).toEqual([0, '']);
    const verifier = new DevTokenVerifier(developmentSecret(file), 'hackney.gov.uk');
    await expect(verifier.verify(`Bearer ${r.stdout.trim()}`)).resolves.toEqual({
      email: 'chair.one@hackney.gov.uk',
      roles: ['chair'],
    });
  });

  test('names each flag that is wrong', () => {
    const r = cli('dev-token', '--email', 'not-an-address', '--role', 'admin', '--secret-file', secretFile());
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toEqual([
      'conference-desk dev-token: --role: must be one of coordinator, chair, manager',
      'conference-desk dev-token: --email: must be an email address',
    ]);
  });
});
