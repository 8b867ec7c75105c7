import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { JournalSealer } from '@app/audit-trail';
import { AppConfig, InjectConfig } from '@app/config';

const JOB_NAME = 'integrity-journal-seal';

/**
 * Every INTEGRITY_JOURNAL_SEAL_INTERVAL, links the new rows of the security log and the alert actions into the
 * hash chain. Safe with several replicas: the sealer takes an advisory lock, and a row is sealed once.
 */
@Injectable()
export class JournalSealCron implements OnApplicationBootstrap {
  private readonly logger = new Logger(JournalSealCron.name);
  private running = false;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly scheduler: SchedulerRegistry,
    private readonly sealer: JournalSealer,
  ) {}

  onApplicationBootstrap(): void {
    const timer = setInterval(() => void this.run(), this.config.integrity.journalSealInterval * 1000);
    this.scheduler.addInterval(JOB_NAME, timer);
  }

  async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.sealer.seal();
    } catch (error) {
      this.logger.error({ err: error }, 'Sealing the journal tables into the chain failed');
    } finally {
      this.running = false;
    }
  }
}
