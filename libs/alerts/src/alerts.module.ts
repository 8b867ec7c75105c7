import { Module } from '@nestjs/common';
import { Clock } from '@app/common';
import { AlertActionRepository } from './alert-action.repository';
import { AlertRepository } from './alert.repository';
import { AlertsService } from './alerts.service';
import { AlertMetricsService } from './metrics/alert-metrics.service';
import { AlertSummaryService } from './summary/alert-summary.service';
import { SuppressionRepository } from './suppressions/suppression.repository';
import { SuppressionService } from './suppressions/suppression.service';
import { AlertTriageService } from './triage/alert-triage.service';

/** Alerts raised by features (accounts, detectors), their triage and suppressions. Needs the app's DataSource. */
@Module({
  providers: [Clock, AlertRepository, AlertActionRepository, SuppressionRepository, AlertsService, AlertTriageService, SuppressionService, AlertMetricsService, AlertSummaryService],
  exports: [AlertsService, AlertTriageService, SuppressionService, AlertMetricsService, AlertSummaryService],
})
export class AlertsModule {}
