import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { IdleLockService } from '@app/accounts';
import { AppConfig, InjectConfig } from '@app/config';

/** Daily at 00:30 local time (seconds field first); ACCOUNT_IDLE_LOCK_CRON overrides it. */
export const IDLE_ACCOUNT_LOCK_CRON = '0 30 0 * * *';
const JOB_NAME = 'idle-account-lock';

/**
 * Locks accounts idle for ACCOUNT_IDLE_MONTHS and sends the lock warnings due today, in ACCOUNT_TIME_ZONE.
 * Safe with several replicas: the service takes an advisory lock and each lock is conditional.
 */
@Injectable()
export class IdleAccountLockCron implements OnApplicationBootstrap {
  private readonly logger = new Logger(IdleAccountLockCron.name);

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly scheduler: SchedulerRegistry,
    private readonly idleLock: IdleLockService,
  ) {}

  onApplicationBootstrap(): void {
    const job = CronJob.from({
      cronTime: this.config.accounts.idleLockCron || IDLE_ACCOUNT_LOCK_CRON,
      timeZone: this.config.accounts.timeZone,
      onTick: () => this.run(),
      waitForCompletion: true,
    });
    this.scheduler.addCronJob(JOB_NAME, job);
    job.start();
  }

  async run(): Promise<void> {
    try {
      await this.idleLock.run();
    } catch (error) {
      this.logger.error({ err: error }, 'The idle-lock job failed');
    }
  }
}
