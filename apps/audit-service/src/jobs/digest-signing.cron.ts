import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { DigestSigner, QueryEventPartitionService } from '@app/audit-trail';
import { AppConfig, InjectConfig } from '@app/config';

/** Hourly, on the hour (seconds field first); INTEGRITY_SIGN_CRON overrides it. */
export const DIGEST_SIGNING_CRON = '0 0 * * * *';
const JOB_NAME = 'integrity-digest-signing';

/**
 * Signs the audit chain head at INTEGRITY_SIGN_CRON, and keeps the monthly partitions one month ahead. Safe with
 * two replicas: the signer takes an advisory lock and skips when the head has not moved.
 */
@Injectable()
export class DigestSigningCron implements OnApplicationBootstrap {
  private readonly logger = new Logger(DigestSigningCron.name);

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly scheduler: SchedulerRegistry,
    private readonly signer: DigestSigner,
    private readonly partitions: QueryEventPartitionService,
  ) {}

  onApplicationBootstrap(): void {
    const job = CronJob.from({
      cronTime: this.config.integrity.signCron || DIGEST_SIGNING_CRON,
      onTick: () => this.run(),
      waitForCompletion: true,
    });
    this.scheduler.addCronJob(JOB_NAME, job);
    job.start();
  }

  async run(): Promise<void> {
    try {
      await this.partitions.ensureAhead();
      const outcome = await this.signer.signHead();
      if (!outcome.signed) this.logger.debug(`Chain head not signed: ${outcome.reason}`);
    } catch (error) {
      this.logger.error({ err: error }, 'Signing the audit chain head failed');
    }
  }
}
