import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AlertsService } from '@app/alerts';
import { Clock } from '@app/common';
import { AppConfig, InjectConfig, ReportDeliveryConfig } from '@app/config';
import { DeliveryQueue, MailService, nextRetryAt, WebhookSender } from '@app/notifications';
import { MetricsService } from '@app/observability';
import { ReportRepository } from '../archive/report.repository';
import type { ReportKind } from '../report.type';
import { reportMail, reportWebhookBody, urgentNoticeMail } from './report-delivery-message.util';
import { ReportDeliveryRepository } from './report-delivery.repository';
import type { ClaimedDelivery, DeliveryPassReport, NewDelivery, ReportDelivery } from './report-delivery.type';

/**
 * How long a replica holds a claimed delivery before another may retry it (it died mid-send): longer than the worst
 * send (an email with its files can take ~2 minutes with the SMTP timeouts of MailService).
 */
const CLAIM_LEASE_SECONDS = 300;
/** One at a time: the lease of a row claimed with others would run out while they are sent before it. */
const CLAIM_BATCH = 1;

/**
 * The outbox worker of reports and urgent notices (docs/reports.md, "Delivery"). Rows are added in the transaction
 * that archives the report or raises the alert; a pass claims what is due, sends each row on its channel, and records
 * it sent, or retried with exponential backoff, or failed after the last attempt.
 */
@Injectable()
export class ReportDeliveryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReportDeliveryService.name);
  private readonly settings: ReportDeliveryConfig;
  private readonly queue = new DeliveryQueue(() => this.deliverPass(), this.logger, 'Report delivery failed');
  private readonly outcomes;

  constructor(
    @InjectConfig() config: AppConfig,
    private readonly deliveries: ReportDeliveryRepository,
    private readonly reports: ReportRepository,
    private readonly alerts: AlertsService,
    private readonly mail: MailService,
    private readonly webhook: WebhookSender,
    private readonly clock: Clock,
    metrics: MetricsService,
  ) {
    this.settings = config.reports.delivery;
    this.outcomes = metrics.counter('tthc_audit_report_deliveries_total', 'Delivery attempts of reports and urgent notices to the Office', [
      'subject',
      'channel',
      'outcome',
    ]);
  }

  onApplicationBootstrap(): void {
    if (this.settings.emails.length && !this.mail.enabled)
      this.logger.warn('REPORTS_DELIVERY_EMAILS is set but SMTP_URL is not: reports and urgent notices by email are retried up to REPORTS_DELIVERY_MAX_ATTEMPTS times, then fail (a report\'s delivery can then be retried by hand, an urgent notice cannot)');
    if (this.settings.webhookUrl && !this.settings.webhookSecret)
      this.logger.warn('REPORTS_DELIVERY_WEBHOOK_URL is set without REPORTS_DELIVERY_WEBHOOK_SECRET: the report webhook is not signed');
  }

  /** The deliveries of a report of this kind, as configured: one email per address, the webhook. */
  deliveriesOf(kind: ReportKind): NewDelivery[] {
    // A citizen's access report is for the citizen, never sent to the Office.
    if (kind === 'citizen_access' || !this.settings.kinds.includes(kind)) return [];
    return [
      ...this.settings.emails.map((recipient) => ({ channel: 'email' as const, recipient })),
      ...(this.settings.webhookUrl ? [{ channel: 'webhook' as const, recipient: this.settings.webhookUrl }] : []),
    ];
  }

  /** Adds the deliveries of a report being archived, in its transaction. */
  async enqueueReport(m: EntityManager, report: { id: string; kind: ReportKind }, now: Date): Promise<number> {
    return this.deliveries.add(m, { reportId: report.id }, this.deliveriesOf(report.kind), now);
  }

  /** Sends what is due soon, without making the caller wait. */
  kick(): void {
    this.queue.kick();
  }

  /** One pass over everything due. Passes in this process run one after the other. */
  deliverDue(): Promise<DeliveryPassReport> {
    return this.queue.run();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.drain();
  }

  private async deliverPass(): Promise<DeliveryPassReport> {
    const report: DeliveryPassReport = { sent: 0, retrying: 0, failed: 0 };
    for (;;) {
      const due = await this.deliveries.claimDue(this.clock.now(), CLAIM_LEASE_SECONDS, CLAIM_BATCH);
      if (!due.length) return report;
      for (const delivery of due) {
        const outcome = await this.deliver(delivery);
        if (outcome) report[outcome]++;
      }
    }
  }

  private async deliver(d: ClaimedDelivery): Promise<keyof DeliveryPassReport | null> {
    const subject = d.reportId ? 'report' : 'urgent_notice';
    try {
      await this.send(d);
    } catch (error) {
      const attempt = d.attempts + 1;
      const message = (error as Error).message;
      const retryAt = nextRetryAt(this.clock.now(), attempt, this.settings);
      if (!(await this.deliveries.recordFailure(d, message, this.clock.now(), retryAt))) return this.lostClaim(d);
      this.outcomes.inc({ subject, channel: d.channel, outcome: retryAt ? 'retry' : 'failed' });
      const context = { deliveryId: d.id, reportId: d.reportId, alertId: d.alertId, channel: d.channel, attempt, error: message };
      this.logger.warn(context, retryAt ? 'Delivery to the Office failed; will retry' : 'Delivery to the Office failed for good');
      return retryAt ? 'retrying' : 'failed';
    }
    if (!(await this.deliveries.markSent(d, this.clock.now()))) return this.lostClaim(d);
    this.outcomes.inc({ subject, channel: d.channel, outcome: 'sent' });
    if (d.alertId) await this.alerts.recordAction(d.alertId, 'notified', { deliveryId: d.id, channel: d.channel, recipient: d.recipient });
    return 'sent';
  }

  /** The lease ran out mid-send and another replica claimed the row again: its outcome stands, this one is dropped. */
  private lostClaim(d: ReportDelivery): null {
    this.logger.warn({ deliveryId: d.id, reportId: d.reportId, alertId: d.alertId, channel: d.channel }, 'Delivery claim lost mid-send; outcome not recorded');
    return null;
  }

  private async send(d: ReportDelivery): Promise<void> {
    if (d.alertId) return this.sendMail(urgentNoticeMail(d, await this.alerts.get(d.alertId), this.settings.publicUrl));
    const report = await this.reports.findById(d.reportId!);
    if (!report) throw new Error(`report ${d.reportId} is not in the archive`);
    if (d.channel === 'webhook') {
      const body = reportWebhookBody(d, report, this.settings.publicUrl);
      return this.webhook.post({ url: d.recipient, body, secret: this.settings.webhookSecret, idempotencyKey: d.idempotencyKey });
    }
    const [pdf, xlsx] = await Promise.all([this.reports.file(report.id, 'pdf'), this.reports.file(report.id, 'xlsx')]);
    return this.sendMail(reportMail(d, report, { pdf: pdf!, xlsx: xlsx! }, this.settings.publicUrl));
  }

  private async sendMail(message: Parameters<MailService['send']>[0]): Promise<void> {
    if ((await this.mail.send(message)) === 'logged') throw new Error('SMTP_URL is not set: the email cannot be sent');
  }
}
