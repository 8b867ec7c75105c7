import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { ACCOUNT_DIRECTORY_V1_SCHEMA, CONTRACTS_SOURCE_DIR, QueryLogEventV1 } from '@app/contracts';
import { EventGenerator } from '../event-generator.service';
import { accountDirectory, writeAccountDirectory } from './account-directory.util';

const START = new Date('2026-11-16T00:00:00+07:00');
const DAY_MS = 86_400_000;

describe(accountDirectory.name, () => {
  const generator = (anomalies: string[] = []): EventGenerator =>
    new EventGenerator({ count: 30_000, seed: 'directory', start: START, days: 5, anomalies });
  const sut = accountDirectory(generator().province, START);
  const accountsIn = (events: QueryLogEventV1[]): Set<string> => new Set(events.map((e) => e.accountId));

  it('writes entries that the account-directory v1 contract accepts, CSV in the sample column order', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(ACCOUNT_DIRECTORY_V1_SCHEMA);
    expect(sut.filter((e) => !validate(e)).slice(0, 2)).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'directory-'));
    try {
      writeAccountDirectory(join(dir, 'directory.csv'), sut);
      const [header, ...rows] = readFileSync(join(dir, 'directory.csv'), 'utf8').trimEnd().split('\n');
      const sample = readFileSync(
        join(CONTRACTS_SOURCE_DIR, 'examples', 'directory.sample.csv'),
        'utf8',
      ).split('\n')[0];
      expect(header).toBe(sample);
      expect(rows).toHaveLength(sut.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists every account the traffic comes from, and none of the departed or idle ones make traffic', () => {
    const seen = accountsIn([...generator()]);
    const listed = new Set(sut.map((e) => e.accountId));
    expect([...seen].filter((id) => !listed.has(id))).toEqual([]);
    const departed = sut.filter((e) => e.status !== 'active');
    const idle = sut.filter(
      (e) => e.status === 'active' && START.getTime() - Date.parse(e.lastLoginAt!) > 90 * DAY_MS,
    );
    expect(departed.length).toBeGreaterThan(5);
    expect(idle.length).toBeGreaterThan(10);
    expect([...departed, ...idle].filter((e) => seen.has(e.accountId))).toEqual([]);
  });

  it('has a departed account sign in and look up citizens when that anomaly is asked for', () => {
    const departed = new Set(sut.filter((e) => e.status !== 'active').map((e) => e.accountId));
    const used = [...generator(['departed-account-use'])].filter((e) => departed.has(e.accountId));
    expect(new Set(used.map((e) => e.accountId)).size).toBe(1);
    expect(used.filter((e) => e.action === 'lookup').length).toBeGreaterThanOrEqual(5);
  });
});
