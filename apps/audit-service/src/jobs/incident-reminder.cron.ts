import { Injectable, Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { IncidentReminderService } from '@app/incidents';
import { IntervalJob } from './interval-job.util';

/** How often the deadlines are looked at: a reminder leaves within a minute of its offset. */
export const INCIDENT_REMINDER_INTERVAL_MS = 60_000;

/**
 * Reminders before breach-notice deadlines and the late marking after them. Safe with several replicas: each
 * reminder is claimed by a row, each late marking by a conditional update.
 */
@Injectable()
export class IncidentReminderCron extends IntervalJob {
  protected readonly logger = new Logger(IncidentReminderCron.name);

  constructor(
    scheduler: SchedulerRegistry,
    private readonly reminders: IncidentReminderService,
  ) {
    super(scheduler, { name: 'incident-reminders', intervalSeconds: INCIDENT_REMINDER_INTERVAL_MS / 1000, failure: 'Incident reminders failed' });
  }

  protected async work(): Promise<void> {
    const outcome = await this.reminders.run();
    if (outcome.reminded || outcome.markedLate) this.logger.log(outcome, 'Incident reminders');
  }
}
