import { Module } from '@nestjs/common';
import { AuditTrailModule } from '@app/audit-trail';
import { Clock } from '@app/common';
import { PersonalDataModule } from '@app/ingestion';
import { TraceModule } from '../trace.module';
import { EvidenceExportRepository } from './evidence-export.repository';
import { EvidenceExportService } from './evidence-export.service';

/** Evidence exports of auditors' searches, with manifests anyone can verify offline. Needs the app's DataSource. */
@Module({
  imports: [TraceModule, AuditTrailModule, PersonalDataModule],
  providers: [Clock, EvidenceExportRepository, EvidenceExportService],
  exports: [EvidenceExportService],
})
export class EvidenceExportModule {}
