import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, loadConfig } from '@app/config';
import { createSubjectPseudonymizer } from './subject-key.util';

/** A made-up personal ID (12 digits, as the CCCD number has). */
const SUBJECT = '052190012345';
const hmac = (key: string): Buffer =>
  createHmac('sha256', Buffer.from(key, 'utf8')).update(SUBJECT, 'utf8').digest();

describe(createSubjectPseudonymizer.name, () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'subject-key-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('hashes under SUBJECT_HASH_KEY (HMAC-SHA-256 with that key, another key another hash) and tags the key id', () => {
    const key = 'configured-key-0123456789abcdef-A';
    const other = 'configured-key-0123456789abcdef-B';
    const sut = createSubjectPseudonymizer(
      loadConfig({ SUBJECT_HASH_KEY: key, SUBJECT_HASH_KEY_ID: 'k7', DATA_DIR: dataDir }),
    );
    expect(sut.keyId).toBe('k7');
    expect(sut.hash(SUBJECT)).toEqual(hmac(key));
    expect(sut.hashHex(SUBJECT)).toBe(hmac(key).toString('hex'));
    const rotated = createSubjectPseudonymizer(loadConfig({ SUBJECT_HASH_KEY: other, DATA_DIR: dataDir }));
    expect(rotated.hash(SUBJECT)).toEqual(hmac(other));
    expect(rotated.hash(SUBJECT)).not.toEqual(sut.hash(SUBJECT));
    expect(existsSync(join(dataDir, 'secrets'))).toBe(false);
  });

  it('on the embedded default, generates a key once into DATA_DIR/secrets and keeps using it', () => {
    const first = createSubjectPseudonymizer(loadConfig({ DATA_DIR: dataDir }));
    const file = join(dataDir, 'secrets', 'subject-hash.key');
    const key = readFileSync(file, 'utf8');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(first.hash(SUBJECT)).toEqual(hmac(key));
    expect(createSubjectPseudonymizer(loadConfig({ DATA_DIR: dataDir })).hash(SUBJECT)).toEqual(hmac(key));
  });

  it('refuses to run in production on a database server without SUBJECT_HASH_KEY, as a configuration error', () => {
    // Not at loadConfig: verify and retention run without the ingest secrets; only what pseudonymises needs it.
    const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u@db:5432/audit', DATA_DIR: dataDir });
    expect(() => createSubjectPseudonymizer(config)).toThrow(ConfigurationError);
    expect(() => createSubjectPseudonymizer(config)).toThrow(/SUBJECT_HASH_KEY: required in production with a database server/);
  });

  it('searches under the keys of earlier rotations, and refuses one that reuses the current key id', () => {
    const [old, current] = ['old-configured-key-0123456789abcdef', 'new-configured-key-0123456789abcdef'];
    const sut = createSubjectPseudonymizer(loadConfig({ SUBJECT_HASH_KEY: current, SUBJECT_HASH_KEY_ID: 'k2', SUBJECT_HASH_PREVIOUS_KEYS: `k1=${old}`, DATA_DIR: dataDir }));
    expect(sut.searchHashes(SUBJECT)).toEqual([
      { keyId: 'k2', hash: hmac(current) },
      { keyId: 'k1', hash: hmac(old) },
    ]);
    const reused = loadConfig({ SUBJECT_HASH_KEY: current, SUBJECT_HASH_KEY_ID: 'k2', SUBJECT_HASH_PREVIOUS_KEYS: `k2=${old}`, DATA_DIR: dataDir });
    expect(() => createSubjectPseudonymizer(reused)).toThrow(ConfigurationError);
    expect(() => createSubjectPseudonymizer(reused)).not.toThrow(new RegExp(old));
  });
});
