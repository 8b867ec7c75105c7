import { Module } from '@nestjs/common';
import { AuditTrailModule } from '@app/audit-trail';
import { Clock } from '@app/common';
import { TraceModule } from '@app/trace';
import { ReportsModule } from '../reports.module';
import { CitizenAccessReportService } from './citizen-access-report.service';
import { CitizenAccessRepository } from './citizen-access.repository';

/** A citizen's access report: auditors' search and chain proofs, archived as a report. Needs the app's DataSource. */
@Module({
  imports: [ReportsModule, TraceModule, AuditTrailModule],
  providers: [Clock, CitizenAccessRepository, CitizenAccessReportService],
  exports: [CitizenAccessReportService],
})
export class CitizenAccessReportModule {}
