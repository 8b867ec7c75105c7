import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AppConfig, InjectConfig } from '@app/config';
import { ReportScheduleService, SCHEDULED_REPORT_KINDS, ScheduledReportKind } from '@app/reports';

/** Local time of the schedules: the report's days are Vietnam's. */
export const REPORT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/**
 * The weekly, monthly and quarterly reports (REPORTS_*_CRON; "off" leaves one out). One class for the three: they
 * differ only in the kind they pass on. Safe with several replicas and restarts: a period gets one report (an
 * advisory lock, then a unique index), so a tick that finds it made does nothing.
 */
@Injectable()
export class PeriodicReportCron implements OnApplicationBootstrap {
  private readonly logger = new Logger(PeriodicReportCron.name);

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly scheduler: SchedulerRegistry,
    private readonly schedule: ReportScheduleService,
  ) {}

  onApplicationBootstrap(): void {
    for (const kind of SCHEDULED_REPORT_KINDS) {
      const cronTime = this.config.reports.schedules[kind];
      if (!cronTime) continue;
      const job = CronJob.from({
        cronTime,
        timeZone: REPORT_TIME_ZONE,
        onTick: () => this.run(kind),
        waitForCompletion: true,
      });
      this.scheduler.addCronJob(`report-${kind}`, job);
      job.start();
    }
  }

  async run(kind: ScheduledReportKind): Promise<void> {
    try {
      const { report, created } = await this.schedule.run(kind);
      if (!created)
        this.logger.log({ reportId: report.id, kind }, 'The report of this period was already made');
    } catch (error) {
      this.logger.error({ err: error, kind }, 'The scheduled report failed');
    }
  }
}
