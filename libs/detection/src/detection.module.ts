import { Module } from '@nestjs/common';
import { AlertsModule } from '@app/alerts';
import { AuditTrailModule } from '@app/audit-trail';
import { SecurityLogModule } from '@app/auth';
import { Clock } from '@app/common';
import { SourceSystemsModule } from '@app/source-systems';
import { AccountDayAggregator } from './aggregates/account-day-aggregator.service';
import { AccountDayRepository } from './aggregates/account-day.repository';
import { AggregateRescan } from './aggregates/aggregate-rescan.service';
import { SourceSystemDayRepository } from './aggregates/source-system-day.repository';
import { ExplainedShareRepository } from './explained/explained-share.repository';
import { ExplainedShareService } from './explained/explained-share.service';
import { LookupSeriesRepository } from './lookups/lookup-series.repository';
import { LookupSeriesService } from './lookups/lookup-series.service';
import { loadProcedureCatalogConfig, PROCEDURE_CATALOG_CONFIG } from './procedures/procedure-catalog-config.util';
import { ProcedureNeeds } from './procedures/procedure-needs.service';
import { ProcedureProfileService } from './procedures/procedure-profile.service';
import { ProcedureRepository } from './procedures/procedure.repository';
import { ProceduresService } from './procedures/procedures.service';
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
import { ExplainedEvidence } from './scan/explained-evidence.service';
import { DAY_DETECTORS, DayDetector, isStreamDetector, STREAM_DETECTORS } from './scan/detector.type';
import { StreamDetection } from './scan/stream-detection.service';
import { DetectionSettingRepository } from './settings/detection-setting.repository';
import { DetectionSettingsAdmin } from './settings/detection-settings-admin.service';
import { DetectionSettingsService } from './settings/detection-settings.service';
import { BulkExportDayDetector } from './bulk-export/bulk-export-day-detector.service';
import { BulkExportRepository } from './bulk-export/bulk-export.repository';
import { DormantWakingDayDetector } from './dormant-waking/dormant-waking-day-detector.service';
import { DormantWakingRepository } from './dormant-waking/dormant-waking.repository';
import { GradualGrowthDayDetector } from './gradual-growth/gradual-growth-day-detector.service';
import { OffHoursDayDetector } from './off-hours/off-hours-day-detector.service';
import { OffHoursRepository } from './off-hours/off-hours.repository';
import { SensitiveFieldsDayDetector } from './share-window/sensitive-fields-day-detector.service';
import { ShareWindowRepository } from './share-window/share-window.repository';
import { UnexplainedLookupsDayDetector } from './share-window/unexplained-lookups-day-detector.service';
import { AccountActivitySeriesService } from './activity/account-activity-series.service';
import { VolumeDayDetector } from './volume/volume-day-detector.service';
import { VolumeDetector } from './volume/volume-detector.service';
import { VolumeRepository } from './volume/volume.repository';
import { CrossUnitCitizenDetector } from './cross-unit/cross-unit-citizen-detector.service';
import { EnumerationDetector } from './enumeration/enumeration-detector.service';
import { WindowLookupRepository } from './windows/window-lookup.repository';
import { ConcurrentNetworksDetector } from './unusual-network/concurrent-networks-detector.service';
import { ForeignNetworkDayDetector } from './unusual-network/foreign-network-day-detector.service';
import { UnusualNetworkRepository } from './unusual-network/unusual-network.repository';
import { SourcePolicyDetector } from './source-policy/source-policy-detector.service';
import { SourcePolicyRepository } from './source-policy/source-policy.repository';
import { TraceSearchesDetector } from './trace-searches/trace-searches-detector.service';
import { TraceSearchRepository } from './trace-searches/trace-search.repository';

/**
 * Every detector, in the order a scan runs them (docs/detection.md). A class here that also implements
 * StreamDetector judges each committed batch too.
 */
const DETECTORS = [
  VolumeDayDetector,
  GradualGrowthDayDetector,
  OffHoursDayDetector,
  DormantWakingDayDetector,
  BulkExportDayDetector,
  UnexplainedLookupsDayDetector,
  SensitiveFieldsDayDetector,
  EnumerationDetector,
  CrossUnitCitizenDetector,
  ForeignNetworkDayDetector,
  ConcurrentNetworksDetector,
  SourcePolicyDetector,
  TraceSearchesDetector,
];

/**
 * Detection of misuse. So far its foundation: the per-account-day aggregate every stored batch updates (and a
 * rescan rebuilds), off-hours (calendar, working hours) and units' networks. Needs the app's DataSource.
 */
@Module({
  imports: [AuditTrailModule, AlertsModule, SecurityLogModule, SourceSystemsModule],
  providers: [
    Clock,
    AccountDayRepository,
    SourceSystemDayRepository,
    { provide: PROCEDURE_CATALOG_CONFIG, useFactory: () => loadProcedureCatalogConfig() },
    ProcedureRepository,
    ProcedureNeeds,
    ProceduresService,
    ProcedureProfileService,
    ExplainedShareRepository,
    ExplainedShareService,
    LookupSeriesRepository,
    LookupSeriesService,
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
    DetectionSettingRepository,
    DetectionSettingsService,
    DetectionSettingsAdmin,
    VolumeRepository,
    VolumeDetector,
    UnusualNetworkRepository,
    SourcePolicyRepository,
    ShareWindowRepository,
    OffHoursRepository,
    DormantWakingRepository,
    BulkExportRepository,
    WindowLookupRepository,
    TraceSearchRepository,
    ...DETECTORS,
    { provide: DAY_DETECTORS, useFactory: (...detectors: DayDetector[]) => detectors, inject: DETECTORS },
    { provide: STREAM_DETECTORS, useFactory: (...detectors: DayDetector[]) => detectors.filter(isStreamDetector), inject: DETECTORS },
    ExplainedEvidence,
    DetectionScan,
    StreamDetection,
    AccountActivitySeriesService,
  ],
  exports: [
    AccountActivitySeriesService,
    AggregateRescan,
    ProcedureNeeds,
    ProceduresService,
    ProcedureProfileService,
    ExplainedShareService,
    LookupSeriesService,
    WorkingCalendar,
    UnitNetworks,
    CalendarDaysService,
    WorkingHoursService,
    UnitNetworksAdminService,
    DetectionScan,
    DetectionSettingsService,
    DetectionSettingsAdmin,
    TraceSearchesDetector,
  ],
})
export class DetectionModule {}
