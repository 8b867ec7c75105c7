import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TerminusModule } from '@nestjs/terminus';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { KafkaModule } from '@app/kafka';
import { ObservabilityModule } from '@app/observability';
import { Clock } from '@app/common';
import { AccountsModule } from '@app/accounts';
import { AlertsModule } from '@app/alerts';
import { AuthModule } from '@app/auth';
import { AuditTrailModule } from '@app/audit-trail';
import { IngestionModule } from '@app/ingestion';
import { SourceSystemsModule } from '@app/source-systems';
import { DetectionModule } from '@app/detection';
import { CitizenAccessReportModule, ReportsModule } from '@app/reports';
import { EvidenceExportModule, TraceModule } from '@app/trace';
import { IncidentsModule } from '@app/incidents';
import { HealthController } from './http/health.controller';
import { MetricsController } from './http/metrics.controller';
import { AccountsController } from './http/accounts.controller';
import { AccountsLifecycleController } from './http/accounts-lifecycle.controller';
import { AccountActivityController } from './http/account-activity.controller';
import { AccountCommandDeliveryCron } from './jobs/account-command-delivery.cron';
import { IdleAccountLockCron } from './jobs/idle-account-lock.cron';
import { LockWarningRetryCron } from './jobs/lock-warning-retry.cron';
import { IntegrityController } from './http/integrity.controller';
import { DigestSigningCron } from './jobs/digest-signing.cron';
import { JournalSealCron } from './jobs/journal-seal.cron';
import { ApiKeysController } from './http/api-keys.controller';
import { AuthController } from './http/auth.controller';
import { SecurityLogController } from './http/security-log.controller';
import { FieldCatalogController } from './http/field-catalog.controller';
import { UsersController } from './http/users.controller';
import { IngestController } from './http/ingest.controller';
import { SourceSystemsController } from './http/source-systems.controller';
import { AlertSuppressionsController } from './http/alert-suppressions.controller';
import { AlertsController } from './http/alerts.controller';
import { DetectionCalendarController } from './http/detection-calendar.controller';
import { DetectionUnitsController } from './http/detection-units.controller';
import { DetectionExplainedController } from './http/detection-explained.controller';
import { DetectionLookupsController } from './http/detection-lookups.controller';
import { IngestStatusController } from './http/ingest-status.controller';
import { DetectionScanController } from './http/detection-scan.controller';
import { DetectionSettingsController } from './http/detection-settings.controller';
import { DetectionDailyCron } from './jobs/detection-daily.cron';
import { ProcedureProfileCron } from './jobs/procedure-profile.cron';
import { QueryLogConsumer } from './kafka/query-log.consumer';
import { ReportsController } from './http/reports.controller';
import { PeriodicReportCron } from './jobs/periodic-report.cron';
import { ReportDeliveryCron } from './jobs/report-delivery.cron';
import { TraceController } from './http/trace.controller';
import { TraceExportController } from './http/trace-export.controller';
import { IncidentsController } from './http/incidents.controller';
import { IncidentReminderCron } from './jobs/incident-reminder.cron';

/** What each role adds. Health and metrics are served by every replica whatever its roles. */
const API_CONTROLLERS = [
  AuthController,
  UsersController,
  ApiKeysController,
  SecurityLogController,
  IngestController,
  IngestStatusController,
  SourceSystemsController,
  FieldCatalogController,
  AccountsController,
  AccountsLifecycleController,
  AccountActivityController,
  IntegrityController,
  DetectionCalendarController,
  DetectionUnitsController,
  DetectionExplainedController,
  DetectionLookupsController,
  DetectionScanController,
  DetectionSettingsController,
  // Before AlertsController: /v1/alerts/suppressions is not an alert id.
  AlertSuppressionsController,
  AlertsController,
  ReportsController,
  TraceController,
  TraceExportController,
  IncidentsController,
];
const INGEST_PROVIDERS = [QueryLogConsumer];
const JOB_PROVIDERS = [IdleAccountLockCron, AccountCommandDeliveryCron, LockWarningRetryCron, DigestSigningCron, JournalSealCron, DetectionDailyCron, ProcedureProfileCron, PeriodicReportCron, ReportDeliveryCron, IncidentReminderCron];

@Module({})
export class AppModule {
  /**
   * The deployable. Health and metrics are served by every replica; the API, Kafka ingest and scheduled jobs
   * are switched by ROLES so that API and ingest replicas can be scaled apart.
   */
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    const roles = config.roles;
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ObservabilityModule.forRoot(config),
        DatabaseModule.forRoot(databaseUrl),
        KafkaModule,
        TerminusModule.forRoot({ logger: false }),
        ...(roles.has('jobs') ? [ScheduleModule.forRoot()] : []),
        AuthModule,
        SourceSystemsModule,
        AuditTrailModule,
        IngestionModule,
        AccountsModule,
        AlertsModule,
        DetectionModule,
        ReportsModule,
        CitizenAccessReportModule,
        TraceModule,
        EvidenceExportModule,
        IncidentsModule,
      ],
      controllers: [HealthController, MetricsController, ...(roles.has('api') ? API_CONTROLLERS : [])],
      providers: [
        Clock,
        ...(roles.has('ingest') ? INGEST_PROVIDERS : []),
        ...(roles.has('jobs') ? JOB_PROVIDERS : []),
      ],
    };
  }
}
