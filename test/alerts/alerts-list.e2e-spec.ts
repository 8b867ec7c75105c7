import { Role } from '@app/auth';
import { AlertMetricsService, AlertSeverity } from '@app/alerts';
import { AlertsApi, bootAlertsApi, localDay } from './alerts.fixture';

describe('Alert list', () => {
  let api: AlertsApi;
  let reviewer: string;

  beforeAll(async () => {
    api = await bootAlertsApi('2026-11-30T09:00:00+07:00');
    reviewer = await api.as(Role.REVIEWER);
    // 36 alerts over 12 days, 3 units, 3 types, 4 severities; several share a window (ties broken by id).
    const severities: AlertSeverity[] = ['low', 'medium', 'high', 'critical'];
    const types = ['subject_volume', 'export_size', 'off_hours'];
    for (let i = 0; i < 36; i++) {
      const day = `2026-11-${String(10 + (i % 12)).padStart(2, '0')}`;
      const unit = `xa${i % 3}`;
      // Raised at four different minutes, with scores that tie, so that every sort has ties for the id to break.
      api.clock.set(new Date(Date.parse('2026-11-30T08:00:00+07:00') + (i % 4) * 60_000));
      await api.raise({
        score: (i % 5) * 1.5,
        type: types[i % 3 === 0 ? 0 : i % 2 ? 1 : 2],
        severity: severities[i % 4],
        ...(i % 7 === 0 ? { accountIds: [`cb.${unit}.a`, `cb.${unit}.shared`] } : { accountId: `cb.${unit}.${i % 5 === 0 ? 'a' : 'b'}` }),
        unitCode: unit,
        ...localDay(day),
      });
    }
    api.clock.set(new Date('2026-11-30T09:00:00+07:00'));
    const [first] = await api.sql<{ id: string }>(`SELECT id::text FROM alert ORDER BY id LIMIT 1`);
    await api.http().post(`/v1/alerts/${first.id}/resolve`).set('Authorization', reviewer).send({ outcome: 'false_positive' }).expect(200);
  });
  afterAll(() => api.close());

  /** Every page of GET /v1/alerts with the query, followed by cursor. */
  async function allPages(query: Record<string, string>, limit: number): Promise<{ ids: string[]; pages: number; items: Record<string, unknown>[] }> {
    const items: Record<string, unknown>[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { body: { items: Record<string, unknown>[]; nextCursor: string | null } } = await api
        .http()
        .get('/v1/alerts')
        .query({ ...query, limit: String(limit), ...(cursor ? { cursor } : {}) })
        .set('Authorization', reviewer)
        .expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(limit);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    return { ids: items.map((a) => a.id as string), pages, items };
  }

  /** The same question asked of the table directly, in the documented order. */
  const expected = (where: string, params: unknown[] = []) =>
    api.sql<{ id: string }>(`SELECT id::text FROM alert WHERE ${where} ORDER BY window_start DESC, alert.id DESC`, params).then((r) => r.map((x) => x.id));

  it.each([
    ['no filter (everything but suppressed)', {}, `status <> 'suppressed'`, []],
    ['status', { status: 'resolved' }, `status = 'resolved'`, []],
    ['type and severity', { type: 'export_size', severity: 'medium' }, `type = 'export_size' AND severity = 'medium'`, []],
    ['an account, alone or among several', { accountId: 'cb.xa0.a' }, `'cb.xa0.a' = ANY(account_ids)`, []],
    ['unit and window', { unitCode: 'xa1', from: '2026-11-13T00:00:00+07:00', to: '2026-11-17T00:00:00+07:00' },
      `unit_code = 'xa1' AND window_end >= $1 AND window_start < $2`, ['2026-11-13T00:00:00+07:00', '2026-11-17T00:00:00+07:00']],
  ] as const)('returns exactly the alerts of %s, newest window first, page by page', async (_name, query, where, params) => {
    const want = await expected(where, [...params]);
    expect(want.length).toBeGreaterThan(0);
    const got = await allPages(query as Record<string, string>, 4);
    expect(got.ids).toEqual(want);
    expect(got.pages).toBe(Math.max(1, Math.ceil(want.length / 4)));
  });

  it.each([
    ['window', 'window_start'],
    ['raised', 'created_at'],
    ['severity', `array_position(ARRAY['info', 'low', 'medium', 'high', 'critical'], severity)`],
    ['score', 'score'],
    ['updated', 'updated_at'],
  ])('sorts by %s both ways, page by page, with no alert twice and none missed', async (sort, column) => {
    for (const order of ['desc', 'asc'] as const) {
      const want = await api
        .sql<{ id: string }>(`SELECT id::text FROM alert WHERE status <> 'suppressed' ORDER BY ${column} ${order}, alert.id ${order}`)
        .then((r) => r.map((x) => x.id));
      const got = await allPages({ sort, order }, 5);
      expect(got.ids).toEqual(want);
      expect(new Set(got.ids).size).toBe(want.length);
      expect(got.pages).toBe(Math.ceil(want.length / 5));
    }
  });

  it('refuses a cursor of another sort', async () => {
    const first = await api.http().get('/v1/alerts?sort=score&limit=3').set('Authorization', reviewer).expect(200);
    await api.http().get('/v1/alerts').query({ sort: 'severity', cursor: first.body.nextCursor }).set('Authorization', reviewer).expect(400);
    await api.http().get('/v1/alerts').query({ sort: 'score', order: 'asc', cursor: first.body.nextCursor }).set('Authorization', reviewer).expect(400);
    await api.http().get('/v1/alerts?sort=nonsense').set('Authorization', reviewer).expect(400);
  });

  it('names the account of each alert, or the accounts when several', async () => {
    const { items } = await allPages({ unitCode: 'xa0' }, 50);
    const shared = items.filter((a) => (a.accountIds as string[]).length > 1);
    expect(shared.length).toBeGreaterThan(0);
    for (const a of shared) expect(a).toMatchObject({ accountId: null, accountIds: ['cb.xa0.a', 'cb.xa0.shared'] });
    for (const a of items.filter((x) => (x.accountIds as string[]).length === 1)) expect(a.accountIds).toEqual([a.accountId]);
  });

  it('refuses a cursor it did not issue and an unknown status', async () => {
    await api.http().get('/v1/alerts?cursor=bm90LWEtY3Vyc29y').set('Authorization', reviewer).expect(400);
    await api.http().get('/v1/alerts?status=closed').set('Authorization', reviewer).expect(400);
  });

  it('exposes counts by type, severity and status in /metrics, never an id', async () => {
    await api.t.app.get(AlertMetricsService).refresh();
    const metrics = (await api.http().get('/metrics').expect(200)).text;
    const rows = await api.sql<{ type: string; severity: string; status: string; n: number }>(
      `SELECT type, severity, status, count(*)::int AS n FROM alert GROUP BY 1, 2, 3`,
    );
    for (const r of rows) expect(metrics).toContain(`tthc_audit_alerts{type="${r.type}",severity="${r.severity}",status="${r.status}"} ${r.n}`);
    const lines = metrics.split('\n').filter((l) => l.startsWith('tthc_audit_alerts{'));
    expect(lines).toHaveLength(rows.length);
    expect(lines.join('\n')).not.toMatch(/cb\.|id=/);
  });
});
