import { Injectable } from '@nestjs/common';
import { SecurityEventType, SecurityLogService } from '@app/auth';
import { Clock, DomainException, ErrorCode } from '@app/common';
import type { ReportRequester } from '../archive/report-archive.service';
import { redactedUrl } from './dto/report-delivery.dto';
import { ReportArchiveService } from '../archive/report-archive.service';
import { DeliverySubject, ReportDeliveryRepository } from './report-delivery.repository';
import { ReportDeliveryService } from './report-delivery.service';
import type { DeliveryStatus, ReportDelivery } from './report-delivery.type';

const URGENT_NOTICE_LIST_LIMIT = 200;

/** The delivery log of a report and of the urgent notices, and the manual retry of a delivery that failed for good. */
@Injectable()
export class ReportDeliveryLogService {
  constructor(
    private readonly archive: ReportArchiveService,
    private readonly deliveries: ReportDeliveryRepository,
    private readonly worker: ReportDeliveryService,
    private readonly clock: Clock,
    private readonly securityLog: SecurityLogService,
  ) {}

  async list(reportId: string): Promise<ReportDelivery[]> {
    await this.archive.get(reportId);
    return this.deliveries.findForReport(reportId);
  }

  /** The deliveries of urgent notices, newest first (the latest 200), of one status if given. */
  listUrgentNotices(status?: DeliveryStatus): Promise<ReportDelivery[]> {
    return this.deliveries.findUrgentNotices(status, URGENT_NOTICE_LIST_LIMIT);
  }

  /**
   * Puts a failed delivery of a report (or an urgent notice) back in the outbox, due now, with a fresh allowance of
   * attempts, records it in the security log, and sends it.
   */
  async retry(subject: DeliverySubject, deliveryId: string, by: ReportRequester): Promise<ReportDelivery> {
    if (subject !== 'urgent_notice') await this.archive.get(subject.reportId);
    const retried = await this.deliveries.retryFailed(subject, deliveryId, this.clock.now());
    if (retried) {
      await this.securityLog.record({
        type: SecurityEventType.REPORT_DELIVERY_RETRIED,
        actor: by.actor,
        target: `report-delivery:${deliveryId}`,
        clientIp: by.clientIp,
        details: {
          deliveryId,
          reportId: retried.reportId,
          alertId: retried.alertId,
          channel: retried.channel,
          recipient: retried.channel === 'webhook' ? redactedUrl(retried.recipient) : retried.recipient,
        },
      });
      this.worker.kick();
      return retried;
    }
    const found = await this.deliveries.findOne(subject, deliveryId);
    const of = subject === 'urgent_notice' ? 'There is no urgent notice delivery' : `Report ${subject.reportId} has no delivery`;
    if (!found) throw new DomainException(ErrorCode.NOT_FOUND, `${of} ${deliveryId}`);
    throw new DomainException(ErrorCode.CONFLICT, `Delivery ${deliveryId} is ${found.status}: only a failed delivery can be retried`);
  }
}
