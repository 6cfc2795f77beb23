// Loading a policy by preset id or from a council's file on disk.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPolicy } from '../../../functions/src/adapters/policy/load-policy';
import { PolicyError } from '../../../functions/src/domain/policy/resolve-policy';

function refusal(ref: string): string[] {
  try {
    loadPolicy(ref);
  } catch (error) {
    if (error instanceof PolicyError)
      return error.problems.map((p) => `${error.source} ${p.field}: ${p.message}`);
    throw error;
  }
  throw new Error('expected a PolicyError');
}

const dir = mkdtempSync(join(tmpdir(), 'load-policy-'));

describe('loading a policy', () => {
  test('finds a preset by its id', () => {
    expect(loadPolicy('barnsley').name).toBe('Barnsley Metropolitan Borough Council');
  });

  test("reads a council's file by path", () => {
    const file = join(dir, 'council.json');
    writeFileSync(file, JSON.stringify({ id: 'council', extends: 'devon', name: 'A council' }));
    expect(loadPolicy(file).reports.familyShare.exemptAgencies).toEqual(['police']);
  });

  test('says when the file does not exist', () => {
    const file = join(dir, 'missing.json');
    expect(refusal(file)).toEqual([`${file} (file): does not exist`]);
  });

  test('says where JSON is broken', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{\n  "id": "broken",\n}');
    expect(refusal(file)[0]).toMatch(/\(file\): is not valid JSON: .*line 3/);
  });

  test('refuses a name that is neither a preset nor a path', () => {
    expect(refusal('hackney-2026')[0]).toMatch(/is not a preset \(working-together-2023, hackney/);
  });
});
