import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Alert, AlertsService } from '@app/alerts';
import { Clock } from '@app/common';
import { AppConfig, InjectConfig, UrgentNoticeConfig } from '@app/config';
import { ReportDeliveryRepository } from './report-delivery.repository';
import { ReportDeliveryService } from './report-delivery.service';

/** Time for the raising transaction to commit before the worker looks; the periodic pass covers a slower one. */
const KICK_DELAY_MS = 1000;

/**
 * Urgent notices (docs/reports.md, "Urgent notices"): an alert of a listed type raised at a listed severity (or
 * repeated up to it) is queued for the Office by email, in the raise's transaction, once per alert and recipient
 * however often it is raised again and by however many replicas. A suppressed alert sends nothing.
 */
@Injectable()
export class UrgentNoticeService implements OnModuleInit {
  private readonly logger = new Logger(UrgentNoticeService.name);
  private readonly settings: UrgentNoticeConfig;

  constructor(
    @InjectConfig() config: AppConfig,
    private readonly alerts: AlertsService,
    private readonly deliveries: ReportDeliveryRepository,
    private readonly worker: ReportDeliveryService,
    private readonly clock: Clock,
  ) {
    this.settings = config.reports.urgent;
  }

  onModuleInit(): void {
    if (!this.settings.alertTypes.length) return;
    if (!this.settings.emails.length) {
      this.logger.warn('Neither REPORTS_URGENT_EMAILS nor REPORTS_DELIVERY_EMAILS is set: no urgent notices are sent');
      return;
    }
    this.alerts.onRaised((m, alert) => this.enqueue(m, alert));
  }

  isUrgent(alert: Pick<Alert, 'type' | 'severity' | 'status'>): boolean {
    return alert.status !== 'suppressed' && this.settings.alertTypes.includes(alert.type) && this.settings.severities.includes(alert.severity);
  }

  private async enqueue(m: EntityManager, alert: Alert): Promise<void> {
    if (!this.isUrgent(alert)) return;
    const recipients = this.settings.emails.map((recipient) => ({ channel: 'email' as const, recipient }));
    const added = await this.deliveries.add(m, { alertId: alert.id }, recipients, this.clock.now());
    if (!added) return;
    this.logger.log({ alertId: alert.id, type: alert.type, recipients: added }, 'Urgent notice queued for the Office');
    setTimeout(() => this.worker.kick(), KICK_DELAY_MS).unref();
  }
}
