import { Role } from '@app/auth';
import { FixedClock } from '@app/common';
import { addDays, DetectionScan, publicHolidays, startOfLocalDay, weekdayOf } from '@app/detection';
import { lookupEvent, sql, TEST_SUBJECT_KEY, TestEvent } from '../ingestion/ingest.fixture';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { AlertRow, ingest } from './volume.fixture';

/**
 * The service booted for a describe block (beforeAll / afterAll), its clock at `now` so that the days scanned are
 * closed: events go in through the real ingest endpoint, the scan is the one the daily job runs.
 */
export function detectionSuite(now: string) {
  const clock = new FixedClock(new Date(now));
  let app: TestApp;
  let operator: string;
  beforeAll(async () => {
    app = await bootTestApp({ SUBJECT_HASH_KEY: TEST_SUBJECT_KEY, ROLES: 'api,jobs' }, { clock });
    operator = await bearerFor(app.app, Role.OPERATOR);
  });
  afterAll(() => app.close());
  return {
    clock,
    get url(): string {
      return app.db.url;
    },
    ingest: (events: TestEvent[]) => ingest(app.app, operator, events),
    scan: (from: string, to: string) => app.app.get(DetectionScan).scan(from, to),
  };
}

/** The Monday-Friday days of [from, to] that are not public holidays. */
export function workdaysBetween(from: string, to: string): string[] {
  const holidays = new Set([...publicHolidays(Number(from.slice(0, 4))), ...publicHolidays(Number(to.slice(0, 4)))].map((h) => h.day));
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (weekdayOf(d) !== 0 && weekdayOf(d) !== 6 && !holidays.has(d)) out.push(d);
  return out;
}

/**
 * n lookups of an account from a local time on a day ('HH:MM'), a minute apart, each of a different citizen;
 * the first withDossier name a dossier of its unit.
 */
export function sessionAt(accountId: string, unitCode: string, day: string, time: string, n: number, withDossier = n): TestEvent[] {
  const [h, m] = time.split(':').map(Number);
  const start = startOfLocalDay(day).getTime() + (h * 60 + m) * 60_000;
  return Array.from({ length: n }, (_, i) =>
    lookupEvent(i, {
      accountId,
      unitCode,
      occurredAt: new Date(start + i * 60_000).toISOString(),
      ...(i < withDossier ? { dossierCode: `${unitCode}-${day.replaceAll('-', '')}-${time.replace(':', '')}-${i}` } : {}),
    }),
  );
}

/** The alerts of one type about any of the accounts, oldest window first. */
export function alertsOfType(url: string, type: string, accountIds: string[]): Promise<(AlertRow & { dedup_key: string; score: number })[]> {
  return sql(
    url,
    `SELECT type, severity, score, account_ids, window_start, window_end, evidence, explanation_vi, explanation_en, occurrences, dedup_key
     FROM alert WHERE type = $1 AND account_ids && $2::text[] ORDER BY window_start`,
    [type, accountIds],
  );
}

/** An account as the directory describes it (the ingest path only knows accounts by their events). */
export function directoryAccount(url: string, accountId: string, unitCode: string, fields: { accountType?: 'person' | 'service'; createdAt?: string }): Promise<unknown> {
  return sql(
    url,
    `INSERT INTO account (account_id, unit_code, in_directory, account_type, directory_created_at, first_seen_at, updated_at)
     VALUES ($1, $2, true, $3, $4, now(), now())
     ON CONFLICT (account_id) DO UPDATE SET account_type = excluded.account_type, directory_created_at = excluded.directory_created_at`,
    [accountId, unitCode, fields.accountType ?? 'person', fields.createdAt ?? null],
  );
}
