import { idleBasisSql, idleSinceSql } from '@app/accounts';
import { sql } from '../ingestion/ingest.fixture';
import { createTestDatabase, TestDatabase } from '../utils/test-database';

interface Evidence {
  activity?: string;
  lastLogin?: string;
  created?: string;
  listed?: string;
  grace?: string;
}

/** The rule as docs/accounts.md states it, evaluated by PostgreSQL with the one SQL helper the service uses. */
describe('idleSinceSql', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  const LOGS_FROM = '2026-08-01T00:00:00+07:00';

  it.each<[string, string | null, Evidence, string | null, string]>([
    ['no logs, nothing known', null, { created: '2025-01-02T08:00:00+07:00' }, null, 'no_evidence'],
    ['no logs, an unlock', null, { grace: '2026-09-01T08:00:00+07:00' }, null, 'no_evidence'],
    [
      'no logs, a directory sign-in',
      null,
      { lastLogin: '2026-07-20T09:00:00+07:00' },
      '2026-07-20T09:00:00+07:00',
      'directory_last_login',
    ],
    [
      'created long before the logs',
      LOGS_FROM,
      { created: '2025-01-02T08:00:00+07:00' },
      LOGS_FROM,
      'observation_start',
    ],
    [
      'a sign-in older than the logs is a fact',
      LOGS_FROM,
      { lastLogin: '2026-05-01T09:00:00+07:00' },
      '2026-05-01T09:00:00+07:00',
      'directory_last_login',
    ],
    [
      'used after the logs began',
      LOGS_FROM,
      { activity: '2026-08-24T10:00:00+07:00', created: '2025-01-02T08:00:00+07:00' },
      '2026-08-24T10:00:00+07:00',
      'activity',
    ],
    [
      'created after the logs began',
      LOGS_FROM,
      { created: '2026-10-01T09:00:00+07:00' },
      '2026-10-01T09:00:00+07:00',
      'directory_created',
    ],
    [
      'listed by a later sync, no creation date',
      LOGS_FROM,
      { listed: '2026-11-24T14:00:00+07:00' },
      '2026-11-24T14:00:00+07:00',
      'listed',
    ],
    [
      'unlocked after its last use',
      LOGS_FROM,
      { activity: '2026-08-24T10:00:00+07:00', grace: '2026-11-02T08:00:00+07:00' },
      '2026-11-02T08:00:00+07:00',
      'unlock_grace',
    ],
  ])('%s', async (_case, logsFrom, e, since, basis) => {
    const [row] = await sql<{ since: Date | null; basis: string }>(
      db.url,
      `SELECT ${idleSinceSql('a', '$6')} AS since, ${idleBasisSql('a', '$6')} AS basis
       FROM (SELECT $1::timestamptz AS last_activity_at, $2::timestamptz AS directory_last_login_at,
                    $3::timestamptz AS directory_created_at, $4::timestamptz AS listed_at, $5::timestamptz AS grace_from) a`,
      [
        e.activity ?? null,
        e.lastLogin ?? null,
        e.created ?? null,
        e.listed ?? null,
        e.grace ?? null,
        logsFrom,
      ],
    );
    expect({ since: row.since, basis: row.basis }).toEqual({ since: since ? new Date(since) : null, basis });
  });
});
