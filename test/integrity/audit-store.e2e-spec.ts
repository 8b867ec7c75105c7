import { AuditStore, eventHash, rowToStoredEvent, StoredBatch, StoredBatchHandlers } from '@app/audit-trail';
import { createMigratedDatabase, TestDatabase } from '../utils/test-database';
import { aStoredEvent, bootAuditStore, someStoredEvents, StoreContext } from './audit-store.fixture';

describe(AuditStore.name, () => {
  let db: TestDatabase;
  let ctx: StoreContext;

  beforeAll(async () => {
    db = await createMigratedDatabase();
    ctx = await bootAuditStore(db.url);
  });

  afterAll(async () => {
    await ctx.close();
    await db.drop();
  });

  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number((await ctx.dataSource.query(sql, params))[0].n);

  it('stores a batch once, links it to the chain and reports the stored ids', async () => {
    const events = someStoredEvents(50);
    const result = await ctx.sut.appendBatch(events, { source: 'http', origin: { requestId: 'r1' } });

    expect(result).toEqual(expect.objectContaining({ stored: 50, duplicates: 0 }));
    expect(result.storedEventIds.sort()).toEqual(events.map((e) => e.eventId).sort());
    expect(await count('SELECT count(*) n FROM query_event WHERE batch_id = $1', [result.batchId])).toBe(50);
    const [batch] = await ctx.dataSource.query('SELECT event_count, source, origin FROM audit_batch WHERE id = $1', [
      result.batchId,
    ]);
    expect(batch).toEqual({ event_count: 50, source: 'http', origin: { requestId: 'r1' } });
    const [head] = await ctx.dataSource.query('SELECT batch_id::text AS id FROM audit_chain_head');
    expect(head.id).toBe(result.batchId);
  });

  it('stores again-delivered events once: whole re-delivery, partial overlap, repeats inside one batch', async () => {
    const events = someStoredEvents(20);
    await ctx.sut.appendBatch(events, { source: 'kafka' });

    const again = await ctx.sut.appendBatch(events, { source: 'kafka' });
    expect(again).toEqual({ batchId: null, stored: 0, duplicates: 20, storedEventIds: [], storedRecords: [] });

    const fresh = someStoredEvents(5);
    const mixed = await ctx.sut.appendBatch([...events.slice(0, 10), ...fresh, fresh[0]], { source: 'file' });
    expect(mixed.stored).toBe(5);
    expect(mixed.duplicates).toBe(11);
    const ids = [...events, ...fresh].map((e) => e.eventId);
    expect(await count('SELECT count(*) n FROM query_event WHERE event_id = ANY($1)', [ids])).toBe(25);
  });

  it.each([
    ['COPY (PostgreSQL server)', false],
    ['INSERT (embedded database)', true],
  ])('keeps every value exactly through %s: the rows read back hash to the manifest', async (_, embedded) => {
    const store = embedded ? await bootAuditStore(db.url, { embedded }) : ctx;
    const odd = [
      aStoredEvent({
        userAgent: 'tab\there, newline\nthere, back\\slash, "quotes", tiếng Việt',
        fields: ['a"b', 'c\\d', 'e,f', 'g h', '{x}', ''],
        extra: { gatewayNode: 'gw-2', nested: { z: 1, a: [true, null, 'ü\t'] } },
        subjectHash: null,
        subjectKeyId: null,
        subjectEnc: Buffer.from([0, 1, 2, 255]),
        subjectCount: 3,
        unitCode: null,
        flags: ['unregistered_source'],
        clientIp: '2001:db8::1',
      }),
    ];
    const { batchId } = await store.sut.appendBatch(odd, { source: 'http' });
    if (embedded) await store.close();

    const rows = await ctx.dataSource.query('SELECT * FROM query_event WHERE batch_id = $1', [batchId]);
    const [batch] = await ctx.dataSource.query('SELECT event_hashes FROM audit_batch WHERE id = $1', [batchId]);
    expect(rowToStoredEvent(rows[0])).toEqual(odd[0]);
    expect(eventHash(rowToStoredEvent(rows[0]))).toEqual(batch.event_hashes);
  });

  it('creates the monthly partitions a back-filled batch needs', async () => {
    const events = [
      aStoredEvent({ occurredAt: new Date('2024-02-29T23:59:59.999Z') }),
      aStoredEvent({ occurredAt: new Date('2025-12-31T17:00:00.000Z') }),
    ];
    await ctx.sut.appendBatch(events, { source: 'file' });

    const partitions = await ctx.dataSource.query(
      `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'query_event'::regclass ORDER BY 1`,
    );
    expect(partitions.map((p: { relname: string }) => p.relname)).toEqual(
      expect.arrayContaining(['query_event_2024_02', 'query_event_2025_12', 'query_event_2026_11', 'query_event_2026_12']),
    );
    expect(await count(`SELECT count(*) n FROM query_event_2024_02 WHERE event_id = $1`, [events[0].eventId])).toBe(1);
  });

  it('creates a new month once when batches of two replicas need it at the same moment', async () => {
    const other = await bootAuditStore(db.url);
    try {
      const month = (i: number) => someStoredEvents(50, { occurredAt: new Date(Date.UTC(2025, 2, 1 + i, 8)) });
      const results = await Promise.all(
        [0, 1, 2, 3, 4, 5].map((i) => (i % 2 ? other.sut : ctx.sut).appendBatch(month(i), { source: 'kafka' })),
      );
      expect(results.map((r) => r.stored)).toEqual([50, 50, 50, 50, 50, 50]);
      expect(await count(`SELECT count(*) n FROM query_event_2025_03`)).toBe(300);
    } finally {
      await other.close();
    }
  });

  it('shows other features only the new events, in the batch transaction: a failing handler stores nothing', async () => {
    const handlers = ctx.app.get(StoredBatchHandlers);
    const seen: StoredBatch[] = [];
    let fail = false;
    handlers.register({
      handleStoredBatch: async (batch) => {
        if (fail) throw new Error('handler failed');
        seen.push(batch);
      },
    });
    const old = someStoredEvents(3);
    await ctx.sut.appendBatch(old, { source: 'http' });
    const fresh = someStoredEvents(2);
    seen.length = 0;
    const result = await ctx.sut.appendBatch([...old, ...fresh], { source: 'http' });
    expect(seen).toEqual([{ batchId: result.batchId, events: expect.any(Array) }]);
    expect(seen[0].events.map((e) => e.eventId).sort()).toEqual(fresh.map((e) => e.eventId).sort());
    // Features see the citizen only as the keyed hash (detectors count distinct citizens), never the ID or its copy.
    expect(seen[0].events[0]).not.toHaveProperty('subjectEnc');
    expect(seen[0].events[0]).not.toHaveProperty('subjectId');
    const withSubject = seen[0].events.find((e) => e.subjectHash !== null);
    expect(withSubject?.subjectHash).toMatch(/^[0-9a-f]{64}$/);

    fail = true;
    const doomed = someStoredEvents(4);
    await expect(ctx.sut.appendBatch(doomed, { source: 'http' })).rejects.toThrow('handler failed');
    const ids = doomed.map((e) => e.eventId);
    expect(await count('SELECT count(*) n FROM query_event_id WHERE event_id = ANY($1)', [ids])).toBe(0);
    fail = false;
    expect((await ctx.sut.appendBatch(doomed, { source: 'http' })).stored).toBe(4);
  });

  it('two replicas appending overlapping batches at once store each event once, in one unbroken chain', async () => {
    const other = await bootAuditStore(db.url);
    try {
      const events = someStoredEvents(3000);
      const slices = [0, 500, 1000, 1500].map((start) => events.slice(start, start + 1500));
      const results = await Promise.all(
        slices.map((slice, i) => (i % 2 ? other.sut : ctx.sut).appendBatch(slice, { source: 'kafka' })),
      );

      expect(results.reduce((n, r) => n + r.stored, 0)).toBe(3000);
      const ids = events.map((e) => e.eventId);
      expect(await count('SELECT count(DISTINCT event_id) n FROM query_event WHERE event_id = ANY($1)', [ids])).toBe(3000);
      expect(await count('SELECT count(*) n FROM query_event WHERE event_id = ANY($1)', [ids])).toBe(3000);
      const links = await ctx.dataSource.query(
        `SELECT chain_seq::int AS seq, prev_digest, digest FROM audit_batch ORDER BY chain_seq`,
      );
      links.forEach((link: { seq: number; prev_digest: Buffer }, i: number) => {
        expect(link.seq).toBe(i + 1);
        if (i > 0) expect(link.prev_digest).toEqual(links[i - 1].digest);
      });
    } finally {
      await other.close();
    }
  });
});
