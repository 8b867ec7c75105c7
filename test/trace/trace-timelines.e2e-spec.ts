import request from 'supertest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvRecords } from '@app/audit-trail';
import { Client } from 'pg';
import { AlertsService } from '@app/alerts';
import { localDay, loadTraceSearchesSettings, TRACE_SUBJECT_REPEATED, TraceSearchesDetector } from '@app/detection';
import { Role } from '@app/auth';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { verifyOffline } from './export.fixture';
import { CASE, hmacHex, ingest, NEW_KEY, newPersonalId, ROTATED_ENV, seedEvents } from './trace.fixture';
import { EXACT_TOTAL_BOUND, TraceAudit, TraceEventRepository } from '@app/trace';

const DIRECTORY_CSV =
  'accountId,fullName,unitCode,unitName,role,accountType,status,email,createdAt,lastLoginAt\n' +
  'cb.trace.1,Trần Văn B,000.00.10.H05,Sở Tư pháp,chuyen_vien,person,active,b@example.gov.vn,2023-03-01T08:00:00+07:00,2026-10-20T07:41:02+07:00\n';

/** Timelines, reveal and repeated tracing, over events ingested through the real path. */
describe('Trace timelines, reveal and repeated tracing', () => {
  let sut: TestApp;
  let pg: Client;
  let auditor: string;
  let admin: string;
  const [citizenA, citizenB] = [newPersonalId(), newPersonalId()];
  const events = seedEvents(80, [citizenA, citizenB]);

  beforeAll(async () => {
    sut = await bootTestApp({ ...ROTATED_ENV, SUBJECT_HASH_PREVIOUS_KEYS: '', TRACE_REVEALED_EXPORT_MAX_ROWS: '1000' });
    await ingest(sut.app, events);
    auditor = await bearerFor(sut.app, Role.AUDITOR);
    admin = await bearerFor(sut.app, Role.ADMIN);
    pg = new Client({ connectionString: sut.db.url });
    await pg.connect();
  }, 120_000);

  afterAll(async () => {
    await pg?.end();
    await sut?.close();
  });

  const http = () => request(sut.app.getHttpServer());
  const hashA = () => hmacHex(NEW_KEY, citizenA);

  it("draws a citizen's lookups by day, account, unit and dossier, with the alerts that involve them", async () => {
    const alerts = sut.app.get(AlertsService);
    const { rows: [firstLookup] } = await pg.query(
      `SELECT account_id, occurred_at FROM query_event WHERE subject_hash = decode($1, 'hex') AND action = 'lookup' ORDER BY occurred_at LIMIT 1`,
      [hashA()],
    );
    const base = { severity: 'high' as const, score: 1, evidence: {} };
    const named = await alerts.raise({ ...base, type: 'cross_unit_citizen', accountIds: ['cb.x', 'cb.y'], occurredAt: new Date('2026-10-02T00:00:00Z'), evidence: { subjectHashPrefix: hashA().slice(0, 12) } });
    const covering = await alerts.raise({
      ...base,
      type: 'enumeration',
      accountId: firstLookup.account_id,
      occurredAt: new Date(firstLookup.occurred_at.getTime() - 60_000),
      windowEnd: new Date(firstLookup.occurred_at.getTime() + 60_000),
    });
    const unrelated = await alerts.raise({ ...base, type: 'enumeration', accountId: 'cb.nobody', occurredAt: new Date('2026-10-03T00:00:00Z') });
    // About auditors who traced the citizen (other auditors' cases): for the reviewers, not in an auditor's timeline.
    const aboutAuditors = await alerts.raise({
      ...base,
      type: TRACE_SUBJECT_REPEATED,
      occurredAt: new Date('2026-10-04T00:00:00Z'),
      evidence: { subjectHashPrefix: hashA().slice(0, 12), caseReferences: ['KT-1', 'KT-2', 'KT-3'], auditors: ['user:someone-else'] },
    });

    const res = await http().post('/v1/trace/citizen-timeline').send({ ...CASE, subjectId: citizenA }).set('Authorization', auditor).expect(200);
    const { rows } = await pg.query(
      `SELECT account_id, count(*)::int AS n FROM query_event WHERE subject_hash = decode($1, 'hex') GROUP BY account_id`,
      [hashA()],
    );
    expect(res.body.total).toBe(events.filter((e) => e.subjectId === citizenA).length);
    expect(res.body.events).toHaveLength(res.body.total);
    expect(res.body.events.every((e: { subjectHash: string }) => e.subjectHash === hashA())).toBe(true);
    expect(res.body.truncated).toBe(false);
    const byAccount = Object.fromEntries(res.body.byAccount.map((a: { accountId: string; events: number }) => [a.accountId, a.events]));
    expect(byAccount).toEqual(Object.fromEntries(rows.map((r) => [r.account_id, r.n])));
    expect(res.body.byDay.reduce((n: number, d: { events: number }) => n + d.events, 0)).toBe(res.body.total);
    expect(res.body.byUnit.reduce((n: number, d: { events: number }) => n + d.events, 0)).toBe(res.body.total);
    expect(res.body.byDossier.reduce((n: number, d: { events: number }) => n + d.events, 0)).toBe(res.body.total);
    const involved = Object.fromEntries(res.body.alerts.map((a: { id: string; involves: string }) => [a.id, a.involves]));
    expect(involved[named.id]).toBe('subject');
    expect(involved[covering.id]).toBe('window');
    expect(involved[unrelated.id]).toBeUndefined();
    expect(involved[aboutAuditors.id]).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toContain('KT-2');
  });

  it("draws an account's days against its baseline, the units of its dossiers, its dossiers, alerts and lock history", async () => {
    await http().post('/v1/accounts/sync?mode=delta').set('Authorization', admin).set('Content-Type', 'text/csv').send(DIRECTORY_CSV).expect(200);
    await http().post('/v1/accounts/cb.trace.1/lock').set('Authorization', admin).send({ reason: 'Kiểm tra theo quyết định thanh tra' }).expect(200);
    const q = { ...CASE, accountId: 'cb.trace.1', from: '2026-09-30T17:00:00Z', to: '2026-10-31T17:00:00Z' };
    const res = await http().get('/v1/trace/account-timeline').query(q).set('Authorization', auditor).expect(200);
    expect(res.body.days).toHaveLength(31);
    expect(res.body.days[0].day).toBe('2026-10-01');
    const { rows: perDay } = await pg.query(
      `SELECT to_char((occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'YYYY-MM-DD') AS day, count(*)::int AS n FROM query_event WHERE account_id = 'cb.trace.1' GROUP BY 1`,
    );
    const byDay = Object.fromEntries(perDay.map((r) => [r.day, r.n]));
    for (const d of res.body.days) expect(d.events).toBe(byDay[d.day] ?? 0);
    const active = res.body.days.filter((d: { events: number }) => d.events > 0);
    expect(active[0].baseline).toBeNull();
    expect(active[1].baseline).toBe(active[0].lookups);
    const { rows: [own] } = await pg.query(
      `SELECT count(*)::int AS n FROM query_event WHERE account_id = 'cb.trace.1' AND action IN ('lookup', 'verify') AND dossier_code LIKE '000.00.10.H05-%'`,
    );
    expect(res.body.citizenUnits.find((u: { ownUnit: boolean }) => u.ownUnit)).toMatchObject({ dossierUnit: '000.00.10.H05', lookups: own.n });
    expect(res.body.dossiers.length).toBeGreaterThan(0);
    expect(res.body.lockHistory).toEqual([expect.objectContaining({ changeKind: 'locked', reason: 'Kiểm tra theo quyết định thanh tra' })]);
    const log = await http().get('/v1/security-log').query({ type: 'trace.timeline-viewed' }).set('Authorization', admin).expect(200);
    expect(log.body.items[0].details).toMatchObject({ caseReference: CASE.caseReference, criteria: { timeline: 'account', accountIds: ['cb.trace.1'] }, subjects: [] });
  });

  it('refuses a timeline without a case reference', async () => {
    const res = await http().post('/v1/trace/citizen-timeline').send({ purpose: CASE.purpose, subjectId: citizenA }).set('Authorization', auditor).expect(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'caseReference' })]);
  });

  it('reveals one event\'s ID to audit:reveal holders only, with a reason, and records it with the citizen hashed', async () => {
    const { rows: [event] } = await pg.query(`SELECT source_system, event_id FROM query_event WHERE subject_hash = decode($1, 'hex') LIMIT 1`, [hashA()]);
    const body = { ...CASE, sourceSystem: event.source_system, eventId: event.event_id, reason: 'Đối chiếu với hồ sơ giấy' };
    await http().post('/v1/trace/reveal').send(body).set('Authorization', auditor).expect(403);
    // The revealer role alone (no audit:search) is not a way in.
    await http().post('/v1/trace/reveal').send(body).set('Authorization', await bearerFor(sut.app, Role.REVEALER)).expect(403);
    const revealer = await bearerFor(sut.app, [Role.AUDITOR, Role.REVEALER]);
    const noReason = await http().post('/v1/trace/reveal').send({ ...body, reason: ' ' }).set('Authorization', revealer).expect(400);
    expect(noReason.body.error.details).toEqual([expect.objectContaining({ field: 'reason' })]);
    const res = await http().post('/v1/trace/reveal').send(body).set('Authorization', revealer).expect(200);
    expect(res.body).toEqual({ sourceSystem: event.source_system, eventId: event.event_id, subjectId: citizenA });
    expect(res.headers['cache-control']).toMatch(/no-store/);
    const log = await http().get('/v1/security-log').query({ type: 'trace.subject-revealed' }).set('Authorization', admin).expect(200);
    expect(log.body.items[0]).toMatchObject({ details: { reason: body.reason, subjects: [hashA()], criteria: { eventId: event.event_id } } });
    expect(JSON.stringify(log.body)).not.toContain(citizenA);
  });

  it('exports with personal IDs in clear only for audit:reveal holders, with a reason, and the file still verifies', async () => {
    const body = { ...CASE, subjectIds: [citizenA], reason: 'Cung cấp cho cơ quan điều tra theo yêu cầu' };
    const exportRevealed = (token: string, b: object) => http().post('/v1/trace/export/revealed?format=csv').send(b).set('Authorization', token).buffer(true);
    await exportRevealed(auditor, body).expect(403);
    const revealer = await bearerFor(sut.app, [Role.AUDITOR, Role.REVEALER]);
    const noReason = await exportRevealed(revealer, { ...body, reason: '' }).expect(400);
    expect(noReason.body.error.details).toEqual([expect.objectContaining({ field: 'reason' })]);
    const res = await exportRevealed(revealer, body).expect(200);
    const [header, ...rows] = [...csvRecords(res.text)];
    expect(header[header.length - 1]).toBe('subject_id');
    const at = (c: string) => header.indexOf(c);
    const { rows: [{ n }] } = await pg.query(`SELECT count(*)::int AS n FROM query_event WHERE subject_hash = decode($1, 'hex')`, [hashA()]);
    expect(rows).toHaveLength(n);
    for (const row of rows) expect([row[at('subject_hash')], row[at('subject_id')]]).toEqual([hashA(), citizenA]);
    // The evidence columns are those of any export: the manifest names the extra column and the file verifies.
    const manifest = await http().get(`/v1/trace/exports/${res.headers['x-export-id']}/manifest`).set('Authorization', revealer).expect(200);
    expect(JSON.parse(manifest.text).file.columns).toEqual(header);
    const dir = mkdtempSync(join(tmpdir(), 'tthc-revealed-'));
    writeFileSync(join(dir, 'e.csv'), res.text);
    writeFileSync(join(dir, 'e.manifest.json'), manifest.text);
    writeFileSync(join(dir, 'public-key.json'), JSON.stringify((await http().get('/v1/integrity/public-key').set('Authorization', admin).expect(200)).body));
    const verified = await verifyOffline(join(dir, 'e.manifest.json'), join(dir, 'e.csv'), ['--public-key', join(dir, 'public-key.json')]);
    expect(verified.code).toBe(0);
    const log = await http().get('/v1/security-log').query({ type: 'trace.exported' }).set('Authorization', admin).expect(200);
    expect(log.body.items[0]).toMatchObject({ details: { reason: body.reason, rows: n, subjects: [hashA()] } });
    // The citizens shown in clear are a reveal of their own in the log, whatever the search named.
    const reveals = await http().get('/v1/security-log').query({ type: 'trace.subject-revealed' }).set('Authorization', admin).expect(200);
    expect(reveals.body.items[0]).toMatchObject({ details: { reason: body.reason, rows: n, subjects: [hashA()], export: true, criteria: { exportId: res.headers['x-export-id'] } } });
    // Begun before the first byte, with the reason.
    const started = await http().get('/v1/security-log').query({ type: 'trace.export-started' }).set('Authorization', admin).expect(200);
    expect(started.body.items[0]).toMatchObject({ details: { reason: body.reason, exportId: res.headers['x-export-id'], subjects: [hashA()] } });
    expect(started.body.items[0].details.rows).toBeUndefined();
    expect(JSON.stringify([log.body, reveals.body, started.body])).not.toContain(citizenA);
  }, 240_000);

  it('raises an alert when one citizen is traced under several case references, and when one case traces many citizens', async () => {
    const search = (caseReference: string, subjectIds: string[]) =>
      http().post('/v1/trace/search').send({ caseReference, purpose: 'Kiểm tra', subjectIds, limit: 1 }).set('Authorization', auditor).expect(200);
    for (const c of ['VV-A', 'VV-B', 'VV-C']) await search(c, [citizenB]);
    const many = Array.from({ length: 50 }, newPersonalId);
    await search('VV-MANY', many.slice(0, 25));
    await search('VV-MANY', many.slice(25));
    // The checks run beside the answers: their alerts follow within milliseconds.
    await sut.app.get(TraceAudit).settled();
    const list = await http().get('/v1/alerts').query({ limit: 100 }).set('Authorization', admin).expect(200);
    const repeated = list.body.items.find((a: { type: string }) => a.type === 'trace_subject_repeated');
    expect(repeated).toMatchObject({ severity: 'medium', evidence: { caseReferences: ['VV-A', 'VV-B', 'VV-C'], subjectHashPrefix: hmacHex(NEW_KEY, citizenB).slice(0, 16) } });
    expect(repeated.explanationVi).toMatch(/3 số hồ sơ vụ việc khác nhau/);
    expect(repeated.explanationEn).toMatch(/3 different case references/);
    const wide = list.body.items.find((a: { type: string }) => a.type === 'trace_case_many_subjects');
    expect(wide).toMatchObject({ evidence: { caseReference: 'VV-MANY', observed: { subjects: 50 } } });
    expect(JSON.stringify(list.body)).not.toContain(citizenB);
    // The day scan judges the same searches and keys the same alerts: a re-run updates them.
    const today = localDay(new Date());
    const scanned = await sut.app.get(TraceSearchesDetector).detectDays(today, today, loadTraceSearchesSettings());
    expect(scanned.map((a) => a.dedupKey).sort()).toEqual([wide.dedupKey, repeated.dedupKey].sort());
  });

  it('estimates the total when more events match than it counts exactly, and says so', async () => {
    const bulk = seedEvents(EXACT_TOTAL_BOUND + 100, [newPersonalId()]).map((e) => ({ ...e, accountId: 'cb.bulk' }));
    await ingest(sut.app, bulk);
    await pg.query('ANALYZE query_event');
    const res = await http().get('/v1/trace/events').query({ ...CASE, accountId: 'cb.bulk', limit: 10 }).set('Authorization', auditor).expect(200);
    expect(res.body.items).toHaveLength(10);
    expect(res.body.total.exact).toBe(false);
    expect(res.body.total.value).toBeGreaterThanOrEqual(EXACT_TOTAL_BOUND);
    const few = await http().get('/v1/trace/events').query({ ...CASE, accountId: 'cb.bulk', action: 'login', limit: 10 }).set('Authorization', auditor).expect(200);
    expect(few.body.total).toEqual({ value: bulk.filter((e) => e.action === 'login').length, exact: true });
  }, 120_000);

  it('gives up counting when the count would take longer than its budget', async () => {
    const repository = sut.app.get(TraceEventRepository);
    const criteria = { accountIds: ['cb.bulk'] };
    expect(await repository.countBelow(criteria, EXACT_TOTAL_BOUND, {}, 5_000)).toBe(EXACT_TOTAL_BOUND);
    // A session holding the table makes any count wait: the budget stops it instead of the auditor waiting.
    const blocker = new Client({ connectionString: sut.db.url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE query_event IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      expect(await repository.countBelow(criteria, EXACT_TOTAL_BOUND, {}, 50)).toBeNull();
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
  });

  it('refuses an export with personal IDs that would hold more rows than allowed, before the file starts', async () => {
    const revealer = await bearerFor(sut.app, [Role.AUDITOR, Role.REVEALER]);
    const { rows: [{ n }] } = await pg.query(`SELECT count(*)::int AS n FROM query_event`);
    expect(n).toBeGreaterThan(1000);
    const res = await http().post('/v1/trace/export/revealed?format=csv').send({ ...CASE, reason: 'Toàn bộ nhật ký' }).set('Authorization', revealer).expect(400);
    expect(res.body.error.message).toContain('at most 1,000 rows');
    expect(res.headers['x-export-id']).toBeUndefined();
  });
});
