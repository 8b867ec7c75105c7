import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { DetectionScan } from '@app/detection';

/** Daily at 01:00 in Vietnam (seconds field first): yesterday is closed, and late batches of it have mostly landed. */
export const DETECTION_DAILY_CRON = '0 0 1 * * *';
export const DETECTION_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const JOB_NAME = 'detection-daily';

/**
 * Runs the day-level detectors on yesterday. Safe with several replicas: the scan takes an advisory lock (one runs
 * it, the others skip), and alerts are keyed by day, so a run repeated by hand updates rather than duplicates.
 */
@Injectable()
export class DetectionDailyCron implements OnApplicationBootstrap {
  private readonly logger = new Logger(DetectionDailyCron.name);

  constructor(
    private readonly scheduler: SchedulerRegistry,
    private readonly scans: DetectionScan,
  ) {}

  onApplicationBootstrap(): void {
    const job = CronJob.from({ cronTime: DETECTION_DAILY_CRON, timeZone: DETECTION_TIME_ZONE, onTick: () => this.run(), waitForCompletion: true });
    this.scheduler.addCronJob(JOB_NAME, job);
    job.start();
  }

  async run(): Promise<void> {
    try {
      const outcome = await this.scans.scanYesterdayOnce();
      if (!outcome) this.logger.log('Another replica is running the daily detection scan');
    } catch (error) {
      this.logger.error({ err: error }, 'The daily detection scan failed');
    }
  }
}
