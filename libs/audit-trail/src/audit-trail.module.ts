import { Module } from '@nestjs/common';
import { Clock } from '@app/common';
import { AuditChainRepository } from './audit-chain.repository';
import { AuditStore } from './audit-store.service';
import { QueryEventPartitionService } from './query-event-partition.service';
import { QueryEventRepository } from './query-event.repository';
import { AuditRetention } from './retention/audit-retention.service';
import { RetentionRepository } from './retention/retention.repository';
import { DigestSigner } from './signing/digest-signer.service';
import { SignedDigestRepository } from './signing/signed-digest.repository';
import { SigningKeyService } from './signing/signing-key.service';
import { StoredBatchHandlers } from './stored-batch-handler';
import { ChainVerifier } from './verify/chain-verifier.service';
import { IntegrityRepository } from './verify/integrity.repository';
import { JournalRepository } from './journal/journal.repository';
import { JournalSealer } from './journal/journal-sealer.service';
import { ChainProofBuilder } from './evidence/chain-proof.service';

/**
 * The evidence store. Ingest adapters call AuditStore.appendBatch; features that must see every stored batch
 * register a handler with StoredBatchHandlers. Signing, verification and retention of the chain live here too.
 * Needs the app's DataSource, AppConfig and MetricsService.
 */
@Module({
  providers: [
    Clock,
    AuditStore,
    QueryEventRepository,
    AuditChainRepository,
    QueryEventPartitionService,
    StoredBatchHandlers,
    SigningKeyService,
    SignedDigestRepository,
    DigestSigner,
    IntegrityRepository,
    ChainVerifier,
    RetentionRepository,
    AuditRetention,
    JournalRepository,
    JournalSealer,
    ChainProofBuilder,
  ],
  exports: [
    AuditStore,
    StoredBatchHandlers,
    QueryEventPartitionService,
    SigningKeyService,
    DigestSigner,
    ChainVerifier,
    AuditRetention,
    JournalSealer,
    ChainProofBuilder,
  ],
})
export class AuditTrailModule {}
