import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, DomainException, ErrorCode } from '@app/common';
import { maskPersonalIds } from '@app/ingestion';
import { AccountHistoryRepository } from '../account-history.repository';
import { AccountRepository } from '../account.repository';
import { accountNotFound, exemptionNotFound } from '../account.exception';
import { Actor } from '../account.type';
import { Exemption, ExemptionRepository } from './exemption.repository';

export interface NewExemption {
  kind: 'service' | 'leave';
  reason: string;
  approver: string;
  validFrom?: Date;
  validUntil: Date;
}

/** Exempts service accounts and staff on registered leave from the idle lock, each with reason, approver, expiry. */
@Injectable()
export class ExemptionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly exemptions: ExemptionRepository,
    private readonly accounts: AccountRepository,
    private readonly history: AccountHistoryRepository,
    private readonly clock: Clock,
  ) {}

  /** The reason and approver are typed by a person and may hold an ID number: masked before they are kept. */
  async grant(accountId: string, typed: NewExemption, actor: Actor): Promise<Exemption> {
    const input = { ...typed, reason: maskPersonalIds(typed.reason), approver: maskPersonalIds(typed.approver) };
    const now = this.clock.now();
    const validFrom = input.validFrom ?? now;
    if (input.validUntil <= validFrom) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, 'The exemption must end after it starts', [
        { field: 'validUntil', message: 'validUntil: must be later than validFrom (or now)' },
      ]);
    }
    return this.dataSource.transaction(async (m) => {
      if (!(await this.accounts.exists(m, accountId))) throw accountNotFound(accountId);
      const exemption = await this.exemptions.add(m, { ...input, accountId, validFrom, createdBy: actor }, now);
      await this.history.append(
        m,
        [{ accountId, actor, changeKind: 'exemption_granted', after: { exemption: { ...exemption } }, reason: input.reason }],
        now,
      );
      return exemption;
    });
  }

  async revoke(accountId: string, exemptionId: string, actor: Actor, typedReason: string): Promise<Exemption> {
    if (!/^\d{1,18}$/.test(exemptionId)) throw exemptionNotFound(exemptionId);
    const reason = maskPersonalIds(typedReason);
    const now = this.clock.now();
    return this.dataSource.transaction(async (m) => {
      const exemption = await this.exemptions.revoke(m, accountId, exemptionId, now);
      if (!exemption) throw exemptionNotFound(exemptionId);
      await this.history.append(
        m,
        [{ accountId, actor, changeKind: 'exemption_revoked', before: { exemptionId }, after: { revokedAt: now.toISOString() }, reason }],
        now,
      );
      return exemption;
    });
  }

  list(accountId: string): Promise<Exemption[]> {
    return this.exemptions.findByAccount(accountId, this.clock.now());
  }
}
