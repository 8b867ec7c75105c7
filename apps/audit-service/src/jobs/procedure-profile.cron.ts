import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { ProcedureProfileService } from '@app/detection';
import { DETECTION_TIME_ZONE } from './detection-daily.cron';

/** Daily at 00:30 in Vietnam (seconds field first): yesterday is over, and the day's lookups are counted with the new profiles. */
export const PROCEDURE_PROFILE_CRON = '0 30 0 * * *';
const JOB_NAME = 'procedure-profile';

/**
 * Learns what each procedure's lookups return (its need where config/procedures.json and admins are silent).
 * Safe with several replicas: an advisory lock lets one learn, the others skip.
 */
@Injectable()
export class ProcedureProfileCron implements OnApplicationBootstrap {
  private readonly logger = new Logger(ProcedureProfileCron.name);

  constructor(
    private readonly scheduler: SchedulerRegistry,
    private readonly profiles: ProcedureProfileService,
  ) {}

  onApplicationBootstrap(): void {
    const job = CronJob.from({ cronTime: PROCEDURE_PROFILE_CRON, timeZone: DETECTION_TIME_ZONE, onTick: () => this.run(), waitForCompletion: true });
    this.scheduler.addCronJob(JOB_NAME, job);
    job.start();
  }

  async run(): Promise<void> {
    try {
      if (!(await this.profiles.learnOnce())) this.logger.log('Another replica is learning the procedure profiles');
    } catch (error) {
      this.logger.error({ err: error }, 'Learning the procedure profiles failed');
    }
  }
}
