import { createHash } from 'node:crypto';
import request from 'supertest';
import { AlertsService } from '@app/alerts';
import { AuditRetention } from '@app/audit-trail';
import { Role } from '@app/auth';
import { FixedClock } from '@app/common';
import { sql } from '../ingestion/ingest.fixture';
import { ensurePoppler, pdfText } from '../reports/poppler';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { completed, HOUR, latestNotice, openIncident, server } from './incidents.fixture';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** Supertest's parser for a file answer: the bytes as they came. */
const binary = (res: request.Response, cb: (e: Error | null, b: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/**
 * Breach incidents over HTTP against the real database: the deadline, opening from alerts, the notice's versions
 * (also saved at once by two admins), finalisation with its files, sendings and confirmations, who may do what,
 * the security log, and that nothing is deleted before five years.
 */
describe('Incidents (/v1/incidents)', () => {
  const clock = new FixedClock(new Date('2026-12-02T03:00:00Z'));
  let sut: TestApp;
  let admin: string;
  let auditor: string;

  beforeAll(async () => {
    sut = await bootTestApp({}, { clock });
    admin = await bearerFor(sut.app, Role.ADMIN);
    auditor = await bearerFor(sut.app, Role.AUDITOR);
  }, 120_000);
  afterAll(() => sut?.close());

  it('fixes the deadline 72 hours after the discovery, drafts version 1 and keeps the incident 5 years', async () => {
    const incident = await openIncident(sut.app, admin, { title: 'Tra cứu hàng loạt ngoài giờ', discoveredAt: '2026-12-01T20:15:00.000Z', assignees: ['a@example.gov.vn'] });
    expect(incident).toEqual(
      expect.objectContaining({
        status: 'open',
        discoveredAt: '2026-12-01T20:15:00.000Z',
        deadlineAt: '2026-12-04T20:15:00.000Z',
        remainingMs: Date.parse('2026-12-04T20:15:00Z') - clock.now().getTime(),
        late: false,
        latestVersion: 1,
        finalisedVersion: null,
        retainUntil: '2031-12-01T20:15:00.000Z',
        openedBy: expect.stringMatching(/^user:/),
      }),
    );
    const draft = await latestNotice(sut.app, admin, incident.id);
    expect(draft.version).toBe(1);
    expect(draft.content.number).toBeNull();
    expect(draft.content.form).toBe('decree-356-form-08');
    expect(draft.content.violation.discoveredAt).toBe('2026-12-01T20:15:00.000Z');
  });

  it('defaults the discovery to now and refuses one in the future, naming the field', async () => {
    const now = await openIncident(sut.app, admin, { title: 'Phát hiện ngay' });
    expect(now.discoveredAt).toBe(clock.now().toISOString());
    // The admin's clock a little ahead: taken as now, so that the deadline is never more than 72 hours away.
    const ahead = await openIncident(sut.app, admin, { title: 'Đồng hồ nhanh', discoveredAt: new Date(clock.now().getTime() + 30_000).toISOString() });
    expect(ahead).toEqual(expect.objectContaining({ discoveredAt: clock.now().toISOString(), remainingMs: 72 * HOUR }));
    const res = await request(server(sut.app))
      .post('/v1/incidents')
      .set('Authorization', admin)
      .send({ title: 'Tương lai', discoveredAt: new Date(clock.now().getTime() + HOUR).toISOString() })
      .expect(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'discoveredAt' })]);
  });

  it("opens from an alert with the alert's accounts, units, fields and counts, and links it", async () => {
    const { id: alertId } = await sut.app.get(AlertsService).raise({
      type: 'bulk_export',
      severity: 'high',
      accountId: 'cb.xa31.lethic',
      unitCode: '000.00.31.H52',
      occurredAt: new Date('2026-12-01T10:00:00Z'),
      windowStart: new Date('2026-12-01T09:00:00Z'),
      windowEnd: new Date('2026-12-01T11:00:00Z'),
      evidence: { subjects: 420, rows: 1300, fields: ['fullName', 'faceImage'] },
    });
    const incident = await openIncident(sut.app, admin, { title: 'Xuất dữ liệu hàng loạt', alertIds: [alertId], discoveredAt: '2026-12-01T12:00:00.000Z' });
    expect(incident).toEqual(
      expect.objectContaining({
        alertIds: [alertId],
        accounts: ['cb.xa31.lethic'],
        units: ['000.00.31.H52'],
        fields: ['faceImage', 'fullName'],
        subjectsAffected: 420,
        recordsAffected: 1300,
        occurredFrom: '2026-12-01T09:00:00.000Z',
        occurredTo: '2026-12-01T11:00:00.000Z',
      }),
    );
    const draft = await latestNotice(sut.app, admin, incident.id);
    expect(draft.content.violation.subjectsAffected).toBe(420);
    expect(draft.content.violation.dataCategories.map((c) => c.field).sort()).toEqual(['faceImage', 'fullName']);
    await request(server(sut.app)).post('/v1/incidents').set('Authorization', admin).send({ title: 'Không có', alertIds: ['999999'] }).expect(404);
  });

  it('keeps every saved version and numbers two admins saving at once one after the other', async () => {
    const incident = await openIncident(sut.app, admin, { title: 'Sửa đồng thời' });
    const { content } = await latestNotice(sut.app, admin, incident.id);
    const other = await bearerFor(sut.app, Role.ADMIN);
    const saves = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        request(server(sut.app))
          .post(`/v1/incidents/${incident.id}/notice/versions`)
          .set('Authorization', i % 2 ? admin : other)
          .send({ content: { ...content, commitment: `Bản sửa ${i}` } }),
      ),
    );
    expect(saves.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(saves.map((r) => r.body.version).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    const list = await request(server(sut.app)).get(`/v1/incidents/${incident.id}/notice/versions`).set('Authorization', auditor).expect(200);
    expect(list.body.items.map((v: { version: number }) => v.version)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(new Set(list.body.items.map((v: { content: { commitment: string } }) => v.content.commitment)).size).toBe(9);
    const one = await request(server(sut.app)).get(`/v1/incidents/${incident.id}/notice/versions/1`).set('Authorization', auditor).expect(200);
    expect(one.body.content.commitment).toBe(content.commitment);
  });

  it('refuses an unknown or mistyped field of the notice with a 400 naming it', async () => {
    const incident = await openIncident(sut.app, admin, { title: 'Sai kiểu' });
    const { content } = await latestNotice(sut.app, admin, incident.id);
    const res = await request(server(sut.app))
      .post(`/v1/incidents/${incident.id}/notice/versions`)
      .set('Authorization', admin)
      .send({ content: { ...content, violation: { ...content.violation, subjectsAffected: 'nhiều' } } })
      .expect(400);
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'content.violation.subjectsAffected' })]));
  });

  it("refuses a citizen's personal ID in clear in the notice or the incident, naming the field", async () => {
    const incident = await openIncident(sut.app, admin, { title: 'Số định danh' });
    const { content } = await latestNotice(sut.app, admin, incident.id);
    const res = await request(server(sut.app))
      .post(`/v1/incidents/${incident.id}/notice/versions`)
      .set('Authorization', admin)
      .send({ content: { ...content, violation: { ...content.violation, act: 'Tra cứu công dân 052190012345 ngoài giờ' } } })
      .expect(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'content.violation.act' })]);
    expect(JSON.stringify(res.body)).not.toContain('052190012345');
    await request(server(sut.app)).patch(`/v1/incidents/${incident.id}`).set('Authorization', admin).send({ description: 'Công dân 052190012345' }).expect(400);
    const [{ n }] = await sql<{ n: number }>(sut.db.url, `SELECT count(*)::int AS n FROM incident_notice_version WHERE incident_id = $1`, [incident.id]);
    expect(n).toBe(1);
  });

  it('finalises once: a number, PDF and DOCX with their SHA-256; again returns the same; no more edits', async () => {
    const incident = await openIncident(sut.app, admin, { title: 'Hoàn tất', fields: ['fullName'] });
    const path = `/v1/incidents/${incident.id}/notice`;
    const incomplete = await request(server(sut.app)).post(`${path}/finalise`).set('Authorization', admin).send({}).expect(400);
    expect(incomplete.body.error.details.length).toBeGreaterThan(0);
    const { content } = await latestNotice(sut.app, admin, incident.id);
    const saved = await request(server(sut.app)).post(`${path}/versions`).set('Authorization', admin).send({ content: completed(content) }).expect(201);
    const [a, b] = await Promise.all([
      request(server(sut.app)).post(`${path}/finalise`).set('Authorization', admin).send({ version: saved.body.version }),
      request(server(sut.app)).post(`${path}/finalise`).set('Authorization', admin).send({}),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.version).toBe(saved.body.version + 1);
    expect(b.body).toEqual(a.body);
    expect(a.body).toEqual(expect.objectContaining({ finalised: true, pdfSha256: expect.stringMatching(/^[0-9a-f]{64}$/), docxSha256: expect.stringMatching(/^[0-9a-f]{64}$/) }));
    expect(a.body.content.number).toMatch(/^\d+\/[A-ZĐ0-9-]+$/);
    const [{ n }] = await sql<{ n: number }>(sut.db.url, `SELECT count(*)::int AS n FROM incident_notice_version WHERE incident_id = $1 AND finalised`, [incident.id]);
    expect(n).toBe(1);

    const pdf = await request(server(sut.app)).get(`${path}/versions/${a.body.version}/pdf`).set('Authorization', auditor).buffer(true).parse(binary).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(sha256(pdf.body)).toBe(a.body.pdfSha256);
    ensurePoppler();
    const text = pdfText(pdf.body);
    expect(text).toContain(`Số: ${a.body.content.number}`);
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    const docx = await request(server(sut.app)).get(`${path}/versions/${a.body.version}/docx`).set('Authorization', auditor).buffer(true).parse(binary).expect(200);
    expect(sha256(docx.body)).toBe(a.body.docxSha256);
    expect(docx.body.subarray(0, 2).toString()).toBe('PK');
    await request(server(sut.app)).get(`${path}/versions/1/pdf`).set('Authorization', auditor).expect(409);
    await request(server(sut.app)).get(`${path}/versions/${a.body.version}/citizen-pdf`).set('Authorization', auditor).expect(404);

    await request(server(sut.app)).post(`${path}/versions`).set('Authorization', admin).send({ content }).expect(409);
    const shown = await request(server(sut.app)).get(`/v1/incidents/${incident.id}`).set('Authorization', auditor).expect(200);
    expect(shown.body).toEqual(expect.objectContaining({ finalisedVersion: a.body.version, noticeNumber: a.body.content.number }));
    const other = await openIncident(sut.app, admin, { title: 'Số tiếp theo' });
    const next = await latestNotice(sut.app, admin, other.id);
    await request(server(sut.app)).post(`/v1/incidents/${other.id}/notice/versions`).set('Authorization', admin).send({ content: completed(next.content) }).expect(201);
    const second = await request(server(sut.app)).post(`/v1/incidents/${other.id}/notice/finalise`).set('Authorization', admin).send({}).expect(200);
    expect(parseInt(second.body.content.number, 10)).toBe(parseInt(a.body.content.number, 10) + 1);
  });

  it('makes the citizens\' notice too when biometric data was involved', async () => {
    const incident = await openIncident(sut.app, admin, { title: 'Ảnh khuôn mặt', fields: ['faceImage', 'fullName'] });
    const { content } = await latestNotice(sut.app, admin, incident.id);
    await request(server(sut.app)).post(`/v1/incidents/${incident.id}/notice/versions`).set('Authorization', admin).send({ content: completed(content) }).expect(201);
    const done = await request(server(sut.app)).post(`/v1/incidents/${incident.id}/notice/finalise`).set('Authorization', admin).send({}).expect(200);
    expect(done.body.citizenPdfSha256).toMatch(/^[0-9a-f]{64}$/);
    const file = await request(server(sut.app))
      .get(`/v1/incidents/${incident.id}/notice/versions/${done.body.version}/citizen-docx`)
      .set('Authorization', admin)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(sha256(file.body)).toBe(done.body.citizenDocxSha256);
  });

  it('records the sending (notifiedAt, status) and the confirmation record with its file and SHA-256', async () => {
    const incident = await openIncident(sut.app, admin, { title: 'Gửi thông báo', discoveredAt: new Date(clock.now().getTime() - 2 * HOUR).toISOString() });
    const at = new Date(clock.now().getTime() - HOUR).toISOString();
    const sent = await request(server(sut.app))
      .post(`/v1/incidents/${incident.id}/sending`)
      .set('Authorization', admin)
      .send({ at, channel: 'Cổng thông tin quốc gia về bảo vệ dữ liệu cá nhân', recipient: 'Bộ Công an (Cục A05)', reference: 'A05-2026-001' })
      .expect(201);
    expect(sent.body).toEqual(expect.objectContaining({ status: 'notified', notifiedAt: at, remainingMs: null, late: false }));
    const scan = Buffer.from('%PDF-1.4 biên bản xác nhận');
    const confirmed = await request(server(sut.app))
      .post(`/v1/incidents/${incident.id}/confirmation`)
      .set('Authorization', admin)
      .send({ at: clock.now().toISOString(), fileName: 'bien-ban.pdf', fileType: 'application/pdf', fileBase64: scan.toString('base64') })
      .expect(201);
    const record = confirmed.body.records.find((r: { kind: string }) => r.kind === 'confirmation');
    expect(record).toEqual(expect.objectContaining({ fileName: 'bien-ban.pdf', fileSha256: sha256(scan), fileBytes: scan.length }));
    const file = await request(server(sut.app)).get(`/v1/incidents/${incident.id}/records/${record.id}/file`).set('Authorization', auditor).buffer(true).parse(binary).expect(200);
    expect(file.body.equals(scan)).toBe(true);
    await request(server(sut.app)).post(`/v1/incidents/${incident.id}/confirmation`).set('Authorization', admin).send({ at: clock.now().toISOString() }).expect(400);
    const closed = await request(server(sut.app)).patch(`/v1/incidents/${incident.id}`).set('Authorization', admin).send({ status: 'closed' }).expect(200);
    expect(closed.body.status).toBe('closed');
  });

  it('lists incidents with their deadline, time left and lateness', async () => {
    const late = await openIncident(sut.app, admin, { title: 'Đã quá hạn', discoveredAt: new Date(clock.now().getTime() - 80 * HOUR).toISOString() });
    const res = await request(server(sut.app)).get('/v1/incidents?status=open').set('Authorization', auditor).expect(200);
    const row = res.body.items.find((i: { id: string }) => i.id === late.id);
    expect(row).toEqual(expect.objectContaining({ late: true, remainingMs: -8 * HOUR }));
    expect(res.body.items.every((i: { status: string }) => i.status === 'open')).toBe(true);
  });

  it('lets only admins write; auditors read; reviewers and operators neither', async () => {
    const incident = await openIncident(sut.app, admin, { title: 'Quyền' });
    const reviewer = await bearerFor(sut.app, Role.REVIEWER);
    const operator = await bearerFor(sut.app, Role.OPERATOR);
    const { content } = await latestNotice(sut.app, admin, incident.id);
    const writes: [string, string, object][] = [
      ['post', '/v1/incidents', { title: 'Không được' }],
      ['patch', `/v1/incidents/${incident.id}`, { description: 'x' }],
      ['post', `/v1/incidents/${incident.id}/notice/versions`, { content }],
      ['post', `/v1/incidents/${incident.id}/notice/finalise`, {}],
      ['post', `/v1/incidents/${incident.id}/sending`, { at: clock.now().toISOString(), channel: 'email', recipient: 'A05' }],
      ['post', `/v1/incidents/${incident.id}/confirmation`, { at: clock.now().toISOString(), note: 'x' }],
    ];
    for (const token of [auditor, reviewer, operator])
      for (const [method, path, body] of writes)
        expect({ method, path, status: (await (request(server(sut.app)) as unknown as Record<string, (p: string) => request.Test>)[method](path).set('Authorization', token).send(body)).status }).toEqual({ method, path, status: 403 });
    for (const token of [reviewer, operator]) await request(server(sut.app)).get(`/v1/incidents/${incident.id}`).set('Authorization', token).expect(403);
    await request(server(sut.app)).get(`/v1/incidents/${incident.id}`).set('Authorization', auditor).expect(200);
    const [{ n }] = await sql<{ n: number }>(sut.db.url, `SELECT count(*)::int AS n FROM incident_notice_version WHERE incident_id = $1`, [incident.id]);
    expect(n).toBe(1);
  });

  it('writes every action to the security log', async () => {
    const incident = await openIncident(sut.app, admin, { title: 'Nhật ký' });
    await request(server(sut.app)).patch(`/v1/incidents/${incident.id}`).set('Authorization', admin).send({ assignees: ['b@example.gov.vn'] }).expect(200);
    const { content } = await latestNotice(sut.app, admin, incident.id);
    await request(server(sut.app)).post(`/v1/incidents/${incident.id}/notice/versions`).set('Authorization', admin).send({ content: completed(content) }).expect(201);
    await request(server(sut.app)).post(`/v1/incidents/${incident.id}/notice/finalise`).set('Authorization', admin).send({}).expect(200);
    await request(server(sut.app)).post(`/v1/incidents/${incident.id}/sending`).set('Authorization', admin).send({ at: clock.now().toISOString(), channel: 'email', recipient: 'A05' }).expect(201);
    await request(server(sut.app)).post(`/v1/incidents/${incident.id}/confirmation`).set('Authorization', admin).send({ at: clock.now().toISOString(), note: 'Biên bản số 1' }).expect(201);
    const rows = await sql<{ type: string; actor_kind: string; details: Record<string, unknown> }>(
      sut.db.url,
      `SELECT type, actor_kind, details FROM security_event WHERE target = $1 ORDER BY id`,
      [`incident:${incident.id}`],
    );
    expect(rows.map((r) => r.type)).toEqual([
      'incident.opened',
      'incident.updated',
      'incident.notice-saved',
      'incident.notice-finalised',
      'incident.sent',
      'incident.confirmed',
    ]);
    expect(rows.every((r) => r.actor_kind === 'user')).toBe(true);
    expect(rows[1].details).toEqual(expect.objectContaining({ incidentId: incident.id, changed: ['assignees'] }));
    expect(rows[3].details).toEqual(expect.objectContaining({ number: expect.stringMatching(/^\d+\/TB-VP$/), pdfSha256: expect.stringMatching(/^[0-9a-f]{64}$/) }));
  });

  it('refuses a grouped personal ID in any text of the incident, its sendings and confirmations, storing nothing', async () => {
    const count = async (query: string, params: unknown[]) => (await sql<{ n: number }>(sut.db.url, query, params))[0].n;
    const opened = await request(server(sut.app))
      .post('/v1/incidents')
      .set('Authorization', admin)
      .send({ title: 'Số định danh nhóm', accounts: ['cb.a', '0792 0300 1234'], units: ['079-203-001-234'] })
      .expect(400);
    expect(opened.body.error.details.map((d: { field: string }) => d.field)).toEqual(['accounts[1]', 'units[0]']);
    expect(JSON.stringify(opened.body)).not.toContain('0792 0300 1234');
    expect(await count(`SELECT count(*)::int AS n FROM incident WHERE title = $1`, ['Số định danh nhóm'])).toBe(0);

    const incident = await openIncident(sut.app, admin, { title: 'Gửi có số định danh', discoveredAt: new Date(clock.now().getTime() - 2 * HOUR).toISOString() });
    await request(server(sut.app)).patch(`/v1/incidents/${incident.id}`).set('Authorization', admin).send({ fields: ['０７９２０３００１２３４'] }).expect(400);
    const at = new Date(clock.now().getTime() - HOUR).toISOString();
    const sent = await request(server(sut.app))
      .post(`/v1/incidents/${incident.id}/sending`)
      .set('Authorization', admin)
      .send({ at, channel: 'Bưu điện', recipient: 'Ông A, số 0792 0300 1234' })
      .expect(400);
    expect(sent.body.error.details).toEqual([expect.objectContaining({ field: 'recipient' })]);
    await request(server(sut.app)).post(`/v1/incidents/${incident.id}/sending`).set('Authorization', admin).send({ at, channel: 'Bưu điện', recipient: 'Cục A05', reference: '079203001234' }).expect(400);
    const confirmed = await request(server(sut.app))
      .post(`/v1/incidents/${incident.id}/confirmation`)
      .set('Authorization', admin)
      .send({ at, fileName: 'bien-ban-079203001234.pdf', fileType: 'application/pdf', fileBase64: Buffer.from('%PDF-1.4').toString('base64') })
      .expect(400);
    expect(confirmed.body.error.details).toEqual([expect.objectContaining({ field: 'fileName' })]);
    expect(await count(`SELECT count(*)::int AS n FROM incident_record WHERE incident_id = $1`, [incident.id])).toBe(0);
    const shown = await request(server(sut.app)).get(`/v1/incidents/${incident.id}`).set('Authorization', auditor).expect(200);
    expect(shown.body).toEqual(expect.objectContaining({ fields: [], notifiedAt: null }));
  });

  it('dates the finalised notice today and takes the discovery from the incident, whatever the edit says', async () => {
    const incident = await openIncident(sut.app, admin, { title: 'Ngày ký', discoveredAt: new Date(clock.now().getTime() - 5 * HOUR).toISOString() });
    const { content } = await latestNotice(sut.app, admin, incident.id);
    const edited = completed(content);
    edited.issuedOn = '2026-01-15';
    edited.violation.discoveredAt = new Date(clock.now().getTime() - 30 * 24 * HOUR).toISOString();
    await request(server(sut.app)).post(`/v1/incidents/${incident.id}/notice/versions`).set('Authorization', admin).send({ content: edited }).expect(201);
    const final = await request(server(sut.app)).post(`/v1/incidents/${incident.id}/notice/finalise`).set('Authorization', admin).send({}).expect(200);
    // 03:00 UTC is 10:00 in Vietnam, the same day.
    expect(final.body.content.issuedOn).toBe('2026-12-02');
    expect(final.body.content.violation.discoveredAt).toBe(incident.discoveredAt);
  });

  it('refuses a period running backwards or after the discovery, a version out of range, and a bad confirmation file', async () => {
    const discoveredAt = new Date(clock.now().getTime() - 3 * HOUR);
    const iso = (hoursFromDiscovery: number) => new Date(discoveredAt.getTime() + hoursFromDiscovery * HOUR).toISOString();
    const fieldsOf = (res: request.Response) => res.body.error.details.map((d: { field: string }) => d.field);
    const open = (body: Record<string, unknown>) =>
      request(server(sut.app)).post('/v1/incidents').set('Authorization', admin).send({ title: 'Khoảng thời gian', discoveredAt: discoveredAt.toISOString(), ...body }).expect(400);
    expect(fieldsOf(await open({ occurredFrom: iso(-1), occurredTo: iso(-2) }))).toEqual(['occurredFrom']);
    expect(fieldsOf(await open({ occurredFrom: iso(-1), occurredTo: iso(1) }))).toEqual(['occurredTo']);
    expect(fieldsOf(await open({ occurredFrom: iso(5) }))).toEqual(['occurredFrom']);
    const incident = await openIncident(sut.app, admin, { title: 'Khoảng thời gian', discoveredAt: discoveredAt.toISOString(), occurredFrom: iso(-2), occurredTo: iso(-1) });
    const patch = (body: Record<string, unknown>) => request(server(sut.app)).patch(`/v1/incidents/${incident.id}`).set('Authorization', admin).send(body);
    expect(fieldsOf(await patch({ occurredTo: iso(4) }).expect(400))).toEqual(['occurredTo']);
    expect(fieldsOf(await patch({ occurredFrom: iso(-0.5) }).expect(400))).toEqual(['occurredFrom']);
    await patch({ occurredTo: iso(0) }).expect(200);

    const path = `/v1/incidents/${incident.id}/notice`;
    await request(server(sut.app)).get(`${path}/versions/99999999999`).set('Authorization', auditor).expect(400);
    await request(server(sut.app)).get(`${path}/versions/99999999999/pdf`).set('Authorization', auditor).expect(400);
    await request(server(sut.app)).post(`${path}/finalise`).set('Authorization', admin).send({ version: 99999999999 }).expect(400);

    const confirm = (body: Record<string, unknown>) =>
      request(server(sut.app)).post(`/v1/incidents/${incident.id}/confirmation`).set('Authorization', admin).send({ at: clock.now().toISOString(), fileName: 'bien-ban', ...body });
    const text = Buffer.from('biên bản').toString('base64');
    expect(fieldsOf(await confirm({ fileType: 'text/plain', fileBase64: text }).expect(400))).toEqual(['fileType']);
    expect(fieldsOf(await confirm({ fileBase64: text }).expect(400))).toEqual(['fileType']);
    expect(fieldsOf(await confirm({ fileType: 'application/pdf', fileBase64: 'A' }).expect(400))).toEqual(['fileBase64']);
    expect(fieldsOf(await confirm({ fileType: 'image/png', fileBase64: text }).expect(400))).toEqual(['fileBase64']);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    await confirm({ fileType: 'image/png', fileBase64: png.toString('base64') }).expect(201);
  });

  it('refuses an UPDATE that shortens retention, moves the discovery or deadline, or changes a finalised notice', async () => {
    const incident = await openIncident(sut.app, admin, { title: 'Không sửa' });
    const { content } = await latestNotice(sut.app, admin, incident.id);
    await request(server(sut.app)).post(`/v1/incidents/${incident.id}/notice/versions`).set('Authorization', admin).send({ content: completed(content) }).expect(201);
    const final = await request(server(sut.app)).post(`/v1/incidents/${incident.id}/notice/finalise`).set('Authorization', admin).send({}).expect(200);
    const db = (query: string) => sql(sut.db.url, query, [incident.id]);

    await expect(db(`UPDATE incident SET retain_until = retain_until - interval '1 day' WHERE id = $1`)).rejects.toThrow(/may not be lowered/);
    await expect(db(`UPDATE incident SET discovered_at = discovered_at + interval '1 hour', deadline_at = deadline_at + interval '1 hour' WHERE id = $1`)).rejects.toThrow(/never change/);
    await expect(db(`UPDATE incident_notice_version SET content = '{}' WHERE incident_id = $1 AND finalised`)).rejects.toThrow(/finalised/);
    await expect(db(`UPDATE incident_notice_version SET pdf_sha256 = NULL, docx_sha256 = NULL WHERE incident_id = $1 AND finalised`)).rejects.toThrow(/finalised/);
    await db(`UPDATE incident SET retain_until = retain_until + interval '1 year', title = 'Không sửa (đã kiểm)' WHERE id = $1`);
    await db(`UPDATE incident_notice_version SET created_by = created_by WHERE incident_id = $1 AND NOT finalised`);
    const [row] = await sql<{ pdf: string }>(sut.db.url, `SELECT encode(pdf_sha256, 'hex') AS pdf FROM incident_notice_version WHERE incident_id = $1 AND finalised`, [incident.id]);
    expect(row.pdf).toBe(final.body.pdfSha256);
    // The service's own updates go on: the sending marks the incident notified, closing it.
    await request(server(sut.app)).post(`/v1/incidents/${incident.id}/sending`).set('Authorization', admin).send({ at: clock.now().toISOString(), channel: 'Cổng', recipient: 'Cục A05' }).expect(201);
    await request(server(sut.app)).patch(`/v1/incidents/${incident.id}`).set('Authorization', admin).send({ status: 'closed' }).expect(200);
  });

  it('refuses to delete an incident or its records before 5 years, and deletes one older with its records', async () => {
    const incident = await openIncident(sut.app, admin, { title: 'Giữ 5 năm' });
    await expect(sql(sut.db.url, `DELETE FROM incident WHERE id = $1`, [incident.id])).rejects.toThrow(/kept until/);
    await expect(sql(sut.db.url, `DELETE FROM incident_notice_version WHERE incident_id = $1`, [incident.id])).rejects.toThrow(/kept with it/);
    await expect(sql(sut.db.url, `UPDATE incident SET retain_until = discovered_at + interval '1 year' WHERE id = $1`, [incident.id])).rejects.toThrow(/may not be lowered/);
    const [old] = await sql<{ id: string }>(
      sut.db.url,
      `INSERT INTO incident (title, discovered_at, deadline_at, opened_at, opened_by, retain_until, updated_at)
       VALUES ('Cũ', '2019-01-01Z', '2019-01-04Z', '2019-01-01Z', 'test', '2024-01-01Z', '2019-01-01Z') RETURNING id::text AS id`,
    );
    await sql(sut.db.url, `INSERT INTO incident_notice_version (incident_id, version, content, created_at, created_by) VALUES ($1, 1, '{}', now(), 'test')`, [old.id]);
    await sql(sut.db.url, `DELETE FROM incident WHERE id = $1`, [old.id]);
    const [{ n }] = await sql<{ n: number }>(sut.db.url, `SELECT count(*)::int AS n FROM incident_notice_version WHERE incident_id = $1`, [old.id]);
    expect(n).toBe(0);
  });

  it('is left alone by the audit-store retention, which drops only partitions of stored lookups', async () => {
    const incident = await openIncident(sut.app, admin, { title: 'Qua đợt xóa nhật ký' });
    const [before] = await sql<{ versions: number }>(sut.db.url, `SELECT count(*)::int AS versions FROM incident_notice_version WHERE incident_id = $1`, [incident.id]);
    // Everything older than "0 years" (this month's start) is due: the run drops the audit store's old months only.
    await sut.app.get(AuditRetention).execute(0, 'test');
    const [after] = await sql<{ versions: number }>(sut.db.url, `SELECT count(*)::int AS versions FROM incident_notice_version WHERE incident_id = $1`, [incident.id]);
    expect(after).toEqual(before);
    await request(server(sut.app)).get(`/v1/incidents/${incident.id}`).set('Authorization', auditor).expect(200);
  });
});
