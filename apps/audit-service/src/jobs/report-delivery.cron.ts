import { Injectable, Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig, InjectConfig } from '@app/config';
import { ReportDeliveryService } from '@app/reports';
import { IntervalJob } from './interval-job.util';

/**
 * Every REPORTS_DELIVERY_INTERVAL, sends the due deliveries of reports and urgent notices (retries, and rows queued on
 * replicas without the jobs role). Safe with several replicas: each delivery is claimed before it is sent.
 */
@Injectable()
export class ReportDeliveryCron extends IntervalJob {
  protected readonly logger = new Logger(ReportDeliveryCron.name);

  constructor(
    @InjectConfig() config: AppConfig,
    scheduler: SchedulerRegistry,
    private readonly delivery: ReportDeliveryService,
  ) {
    super(scheduler, {
      name: 'report-delivery',
      intervalSeconds: config.reports.delivery.interval,
      failure: 'Delivering reports to the Office failed',
    });
  }

  protected work(): Promise<unknown> {
    return this.delivery.deliverDue();
  }
}
