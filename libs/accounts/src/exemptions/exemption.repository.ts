import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { updateReturning } from '../account.repository';

export interface Exemption {
  id: string;
  accountId: string;
  kind: 'service' | 'leave';
  reason: string;
  approver: string;
  validFrom: Date;
  validUntil: Date;
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
  /** Whether it applies at the moment asked about (valid, not revoked). */
  active: boolean;
}

const COLUMNS = (nowParam: string): string => `id::text, account_id AS "accountId", kind, reason, approver,
  valid_from AS "validFrom", valid_until AS "validUntil", created_by AS "createdBy", created_at AS "createdAt",
  revoked_at AS "revokedAt", (revoked_at IS NULL AND valid_from <= ${nowParam} AND valid_until > ${nowParam}) AS active`;

/** Exemptions from the idle lock. They apply between validFrom and validUntil: expiry needs no cleanup job. */
@Injectable()
export class ExemptionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async add(
    manager: EntityManager,
    e: Pick<Exemption, 'accountId' | 'kind' | 'reason' | 'approver' | 'validFrom' | 'validUntil' | 'createdBy'>,
    now: Date,
  ): Promise<Exemption> {
    const [row] = await manager.query(
      `INSERT INTO account_exemption (account_id, kind, reason, approver, valid_from, valid_until, created_by, created_at)
       VALUES ($2, $3, $4, $5, $6, $7, $8, $1) RETURNING ${COLUMNS('$1')}`,
      [now, e.accountId, e.kind, e.reason, e.approver, e.validFrom, e.validUntil, e.createdBy],
    );
    return row;
  }

  async revoke(manager: EntityManager, accountId: string, id: string, now: Date): Promise<Exemption | null> {
    const [row] = await updateReturning<Exemption>(
      manager,
      `UPDATE account_exemption SET revoked_at = $1 WHERE account_id = $2 AND id = $3 AND revoked_at IS NULL RETURNING ${COLUMNS('$1')}`,
      [now, accountId, id],
    );
    return row ?? null;
  }

  async findByAccount(accountId: string, now: Date): Promise<Exemption[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS('$2')} FROM account_exemption WHERE account_id = $1 ORDER BY valid_until DESC, id DESC`,
      [accountId, now],
    );
  }
}
