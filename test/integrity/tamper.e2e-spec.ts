import { ChainVerifier, StoredEventRecord } from '@app/audit-trail';
import { createMigratedDatabase, TestDatabase } from '../utils/test-database';
import { aStoredEvent, bootAuditStore, rewriteAsForm1, someStoredEvents, StoreContext, tamper } from './audit-store.fixture';

/** Three stored batches; the tests tamper with the middle one, directly in the database. */
describe(`${ChainVerifier.name} against direct tampering`, () => {
  let db: TestDatabase;
  let ctx: StoreContext;
  let sut: ChainVerifier;
  let batches: { batchId: string; events: StoredEventRecord[] }[];

  beforeEach(async () => {
    db = await createMigratedDatabase();
    ctx = await bootAuditStore(db.url);
    sut = ctx.app.get(ChainVerifier);
    batches = [];
    for (let i = 0; i < 3; i++) {
      const events = someStoredEvents(40);
      const { batchId } = await ctx.sut.appendBatch(events, { source: 'kafka' });
      batches.push({ batchId: batchId!, events });
    }
  });

  afterEach(async () => {
    await ctx.close();
    await db.drop();
  });

  const middle = (): { batchId: string; events: StoredEventRecord[] } => batches[1];

  it('passes an untouched chain, checking every batch and event', async () => {
    const report = await sut.verify();
    expect(report).toEqual(expect.objectContaining({ ok: true, batchesChecked: 3, eventsChecked: 120 }));
    expect(report.firstBrokenBatch).toBeUndefined();
  });

  it('verifies batches written in canonical form 1 with that form, and still finds a change in them', async () => {
    await rewriteAsForm1(db.url, 2);
    expect(await sut.verify()).toEqual(expect.objectContaining({ ok: true, batchesChecked: 3, eventsChecked: 120 }));

    const victim = middle().events[5];
    await tamper(db.url, `UPDATE query_event SET client_ip = '10.0.0.99' WHERE event_id = $1`, [victim.eventId]);
    expect((await sut.verify()).firstBrokenBatch).toEqual(
      expect.objectContaining({ batchId: middle().batchId, changed: [victim.eventId], removed: [], added: [] }),
    );
  });

  it('walks a chain longer than a page in chain order (position 10 after 9, not after 1)', async () => {
    for (let i = 0; i < 22; i++) await ctx.sut.appendBatch(someStoredEvents(2), { source: 'http' });

    expect(await sut.verify()).toEqual(expect.objectContaining({ ok: true, batchesChecked: 25, eventsChecked: 164 }));
  });

  it('names the batch and the event when a stored row is altered', async () => {
    const victim = middle().events[7];
    await tamper(db.url, `UPDATE query_event SET account_id = 'someone.else' WHERE event_id = $1`, [victim.eventId]);

    const report = await sut.verify();
    expect(report.ok).toBe(false);
    expect(report.firstBrokenBatch).toEqual(
      expect.objectContaining({ batchId: middle().batchId, changed: [victim.eventId], removed: [], added: [] }),
    );
    expect(report.batchesChecked).toBe(1);
  });

  it('names the batch and the event when a stored row is deleted', async () => {
    const victim = middle().events[3];
    await tamper(db.url, `DELETE FROM query_event WHERE event_id = $1`, [victim.eventId]);

    const report = await sut.verify();
    expect(report.firstBrokenBatch).toEqual(
      expect.objectContaining({ batchId: middle().batchId, changed: [], removed: [victim.eventId], added: [] }),
    );
  });

  it('names the batch and the event when a row is inserted under an existing batch id', async () => {
    const forged = aStoredEvent();
    await tamper(
      db.url,
      `INSERT INTO query_event (occurred_at, event_id, batch_id, account_id, client_ip, source_system, action, result)
       VALUES ($1, $2, $3, 'cb.forged', '10.0.0.1', 'igate', 'lookup', 'success')`,
      [forged.occurredAt, forged.eventId, middle().batchId],
    );

    const report = await sut.verify();
    expect(report.firstBrokenBatch).toEqual(
      expect.objectContaining({ batchId: middle().batchId, changed: [], removed: [], added: [forged.eventId] }),
    );
  });

  it('reports a row inserted under a batch id the chain does not know as added', async () => {
    await tamper(
      db.url,
      `INSERT INTO query_event (occurred_at, event_id, batch_id, account_id, client_ip, source_system, action, result)
       VALUES ('2026-11-20T02:00:00Z', 'forged-1', 999999, 'cb.forged', '10.0.0.1', 'igate', 'lookup', 'success')`,
    );

    const report = await sut.verify();
    expect(report.ok).toBe(false);
    expect(report.firstBrokenBatch).toEqual(expect.objectContaining({ batchId: '999999', added: ['forged-1'] }));
  });

  it('names the batch whose digest was changed', async () => {
    await tamper(db.url, `UPDATE audit_batch SET digest = $1 WHERE id = $2`, [Buffer.alloc(32, 1), middle().batchId]);

    const report = await sut.verify();
    expect(report.firstBrokenBatch).toEqual(
      expect.objectContaining({ batchId: middle().batchId, reason: expect.stringMatching(/digest/) }),
    );
  });

  it('names the position of a batch removed from the chain', async () => {
    await tamper(db.url, `DELETE FROM audit_batch WHERE id = $1`, [middle().batchId]);

    const report = await sut.verify();
    expect(report.firstBrokenBatch).toEqual(
      expect.objectContaining({ batchId: batches[2].batchId, chainSeq: '2', reason: expect.stringMatching(/position 2 is missing/) }),
    );
  });
});
