import { createHash } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AccountCommandDelivery } from '@app/accounts';
import { AlertsService, RaiseAlertInput } from '@app/alerts';
import { Role } from '@app/auth';
import { FixedClock } from '@app/common';
import { IngestService } from '@app/ingestion';
import { webhookSignature } from '@app/notifications';
import { REPORT_SCHEDULE_ACTOR, ReportArchiveService, ReportDeliveryLogService, ReportDeliveryService } from '@app/reports';
import { ReportDeliveryRepository } from '../../libs/reports/src/delivery/report-delivery.repository';
import { bearerFor, directoryOwnerKeyFor } from '../utils/auth';
import { CapturedMail, partsOf, startSmtpServer, subjectOf, textOf } from '../utils/smtp-server';
import { bootTestApp, TestApp } from '../utils/test-app';
import { startWebhookReceiver, WebhookReceiver } from '../utils/webhook-receiver';

const SECRET = 'report-webhook-secret-0123456789';
const OFFICE = 'vanphong@quangtri.gov.vn';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface ReportBody {
  id: string;
  documentNumber: string;
  pdfSha256: string;
  xlsxSha256: string;
}

/** Delivery of reports and urgent notices to the Office through the outbox: real SMTP server, real HTTP receiver. */
describe('report delivery', () => {
  const clock = new FixedClock(new Date('2026-12-02T08:00:00+07:00'));
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let hook: WebhookReceiver;
  /** The TTHC system's end of the lock commands (the locked-account test needs its lock delivered). */
  let tthc: WebhookReceiver;
  let sut: TestApp;
  let admin: string;
  const http = () => request(sut.app.getHttpServer());
  const worker = (app: TestApp = sut) => app.app.get(ReportDeliveryService);
  const env = (): Record<string, string> => ({
    SMTP_URL: smtp.url,
    REPORTS_DELIVERY_EMAILS: OFFICE,
    // A token in the query, as some receivers take it: never shown in the delivery log.
    REPORTS_DELIVERY_WEBHOOK_URL: `${hook.url}?token=hook-token-s3cr3t`,
    REPORTS_DELIVERY_WEBHOOK_SECRET: SECRET,
    REPORTS_DELIVERY_KINDS: 'monthly,on_demand',
    REPORTS_DELIVERY_MAX_ATTEMPTS: '3',
    REPORTS_DELIVERY_RETRY_BASE: '10s',
    REPORTS_PUBLIC_URL: 'https://audit.quangtri.gov.vn/',
    REPORTS_URGENT_EMAILS: 'khancap@quangtri.gov.vn',
    ACCOUNT_COMMAND_WEBHOOK_URL: tthc.url,
    ACCOUNT_COMMAND_WEBHOOK_SECRET: 'a-webhook-secret-of-16+',
    // The test moves the clock by hours: tokens minted at the start stay valid.
    AUTH_ACCESS_TOKEN_TTL: '30d',
  });

  beforeAll(async () => {
    smtp = await startSmtpServer();
    hook = await startWebhookReceiver();
    tthc = await startWebhookReceiver();
    sut = await bootTestApp(env(), { clock });
    admin = await bearerFor(sut.app, Role.ADMIN);
  }, 60_000);
  afterAll(async () => {
    await sut?.close();
    await smtp?.close();
    await hook?.close();
    await tthc?.close();
  });

  const mailsOf = (r: ReportBody): CapturedMail[] => smtp.messages.filter((m) => subjectOf(m).includes(r.documentNumber));
  const hooksOf = (r: ReportBody) => hook.requests.filter((q) => JSON.parse(q.body).report.id === r.id);
  const deliveriesOf = async (r: ReportBody) =>
    (await http().get(`/v1/reports/${r.id}/deliveries`).set('Authorization', admin).expect(200)).body.items as {
      id: string;
      channel: string;
      status: string;
      attempts: number;
      recipient: string;
      lastError: string | null;
      idempotencyKey: string;
    }[];
  /** An on-demand report, after the pass its creation kicked has run. */
  const generate = async (): Promise<ReportBody> => {
    const res = await http().post('/v1/reports').set('Authorization', admin).send({ from: '2026-11-01', to: '2026-12-01' }).expect(201);
    await worker().deliverDue();
    return res.body;
  };

  it('mails the report with its PDF and XLSX attached, as archived, and posts signed metadata with the sums and links to the webhook', async () => {
    const report = await generate();

    const [mail] = mailsOf(report);
    expect(mail.to).toEqual([OFFICE]);
    expect(subjectOf(mail)).toContain('Báo cáo theo yêu cầu tình hình tra cứu CSDLQG về dân cư');
    const text = textOf(mail);
    expect(text).toContain('từ ngày 01/11/2026 đến hết ngày 30/11/2026');
    expect(text).toContain('English: the on-demand report');
    const attachments = partsOf(mail).filter((p) => p.filename);
    expect(attachments.map((a) => [a.filename, a.contentType])).toEqual([
      [expect.stringMatching(/^bao-cao-2026-\d+\.pdf$/), 'application/pdf'],
      [expect.stringMatching(/^bao-cao-2026-\d+\.xlsx$/), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ]);
    expect(sha256(attachments[0].content)).toBe(report.pdfSha256);
    expect(sha256(attachments[1].content)).toBe(report.xlsxSha256);

    const [post] = hooksOf(report);
    expect(post.headers['x-signature']).toBe(webhookSignature(SECRET, post.body));
    const body = JSON.parse(post.body);
    expect(body).toMatchObject({
      event: 'report.issued',
      report: {
        id: report.id,
        documentNumber: report.documentNumber,
        files: {
          pdf: { sha256: report.pdfSha256, url: `https://audit.quangtri.gov.vn/v1/reports/${report.id}/pdf` },
          xlsx: { sha256: report.xlsxSha256, url: `https://audit.quangtri.gov.vn/v1/reports/${report.id}/xlsx` },
        },
      },
    });
    expect(post.body).not.toContain(attachments[0].content.subarray(0, 64).toString('base64'));
    const log = await deliveriesOf(report);
    expect(log.map((d) => [d.channel, d.status, d.attempts])).toEqual([
      ['email', 'sent', 1],
      ['webhook', 'sent', 1],
    ]);
    expect(post.headers['idempotency-key']).toBe(log[1].idempotencyKey);
    expect(post.path).toBe('/tthc/account-commands?token=hook-token-s3cr3t');
    expect(log.map((d) => d.recipient)).toEqual([OFFICE, hook.url]);
  }, 60_000);

  it('retries while the mail server is down and delivers once when it is back', async () => {
    smtp.refuseNext(1);
    const report = await generate();
    expect(mailsOf(report)).toHaveLength(0);
    const [email] = await deliveriesOf(report);
    expect(email).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('451') });

    await worker().deliverDue(); // not due yet: the first retry waits REPORTS_DELIVERY_RETRY_BASE
    expect(mailsOf(report)).toHaveLength(0);
    clock.advance(11_000);
    await worker().deliverDue();
    await worker().deliverDue();
    expect(mailsOf(report)).toHaveLength(1);
    expect(hooksOf(report)).toHaveLength(1);
    expect((await deliveriesOf(report))[0]).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  }, 60_000);

  it('marks a delivery failed after the last attempt, shows it in the log, and an admin retries it by hand', async () => {
    hook.failNext(3);
    const report = await generate();
    clock.advance(11_000);
    await worker().deliverDue();
    clock.advance(21_000);
    await worker().deliverDue();
    const webhook = (await deliveriesOf(report)).find((d) => d.channel === 'webhook')!;
    expect(webhook).toMatchObject({ status: 'failed', attempts: 3, lastError: 'webhook answered HTTP 503' });
    const metrics = (await http().get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/tthc_audit_report_deliveries_total\{subject="report",channel="webhook",outcome="failed"\} 1\b/);
    expect(metrics).toMatch(/tthc_audit_report_deliveries_total\{subject="report",channel="email",outcome="sent"\} [1-9]/);
    clock.advance(3_600_000);
    await worker().deliverDue();
    expect(hooksOf(report)).toHaveLength(3);

    const auditor = await bearerFor(sut.app, Role.AUDITOR);
    await http().post(`/v1/reports/${report.id}/deliveries/${webhook.id}/retry`).set('Authorization', auditor).expect(403);
    const email = (await deliveriesOf(report)).find((d) => d.channel === 'email')!;
    await http().post(`/v1/reports/${report.id}/deliveries/${email.id}/retry`).set('Authorization', admin).expect(409);
    const retried = await http().post(`/v1/reports/${report.id}/deliveries/${webhook.id}/retry`).set('Authorization', admin).expect(200);
    expect(retried.body).toMatchObject({ status: 'pending', attempts: 0 });
    await worker().deliverDue();
    expect(hooksOf(report).map((q) => q.status)).toEqual([503, 503, 503, 200]);
    expect(new Set(hooksOf(report).map((q) => q.headers['idempotency-key']))).toEqual(new Set([webhook.idempotencyKey]));
    expect((await deliveriesOf(report)).find((d) => d.id === webhook.id)).toMatchObject({ status: 'sent', attempts: 1 });
    const log = (await http().get('/v1/security-log?type=report.delivery-retried').set('Authorization', admin).expect(200)).body.items;
    expect(log).toEqual([
      expect.objectContaining({
        target: `report-delivery:${webhook.id}`,
        details: expect.objectContaining({ deliveryId: webhook.id, reportId: report.id, channel: 'webhook', recipient: hook.url }),
      }),
    ]);
  }, 60_000);

  it('sends each delivery once when two replicas work the outbox at the same time', async () => {
    const second = await bootTestApp(env(), { clock, db: sut.db });
    try {
      smtp.refuseNext(1);
      hook.failNext(1);
      const report = await generate();
      expect(mailsOf(report)).toHaveLength(0);
      clock.advance(11_000);
      const passes = await Promise.all([worker().deliverDue(), worker(second).deliverDue(), worker().deliverDue(), worker(second).deliverDue()]);
      expect(passes.reduce((n, p) => n + p.sent, 0)).toBe(2);
      expect(mailsOf(report)).toHaveLength(1);
      expect(hooksOf(report).map((q) => q.status)).toEqual([503, 200]);
    } finally {
      await second.close();
    }
  }, 60_000);

  it('keeps the outcome recorded by the replica that claimed a delivery again, not the late one of a replica whose lease ran out', async () => {
    const repository = sut.app.get(ReportDeliveryRepository);
    const report = await generate();
    const add = (recipient: string) => sut.app.get(DataSource).transaction((m) => repository.add(m, { reportId: report.id }, [{ channel: 'email', recipient }], clock.now()));
    const claimOf = async (recipient: string) =>
      (await repository.claimDue(clock.now(), 300, 100)).find((d) => d.reportId === report.id && d.recipient === recipient);
    const rowOf = async (recipient: string) => (await repository.findForReport(report.id)).find((d) => d.recipient === recipient)!;

    // Worker B sends it after A's lease ran out: A's late failure (its send timed out) or success changes nothing.
    await add('cham@quangtri.gov.vn');
    const a = (await claimOf('cham@quangtri.gov.vn'))!;
    expect(await claimOf('cham@quangtri.gov.vn')).toBeUndefined();
    clock.advance(301_000);
    const b = (await claimOf('cham@quangtri.gov.vn'))!;
    expect(b.claimToken).not.toBe(a.claimToken);
    expect(await repository.markSent(b, clock.now())).toBe(true);
    expect(await repository.recordFailure(a, 'Connection timeout', clock.now(), null)).toBe(false);
    expect(await repository.markSent(a, clock.now())).toBe(false);
    expect(await rowOf('cham@quangtri.gov.vn')).toMatchObject({ status: 'sent', attempts: 1, lastError: null });

    // B's failure is to be retried (still pending): A's late success does not mark it sent.
    await add('cham2@quangtri.gov.vn');
    const a2 = (await claimOf('cham2@quangtri.gov.vn'))!;
    clock.advance(301_000);
    const b2 = (await claimOf('cham2@quangtri.gov.vn'))!;
    const retryAt = new Date(clock.now().getTime() + 10_000);
    expect(await repository.recordFailure(b2, 'SMTP 451', clock.now(), retryAt)).toBe(true);
    expect(await repository.markSent(a2, clock.now())).toBe(false);
    expect(await repository.recordFailure(b2, 'SMTP 451 again', clock.now(), null)).toBe(false);
    expect(await rowOf('cham2@quangtri.gov.vn')).toMatchObject({ status: 'pending', attempts: 1, lastError: 'SMTP 451', sentAt: null });
    // Sent in the end by the service, once.
    clock.advance(11_000);
    await worker().deliverDue();
    expect(await rowOf('cham2@quangtri.gov.vn')).toMatchObject({ status: 'sent', attempts: 2 });
    expect(smtp.messages.filter((m) => m.to.includes('cham2@quangtri.gov.vn'))).toHaveLength(1);
  }, 60_000);

  it('queues a scheduled report of a delivered kind with its archive row, and nothing for a kind not delivered', async () => {
    const archive = sut.app.get(ReportArchiveService);
    const monthly = await archive.generate('monthly', { from: '2026-11-01', to: '2026-12-01' }, REPORT_SCHEDULE_ACTOR);
    const weekly = await archive.generate('weekly', { from: '2026-11-23', to: '2026-11-30' }, REPORT_SCHEDULE_ACTOR);
    await worker().deliverDue();
    const byReport = async (id: string) => (await sut.app.get(ReportDeliveryLogService).list(id)).map((d) => [d.channel, d.status]);
    expect(await byReport(monthly.report.id)).toEqual([
      ['email', 'sent'],
      ['webhook', 'sent'],
    ]);
    expect(await byReport(weekly.report.id)).toEqual([]);
  }, 60_000);

  it('lets admins and auditors read the delivery log, not reviewers or operators', async () => {
    const report = await generate();
    const [auditor, reviewer, operator] = await Promise.all([
      bearerFor(sut.app, Role.AUDITOR),
      bearerFor(sut.app, Role.REVIEWER),
      bearerFor(sut.app, Role.OPERATOR),
    ]);
    await http().get(`/v1/reports/${report.id}/deliveries`).set('Authorization', auditor).expect(200);
    await http().get(`/v1/reports/${report.id}/deliveries`).set('Authorization', reviewer).expect(403);
    await http().get(`/v1/reports/${report.id}/deliveries`).set('Authorization', operator).expect(403);
    await http().get(`/v1/reports/999999/deliveries`).set('Authorization', admin).expect(404);
  }, 60_000);

  describe('urgent notices', () => {
    const critical = (accountId: string, over: Partial<RaiseAlertInput> = {}): RaiseAlertInput => ({
      type: 'locked_account_in_use',
      severity: 'critical',
      accountId,
      unitCode: '000.00.31.H52',
      occurredAt: new Date('2026-12-02T07:30:00+07:00'),
      dedupKey: `locked_account_in_use:${accountId}:1`,
      evidence: { eventCount: 3 },
      explanationVi: `Tài khoản ${accountId} đã bị khóa nhưng vẫn tra cứu 3 lần, có lần tra công dân 079203001234.`,
      explanationEn: `Account ${accountId} was locked but still made 3 lookups, one of citizen 079203001234.`,
      ...over,
    });
    const noticesFor = (alertId: string) => smtp.messages.filter((m) => subjectOf(m).includes(`mã ${alertId} `));

    it('mails the urgent recipients once for a critical alert, within seconds, without the personal ID, and records it on the alert', async () => {
      const raised = await sut.app.get(AlertsService).raise(critical('cb.xa31.khoa'));
      const deadline = Date.now() + 10_000;
      while (!noticesFor(raised.id).length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const [notice] = noticesFor(raised.id);
      expect(notice.to).toEqual(['khancap@quangtri.gov.vn']);
      expect(subjectOf(notice)).toContain('[KHẨN] Cảnh báo nghiêm trọng: Tài khoản đã khóa vẫn tra cứu');
      const text = textOf(notice);
      expect(text).toContain('Tài khoản cb.xa31.khoa đã bị khóa nhưng vẫn tra cứu 3 lần');
      expect(text).toContain(`https://audit.quangtri.gov.vn/alerts/${raised.id}`);
      expect(notice.raw).not.toContain('079203001234');

      // Raised again (new evidence) here and on a second replica at once: still one notice.
      const second = await bootTestApp(env(), { clock, db: sut.db });
      try {
        await Promise.all([
          sut.app.get(AlertsService).raise(critical('cb.xa31.khoa', { evidence: { eventCount: 4 } })),
          second.app.get(AlertsService).raise(critical('cb.xa31.khoa', { evidence: { eventCount: 5 } })),
        ]);
        await Promise.all([worker().deliverDue(), worker(second).deliverDue()]);
      } finally {
        await second.close();
      }
      await new Promise((r) => setTimeout(r, 1500));
      expect(noticesFor(raised.id)).toHaveLength(1);
      const detail = await sut.app.get(AlertsService).get(raised.id);
      expect(detail.actions.filter((a) => a.action === 'notified')).toEqual([
        expect.objectContaining({ details: expect.objectContaining({ channel: 'email', recipient: 'khancap@quangtri.gov.vn' }) }),
      ]);
    }, 60_000);

    it('mails a notice when the detector raises it from ingested events of a locked account', async () => {
      const directory = await directoryOwnerKeyFor(sut.app, 'tthc-gateway');
      await http().post('/v1/accounts/sync').set('X-Api-Key', directory).send([{ accountId: 'cb.nghiviec', unitCode: 'U2', status: 'active' }]).expect(200);
      await http().post('/v1/accounts/cb.nghiviec/lock').set('Authorization', admin).send({ reason: 'Nghỉ việc từ 01/11/2026' }).expect(200);
      await sut.app.get(AccountCommandDelivery).deliverDue();
      const at = new Date(clock.now().getTime() + 5 * 60_000).toISOString();
      const payload = { schemaVersion: 1, eventId: 'nghiviec-1', occurredAt: at, result: 'success', accountId: 'cb.nghiviec', unitCode: 'U2', clientIp: '10.0.0.9', sourceSystem: 'tthc-gateway', action: 'lookup', subjectId: '001203004005', fields: ['fullName'] };
      await sut.app.get(IngestService).ingest([{ payload, position: { source: 'http', requestId: 'test', line: 1 } }], { source: 'http' });
      const [alert] = await sut.app.get(AlertsService).list({ type: 'locked_account_in_use', accountId: 'cb.nghiviec' });
      expect(alert).toMatchObject({ severity: 'critical' });

      const deadline = Date.now() + 10_000;
      while (!noticesFor(alert.id).length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(noticesFor(alert.id)).toHaveLength(1);
      expect(textOf(noticesFor(alert.id)[0])).toContain(alert.explanationVi);
      expect(noticesFor(alert.id)[0].raw).not.toContain('001203004005');
    }, 60_000);

    it('lists an urgent notice that failed for good, and an admin sends it again (security-logged); auditors only read', async () => {
      smtp.refuseNext(3);
      const raised = await sut.app.get(AlertsService).raise(critical('cb.xa31.hong', { dedupKey: 'locked_account_in_use:cb.xa31.hong:1' }));
      const repository = sut.app.get(ReportDeliveryRepository);
      const statusOf = async () => (await repository.findForAlert(raised.id))[0];
      const deadline = Date.now() + 10_000;
      while ((await statusOf())?.attempts !== 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      clock.advance(11_000);
      await worker().deliverDue();
      clock.advance(21_000);
      await worker().deliverDue();
      const failed = await statusOf();
      expect(failed).toMatchObject({ status: 'failed', attempts: 3 });
      expect(noticesFor(raised.id)).toHaveLength(0);

      const auditor = await bearerFor(sut.app, Role.AUDITOR);
      const listed = (await http().get('/v1/reports/urgent-notices?status=failed').set('Authorization', auditor).expect(200)).body.items;
      expect(listed).toEqual([expect.objectContaining({ id: failed.id, alertId: raised.id, channel: 'email', status: 'failed', attempts: 3 })]);
      await http().get('/v1/reports/urgent-notices?status=lost').set('Authorization', auditor).expect(400);
      await http().post(`/v1/reports/urgent-notices/${failed.id}/retry`).set('Authorization', auditor).expect(403);
      const retried = await http().post(`/v1/reports/urgent-notices/${failed.id}/retry`).set('Authorization', admin).expect(200);
      expect(retried.body).toMatchObject({ id: failed.id, alertId: raised.id, status: 'pending', attempts: 0 });
      await worker().deliverDue();
      expect(noticesFor(raised.id)).toHaveLength(1);
      await http().post(`/v1/reports/urgent-notices/${failed.id}/retry`).set('Authorization', admin).expect(409);
      const reportDelivery = (await http().get(`/v1/reports/urgent-notices`).set('Authorization', admin).expect(200)).body.items;
      expect(reportDelivery.every((d: { alertId: string }) => d.alertId)).toBe(true);
      await http().post('/v1/reports/urgent-notices/999999/retry').set('Authorization', admin).expect(404);
      const log = (await http().get('/v1/security-log?type=report.delivery-retried').set('Authorization', admin).expect(200)).body.items;
      expect(log).toContainEqual(
        expect.objectContaining({ target: `report-delivery:${failed.id}`, details: expect.objectContaining({ alertId: raised.id, reportId: null, channel: 'email' }) }),
      );
    }, 60_000);

    it('sends nothing for a lower severity or a type not listed, and sends once when a repeat raises the alert to critical', async () => {
      const alerts = sut.app.get(AlertsService);
      const low = await alerts.raise(critical('cb.xa31.thap', { type: 'enumeration', severity: 'high', dedupKey: 'enumeration:cb.xa31.thap:1' }));
      const other = await alerts.raise(critical('cb.xa31.khac', { type: 'volume_own_baseline', dedupKey: 'volume:cb.xa31.khac:1' }));
      await new Promise((r) => setTimeout(r, 1500));
      await worker().deliverDue();
      expect(noticesFor(low.id)).toHaveLength(0);
      expect(noticesFor(other.id)).toHaveLength(0);

      await alerts.raise(critical('cb.xa31.thap', { type: 'enumeration', severity: 'critical', dedupKey: 'enumeration:cb.xa31.thap:1' }));
      await new Promise((r) => setTimeout(r, 1500));
      await worker().deliverDue();
      expect(noticesFor(low.id)).toHaveLength(1);
      expect(subjectOf(noticesFor(low.id)[0])).toContain('Dò tìm số định danh liên tiếp');
    }, 60_000);
  });
});
