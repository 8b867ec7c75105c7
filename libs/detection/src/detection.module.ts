import { Module } from '@nestjs/common';
import { AlertsModule } from '@app/alerts';
import { AuditTrailModule } from '@app/audit-trail';
import { Clock } from '@app/common';
import { AccountDayAggregator } from './aggregates/account-day-aggregator.service';
import { AccountDayRepository } from './aggregates/account-day.repository';
import { AggregateRescan } from './aggregates/aggregate-rescan.service';
import { CalendarDayRepository } from './calendar/calendar-day.repository';
import { CalendarDaysService } from './calendar/calendar-days.service';
import { UnitNetworkRepository } from './networks/unit-network.repository';
import { UnitNetworks } from './networks/unit-networks.service';
import { UnitNetworksAdminService } from './networks/unit-networks-admin.service';
import { WorkingCalendar } from './working-hours/working-calendar.service';
import { loadWorkingHoursConfig, WORKING_HOURS_CONFIG } from './working-hours/working-hours-config.util';
import { WorkingHoursRepository } from './working-hours/working-hours.repository';
import { WorkingHoursService } from './working-hours/working-hours.service';
import { DetectionScan } from './volume/detection-scan.service';
import { VolumeDetector } from './volume/volume-detector.service';
import { VolumeSettingsService } from './volume/volume-settings.service';
import { VolumeRepository } from './volume/volume.repository';

/**
 * Detection of misuse. So far its foundation: the per-account-day aggregate every stored batch updates (and a
 * rescan rebuilds), off-hours (calendar, working hours) and units' networks. Needs the app's DataSource.
 */
@Module({
  imports: [AuditTrailModule, AlertsModule],
  providers: [
    Clock,
    AccountDayRepository,
    AccountDayAggregator,
    AggregateRescan,
    { provide: WORKING_HOURS_CONFIG, useFactory: () => loadWorkingHoursConfig() },
    CalendarDayRepository,
    WorkingHoursRepository,
    UnitNetworkRepository,
    WorkingCalendar,
    UnitNetworks,
    CalendarDaysService,
    WorkingHoursService,
    UnitNetworksAdminService,
    VolumeSettingsService,
    VolumeRepository,
    VolumeDetector,
    DetectionScan,
  ],
  exports: [AggregateRescan, WorkingCalendar, UnitNetworks, CalendarDaysService, WorkingHoursService, UnitNetworksAdminService, DetectionScan, VolumeSettingsService],
})
export class DetectionModule {}
