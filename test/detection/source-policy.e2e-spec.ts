import request from 'supertest';
import { Role } from '@app/auth';
import { FixedClock } from '@app/common';
import { DetectionScan, startOfLocalDay } from '@app/detection';
import { lookupEvent, sql, TEST_SUBJECT_KEY, TestEvent } from '../ingestion/ingest.fixture';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { ingest } from './volume.fixture';

interface PolicyAlert {
  type: string;
  severity: string;
  account_ids: string[];
  source_systems: string[];
  window_start: Date;
  evidence: Record<string, unknown>;
  explanation_vi: string;
  explanation_en: string;
  occurrences: number;
}

/** Detector 13: source-system policy breaches flagged at ingest become alerts, live and by the day scan alike. */
describe('source-system policy detection', () => {
  const day = '2026-11-24';
  const clock = new FixedClock(new Date(`${day}T18:00:00+07:00`));
  let sut: TestApp;
  let operator: string;
  const policyAlerts = () =>
    sql<PolicyAlert>(
      sut.db.url,
      `SELECT type, severity, account_ids, source_systems, window_start, evidence, explanation_vi, explanation_en, occurrences
       FROM alert WHERE type IN ('unregistered_source_system', 'undeclared_fields') ORDER BY type, source_systems`,
    );
  const at = (minute: number) => ({ occurredAt: new Date(startOfLocalDay(day).getTime() + (9 * 60 + minute) * 60_000).toISOString() });
  const events = (n: number, from: number, overrides: Partial<TestEvent>) =>
    Array.from({ length: n }, (_, i) => lookupEvent(i, { accountId: `cb.pol.${i % 2}`, unitCode: '000.00.40.H52', clientIp: '10.40.0.5', ...at(from + i), ...overrides }));

  beforeAll(async () => {
    sut = await bootTestApp({ SUBJECT_HASH_KEY: TEST_SUBJECT_KEY }, { clock });
    operator = await bearerFor(sut.app, Role.OPERATOR);
    await request(sut.app.getHttpServer())
      .post('/v1/source-systems')
      .set('Authorization', operator)
      .send({ code: 'igate', name: 'iGate', operatorOrg: 'VNPT', allowedFields: ['fullName', 'dateOfBirth'] })
      .expect(201);
  });
  afterAll(() => sut.close());

  it('an unregistered system and fields beyond a declaration are one alert each per system and day, updated by later batches and by the scan', async () => {
    await ingest(sut.app, operator, [
      ...events(5, 0, { sourceSystem: 'shadow-app' }),
      ...events(4, 10, { fields: ['fullName', 'religion'] }),
      ...events(3, 20, { fields: ['fullName', 'gender'] }),
      ...events(6, 30, {}), // declared: nothing to raise
    ]);
    const live = await policyAlerts();
    expect(live.map((a) => [a.type, a.severity, a.account_ids, a.source_systems, a.window_start, a.occurrences])).toEqual([
      ['undeclared_fields', 'high', [], ['igate'], startOfLocalDay(day), 1],
      ['unregistered_source_system', 'high', [], ['shadow-app'], startOfLocalDay(day), 1],
    ]);
    expect(live[0].evidence).toMatchObject({
      sourceSystem: 'igate',
      day,
      events: 7,
      accounts: 2,
      sampleAccountIds: ['cb.pol.0', 'cb.pol.1'],
      unitCodes: ['000.00.40.H52'],
      fields: [
        { field: 'gender', events: 3, sensitive: false },
        { field: 'religion', events: 4, sensitive: true },
      ],
      sensitiveFields: ['religion'],
      withDossierShare: 0,
    });
    expect(live[0].evidence.sampleEventIds).toHaveLength(5);
    expect(live[0].explanation_vi).toBe(
      'Hệ thống kết nối igate nhận 7 bản ghi ngày 24/11/2026 (từ 09:10 đến 09:22, 2 tài khoản) có trường dữ liệu ngoài phạm vi đã khai báo: ' +
        'gender (3 lượt), religion (4 lượt, thuộc nhóm nhạy cảm). Hệ thống chỉ được nhận các trường đã khai báo khi đăng ký: ' +
        'cần kiểm tra cấu hình trả dữ liệu, hoặc bổ sung khai báo nếu có căn cứ.',
    );
    expect(live[1].evidence).toMatchObject({ sourceSystem: 'shadow-app', events: 5, accounts: 2 });
    expect(live[1].explanation_vi).toContain('Hệ thống kết nối shadow-app, không có trong danh mục hệ thống đã đăng ký, có 5 bản ghi nhật ký tra cứu ngày 24/11/2026');

    // A later batch of the same day: the same alert, with the whole day's count.
    await ingest(sut.app, operator, events(2, 40, { sourceSystem: 'shadow-app' }));
    const [, updated] = await policyAlerts();
    expect(updated).toMatchObject({ occurrences: 2, evidence: { events: 7 } });

    clock.set('2026-11-25T09:00:00+07:00');
    const outcome = await sut.app.get(DetectionScan).scan(day, day);
    expect(outcome.findings).toMatchObject({ unregistered_source_system: 1, undeclared_fields: 1 });
    const scanned = await policyAlerts();
    expect(scanned.map((a) => [a.type, a.occurrences])).toEqual([
      ['undeclared_fields', 2],
      ['unregistered_source_system', 3],
    ]);
    expect(scanned[1].evidence).toEqual(updated.evidence);
  });
});
