import { DataSource } from 'typeorm';
import { Client } from 'pg';
import { AuditStore, ChainVerifier, JOURNAL_TABLES, JournalSealer, journalRowHashSql } from '@app/audit-trail';
import { AlertsService } from '@app/alerts';
import { SecurityEventType, SecurityLogService } from '@app/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { someStoredEvents, tamper } from './audit-store.fixture';

/** The security log under the same hash chain as the lookups: a deleted or altered sign-in is found like a lookup. */
describe(`${JournalSealer.name}: the journal tables under the hash chain`, () => {
  let sut: TestApp;
  let sealer: JournalSealer;
  let verifier: ChainVerifier;
  let ids: string[];

  beforeEach(async () => {
    sut = await bootTestApp({ SUBJECT_HASH_KEY: 'journal-test-subject-hash-key-0123456789' });
    sealer = sut.app.get(JournalSealer);
    verifier = sut.app.get(ChainVerifier);
    const log = sut.app.get(SecurityLogService);
    for (const name of ['ana', 'binh', 'chi']) {
      await log.record({ type: SecurityEventType.SIGN_IN_FAILED, actor: { kind: 'anonymous', name }, clientIp: '10.1.2.3', details: { why: 'test' } });
    }
    // Lookups and log rows interleave in one chain.
    await sut.app.get(AuditStore).appendBatch(someStoredEvents(5), { source: 'http' });
    await log.record({ type: SecurityEventType.SIGN_IN_SUCCEEDED, actor: { kind: 'user', id: 'u1', name: 'dung' } });
    ids = (await sut.app.get(DataSource).query(`SELECT id::text AS id FROM security_event ORDER BY id`)).map((r: { id: string }) => r.id);
  });
  afterEach(() => sut.close());

  it('seals every new row once, and verify checks them beside the events', async () => {
    const first = await sealer.seal();
    expect(first).toEqual({ batchId: expect.any(String), rows: ids.length });
    expect(await sealer.seal()).toEqual({ batchId: null, rows: 0 });
    const report = await verifier.verify();
    expect(report).toMatchObject({ ok: true, batchesChecked: 2, eventsChecked: 5, journalRowsChecked: ids.length });

    await sut.app.get(SecurityLogService).record({ type: SecurityEventType.SIGN_OUT, actor: { kind: 'user', id: 'u1', name: 'dung' } });
    expect(await sealer.seal()).toMatchObject({ rows: 1 });
    expect(await verifier.verify()).toMatchObject({ ok: true, batchesChecked: 3, journalRowsChecked: ids.length + 1 });
  });

  it('names a deleted sign-in, as it names a deleted lookup', async () => {
    const { batchId } = await sealer.seal();
    await tamper(sut.db.url, `DELETE FROM security_event WHERE id = $1`, [ids[1]]);
    const report = await verifier.verify();
    expect(report.ok).toBe(false);
    expect(report.firstBrokenBatch).toEqual(
      expect.objectContaining({ batchId, changed: [], removed: [`security_event:${ids[1]}`], added: [] }),
    );
  });

  it('names an altered row, and a deletion hidden by removing its journal entry too', async () => {
    const { batchId } = await sealer.seal();
    await tamper(sut.db.url, `UPDATE security_event SET actor_name = 'someone-else' WHERE id = $1`, [ids[0]]);
    await tamper(sut.db.url, `DELETE FROM security_event WHERE id = $1`, [ids[2]]);
    await tamper(sut.db.url, `DELETE FROM journal_entry WHERE table_name = 'security_event' AND row_id = $1`, [ids[2]]);
    expect((await verifier.verify()).firstBrokenBatch).toEqual(
      expect.objectContaining({ batchId, changed: [`security_event:${ids[0]}`], removed: [`security_event:${ids[2]}`] }),
    );
  });

  it('covers the alert actions too: a deleted triage action is named', async () => {
    await sut.app.get(AlertsService).raise({
      type: 'journal_test',
      severity: 'low',
      accountId: 'cb.journal',
      occurredAt: new Date('2026-11-20T02:00:00Z'),
      evidence: { note: 'a test finding' },
    });
    const [action] = await sut.app.get(DataSource).query(`SELECT id::text AS id FROM alert_action ORDER BY id DESC LIMIT 1`);
    const { batchId, rows } = await sealer.seal();
    expect(rows).toBe(ids.length + 1);
    expect(await verifier.verify()).toMatchObject({ ok: true, journalRowsChecked: ids.length + 1 });
    await tamper(sut.db.url, `DELETE FROM alert_action WHERE id = $1`, [action.id]);
    expect((await verifier.verify()).firstBrokenBatch).toEqual(expect.objectContaining({ batchId, removed: [`alert_action:${action.id}`] }));
  });

  it('hashes a row the same whatever the session time zone', async () => {
    const table = JOURNAL_TABLES.find((t) => t.name === 'security_event')!;
    const hashIn = async (zone: string) => {
      const client = new Client({ connectionString: sut.db.url });
      await client.connect();
      try {
        await client.query(`SET TIME ZONE '${zone}'`);
        const { rows } = await client.query(`SELECT encode(${journalRowHashSql(table, 't')}, 'hex') AS h FROM security_event t WHERE id = $1`, [ids[0]]);
        return rows[0].h as string;
      } finally {
        await client.end();
      }
    };
    expect(await hashIn('Asia/Ho_Chi_Minh')).toBe(await hashIn('UTC'));
  });
});
