import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import request from 'supertest';
import { Role } from '@app/auth';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { createMigratedDatabase, TestDatabase } from '../utils/test-database';
import {
  BEFORE_ROTATION_ENV,
  hmacHex,
  ingest,
  NEW_KEY,
  newPersonalId,
  OLD_KEY,
  ROTATED_ENV,
  seedEvents,
} from '../trace/trace.fixture';
import { ensurePoppler, pdfText } from './poppler';

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

const CITIZEN_CASE = {
  caseReference: 'Đơn 15/2026/ĐN-CD',
  purpose: 'Trả lời đề nghị của công dân về việc ai đã tra cứu dữ liệu cá nhân của mình',
};
const NAMES: Record<string, [string, string, string]> = {
  'cb.trace.0': ['Lê Thị Cúc', '000.00.31.H52', 'UBND xã Triệu Phong'],
  'cb.trace.1': ['Nguyễn Văn Bình', '000.00.10.H05', 'Sở Tư pháp'],
  'cb.trace.2': ['Trần Văn Cường', '000.00.10.H05', 'Sở Tư pháp'],
};

/**
 * A citizen's access report over the real ingest path, a rotated hash key and the real database: exactly the
 * citizen's events (the test's own query), the PDF read back with pdftotext, the chain evidence as stored, the
 * personal ID nowhere in clear, the security log, the case rule and who may ask.
 */
describe("A citizen's access report (POST /v1/reports/citizen-access)", () => {
  let db: TestDatabase;
  let sut: TestApp;
  let pg: Client;
  let admin: string;
  const [citizen, other] = [newPersonalId(), newPersonalId()];
  const hashes = [hmacHex(OLD_KEY, citizen), hmacHex(NEW_KEY, citizen)];
  let report: {
    id: string;
    kind: string;
    period: { from: string; to: string };
    pdfSha256: string;
    citizenAccess: Record<string, unknown>;
  };
  let pdf: Buffer;
  let xlsx: Buffer;
  const http = () => request(sut.app.getHttpServer());
  const download = (id: string, format: 'pdf' | 'xlsx', bearer: string) =>
    http().get(`/v1/reports/${id}/${format}`).set('Authorization', bearer).buffer(true).parse(binary);

  beforeAll(async () => {
    ensurePoppler();
    db = await createMigratedDatabase();
    // Stored under the old key, then the key rotates: the report finds the citizen under both.
    const old = await bootTestApp(BEFORE_ROTATION_ENV, { db });
    await ingest(old.app, seedEvents(30, [citizen, other]));
    await old.close();
    sut = await bootTestApp(ROTATED_ENV, { db });
    await ingest(sut.app, seedEvents(40, [other, citizen], 30));
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    for (const [account, [name, unit, unitName]] of Object.entries(NAMES))
      await pg.query(
        `INSERT INTO account (account_id, full_name, unit_code, unit_name, in_directory, first_seen_at, updated_at)
         VALUES ($1, $2, $3, $4, true, now(), now()) ON CONFLICT (account_id) DO UPDATE SET full_name = $2, unit_code = $3, unit_name = $4`,
        [account, name, unit, unitName],
      );
    admin = await bearerFor(sut.app, Role.ADMIN);
    report = (
      await http()
        .post('/v1/reports/citizen-access')
        .set('Authorization', admin)
        .send({ subject: citizen, ...CITIZEN_CASE, requesterName: 'Nguyễn Thị Hoa' })
        .expect(201)
    ).body;
    pdf = (await download(report.id, 'pdf', admin).expect(200)).body;
    if (process.env.KEEP_ACCESS_REPORT) writeFileSync(process.env.KEEP_ACCESS_REPORT, pdf);
    xlsx = (await download(report.id, 'xlsx', admin).expect(200)).body;
  }, 180_000);

  afterAll(async () => {
    await pg?.end();
    await sut?.close();
    await db?.drop();
  });

  /** The test's own answer: the citizen's events under either key, newest first. */
  async function expectedEvents(): Promise<{ event_id: string; account_id: string; batch_id: string }[]> {
    const { rows } = await pg.query(
      `SELECT event_id, account_id, batch_id::text AS batch_id FROM query_event WHERE encode(subject_hash, 'hex') = ANY($1)
       ORDER BY occurred_at DESC, source_system COLLATE "C" DESC, event_id COLLATE "C" DESC`,
      [hashes],
    );
    return rows;
  }

  async function sheetRows(name: string): Promise<string[][]> {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx as unknown as ArrayBuffer);
    const rows: string[][] = [];
    book.getWorksheet(name)!.eachRow((row, i) => {
      if (i > 1) rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v))));
    });
    return rows;
  }

  it("lists exactly the citizen's events, stored under the rotated key and the current one, newest first", async () => {
    const want = await expectedEvents();
    const { rows: keys } = await pg.query(
      `SELECT DISTINCT subject_key_id FROM query_event WHERE encode(subject_hash, 'hex') = ANY($1) ORDER BY 1`,
      [hashes],
    );
    expect(keys.map((k) => k.subject_key_id)).toEqual(['k0', 'k1']);
    expect(want.length).toBeGreaterThan(10);
    expect(report.kind).toBe('citizen_access');
    expect(report.citizenAccess).toMatchObject({
      caseReference: CITIZEN_CASE.caseReference,
      events: want.length,
      accounts: new Set(want.map((w) => w.account_id)).size,
      batches: new Set(want.map((w) => w.batch_id)).size,
    });
    const listed = await sheetRows('Lượt tra cứu');
    expect(listed.map((r) => r[12])).toEqual(want.map((w) => w.event_id));
    // Everything retained: the period starts on the local day of the citizen's first event.
    const { rows: first } = await pg.query(
      `SELECT to_char(min(occurred_at) AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS day FROM query_event
       WHERE encode(subject_hash, 'hex') = ANY($1)`,
      [hashes],
    );
    expect(report.period.from).toBe(first[0].day);
  });

  it('is a Vietnamese administrative document addressed to the citizen, with each lookup, names from the directory and fields from the catalog', () => {
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    for (const line of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'BÁO CÁO',
      'Về việc truy cập dữ liệu cá nhân của công dân',
      'Kính gửi: Ông/Bà Nguyễn Thị Hoa',
      `hồ sơ số ${CITIZEN_CASE.caseReference}`,
      'trong toàn bộ thời gian nhật ký còn được lưu giữ',
      'DANH SÁCH CÁC LƯỢT TRA CỨU',
      'Lê Thị Cúc (cb.trace.0)',
      'UBND xã Triệu Phong',
      'Sở Tư pháp',
      'Họ, chữ đệm và tên khai sinh',
      'Xác thực thông tin',
      'PHỤ LỤC: CĂN CỨ ĐỐI CHIẾU TÍNH TOÀN VẸN',
      'Cách kiểm tra',
    ])
      expect(text).toContain(line);
    expect(text).toContain(`Nhật ký ghi nhận ${report.citizenAccess.events} lượt tra cứu`);
    // The XLSX's sum is printed in the footer; the PDF's own is in the archive entry the footer names.
    expect(text).toContain(`mã lưu trữ ${report.id}`);
  });

  it('cites the chained digest of every batch the lookups come from and the signed chain head covering them', async () => {
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    const batches = [...new Set((await expectedEvents()).map((w) => w.batch_id))];
    const { rows } = await pg.query(
      `SELECT id::text AS id, encode(digest, 'hex') AS digest FROM audit_batch WHERE id = ANY($1::bigint[])`,
      [batches],
    );
    expect(rows).toHaveLength(batches.length);
    for (const b of rows) {
      expect(text).toContain(`Lô ${b.id}`);
      expect(text).toContain(b.digest);
    }
    const { rows: heads } = await pg.query(
      `SELECT encode(digest, 'hex') AS digest, encode(signature, 'base64') AS signature, key_id FROM signed_digest`,
    );
    expect(heads.length).toBeGreaterThan(0);
    const cited = heads.filter((h) => text.includes(h.digest));
    expect(cited.length).toBeGreaterThan(0);
    for (const h of cited) {
      expect(text).toContain(h.signature.replace(/\s+/g, ''));
      expect(text).toContain(h.key_id);
    }
    const signed = await sheetRows('Đầu chuỗi đã ký');
    expect(signed.map((r) => r[2]).sort()).toEqual(cited.map((h) => h.digest).sort());
  });

  it('never has the personal ID in clear: not in the PDF, the XLSX, the archive row or the security log', async () => {
    expect(pdfText(pdf)).not.toContain(citizen);
    const cells = [
      ...(await sheetRows('Tổng quan')),
      ...(await sheetRows('Lượt tra cứu')),
      ...(await sheetRows('Lô nhật ký')),
    ].flat();
    expect(cells.join('|')).not.toContain(citizen);
    const { rows } = await pg.query(
      `SELECT (to_jsonb(r) - 'pdf' - 'xlsx')::text AS row, encode(subject_hash, 'hex') AS subject_hash FROM report r WHERE id = $1`,
      [report.id],
    );
    expect(rows[0].row).not.toContain(citizen);
    expect(rows[0].subject_hash).toBe(hmacHex(NEW_KEY, citizen));
    const { rows: log } = await pg.query(`SELECT (to_jsonb(e))::text AS row FROM security_event e`);
    expect(log.length).toBeGreaterThan(0);
    for (const { row } of log) expect(row).not.toContain(citizen);
  });

  it('records the report in the security log with the case, the purpose and the citizen as a keyed hash, and each download', async () => {
    const { rows } = await pg.query(
      `SELECT type, target, details FROM security_event WHERE details->>'reportId' = $1 ORDER BY id`,
      [report.id],
    );
    const generated = rows.find((r) => r.type === 'trace.access-reported');
    expect(generated).toMatchObject({
      target: CITIZEN_CASE.caseReference,
      details: {
        caseReference: CITIZEN_CASE.caseReference,
        purpose: CITIZEN_CASE.purpose,
        subjects: [hmacHex(NEW_KEY, citizen)],
        rows: report.citizenAccess.events,
        pdfSha256: report.pdfSha256,
      },
    });
    expect(rows.filter((r) => r.type === 'report.downloaded').map((r) => r.details.format)).toEqual([
      'pdf',
      'xlsx',
    ]);
    expect(rows.find((r) => r.type === 'report.downloaded').details.caseReference).toBe(
      CITIZEN_CASE.caseReference,
    );
  });

  it('lists only the asked period when from and to are given, and an empty report for a citizen never looked up', async () => {
    const { rows } = await pg.query(
      `SELECT count(*)::int AS n FROM query_event WHERE encode(subject_hash, 'hex') = ANY($1)
       AND occurred_at >= '2026-10-05T00:00:00+07:00' AND occurred_at < '2026-10-12T00:00:00+07:00'`,
      [hashes],
    );
    const part = await http()
      .post('/v1/reports/citizen-access')
      .set('Authorization', admin)
      .send({ subject: citizen, ...CITIZEN_CASE, from: '2026-10-05', to: '2026-10-12' })
      .expect(201);
    expect(part.body.citizenAccess.events).toBe(rows[0].n);
    expect(part.body.period).toEqual({ from: '2026-10-05', to: '2026-10-12' });
    const none = await http()
      .post('/v1/reports/citizen-access')
      .set('Authorization', admin)
      .send({ subject: newPersonalId(), ...CITIZEN_CASE })
      .expect(201);
    expect(none.body.citizenAccess).toMatchObject({ events: 0, batches: 0 });
    const text = pdfText((await download(none.body.id, 'pdf', admin).expect(200)).body).replace(/\s+/g, ' ');
    expect(text).toContain('không ghi nhận lượt tra cứu nào');
    expect(text).toContain('Kính gửi: Công dân đề nghị cung cấp thông tin');
  });

  it('refuses a request without a case reference or a purpose, or with a malformed ID, naming the field and never the ID', async () => {
    const count = async () =>
      (await pg.query(`SELECT count(*)::int AS n FROM report WHERE kind = 'citizen_access'`)).rows[0].n;
    const before = await count();
    const noCase = await http()
      .post('/v1/reports/citizen-access')
      .set('Authorization', admin)
      .send({ subject: citizen, purpose: CITIZEN_CASE.purpose })
      .expect(400);
    expect(noCase.body.error.details).toEqual([expect.objectContaining({ field: 'caseReference' })]);
    const noPurpose = await http()
      .post('/v1/reports/citizen-access')
      .set('Authorization', admin)
      .send({ subject: citizen, caseReference: CITIZEN_CASE.caseReference })
      .expect(400);
    expect(noPurpose.body.error.details).toEqual([expect.objectContaining({ field: 'purpose' })]);
    const malformed = `${citizen.slice(0, 11)}x`;
    const bad = await http()
      .post('/v1/reports/citizen-access')
      .set('Authorization', admin)
      .send({ subject: malformed, ...CITIZEN_CASE })
      .expect(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ field: 'subject' })]);
    expect(JSON.stringify(bad.body)).not.toContain(malformed);
    const badDay = await http()
      .post('/v1/reports/citizen-access')
      .set('Authorization', admin)
      .send({ subject: citizen, ...CITIZEN_CASE, from: '2026-10-12', to: '2026-10-05' })
      .expect(400);
    expect(badDay.body.error.details).toEqual([expect.objectContaining({ field: 'to' })]);
    expect(await count()).toBe(before);
  });

  it('is for admins: auditors, reviewers and operators are answered 403; auditors may download the archived files', async () => {
    for (const role of [Role.AUDITOR, Role.REVIEWER, Role.OPERATOR]) {
      const bearer = await bearerFor(sut.app, role);
      await http()
        .post('/v1/reports/citizen-access')
        .set('Authorization', bearer)
        .send({ subject: citizen, ...CITIZEN_CASE })
        .expect(403);
    }
    const auditor = await bearerFor(sut.app, Role.AUDITOR);
    await download(report.id, 'pdf', auditor).expect(200);
    await download(report.id, 'pdf', await bearerFor(sut.app, Role.REVIEWER)).expect(403);
  });

  it('records a periodic report generated on demand and its download in the security log', async () => {
    const made = await http()
      .post('/v1/reports')
      .set('Authorization', admin)
      .send({ from: '2026-10-01', to: '2026-11-01' })
      .expect(201);
    await download(made.body.id, 'xlsx', admin).expect(200);
    const { rows } = await pg.query(
      `SELECT type, actor_kind, details FROM security_event WHERE details->>'reportId' = $1 ORDER BY id`,
      [made.body.id],
    );
    expect(rows.map((r) => r.type)).toEqual(['report.generated', 'report.downloaded']);
    expect(rows[0]).toMatchObject({
      actor_kind: 'user',
      details: {
        kind: 'on_demand',
        period: { from: '2026-10-01', to: '2026-11-01' },
        pdfSha256: made.body.pdfSha256,
        xlsxSha256: made.body.xlsxSha256,
      },
    });
    expect(rows[1].details).toMatchObject({ format: 'xlsx', sha256: made.body.xlsxSha256 });
  });
});
