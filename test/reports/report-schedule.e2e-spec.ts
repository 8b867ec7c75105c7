import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SchedulerRegistry } from '@nestjs/schedule';
import { FixedClock } from '@app/common';
import { ConfigurationError, loadConfig } from '@app/config';
import { previousPeriod, ReportScheduleService } from '@app/reports';
import { sql } from '../ingestion/ingest.fixture';
import { bootTestApp, TestApp } from '../utils/test-app';
import { PeriodicReportCron } from '../../apps/audit-service/src/jobs/periodic-report.cron';

/** The schedules: the period that just closed, made once, whatever the replicas and restarts; their settings checked. */
describe('scheduled reports', () => {
  const clock = new FixedClock(new Date('2026-12-01T07:00:00+07:00'));
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await bootTestApp({}, { clock });
    second = await bootTestApp({}, { clock, db: first.db });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('reports the week, month and quarter that just closed, in Vietnam', () => {
    // Monday 1 December 2026 at 07:00 in Vietnam is still Monday there, whatever UTC says.
    const at = new Date('2026-12-01T00:30:00Z');
    expect(previousPeriod('weekly', at)).toEqual({ from: '2026-11-23', to: '2026-11-30' });
    expect(previousPeriod('monthly', at)).toEqual({ from: '2026-11-01', to: '2026-12-01' });
    expect(previousPeriod('quarterly', at)).toEqual({ from: '2026-07-01', to: '2026-10-01' });
    expect(previousPeriod('monthly', new Date('2027-01-01T07:00:00+07:00'))).toEqual({
      from: '2026-12-01',
      to: '2027-01-01',
    });
    expect(previousPeriod('quarterly', new Date('2027-01-01T07:00:00+07:00'))).toEqual({
      from: '2026-10-01',
      to: '2027-01-01',
    });
    expect(previousPeriod('weekly', new Date('2026-11-29T23:00:00+07:00'))).toEqual({
      from: '2026-11-16',
      to: '2026-11-23',
    });
  });

  it('makes one report of a period when two replicas tick together and again after a restart', async () => {
    const ticks = await Promise.all([
      first.app.get(ReportScheduleService).run('monthly'),
      second.app.get(ReportScheduleService).run('monthly'),
      first.app.get(ReportScheduleService).run('monthly'),
    ]);
    expect(ticks.filter((t) => t.created)).toHaveLength(1);
    expect(new Set(ticks.map((t) => t.report.id)).size).toBe(1);
    const again = await second.app.get(ReportScheduleService).run('monthly');
    expect(again).toMatchObject({
      created: false,
      report: { id: ticks[0].report.id, kind: 'monthly', period: { from: '2026-11-01', to: '2026-12-01' } },
    });
    await second.app.get(ReportScheduleService).run('weekly');
    const rows = await sql<{ kind: string; period_from: string; number: number; created_by: string }>(
      first.db.url,
      `SELECT kind, to_char(period_from, 'YYYY-MM-DD') AS period_from, number, created_by FROM report ORDER BY id`,
    );
    expect(rows).toEqual([
      { kind: 'monthly', period_from: '2026-11-01', number: 1, created_by: 'system:report-schedule' },
      { kind: 'weekly', period_from: '2026-11-23', number: 2, created_by: 'system:report-schedule' },
    ]);
    // The database itself refuses a second report of a scheduled period.
    await expect(
      sql(
        first.db.url,
        `INSERT INTO report (kind, period_from, period_to, year, number, symbol, created_at, created_by, pdf, xlsx, pdf_sha256, xlsx_sha256)
        SELECT kind, period_from, period_to, year, 99, symbol, created_at, created_by, pdf, xlsx, pdf_sha256, xlsx_sha256 FROM report WHERE kind = 'monthly'`,
      ),
    ).rejects.toThrow(/uq_report_scheduled_period/);
  });

  it('schedules each report that is not off, in Vietnam', () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      REPORTS_QUARTERLY_CRON: 'off',
      REPORTS_WEEKLY_CRON: '0 30 6 * * 1',
    });
    const registry = new SchedulerRegistry();
    const cron = new PeriodicReportCron(config, registry, first.app.get(ReportScheduleService));
    cron.onApplicationBootstrap();
    try {
      expect([...registry.getCronJobs().keys()].sort()).toEqual(['report-monthly', 'report-weekly']);
      expect(
        registry.getCronJob('report-weekly').nextDate().setZone('Asia/Ho_Chi_Minh').toFormat('ccc HH:mm'),
      ).toBe('Mon 06:30');
      expect(
        registry.getCronJob('report-monthly').nextDate().setZone('Asia/Ho_Chi_Minh').toFormat('dd HH:mm'),
      ).toBe('01 07:00');
    } finally {
      for (const job of registry.getCronJobs().values()) job.stop();
    }
  });

  it('refuses a schedule that is not a cron pattern with seconds, and an organisation file that misses the signer', () => {
    const problems = (env: Record<string, string>): string[] => {
      try {
        loadConfig({ NODE_ENV: 'test', ...env });
        return [];
      } catch (error) {
        return (error as ConfigurationError).problems;
      }
    };
    expect(problems({ REPORTS_WEEKLY_CRON: '0 7 * * 1' })).toEqual([
      expect.stringMatching(
        /^REPORTS_WEEKLY_CRON: must be a cron pattern with seconds .* \(got "0 7 \* \* 1"\)$/,
      ),
    ]);
    expect(problems({ REPORTS_MONTHLY_CRON: '0 0 7 32 * *' })).toEqual([
      expect.stringMatching(/^REPORTS_MONTHLY_CRON: /),
    ]);
    expect(problems({ REPORTS_QUARTERLY_CRON: 'off', REPORTS_OPEN_ALERT_AGE: '2d' })).toEqual([]);
    expect(loadConfig({ NODE_ENV: 'test', REPORTS_QUARTERLY_CRON: 'off' }).reports.schedules).toEqual({
      weekly: '0 0 7 * * 1',
      monthly: '0 0 7 1 * *',
      quarterly: undefined,
    });
    const dir = mkdtempSync(join(tmpdir(), 'report-org-'));
    const file = join(dir, 'org.json');
    writeFileSync(
      file,
      JSON.stringify({
        governingBody: 'UBND TỈNH X',
        issuingBody: 'VĂN PHÒNG',
        symbol: 'bc vp',
        place: 'X',
        recipients: ['Lưu: VT.'],
      }),
    );
    expect(problems({ REPORTS_ORGANISATION_FILE: file })).toEqual([
      `REPORTS_ORGANISATION_FILE: ${file}: symbol: must look like BC-VP (capitals and digits, joined by dashes)`,
      `REPORTS_ORGANISATION_FILE: ${file}: signer: Invalid input: expected object, received undefined`,
      `REPORTS_ORGANISATION_FILE: ${file}: notice: Invalid input: expected object, received undefined`,
    ]);
  });
});
