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
import { DetectionScan } from './scan/detection-scan.service';
import { DAY_DETECTORS, DayDetector, isStreamDetector, STREAM_DETECTORS } from './scan/detector.type';
import { StreamDetection } from './scan/stream-detection.service';
import { DetectionSettingsService } from './settings/detection-settings.service';
import { VolumeDayDetector } from './volume/volume-day-detector.service';
import { VolumeDetector } from './volume/volume-detector.service';
import { VolumeRepository } from './volume/volume.repository';
import { CrossUnitCitizenDetector } from './cross-unit/cross-unit-citizen-detector.service';
import { EnumerationDetector } from './enumeration/enumeration-detector.service';
import { WindowLookupRepository } from './windows/window-lookup.repository';

/**
 * Every detector, in the order a scan runs them (docs/detection.md). A class here that also implements
 * StreamDetector judges each committed batch too.
 */
const DETECTORS = [VolumeDayDetector, EnumerationDetector, CrossUnitCitizenDetector];

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
    DetectionSettingsService,
    VolumeRepository,
    VolumeDetector,
    WindowLookupRepository,
    ...DETECTORS,
    { provide: DAY_DETECTORS, useFactory: (...detectors: DayDetector[]) => detectors, inject: DETECTORS },
    { provide: STREAM_DETECTORS, useFactory: (...detectors: DayDetector[]) => detectors.filter(isStreamDetector), inject: DETECTORS },
    DetectionScan,
    StreamDetection,
  ],
  exports: [AggregateRescan, WorkingCalendar, UnitNetworks, CalendarDaysService, WorkingHoursService, UnitNetworksAdminService, DetectionScan, DetectionSettingsService],
})
export class DetectionModule {}
