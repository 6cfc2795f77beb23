// Where a local run keeps its files: the same var/ folder whichever folder a command runs from.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { localVarDir } from '../../functions/src/local/local-env';

const REPO = join(__dirname, '..', '..');

describe('the local var folder', () => {
  test('is var/ at the root of the repository the code was built in, not of the working folder', () => {
    expect(localVarDir({})).toBe(join(REPO, 'var'));
    const root = mkdtempSync(join(tmpdir(), 'checkout-'));
    writeFileSync(join(root, 'package.json'), '{}');
    mkdirSync(join(root, 'dist', 'cli'), { recursive: true });
    expect(localVarDir({}, join(root, 'dist', 'cli'))).toBe(join(root, 'var'));
  });

  test('is CONFERENCE_DESK_VAR when set, from the working folder when relative', () => {
    expect(localVarDir({ CONFERENCE_DESK_VAR: '/srv/desk-var' })).toBe('/srv/desk-var');
    expect(localVarDir({ CONFERENCE_DESK_VAR: 'elsewhere' })).toBe(resolve('elsewhere'));
    expect(localVarDir({ CONFERENCE_DESK_VAR: '' })).toBe(join(REPO, 'var'));
  });
});
