import { AuditStore } from '@app/audit-trail';
import { createMigratedDatabase, TestDatabase } from '../utils/test-database';
import { bootAuditStore, someStoredEvents, StoreContext } from './audit-store.fixture';

describe(`${AuditStore.name}: stored evidence is append-only`, () => {
  let db: TestDatabase;
  let ctx: StoreContext;

  beforeAll(async () => {
    db = await createMigratedDatabase();
    ctx = await bootAuditStore(db.url);
    await ctx.sut.appendBatch(someStoredEvents(5), { source: 'http' });
    await ctx.dataSource.query(
      `INSERT INTO integrity_signing_key VALUES ('k', 'ed25519', 'pem', now());
       INSERT INTO signed_digest (chain_seq, batch_id, digest, signed_at, signature, key_id)
       VALUES (1, 1, '\\x${'00'.repeat(32)}', now(), '\\x00', 'k')`,
    );
  });

  afterAll(async () => {
    await ctx.close();
    await db.drop();
  });

  it.each([
    ['query_event', `UPDATE query_event SET account_id = 'x'`],
    ['query_event', `DELETE FROM query_event`],
    ['query_event', `TRUNCATE query_event`],
    ['query_event', `TRUNCATE query_event_2026_11`],
    ['query_event_id', `UPDATE query_event_id SET batch_id = 0`],
    ['query_event_id', `DELETE FROM query_event_id`],
    ['audit_batch', `UPDATE audit_batch SET digest = prev_digest`],
    ['audit_batch', `DELETE FROM audit_batch`],
    ['audit_batch', `TRUNCATE audit_batch CASCADE`],
    ['signed_digest', `DELETE FROM signed_digest`],
  ])('refuses the service connection: %s — %s', async (table, sql) => {
    // A partition answers with its own name (query_event_2026_11 is append-only).
    await expect(ctx.dataSource.query(sql)).rejects.toThrow(new RegExp(`^${table}(_\\d{4}_\\d{2})? is append-only`));
  });

  it('still holds every stored row afterwards', async () => {
    expect(await ctx.dataSource.query(`SELECT count(*)::int AS n FROM query_event`)).toEqual([{ n: 5 }]);
  });
});
