import { Module } from '@nestjs/common';
import { Clock } from '@app/common';
import { AuditChainRepository } from './audit-chain.repository';
import { AuditStore } from './audit-store.service';
import { QueryEventPartitionService } from './query-event-partition.service';
import { QueryEventRepository } from './query-event.repository';
import { StoredBatchHandlers } from './stored-batch-handler';

/**
 * The evidence store. Ingest adapters call AuditStore.appendBatch; features that must see every stored batch
 * register a handler with StoredBatchHandlers. Needs the app's DataSource and MetricsService.
 */
@Module({
  providers: [Clock, AuditStore, QueryEventRepository, AuditChainRepository, QueryEventPartitionService, StoredBatchHandlers],
  exports: [AuditStore, StoredBatchHandlers, QueryEventPartitionService],
})
export class AuditTrailModule {}
