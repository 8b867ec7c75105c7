import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { AccountLockService, IdleLockService } from '@app/accounts';
import { AlertTriageService } from '@app/alerts';
import { Role } from '@app/auth';
import { FixedClock } from '@app/common';
import { DetectionScan, localDay, weekdayOf } from '@app/detection';
import { accountDirectory, LabelledProvinceGenerator, simulatedSourceSystems } from '@app/gateway-simulator';
import { ReportArchiveService, ReportScheduleService } from '@app/reports';
import { sql, TEST_SUBJECT_KEY } from '../ingestion/ingest.fixture';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { ensurePoppler, firstPagePng, pageCount, pdfText } from './poppler';

const SAMPLES = join(__dirname, '..', '..', 'docs', 'samples');
const REVIEWER = { kind: 'user' as const, id: null, name: 'Trần Văn Duyệt' };
/** Who reads the sample's files, for the security log. */
const SAMPLE_READER = { actor: { kind: 'system' as const, name: 'report-sample' } };

/**
 * The monthly report of a simulated province (March 2026, after a month of history for the baselines), made by the
 * schedule as it would be on 1 April. UPDATE_SAMPLES=1 writes it to docs/samples/ (PDF, XLSX, PNG of page 1).
 */
describe('the monthly report of a simulated province', () => {
  const clock = new FixedClock(new Date('2026-02-22T12:00:00+07:00'));
  let sut: TestApp;

  beforeAll(async () => {
    ensurePoppler();
    sut = await bootTestApp({ SUBJECT_HASH_KEY: TEST_SUBJECT_KEY, DETECTION_STREAMING: 'false' }, { clock });
  });
  afterAll(() => sut?.close());

  it('makes a PDF that names the province’s units and says its figures, and an XLSX beside it', async () => {
    const g = new LabelledProvinceGenerator({
      seed: 'bao-cao',
      start: new Date('2026-02-23T00:00:00+07:00'),
      days: 37,
      units: 30,
      accounts: 150,
    });
    const http = () => request(sut.app.getHttpServer());
    let admin = await bearerFor(sut.app, Role.ADMIN);
    for (const s of simulatedSourceSystems())
      await http().post('/v1/source-systems').set('Authorization', admin).send(s).expect(201);
    const entries = accountDirectory(g.province, g.startsAt);
    const sync = await http()
      .post('/v1/accounts/sync?mode=full')
      .set('Authorization', admin)
      .send(entries)
      .expect(200);
    if (sync.body.outcome === 'blocked')
      await http()
        .post(`/v1/accounts/sync?mode=full&confirm=${sync.body.confirmationToken}`)
        .set('Authorization', admin)
        .send(entries)
        .expect(200);

    // Mid-March: the directory says one official moved and one retired; an admin locks one account and unlocks another.
    const monthsChanges = async () => {
      const active = entries.filter((e) => e.status === 'active' && e.accountType === 'person');
      const changed = entries.map((e) =>
        e === active[0] ? { ...e, status: 'transferred' } : e === active[1] ? { ...e, status: 'retired' } : e,
      );
      await http().post('/v1/accounts/sync?mode=full').set('Authorization', admin).send(changed).expect(200);
      const locks = sut.app.get(AccountLockService);
      await locks.lock(
        active[2].accountId,
        'user:admin',
        'Tạm khóa để xác minh theo yêu cầu của đơn vị',
        clock.now(),
      );
      await locks.unlock(active[2].accountId, 'user:admin', 'Đơn vị đã xác minh', clock.now());
      await locks.lock(active[3].accountId, 'user:admin', 'Nghỉ phép dài hạn', clock.now());
    };
    // Day by day, the clock at the day's end; the idle-lock job runs on the first working day of March.
    let day = '';
    let scanFrom = '2026-03-01';
    let batch: unknown[] = [];
    const flush = async () => {
      for (let i = 0; i < batch.length; i += 5000)
        await http()
          .post('/v1/ingest/events')
          .set('Authorization', admin)
          .send(batch.slice(i, i + 5000))
          .expect(200);
      batch = [];
    };
    for (const event of g) {
      const d = localDay(new Date(event.occurredAt));
      if (d !== day) {
        await flush();
        // The closed days scanned each Monday at 01:00 (the daily job, a week at a time to keep the test short):
        // alerts are raised through the month, so some are old when the report is made.
        if (weekdayOf(d) === 1 && day >= scanFrom) {
          clock.set(`${d}T01:00:00+07:00`);
          await sut.app.get(DetectionScan).scan(scanFrom, day);
          scanFrom = d;
        }
        day = d;
        clock.set(`${d}T23:59:00+07:00`);
        admin = await bearerFor(sut.app, Role.ADMIN);
        if (d === '2026-03-02') await sut.app.get(IdleLockService).run();
        if (d === '2026-03-16') await monthsChanges();
      }
      batch.push(event);
    }
    await flush();
    clock.set('2026-04-01T01:00:00+07:00');
    await sut.app.get(DetectionScan).scan(scanFrom, day);

    // A reviewer concludes on some of March's volume alerts, as the Office's staff would.
    const volume = await sql<{ id: string }>(
      sut.db.url,
      `SELECT id::text FROM alert WHERE type LIKE 'volume%' AND window_start >= '2026-03-01T00:00:00+07:00' ORDER BY score DESC LIMIT 3`,
    );
    const outcomes = ['true_positive', 'expected', 'false_positive'] as const;
    for (const [i, a] of volume.entries())
      await sut.app.get(AlertTriageService).resolve(a.id, outcomes[i], REVIEWER, 'Đã xác minh với đơn vị');

    clock.set('2026-04-01T07:00:00+07:00');
    const { report, created } = await sut.app.get(ReportScheduleService).run('monthly');
    expect(created).toBe(true);
    expect(report.period).toEqual({ from: '2026-03-01', to: '2026-04-01' });
    const { data: pdf } = await sut.app.get(ReportArchiveService).file(report.id, 'pdf', SAMPLE_READER);
    const { data: xlsx } = await sut.app.get(ReportArchiveService).file(report.id, 'xlsx', SAMPLE_READER);

    const text = pdfText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain('từ ngày 01/03/2026 đến hết ngày 31/03/2026');
    expect(text).toContain('Quảng Trị, ngày 01 tháng 4 năm 2026');
    const [busiest] = await sql<{ unit_name: string; lookups: number }>(
      sut.db.url,
      `SELECT max(a.unit_name) AS unit_name, sum(d.lookups)::int AS lookups FROM account_day d JOIN account a ON a.unit_code = d.unit_code
       WHERE d.day >= '2026-03-01' AND d.day < '2026-04-01' GROUP BY d.unit_code ORDER BY 2 DESC LIMIT 1`,
    );
    expect(text).toContain(busiest.unit_name);
    expect(report.summary!.lookups).toBeGreaterThan(1000);
    expect(text).toContain(
      `hệ thống ghi nhận ${new Intl.NumberFormat('vi-VN').format(report.summary!.lookups)} lượt tra cứu`,
    );
    expect(report.summary!.abnormalAccounts).toBeGreaterThan(0);
    expect(pageCount(pdf)).toBeGreaterThan(2);
    // Alerts raised through March and still waiting on 1 April: the high and critical ones older than 3 days are listed.
    expect(report.summary!.overdueAlerts).toBeGreaterThan(0);

    if (process.env.UPDATE_SAMPLES === '1') {
      mkdirSync(SAMPLES, { recursive: true });
      writeFileSync(join(SAMPLES, 'bao-cao-thang-2026-03.pdf'), pdf);
      writeFileSync(join(SAMPLES, 'bao-cao-thang-2026-03.xlsx'), xlsx);
      writeFileSync(join(SAMPLES, 'bao-cao-thang-2026-03.png'), firstPagePng(pdf, 110));
    }
  }, 300_000);
});
