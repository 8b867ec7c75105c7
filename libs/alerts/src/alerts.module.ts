import { Module } from '@nestjs/common';
import { Clock } from '@app/common';
import { AlertsService } from './alerts.service';

/** Alerts raised by features (accounts, detectors). Needs the app's DataSource. */
@Module({
  providers: [Clock, AlertsService],
  exports: [AlertsService],
})
export class AlertsModule {}
