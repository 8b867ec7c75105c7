import { Module } from '@nestjs/common';
import { AlertsModule } from '@app/alerts';
import { SecurityLogModule } from '@app/auth';
import { Clock } from '@app/common';
import { NotificationsModule } from '@app/notifications';
import { IncidentNoticeService } from './incident-notice.service';
import { IncidentRecordRepository } from './incident-record.repository';
import { IncidentReminderService } from './incident-reminder.service';
import { IncidentRepository } from './incident.repository';
import { IncidentService } from './incident.service';
import { NoticeVersionRepository } from './notice-version.repository';

/** Personal-data breach incidents and their notices (docs/incidents.md). Needs the app's DataSource and config. */
@Module({
  imports: [AlertsModule, SecurityLogModule, NotificationsModule],
  providers: [Clock, IncidentRepository, NoticeVersionRepository, IncidentRecordRepository, IncidentNoticeService, IncidentService, IncidentReminderService],
  exports: [IncidentService, IncidentNoticeService, IncidentReminderService],
})
export class IncidentsModule {}
