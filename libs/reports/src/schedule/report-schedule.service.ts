import { Injectable } from '@nestjs/common';
import { Clock } from '@app/common';
import { GeneratedReport, ReportArchiveService } from '../archive/report-archive.service';
import { previousPeriod } from '../report-period.util';
import type { ScheduledReportKind } from '../report.type';

/** Who made a scheduled report, as its archive row says. */
export const REPORT_SCHEDULE_ACTOR = 'system:report-schedule';

/** A schedule's tick: the period of its kind that just closed, made once whatever the number of ticks or replicas. */
@Injectable()
export class ReportScheduleService {
  constructor(
    private readonly clock: Clock,
    private readonly archive: ReportArchiveService,
  ) {}

  run(kind: ScheduledReportKind): Promise<GeneratedReport> {
    return this.archive.generate(kind, previousPeriod(kind, this.clock.now()), REPORT_SCHEDULE_ACTOR);
  }
}
