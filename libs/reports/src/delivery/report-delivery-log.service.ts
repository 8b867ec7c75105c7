import { Injectable } from '@nestjs/common';
import { Clock, DomainException, ErrorCode } from '@app/common';
import { ReportArchiveService } from '../archive/report-archive.service';
import { ReportDeliveryRepository } from './report-delivery.repository';
import { ReportDeliveryService } from './report-delivery.service';
import type { ReportDelivery } from './report-delivery.type';

/** The delivery log of a report, and the manual retry of a delivery that failed for good. */
@Injectable()
export class ReportDeliveryLogService {
  constructor(
    private readonly archive: ReportArchiveService,
    private readonly deliveries: ReportDeliveryRepository,
    private readonly worker: ReportDeliveryService,
    private readonly clock: Clock,
  ) {}

  async list(reportId: string): Promise<ReportDelivery[]> {
    await this.archive.get(reportId);
    return this.deliveries.findForReport(reportId);
  }

  /** Puts a failed delivery back in the outbox, due now, with a fresh allowance of attempts, and sends it. */
  async retry(reportId: string, deliveryId: string): Promise<ReportDelivery> {
    await this.archive.get(reportId);
    const retried = await this.deliveries.retryFailed(reportId, deliveryId, this.clock.now());
    if (retried) {
      this.worker.kick();
      return retried;
    }
    const found = await this.deliveries.findOfReport(reportId, deliveryId);
    if (!found) throw new DomainException(ErrorCode.NOT_FOUND, `Report ${reportId} has no delivery ${deliveryId}`);
    throw new DomainException(ErrorCode.CONFLICT, `Delivery ${deliveryId} is ${found.status}: only a failed delivery can be retried`);
  }
}
