import { AlertsService } from '@app/alerts';
import { FixedClock } from '@app/common';
import { DataSource } from 'typeorm';
import { createMigratedDatabase } from '../utils/test-database';
import { AlertsApi, bootAlertsApi, bootAlertsReplica, localDay } from './alerts.fixture';

describe('Alert dedup', () => {
  let api: AlertsApi;
  beforeAll(async () => (api = await bootAlertsApi()));
  afterAll(() => api.close());

  it('twenty raises of one finding at once make one alert, counted twenty times, at the highest severity and score', async () => {
    const day = localDay('2026-11-14');
    const severities = ['low', 'medium', 'high', 'critical'] as const;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api.raise({
          accountId: 'cb.parallel',
          unitCode: 'xa12',
          ...day,
          severity: severities[i % 4],
          score: i,
          evidence: { observed: { subjects: 100 + i }, expected: { baseline: 19 }, sampleEventIds: [`e-${i}`] },
        }),
      ),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);

    const rows = await api.sql<{ id: string; occurrences: number; severity: string; score: number }>(
      `SELECT id::text, occurrences, severity, score FROM alert WHERE account_ids = ARRAY['cb.parallel']`,
    );
    expect(rows).toEqual([{ id: results[0].id, occurrences: 20, severity: 'critical', score: 19 }]);
    const actions = await api.sql<{ action: string; n: number }>(
      `SELECT action, count(*)::int AS n FROM alert_action WHERE alert_id = $1 GROUP BY action ORDER BY action`,
      [results[0].id],
    );
    expect(actions).toEqual([
      { action: 'raised', n: 1 },
      { action: 'updated', n: 19 },
    ]);
  });

  it('new evidence for the same account, type and window updates the alert; another window is another alert', async () => {
    const day = localDay('2026-11-13');
    const first = await api.raise({ accountId: 'cb.repeat', ...day, severity: 'high', score: 5, evidence: { observed: { subjects: 90 }, expected: { baseline: 19 } } });
    const again = await api.raise({ accountId: 'cb.repeat', ...day, severity: 'medium', score: 2, evidence: { observed: { subjects: 212 }, expected: { baseline: 19 } } });
    expect(again).toEqual({ id: first.id, created: false, status: 'open' });

    const alert = await api.t.app.get(AlertsService).get(first.id);
    expect(alert).toMatchObject({ severity: 'high', score: 5, occurrences: 2, accountId: 'cb.repeat', accountIds: ['cb.repeat'] });
    // The latest evidence, and the explanation said from it.
    expect(alert.evidence).toEqual({ observed: { subjects: 212 }, expected: { baseline: 19 } });
    expect(alert.explanationVi).toBe('Tài khoản cb.repeat tra cứu 212 công dân ngày 13/11/2026, gấp 11 lần mức thường ngày (19).');
    expect(alert.actions.map((a) => a.action)).toEqual(['raised', 'updated']);
    expect(alert.actions[1].details).toMatchObject({ before: { occurrences: 1, severity: 'high' }, after: { occurrences: 2, severity: 'high' } });

    const next = await api.raise({ accountId: 'cb.repeat', ...localDay('2026-11-14') });
    expect(next.created).toBe(true);
  });

  it('several accounts make one alert naming them all, whatever order they come in', async () => {
    const day = localDay('2026-11-12');
    const a = await api.raise({ type: 'shared_subjects', accountIds: ['cb.b', 'cb.a'], ...day });
    const b = await api.raise({ type: 'shared_subjects', accountIds: ['cb.a', 'cb.b'], ...day });
    expect(b).toMatchObject({ id: a.id, created: false });
    expect(await api.t.app.get(AlertsService).get(a.id)).toMatchObject({ accountId: null, accountIds: ['cb.a', 'cb.b'] });
  });

  it("keeps the accounts feature's way of raising: its dedup key, a moment for a window, and an explanation in both languages", async () => {
    const at = new Date('2026-11-15T01:30:00Z');
    const input = {
      type: 'locked_account_in_use',
      severity: 'critical' as const,
      accountId: 'cb.leaver',
      occurredAt: at,
      dedupKey: 'locked_account_in_use:cb.leaver:cmd-1',
      evidence: { eventCount: 3, firstEventAt: at, lastEventAt: new Date('2026-11-15T02:00:00Z'), lockReason: 'retired', lockedAt: new Date('2026-11-10T03:00:00Z') },
    };
    const raised = await api.t.app.get(AlertsService).raise(input);
    await api.t.app.get(AlertsService).raise(input);
    const [listed] = await api.t.app.get(AlertsService).list({ type: 'locked_account_in_use', accountId: 'cb.leaver' });
    expect(listed).toMatchObject({ id: raised.id, windowStart: at, windowEnd: at, occurrences: 2, evidence: { eventCount: 3, occurrences: 2 } });
    expect(listed.explanationVi).toBe(
      'Tài khoản cb.leaver đã bị khóa lúc 10:00 10/11/2026 (lý do: retired) nhưng vẫn được dùng 3 lần, từ 08:30 15/11/2026 đến 09:00 15/11/2026, ' +
        'sau khi lệnh khóa đã đến hệ thống TTHC. Cần xác minh ai đang dùng tài khoản này và vì sao lệnh khóa không có hiệu lực.',
    );
    expect(listed.explanationEn).toContain('was still used 3 time(s)');
  });

  it('two replicas on one database raising the same findings at once make one alert each', async () => {
    const db = await createMigratedDatabase();
    const clock = new FixedClock(new Date('2026-11-15T09:00:00+07:00'));
    const replicas = await Promise.all([bootAlertsReplica(db.url, clock), bootAlertsReplica(db.url, clock)]);
    try {
      const raises = replicas.flatMap((r) =>
        Array.from({ length: 10 }, (_, i) =>
          r.get(AlertsService).raise({
            type: 'subject_volume',
            severity: 'high',
            accountId: `cb.replica-${i % 2}`,
            occurredAt: clock.now(),
            ...localDay('2026-11-14'),
            evidence: { observed: { subjects: 100 + i } },
          }),
        ),
      );
      const results = await Promise.all(raises);
      expect(new Set(results.map((r) => r.id)).size).toBe(2);
      const rows = await replicas[0].get(DataSource).query(`SELECT account_id, occurrences FROM alert ORDER BY account_id`);
      expect(rows).toEqual([
        { account_id: 'cb.replica-0', occurrences: 10 },
        { account_id: 'cb.replica-1', occurrences: 10 },
      ]);
    } finally {
      await Promise.all(replicas.map((r) => r.close()));
      await db.drop();
    }
  });
});
