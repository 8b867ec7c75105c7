import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { IncidentReminderService } from '@app/incidents';

const JOB_NAME = 'incident-reminders';
/** How often the deadlines are looked at: a reminder leaves within a minute of its offset. */
export const INCIDENT_REMINDER_INTERVAL_MS = 60_000;

/**
 * Reminders before breach-notice deadlines and the late marking after them. Safe with several replicas: each
 * reminder is claimed by a row, each late marking by a conditional update.
 */
@Injectable()
export class IncidentReminderCron implements OnApplicationBootstrap {
  private readonly logger = new Logger(IncidentReminderCron.name);
  private running = false;

  constructor(
    private readonly scheduler: SchedulerRegistry,
    private readonly reminders: IncidentReminderService,
  ) {}

  onApplicationBootstrap(): void {
    this.scheduler.addInterval(JOB_NAME, setInterval(() => void this.run(), INCIDENT_REMINDER_INTERVAL_MS));
  }

  async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const outcome = await this.reminders.run();
      if (outcome.reminded || outcome.markedLate) this.logger.log(outcome, 'Incident reminders');
    } catch (error) {
      this.logger.error({ err: error }, 'Incident reminders failed');
    } finally {
      this.running = false;
    }
  }
}
