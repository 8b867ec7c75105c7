import { Module } from '@nestjs/common';
import { AuditTrailModule } from '@app/audit-trail';
import { SecurityLogModule } from '@app/auth';
import { Clock } from '@app/common';
import { SourceSystemsModule } from '@app/source-systems';
import { DeadLetterPublisher } from './dead-letter.service';
import { FileImportService } from './files/file-import.service';
import { IngestMetrics } from './ingest-metrics.service';
import { IngestService } from './ingest.service';
import { PersonalDataModule } from './personal-data/personal-data.module';
import { RejectionRepository } from './rejections/rejection.repository';
import { RejectionsService } from './rejections/rejections.service';
import { EventValidator } from './validation/event-validator.service';
import { IngestHealth } from './stuck-batches/ingest-health.service';
import { StuckBatchRepository } from './stuck-batches/stuck-batch.repository';
import { StuckBatchService } from './stuck-batches/stuck-batch.service';
import { IngestStatusRepository } from './status/ingest-status.repository';
import { IngestStatusService } from './status/ingest-status.service';
import { KafkaLag } from './status/kafka-lag.service';

/** Ingest from every transport into the audit store. Adapters (Kafka consumer, HTTP, CLI) call IngestService. */
@Module({
  imports: [AuditTrailModule, SourceSystemsModule, PersonalDataModule, SecurityLogModule],
  providers: [
    Clock,
    EventValidator,
    IngestMetrics,
    DeadLetterPublisher,
    RejectionRepository,
    RejectionsService,
    IngestService,
    FileImportService,
    StuckBatchRepository,
    StuckBatchService,
    IngestHealth,
    IngestStatusRepository,
    KafkaLag,
    IngestStatusService,
  ],
  exports: [IngestService, RejectionsService, FileImportService, EventValidator, IngestMetrics, PersonalDataModule, StuckBatchService, IngestHealth, IngestStatusService],
})
export class IngestionModule {}
