import { randomBytes } from 'node:crypto';
import type { StoredEventRecord } from '@app/audit-trail';
import { decodeTraceCursor, encodeTraceCursor, TRACE_EVENT_COLUMNS, traceCursorOfRow, TraceCriteria, TraceCursor, traceEventFromRow, traceBoundedCountSql, traceEstimateSql, tracePageSql } from '@app/trace';
import { createMigratedDatabase, TestDatabase } from '../utils/test-database';
import { aStoredEvent, bootAuditStore, StoreContext } from '../integrity/audit-store.fixture';

/** The query layer alone (libs/trace/src/query) against the real schema: its answers against the test's own filter. */
describe('trace query layer', () => {
  let db: TestDatabase;
  let ctx: StoreContext;
  const citizen = randomBytes(32);
  const needs = new Map([['1.001612', new Set(['fullName', 'dateOfBirth'])]]);
  const events: StoredEventRecord[] = [];

  beforeAll(async () => {
    db = await createMigratedDatabase();
    ctx = await bootAuditStore(db.url);
    for (let i = 0; i < 60; i++) {
      events.push(
        aStoredEvent({
          // Pairs share a microsecond: the cursor must break ties by source system and event id.
          occurredAt: new Date(Date.UTC(2026, 9, 1 + (i % 30), 2, 0, 0, 0)),
          accountId: `acc${i % 3}`,
          unitCode: i % 4 === 0 ? '000.00.31.H52' : '000.00.10.H05',
          clientIp: i % 5 === 0 ? `10.20.${i % 2}.7` : '192.168.1.9',
          sourceSystem: i % 2 ? 'igate' : 'dvc',
          action: i % 7 === 0 ? 'login' : 'lookup',
          result: i % 6 === 0 ? 'denied' : 'success',
          subjectHash: i % 8 === 0 ? citizen.toString('hex') : randomBytes(32).toString('hex'),
          fields: i % 3 === 0 ? ['fullName', 'religion'] : ['fullName'],
          dossierCode: i % 9 === 0 ? null : `${i % 4 === 0 ? '000.00.31.H52' : '000.00.10.H05'}-261001-00${i % 5}`,
          procedureCode: i % 10 === 0 ? null : '1.001612',
        }),
      );
    }
    await ctx.sut.appendBatch(events, { source: 'http' });
  });

  afterAll(async () => {
    await ctx?.close();
    await db?.drop();
  });

  const explained = (e: StoredEventRecord): boolean =>
    e.dossierCode !== null && e.procedureCode !== null && !!e.unitCode && e.dossierCode.startsWith(e.unitCode) && e.fields.every((f) => needs.get(e.procedureCode!)?.has(f) ?? true);

  const cases: [string, TraceCriteria, (e: StoredEventRecord) => boolean][] = [
    ['subject', { subjectHashes: [citizen] }, (e) => e.subjectHash === citizen.toString('hex')],
    ['account', { accountIds: ['acc1'] }, (e) => e.accountId === 'acc1'],
    ['unit', { unitCodes: ['000.00.31.H52'] }, (e) => e.unitCode === '000.00.31.H52'],
    ['ip', { clientIps: ['192.168.1.9'] }, (e) => e.clientIp === '192.168.1.9'],
    ['cidr', { clientIps: ['10.20.0.0/16'] }, (e) => e.clientIp.startsWith('10.20.')],
    ['source system', { sourceSystems: ['dvc'] }, (e) => e.sourceSystem === 'dvc'],
    ['action', { actions: ['login'] }, (e) => e.action === 'login'],
    ['result', { results: ['denied'] }, (e) => e.result === 'denied'],
    ['field', { fields: ['religion'] }, (e) => e.fields.includes('religion')],
    ['dossier', { dossierCodes: ['000.00.10.H05-261001-001'] }, (e) => e.dossierCode === '000.00.10.H05-261001-001'],
    ['procedure', { procedureCodes: ['1.001612'] }, (e) => e.procedureCode === '1.001612'],
    ['explained', { explained: true }, (e) => ['lookup', 'verify'].includes(e.action) && explained(e)],
    ['unexplained', { explained: false }, (e) => ['lookup', 'verify'].includes(e.action) && !explained(e)],
    [
      'time range',
      { from: new Date('2026-10-05T00:00:00Z'), to: new Date('2026-10-10T02:00:00Z') },
      (e) => e.occurredAt >= new Date('2026-10-05T00:00:00Z') && e.occurredAt < new Date('2026-10-10T02:00:00Z'),
    ],
    ['account and action and result', { accountIds: ['acc0', 'acc2'], actions: ['lookup'], results: ['success'] }, (e) => ['acc0', 'acc2'].includes(e.accountId) && e.action === 'lookup' && e.result === 'success'],
  ];

  it.each(cases)('%s: every page, newest first, exactly the matching events', async (_, criteria, match) => {
    const expected = events
      .filter(match)
      .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || cmp(b.sourceSystem, a.sourceSystem) || cmp(b.eventId, a.eventId))
      .map((e) => e.eventId);
    expect(expected.length).toBeGreaterThan(0);
    const seen: string[] = [];
    let after: TraceCursor | null = null;
    for (let page = 0; page < 100; page++) {
      const { sql, params } = tracePageSql(criteria, { columns: TRACE_EVENT_COLUMNS, limit: 7, after }, { procedureNeeds: needs });
      const rows: Record<string, unknown>[] = await ctx.dataSource.query(sql, params);
      seen.push(...rows.map((r) => traceEventFromRow(r).eventId));
      if (rows.length < 7) break;
      after = decodeTraceCursor(encodeTraceCursor(traceCursorOfRow(rows[rows.length - 1])));
    }
    expect(seen).toEqual(expected);
    const count = traceBoundedCountSql(criteria, 1000, { procedureNeeds: needs });
    expect((await ctx.dataSource.query(count.sql, count.params))[0].n).toBe(expected.length);
    const estimate = traceEstimateSql(criteria, { procedureNeeds: needs });
    expect((await ctx.dataSource.query(estimate.sql, estimate.params))[0]['QUERY PLAN'][0].Plan['Plan Rows']).toBeGreaterThanOrEqual(1);
  });

  it('refuses a cursor that is not one of its own', () => {
    expect(decodeTraceCursor('not-a-cursor')).toBeNull();
    expect(decodeTraceCursor(Buffer.from('["x","y","z"]').toString('base64url'))).toBeNull();
  });
});

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
