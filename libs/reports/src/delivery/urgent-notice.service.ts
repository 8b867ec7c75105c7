import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager, EntitySubscriberInterface, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { Alert, AlertsService } from '@app/alerts';
import { Clock } from '@app/common';
import { AppConfig, InjectConfig, UrgentNoticeConfig } from '@app/config';
import { ReportDeliveryRepository } from './report-delivery.repository';
import { ReportDeliveryService } from './report-delivery.service';

/** Marks a transaction (its query runner) that queued a notice: the worker is kicked once it commits. */
const QUEUED = 'urgentNoticeQueued';

/**
 * Urgent notices (docs/reports.md, "Urgent notices"): an alert of a listed type raised at a listed severity (or
 * repeated up to it) is queued for the Office by email, in the raise's transaction, once per alert and recipient
 * however often it is raised again and by however many replicas. A suppressed alert sends nothing. The worker is
 * kicked when that transaction commits (a subscriber of the DataSource), so the notice leaves within seconds.
 */
@Injectable()
export class UrgentNoticeService implements OnModuleInit, EntitySubscriberInterface {
  private readonly logger = new Logger(UrgentNoticeService.name);
  private readonly settings: UrgentNoticeConfig;
  /** A service process (any role) says once at start that urgent notices are off; a command run says nothing. */
  private readonly service: boolean;

  constructor(
    @InjectConfig() config: AppConfig,
    private readonly alerts: AlertsService,
    private readonly deliveries: ReportDeliveryRepository,
    private readonly worker: ReportDeliveryService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
  ) {
    this.settings = config.reports.urgent;
    this.service = config.roles.size > 0;
  }

  onModuleInit(): void {
    if (!this.settings.alertTypes.length) return;
    if (!this.settings.emails.length) {
      if (this.service) this.logger.warn('Neither REPORTS_URGENT_EMAILS nor REPORTS_DELIVERY_EMAILS is set: no urgent notices are sent');
      return;
    }
    this.alerts.onRaised((m, alert) => this.enqueue(m, alert));
    this.dataSource.subscribers.push(this);
  }

  afterTransactionCommit({ queryRunner }: TransactionCommitEvent): void {
    if (queryRunner.isTransactionActive || !queryRunner.data?.[QUEUED]) return;
    delete queryRunner.data[QUEUED];
    this.worker.kick();
  }

  afterTransactionRollback({ queryRunner }: TransactionRollbackEvent): void {
    if (!queryRunner.isTransactionActive && queryRunner.data) delete queryRunner.data[QUEUED];
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
    if (m.queryRunner?.isTransactionActive) m.queryRunner.data = { ...m.queryRunner.data, [QUEUED]: true };
    else this.worker.kick();
  }
}
