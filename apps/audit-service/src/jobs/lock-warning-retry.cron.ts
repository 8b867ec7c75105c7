import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { LockWarningService } from '@app/accounts';

const JOB_NAME = 'lock-warning-retry';
/** How often failed lock-warning mails are looked for (each waits its own backoff: 5 min, 15 min, 1 h, 3 h). */
export const LOCK_WARNING_RETRY_INTERVAL_MS = 60_000;

/** Sends again the lock warnings whose mail failed. Safe with several replicas: each retry is claimed first. */
@Injectable()
export class LockWarningRetryCron implements OnApplicationBootstrap {
  private readonly logger = new Logger(LockWarningRetryCron.name);
  private running = false;

  constructor(
    private readonly scheduler: SchedulerRegistry,
    private readonly warnings: LockWarningService,
  ) {}

  onApplicationBootstrap(): void {
    this.scheduler.addInterval(JOB_NAME, setInterval(() => void this.run(), LOCK_WARNING_RETRY_INTERVAL_MS));
  }

  async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const outcome = await this.warnings.retryDue();
      if (outcome.retried) this.logger.log(outcome, 'Lock warnings mailed again');
    } catch (error) {
      this.logger.error({ err: error }, 'Retrying lock warnings failed');
    } finally {
      this.running = false;
    }
  }
}
