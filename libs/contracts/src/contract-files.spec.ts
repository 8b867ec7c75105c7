import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACTS_SOURCE_DIR, QUERY_LOG_EVENT_V1_PROPERTIES } from './contract-files.constant';

/** The shared contracts folder beside the repository, when this checkout has one. */
const SHARED = join(CONTRACTS_SOURCE_DIR, '..', '..', '..', 'shared', 'contracts');

describe('contract files', () => {
  const pairs = (): [string, string][] => [
    ...readdirSync(SHARED)
      .filter((f) => f.endsWith('.json'))
      .map((f): [string, string] => [join(SHARED, f), join(CONTRACTS_SOURCE_DIR, 'schemas', f)]),
    ...readdirSync(join(SHARED, 'examples')).map((f): [string, string] => [
      join(SHARED, 'examples', f),
      join(CONTRACTS_SOURCE_DIR, 'examples', f),
    ]),
  ];

  (existsSync(SHARED) ? it : it.skip)('are byte-for-byte the shared contracts, so drift is caught', () => {
    for (const [shared, ours] of pairs()) {
      expect({ file: ours, exists: existsSync(ours) }).toEqual({ file: ours, exists: true });
      expect({ file: ours, text: readFileSync(ours, 'utf8') }).toEqual({ file: ours, text: readFileSync(shared, 'utf8') });
    }
  });

  it('name the v1 event properties', () => {
    expect([...QUERY_LOG_EVENT_V1_PROPERTIES]).toEqual(
      expect.arrayContaining(['schemaVersion', 'eventId', 'occurredAt', 'subjectId', 'fields', 'userAgent']),
    );
    expect(QUERY_LOG_EVENT_V1_PROPERTIES.has('terminalId')).toBe(false);
  });
});
