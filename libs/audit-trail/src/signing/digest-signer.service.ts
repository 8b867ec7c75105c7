import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@app/common';
import { MetricsService } from '@app/observability';
import { AuditChainRepository } from '../audit-chain.repository';
import { SignedDigestRepository } from './signed-digest.repository';
import { signedDigestPayload, SignedHead } from './signed-digest.util';
import { SigningKeyService } from './signing-key.service';

/** Any stable 64-bit number: one replica signs at a time. */
const SIGNING_LOCK = 7_281_004_202;

export type SignOutcome =
  | { signed: true; id: string; head: SignedHead; keyId: string }
  | { signed: false; reason: 'another replica is signing' | 'the chain is empty' | 'the head has not moved' };

/** Signs the chain head (like the signed log digests of cloud audit trails), unless nothing changed since. */
@Injectable()
export class DigestSigner {
  private readonly logger = new Logger(DigestSigner.name);
  private readonly signedGauge;

  constructor(
    private readonly dataSource: DataSource,
    private readonly chain: AuditChainRepository,
    private readonly signedDigests: SignedDigestRepository,
    private readonly keys: SigningKeyService,
    private readonly clock: Clock,
    metrics: MetricsService,
  ) {
    this.signedGauge = metrics.gauge('tthc_audit_chain_signed_batch_id', 'Batch id of the last signed chain head');
  }

  signHead(): Promise<SignOutcome> {
    return this.dataSource.transaction(async (manager): Promise<SignOutcome> => {
      const [{ locked }] = await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [SIGNING_LOCK]);
      if (!locked) return { signed: false, reason: 'another replica is signing' };
      const head = await this.chain.readHead(manager);
      if (head.chainSeq === 0n) return { signed: false, reason: 'the chain is empty' };
      if ((await this.signedDigests.lastSignedChainSeq(manager)) === head.chainSeq.toString()) {
        return { signed: false, reason: 'the head has not moved' };
      }
      const key = this.keys.current();
      const signedAt = this.clock.now();
      const signed: SignedHead = { chainSeq: head.chainSeq.toString(), batchId: head.batchId, digest: head.digest, signedAt };
      await this.signedDigests.recordKey(manager, key.keyId, key.publicKeyPem, signedAt);
      const id = await this.signedDigests.insert(manager, signed, this.keys.sign(signedDigestPayload(signed)), key.keyId);
      this.signedGauge.set(Number(head.batchId));
      this.logger.log(`Signed chain head: batch ${head.batchId} (position ${head.chainSeq}), key ${key.keyId.slice(0, 16)}`);
      return { signed: true, id, head: signed, keyId: key.keyId };
    });
  }
}
