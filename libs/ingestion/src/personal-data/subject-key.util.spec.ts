import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@app/config';
import { createSubjectPseudonymizer } from './subject-key.util';

describe('createSubjectPseudonymizer', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'subject-key-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('uses the configured key and key id', () => {
    const sut = createSubjectPseudonymizer(loadConfig({ SUBJECT_HASH_KEY: 'x'.repeat(32), SUBJECT_HASH_KEY_ID: 'k7', DATA_DIR: dataDir }));
    expect(sut.keyId).toBe('k7');
    expect(sut.hash('052190012345')).toEqual(createSubjectPseudonymizer(loadConfig({ SUBJECT_HASH_KEY: 'x'.repeat(32), DATA_DIR: dataDir })).hash('052190012345'));
  });

  it('on the embedded default, generates a key once into DATA_DIR/secrets and keeps using it', () => {
    const first = createSubjectPseudonymizer(loadConfig({ DATA_DIR: dataDir }));
    const file = join(dataDir, 'secrets', 'subject-hash.key');
    expect(readFileSync(file, 'utf8')).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(createSubjectPseudonymizer(loadConfig({ DATA_DIR: dataDir })).hash('052190012345')).toEqual(first.hash('052190012345'));
  });

  it('refuses to run in production on a database server without SUBJECT_HASH_KEY', () => {
    const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u@db:5432/audit', DATA_DIR: dataDir });
    expect(() => createSubjectPseudonymizer(config)).toThrow(/SUBJECT_HASH_KEY: required in production/);
  });
});
