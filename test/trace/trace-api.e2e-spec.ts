import request from 'supertest';
import { Client } from 'pg';
import { ChainVerifier, JournalSealer } from '@app/audit-trail';
import { Role } from '@app/auth';
import { tamper } from '../integrity/audit-store.fixture';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { createMigratedDatabase, TestDatabase } from '../utils/test-database';
import { BEFORE_ROTATION_ENV, CASE, hmacHex, ingest, NEW_KEY, newPersonalId, OLD_KEY, ROTATED_ENV, SeedEvent, seedEvents } from './trace.fixture';

/**
 * Auditors' search over the real ingest path and the real database: events stored under a hash key since rotated
 * and under the current one; each filter and combinations against the test's own SQL; the case rule; who may
 * search; the security log.
 */
describe('Trace search (GET /v1/trace/events, POST /v1/trace/search)', () => {
  let db: TestDatabase;
  let sut: TestApp;
  let pg: Client;
  let auditor: string;
  const [citizenA, citizenB, citizenC] = [newPersonalId(), newPersonalId(), newPersonalId()];
  const before: SeedEvent[] = seedEvents(30, [citizenA, citizenB]);
  const after: SeedEvent[] = seedEvents(70, [citizenA, citizenC, citizenB], 30);

  beforeAll(async () => {
    db = await createMigratedDatabase();
    // Stored under the old key, then the key rotates: the old one stays only for search.
    const old = await bootTestApp(BEFORE_ROTATION_ENV, { db });
    await ingest(old.app, before);
    await old.close();
    sut = await bootTestApp(ROTATED_ENV, { db });
    await ingest(sut.app, after);
    auditor = await bearerFor(sut.app, Role.AUDITOR);
    pg = new Client({ connectionString: db.url });
    await pg.connect();
  }, 120_000);

  afterAll(async () => {
    await pg?.end();
    await sut?.close();
    await db?.drop();
  });

  const http = () => request(sut.app.getHttpServer());

  /** The test's own answer: event ids newest first, ties by source system then event id. */
  async function expected(where: string, params: unknown[] = []): Promise<string[]> {
    const { rows } = await pg.query(
      `SELECT event_id FROM query_event WHERE ${where} ORDER BY occurred_at DESC, source_system COLLATE "C" DESC, event_id COLLATE "C" DESC`,
      params,
    );
    return rows.map((r) => r.event_id as string);
  }

  /** Every page of a search, 7 at a time, following nextCursor. */
  async function allPages(send: (cursor?: string) => request.Test): Promise<{ ids: string[]; total: { value: number; exact: boolean } }> {
    const ids: string[] = [];
    let cursor: string | undefined;
    let total;
    for (let page = 0; page < 50; page++) {
      const res = await send(cursor).expect(200);
      if (page === 0) total = res.body.total;
      else expect(res.body.total).toBeNull();
      ids.push(...res.body.items.map((e: { eventId: string }) => e.eventId));
      cursor = res.body.nextCursor ?? undefined;
      if (!cursor) break;
    }
    return { ids, total };
  }

  const get = (query: Record<string, string>) => (cursor?: string) =>
    http().get('/v1/trace/events').query({ ...CASE, limit: '7', ...query, ...(cursor ? { cursor } : {}) }).set('Authorization', auditor);
  const post = (body: Record<string, unknown>) => (cursor?: string) =>
    http().post('/v1/trace/search').send({ ...CASE, limit: 7, ...body, ...(cursor ? { cursor } : {}) }).set('Authorization', auditor);

  const EXPLAINED = `procedure_code IS NOT NULL AND dossier_code IS NOT NULL AND dossier_code LIKE unit_code || '-%'
    AND NOT (procedure_code = '1.001612' AND 'religion' = ANY(fields))`;
  const filters: [string, Record<string, string>, string, unknown[]][] = [
    ['account', { accountId: 'cb.trace.1' }, 'account_id = $1', ['cb.trace.1']],
    ['accounts (any of)', { accountId: 'cb.trace.1,cb.trace.2' }, 'account_id IN ($1, $2)', ['cb.trace.1', 'cb.trace.2']],
    ['unit', { unitCode: '000.00.31.H52' }, 'unit_code = $1', ['000.00.31.H52']],
    ['client address', { clientIp: '192.168.7.9' }, 'client_ip = $1', ['192.168.7.9']],
    ['CIDR block', { clientIp: '10.20.2.0/24' }, "client_ip LIKE '10.20.2.%'", []],
    ['source system', { sourceSystem: 'dvc' }, 'source_system = $1', ['dvc']],
    ['action', { action: 'verify' }, "action = 'verify'", []],
    ['result', { result: 'denied,not_found' }, "result IN ('denied', 'not_found')", []],
    ['field returned', { field: 'religion' }, "'religion' = ANY(fields)", []],
    ['dossier', { dossierCode: '000.00.10.H05-261001-0001' }, 'dossier_code = $1', ['000.00.10.H05-261001-0001']],
    ['procedure', { procedureCode: '2.000001' }, 'procedure_code = $1', ['2.000001']],
    [
      'time range',
      { from: '2026-10-05T00:00:00Z', to: '2026-10-12T02:30:00Z' },
      "occurred_at >= '2026-10-05T00:00:00Z' AND occurred_at < '2026-10-12T02:30:00Z'",
      [],
    ],
    // Explained (docs/detection.md): a dossier of the account's own unit, a procedure, and only fields it needs;
    // config/procedures.json's 1.001612 does not need religion, 2.000001 is in no catalog (its fields not judged).
    ['explained', { explained: 'true' }, `action IN ('lookup', 'verify') AND ${EXPLAINED}`, []],
    ['unexplained', { explained: 'false' }, `action IN ('lookup', 'verify') AND NOT (${EXPLAINED})`, []],
    ['account + action + result', { accountId: 'cb.trace.0', action: 'lookup', result: 'success' }, "account_id = 'cb.trace.0' AND action = 'lookup' AND result = 'success'", []],
    [
      'unit + source system + time range',
      { unitCode: '000.00.10.H05', sourceSystem: 'igate', from: '2026-10-03T00:00:00Z', to: '2026-10-20T00:00:00Z' },
      "unit_code = '000.00.10.H05' AND source_system = 'igate' AND occurred_at >= '2026-10-03T00:00:00Z' AND occurred_at < '2026-10-20T00:00:00Z'",
      [],
    ],
    ['CIDR + field + unexplained', { clientIp: '10.20.0.0/16', field: 'fullName', explained: 'false' }, `client_ip LIKE '10.20.%' AND 'fullName' = ANY(fields) AND action IN ('lookup', 'verify') AND NOT (${EXPLAINED})`, []],
  ];

  it.each(filters)('%s: exactly the events the test selects itself, newest first, over every page', async (_, query, where, params) => {
    const want = await expected(where, params);
    expect(want.length).toBeGreaterThan(0);
    const { ids, total } = await allPages(get(query));
    expect(ids).toEqual(want);
    expect(total).toEqual({ value: want.length, exact: true });
  });

  it('finds a citizen under the current key and under the key rotated since, and only that citizen', async () => {
    const hashes = [hmacHex(OLD_KEY, citizenA), hmacHex(NEW_KEY, citizenA)];
    const want = await expected(`encode(subject_hash, 'hex') = ANY($1)`, [hashes]);
    const { rows: keys } = await pg.query(`SELECT DISTINCT subject_key_id FROM query_event WHERE encode(subject_hash, 'hex') = ANY($1) ORDER BY 1`, [hashes]);
    expect(keys.map((k) => k.subject_key_id)).toEqual(['k0', 'k1']);
    const { ids } = await allPages(post({ subjectIds: [citizenA] }));
    expect(ids).toEqual(want);
  });

  it('combines citizens with other criteria', async () => {
    const hashes = [citizenA, citizenC].flatMap((id) => [hmacHex(OLD_KEY, id), hmacHex(NEW_KEY, id)]);
    const want = await expected(`encode(subject_hash, 'hex') = ANY($1) AND account_id = 'cb.trace.2' AND source_system = 'igate'`, [hashes]);
    expect(want.length).toBeGreaterThan(0);
    const { ids } = await allPages(post({ subjectIds: [citizenA, citizenC], accountId: ['cb.trace.2'], sourceSystem: ['igate'] }));
    expect(ids).toEqual(want);
  });

  it('refuses a search without a case reference or a purpose, naming the missing field', async () => {
    const noCase = await http().get('/v1/trace/events').query({ purpose: CASE.purpose }).set('Authorization', auditor).expect(400);
    expect(noCase.body.error.message).toMatch(/case reference/i);
    expect(noCase.body.error.details).toEqual([expect.objectContaining({ field: 'caseReference' })]);
    const noPurpose = await http().post('/v1/trace/search').send({ caseReference: CASE.caseReference, subjectIds: [citizenA] }).set('Authorization', auditor).expect(400);
    expect(noPurpose.body.error.details).toEqual([expect.objectContaining({ field: 'purpose' })]);
    const blank = await http().post('/v1/trace/search').send({ caseReference: '  ', purpose: ' ', subjectIds: [citizenA] }).set('Authorization', auditor).expect(400);
    expect(blank.body.error.details.map((d: { field: string }) => d.field)).toEqual(['caseReference', 'purpose']);
    expect(JSON.stringify([noCase.body, noPurpose.body, blank.body])).not.toContain(citizenA);
  });

  it('never takes a personal ID in the URL, and names a malformed one by position only', async () => {
    await http().get('/v1/trace/events').query({ ...CASE, subjectIds: citizenA }).set('Authorization', auditor).expect(400);
    const bad = `${citizenA.slice(0, 11)}x`;
    const res = await http().post('/v1/trace/search').send({ ...CASE, subjectIds: [citizenB, bad] }).set('Authorization', auditor).expect(400);
    expect(res.body.error.details).toEqual([{ field: 'subjectIds.1', message: 'must be a personal ID of 12 digits' }]);
    expect(JSON.stringify(res.body)).not.toContain(bad);
    expect(JSON.stringify(res.body)).not.toContain(citizenB);
  });

  it('refuses operators and reviewers on every tracing endpoint; auditors and admins may search', async () => {
    const calls = [
      (t: string) => http().get('/v1/trace/events').query(CASE).set('Authorization', t),
      (t: string) => http().post('/v1/trace/search').send({ ...CASE, subjectIds: [citizenA] }).set('Authorization', t),
      (t: string) => http().post('/v1/trace/citizen-timeline').send({ ...CASE, subjectId: citizenA }).set('Authorization', t),
      (t: string) => http().get('/v1/trace/account-timeline').query({ ...CASE, accountId: 'cb.trace.1', from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' }).set('Authorization', t),
    ];
    for (const role of [Role.OPERATOR, Role.REVIEWER]) {
      const token = await bearerFor(sut.app, role);
      for (const call of calls) await call(token).expect(403);
    }
    const admin = await bearerFor(sut.app, Role.ADMIN);
    for (const call of calls) await call(admin).expect(200);
  });

  it('records every search in the security log with the case, the purpose, the criteria and the row count, the citizen only hashed', async () => {
    const caseReference = `QĐ-log-${Math.random().toString(36).slice(2, 8)}`;
    // A purpose that repeats the ID (a person typing it in) keeps it masked too.
    await http().post('/v1/trace/search').send({ caseReference, purpose: `kiểm tra công dân ${citizenB}`, subjectIds: [citizenB], action: ['lookup'] }).set('Authorization', auditor).expect(200);
    const admin = await bearerFor(sut.app, Role.ADMIN);
    const log = await http().get('/v1/security-log').query({ type: 'trace.searched', limit: 100 }).set('Authorization', admin).expect(200);
    const entry = log.body.items.find((i: { target: string }) => i.target === caseReference);
    const want = await expected(`encode(subject_hash, 'hex') = ANY($1) AND action = 'lookup'`, [[hmacHex(OLD_KEY, citizenB), hmacHex(NEW_KEY, citizenB)]]);
    expect(entry).toMatchObject({
      actorKind: 'user',
      details: {
        caseReference,
        purpose: 'kiểm tra công dân ************',
        subjects: [hmacHex(NEW_KEY, citizenB)],
        criteria: { actions: ['lookup'], subjects: [hmacHex(NEW_KEY, citizenB)] },
        rows: Math.min(want.length, 50),
        total: want.length,
        totalExact: true,
      },
    });
    // An ID typed where a dossier code goes is masked in the log too.
    await http().get('/v1/trace/events').query({ caseReference, purpose: 'x', dossierCode: citizenA }).set('Authorization', auditor).expect(200);
    const again = await http().get('/v1/security-log').query({ type: 'trace.searched', limit: 1 }).set('Authorization', admin).expect(200);
    expect(again.body.items[0].details.criteria).toEqual({ dossierCodes: ['************'] });
    // Readable by admins only.
    await http().get('/v1/security-log').set('Authorization', auditor).expect(403);
  });

  it("seals the record of auditors' searches into the integrity chain: a deleted search is named", async () => {
    await http().get('/v1/trace/events').query({ ...CASE, accountId: 'cb.trace.3' }).set('Authorization', auditor).expect(200);
    await sut.app.get(JournalSealer).seal();
    const { rows: unsealed } = await pg.query(
      `SELECT count(*)::int AS n FROM security_event e WHERE e.type LIKE 'trace.%'
          AND NOT EXISTS (SELECT 1 FROM journal_entry j WHERE j.table_name = 'security_event' AND j.row_id = e.id)`,
    );
    expect(unsealed[0].n).toBe(0);
    const verifier = sut.app.get(ChainVerifier);
    expect(await verifier.verify()).toMatchObject({ ok: true });
    const { rows: [last] } = await pg.query(`SELECT id::text AS id FROM security_event WHERE type = 'trace.searched' ORDER BY id DESC LIMIT 1`);
    await tamper(db.url, `DELETE FROM security_event WHERE id = $1`, [last.id]);
    const report = await verifier.verify();
    expect(report.ok).toBe(false);
    expect(report.firstBrokenBatch).toEqual(expect.objectContaining({ removed: [`security_event:${last.id}`] }));
  });

  it('leaves no searched personal ID in clear in any column of any table', async () => {
    await http().post('/v1/trace/citizen-timeline').send({ ...CASE, subjectId: citizenC }).set('Authorization', auditor).expect(200);
    const { rows: tables } = await pg.query(
      `SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
         JOIN pg_class k ON k.relname = c.table_name AND k.relkind = 'r' AND k.relnamespace = 'public'::regnamespace
        WHERE c.table_schema = 'public' AND c.data_type IN ('text', 'character varying', 'bytea', 'json', 'jsonb', 'ARRAY')`,
    );
    const found: string[] = [];
    for (const t of tables) {
      const expr = t.data_type === 'bytea' ? `encode("${t.column_name}", 'escape')` : `"${t.column_name}"::text`;
      const { rows } = await pg.query(`SELECT count(*)::int AS n FROM "${t.table_name}" WHERE ${expr} ~ $1`, [`${citizenA}|${citizenB}|${citizenC}`]);
      if (rows[0].n) found.push(`${t.table_name}.${t.column_name}`);
    }
    expect(found).toEqual([]);
  });

  it('refuses a cursor it did not make', async () => {
    const made = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const forged = [
      'bm90LWEtY3Vyc29y',
      // The cursor's shape, with a moment that does not exist, or a NUL the database cannot hold.
      made(['2026-99-99T99:99:99.000000Z', 'igate', 'e-1']),
      made(['2026-02-30T10:00:00.000000Z', 'igate', 'e-1']),
      made(['2026-10-01T10:00:00.000000Z', 'igate', 'e-\u0000-1']),
    ];
    for (const cursor of forged) {
      const res = await http().get('/v1/trace/events').query({ ...CASE, cursor }).set('Authorization', auditor).expect(400);
      expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'cursor' })]);
    }
    const history = await http().get('/v1/trace/history').query({ cursor: '99999999999999999999' }).set('Authorization', auditor).expect(400);
    expect(history.body.error.details).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });
});
