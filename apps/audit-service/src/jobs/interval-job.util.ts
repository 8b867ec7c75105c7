import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';

/**
 * A job run every few seconds on a jobs replica: a tick that comes while the previous run is still going is
 * skipped, and a failed run is logged (the next tick tries again). Subclasses name the job and say what a run does;
 * what keeps replicas apart is the work's own claim or lock.
 */
export abstract class IntervalJob implements OnApplicationBootstrap {
  protected abstract readonly logger: Logger;
  private running = false;

  protected constructor(
    private readonly scheduler: SchedulerRegistry,
    private readonly job: { name: string; intervalSeconds: number; failure: string },
  ) {}

  /** false: the job stays off (say why in the subclass). */
  protected enabled(): boolean {
    return true;
  }

  protected abstract work(): Promise<unknown>;

  onApplicationBootstrap(): void {
    if (!this.enabled()) return;
    this.scheduler.addInterval(this.job.name, setInterval(() => void this.run(), this.job.intervalSeconds * 1000));
  }

  async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.work();
    } catch (error) {
      this.logger.error({ err: error }, this.job.failure);
    } finally {
      this.running = false;
    }
  }
}
