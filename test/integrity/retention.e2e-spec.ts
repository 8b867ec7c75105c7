import { AuditRetention, ChainVerifier } from '@app/audit-trail';
import { createMigratedDatabase, TestDatabase } from '../utils/test-database';
import { aStoredEvent, bootAuditStore, someStoredEvents, StoreContext, tamper } from './audit-store.fixture';

describe(AuditRetention.name, () => {
  let db: TestDatabase;
  let ctx: StoreContext;
  let sut: AuditRetention;
  const at = (iso: string) => ({ occurredAt: new Date(iso) });
  const old = [...someStoredEvents(6, at('2019-03-10T02:00:00Z')), ...someStoredEvents(4, at('2019-04-30T23:00:00Z'))];
  const straddling = [aStoredEvent(at('2019-04-02T01:00:00Z')), ...someStoredEvents(3, at('2026-11-19T01:00:00Z'))];
  const recent = someStoredEvents(5, at('2026-11-20T01:00:00Z'));

  beforeEach(async () => {
    db = await createMigratedDatabase();
    ctx = await bootAuditStore(db.url, { now: '2026-11-24T07:00:00Z' });
    sut = ctx.app.get(AuditRetention);
    for (const batch of [old, straddling, recent]) await ctx.sut.appendBatch(batch, { source: 'file' });
  });

  afterEach(async () => {
    await ctx.close();
    await db.drop();
  });

  const partitions = async (): Promise<string[]> =>
    (
      await ctx.dataSource.query(
        `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'query_event'::regclass ORDER BY 1`,
      )
    ).map((r: { relname: string }) => r.relname);

  it('reports what a 5-year retention would drop, and changes nothing', async () => {
    const plan = await sut.plan(5);

    expect(plan.cutoff.toISOString()).toBe('2021-11-01T00:00:00.000Z');
    expect(plan.partitions.map((p) => [p.name, p.events, p.batches])).toEqual([
      ['query_event_2019_03', 6, 1],
      ['query_event_2019_04', 5, 2],
    ]);
    expect(plan.partitions[1].firstOccurredAt).toEqual(new Date('2019-04-02T01:00:00Z'));
    expect(plan).toEqual(expect.objectContaining({ events: 11, batchesAffected: 2 }));
    expect(await partitions()).toContain('query_event_2019_03');
  });

  it('drops the old partitions and their event ids, logs the run, and the chain still verifies', async () => {
    const result = await sut.execute(5, 'auditor@test');

    expect(result).toEqual(expect.objectContaining({ events: 11, batchesAffected: 2, eventIdsDeleted: 11 }));
    expect(await partitions()).toEqual(['query_event_2026_11', 'query_event_2026_12']);
    expect(await ctx.dataSource.query(`SELECT count(*)::int AS n FROM query_event_id`)).toEqual([{ n: 8 }]);
    const [log] = await ctx.dataSource.query(`SELECT cutoff, partitions, events_dropped::int AS n, executed_by FROM retention_log`);
    expect(log).toEqual({
      cutoff: new Date('2021-11-01T00:00:00Z'),
      partitions: ['query_event_2019_03', 'query_event_2019_04'],
      n: 11,
      executed_by: 'auditor@test',
    });

    const report = await ctx.app.get(ChainVerifier).verify();
    expect(report).toEqual(expect.objectContaining({ ok: true, batchesChecked: 3, batchesRetainedOut: 2, eventsChecked: 8 }));
  });

  it('still catches a kept event deleted from a batch that retention cut into', async () => {
    await sut.execute(5, 'auditor@test');
    await tamper(db.url, `DELETE FROM query_event WHERE event_id = $1`, [straddling[2].eventId]);

    const report = await ctx.app.get(ChainVerifier).verify();
    expect(report.ok).toBe(false);
    expect(report.firstBrokenBatch?.removed).toEqual(expect.arrayContaining([straddling[2].eventId]));
  });

  it('leaves the append-only trigger on: the service still cannot delete event ids', async () => {
    await sut.execute(5, 'auditor@test');
    await expect(ctx.dataSource.query(`DELETE FROM query_event_id`)).rejects.toThrow(/append-only/);
  });

  it('has nothing to drop when no partition is older than the period', async () => {
    const plan = await sut.plan(10);
    expect(plan).toEqual(expect.objectContaining({ partitions: [], events: 0 }));
  });
});
