import type { INestApplication } from '@nestjs/common';
import { AccountLockService } from '@app/accounts';
import { AlertsService, AlertTriageService } from '@app/alerts';
import { FixedClock } from '@app/common';
import { SourceSystemRegistry } from '@app/source-systems';
import { lookupEvent, sql } from '../ingestion/ingest.fixture';
import { dayOfLookups, ingest } from '../detection/volume.fixture';

export const UNIT_A = '000.00.31.H52';
export const UNIT_B = '000.00.32.H52';
export const UNIT_POST = '000.00.40.H52';
export const UNIT_NAMES: Record<string, string> = {
  [UNIT_A]: 'UBND xã Triệu Phong',
  [UNIT_B]: 'UBND phường Đông Hà',
  [UNIT_POST]: 'Bưu điện tỉnh Quảng Trị',
};
/** A day whose lookups the aggregates hold (as a big province's month would): written 1.035.379 in the PDF. */
export const BIG_LOOKUPS = 1_035_379;
export const BIG_EXPLAINED = 987_654;

const REVIEWER = { kind: 'user' as const, id: null, name: 'Trần Văn Duyệt' };

/**
 * A November 2026 of a small province: lookups of two communes (ingested, so the aggregates count them), a post
 * office's day of a million lookups (put in the aggregates directly), a registered system and an unregistered one,
 * undeclared fields, locks for each cause, a warning, an unlock, volume alerts triaged and one left overdue.
 */
export async function seedNovember(
  app: INestApplication,
  url: string,
  clock: FixedClock,
  operator: string,
): Promise<void> {
  await sql(
    url,
    `INSERT INTO source_system (code, name, operator_org, allowed_fields, legal_basis) VALUES
    ('igate', 'Hệ thống thông tin giải quyết TTHC tỉnh', 'VNPT Quảng Trị', '{fullName,dateOfBirth,permanentAddress}', 'Quyết định 1234/QĐ-UBND'),
    ('vnpost', 'Phần mềm Bưu điện', 'Bưu điện tỉnh', '{fullName}', null) ON CONFLICT DO NOTHING`,
  );
  await app.get(SourceSystemRegistry).refresh();
  // The directory's accounts (as a sync would list them).
  await sql(
    url,
    `INSERT INTO account (account_id, full_name, unit_code, unit_name, in_directory, first_seen_at, updated_at)
     SELECT a, n, u, $1::jsonb->>u, true, '2026-01-01T00:00:00+07:00', now()
     FROM unnest($2::text[], $3::text[], $4::text[]) AS x(a, n, u) ON CONFLICT DO NOTHING`,
    [
      JSON.stringify(UNIT_NAMES),
      ['cb.xa31.lethic', 'cb.xa31.nguyenvb', 'cb.ph32.tranvc', 'bd.tinh.phamd'],
      ['Lê Thị Cúc', 'Nguyễn Văn Bình', 'Trần Văn Cường', 'Phạm Đức'],
      [UNIT_A, UNIT_A, UNIT_B, UNIT_POST],
    ],
  );
  await ingest(app, operator, [
    ...dayOfLookups('cb.xa31.lethic', UNIT_A, '2026-11-10', 40, 30),
    ...dayOfLookups('cb.xa31.nguyenvb', UNIT_A, '2026-11-11', 10, 10),
    ...dayOfLookups('cb.ph32.tranvc', UNIT_B, '2026-11-12', 20, 5),
    lookupEvent(900, {
      accountId: 'cb.ph32.tranvc',
      unitCode: UNIT_B,
      occurredAt: '2026-11-12T03:00:00+00:00',
      fields: ['fullName', 'religion'],
    }),
    lookupEvent(901, {
      accountId: 'cb.ph32.tranvc',
      unitCode: UNIT_B,
      occurredAt: '2026-11-12T03:01:00+00:00',
      sourceSystem: 'app-la',
      fields: ['fullName'],
    }),
    lookupEvent(902, {
      accountId: 'cb.xa31.lethic',
      unitCode: UNIT_A,
      occurredAt: '2026-11-10T02:00:00+00:00',
      action: 'login',
      subjectId: undefined,
      fields: [],
    }),
    // October: outside the period.
    ...dayOfLookups('cb.xa31.lethic', UNIT_A, '2026-10-30', 7, 0),
  ]);
  await sql(
    url,
    `INSERT INTO account_day (account_id, day, unit_code, events, lookups, explained) VALUES ('bd.tinh.phamd', '2026-11-20', $1, $2, $2, $3)`,
    [UNIT_POST, BIG_LOOKUPS, BIG_EXPLAINED],
  );
  await sql(
    url,
    `INSERT INTO source_system_day (day, source_system, unit_code, lookups, explained) VALUES ('2026-11-20', 'vnpost', $1, $2, $3)`,
    [UNIT_POST, BIG_LOOKUPS, BIG_EXPLAINED],
  );

  // Locks of the period, for each cause: by hand through the service, the others as their jobs record them.
  clock.set('2026-11-15T10:00:00+07:00');
  await app
    .get(AccountLockService)
    .lock('cb.xa31.nguyenvb', 'user:admin', 'Nghỉ việc theo quyết định', clock.now());
  await app
    .get(AccountLockService)
    .unlock('cb.xa31.nguyenvb', 'user:admin', 'Đã xác minh', new Date('2026-11-16T10:00:00+07:00'));
  await sql(
    url,
    `INSERT INTO account_history (account_id, at, actor, change_kind, after, evidence) VALUES
    ('cb.old.1', '2026-11-05T00:30:00+07:00', 'system:idle-lock-job', 'locked', '{"state":"locked","lockReason":"idle"}', '{}'),
    ('cb.old.2', '2026-11-05T00:30:00+07:00', 'system:idle-lock-job', 'locked', '{"state":"locked","lockReason":"idle"}', '{}'),
    ('cb.moved', '2026-11-06T09:00:00+07:00', 'producer:igate', 'locked', '{"state":"locked","lockReason":"directory_status"}', '{"directoryStatus":"transferred"}'),
    ('cb.retired', '2026-11-06T09:00:00+07:00', 'producer:igate', 'locked', '{"state":"locked","lockReason":"directory_status"}', '{"directoryStatus":"retired"}'),
    ('cb.gone', '2026-11-07T09:00:00+07:00', 'producer:igate', 'locked', '{"state":"locked","lockReason":"removed_from_directory"}', '{}'),
    ('cb.before', '2026-10-31T23:59:00+07:00', 'system:idle-lock-job', 'locked', '{"state":"locked","lockReason":"idle"}', '{}')`,
  );
  await sql(
    url,
    `INSERT INTO account_lock_warning (account_id, lock_due_on, offset_days, created_at) VALUES ('cb.ph32.tranvc', '2026-12-10', 14, '2026-11-26T00:30:00+07:00')`,
  );

  const alerts = app.get(AlertsService);
  const day = (d: string) => new Date(`${d}T00:00:00+07:00`);
  const volume = await alerts.raise({
    type: 'volume_own_baseline',
    severity: 'high',
    accountId: 'cb.xa31.lethic',
    unitCode: UNIT_A,
    occurredAt: day('2026-11-10'),
    windowStart: day('2026-11-10'),
    windowEnd: new Date(day('2026-11-11').getTime() - 1),
    evidence: { observed: { lookups: 40 }, expected: { baseline: 4 } },
    explanationVi:
      'Tài khoản cb.xa31.lethic tra cứu 40 công dân ngày 10/11/2026, gấp 10 lần mức thường ngày (4).',
  });
  await app.get(AlertTriageService).resolve(volume.id, 'true_positive', REVIEWER, 'Đã làm việc với cán bộ');
  await alerts.raise({
    type: 'subject_volume',
    severity: 'medium',
    accountId: 'cb.ph32.tranvc',
    unitCode: UNIT_B,
    occurredAt: day('2026-11-12'),
    evidence: { observed: { subjects: 21 }, expected: { baseline: 3 } },
  });
  clock.set('2026-11-20T09:00:00+07:00');
  await alerts.raise({
    type: 'enumeration',
    severity: 'critical',
    accountId: 'cb.ph32.tranvc',
    unitCode: UNIT_B,
    occurredAt: day('2026-11-20'),
    evidence: {},
  });
  clock.set('2026-12-02T09:00:00+07:00');
}
