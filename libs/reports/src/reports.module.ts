import { Module } from '@nestjs/common';
import { SecurityLogModule } from '@app/auth';
import { AlertsModule } from '@app/alerts';
import { Clock } from '@app/common';
import { NotificationsModule } from '@app/notifications';
import { SourceSystemsModule } from '@app/source-systems';
import { ReportArchiveService } from './archive/report-archive.service';
import { ReportRepository } from './archive/report.repository';
import { ReportAccountsRepository } from './content/report-accounts.repository';
import { ReportActivityRepository } from './content/report-activity.repository';
import { ReportAlertsRepository } from './content/report-alerts.repository';
import { ReportContentService } from './content/report-content.service';
import { ReportSourcesRepository } from './content/report-sources.repository';
import { ReportDeliveryLogService } from './delivery/report-delivery-log.service';
import { ReportDeliveryRepository } from './delivery/report-delivery.repository';
import { ReportDeliveryService } from './delivery/report-delivery.service';
import { UrgentNoticeService } from './delivery/urgent-notice.service';
import { ReportScheduleService } from './schedule/report-schedule.service';

@Module({
  imports: [SourceSystemsModule, SecurityLogModule, AlertsModule, NotificationsModule],
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
    ReportDeliveryRepository,
    ReportDeliveryService,
    ReportDeliveryLogService,
    UrgentNoticeService,
  ],
  exports: [
    ReportContentService,
    ReportArchiveService,
    ReportScheduleService,
    ReportDeliveryService,
    ReportDeliveryLogService,
    UrgentNoticeService,
  ],
})
export class ReportsModule {}
