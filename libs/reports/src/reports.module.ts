import { Module } from '@nestjs/common';
import { SecurityLogModule } from '@app/auth';
import { Clock } from '@app/common';
import { SourceSystemsModule } from '@app/source-systems';
import { ReportArchiveService } from './archive/report-archive.service';
import { ReportRepository } from './archive/report.repository';
import { ReportAccountsRepository } from './content/report-accounts.repository';
import { ReportActivityRepository } from './content/report-activity.repository';
import { ReportAlertsRepository } from './content/report-alerts.repository';
import { ReportContentService } from './content/report-content.service';
import { ReportSourcesRepository } from './content/report-sources.repository';
import { ReportScheduleService } from './schedule/report-schedule.service';

@Module({
  imports: [SourceSystemsModule, SecurityLogModule],
  providers: [
    Clock,
    ReportActivityRepository,
    ReportAccountsRepository,
    ReportAlertsRepository,
    ReportSourcesRepository,
    ReportContentService,
    ReportRepository,
    ReportArchiveService,
    ReportScheduleService,
  ],
  exports: [ReportContentService, ReportArchiveService, ReportScheduleService],
})
export class ReportsModule {}
