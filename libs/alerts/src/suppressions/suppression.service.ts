import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, DomainException, ErrorCode } from '@app/common';
import { AlertActionRepository } from '../alert-action.repository';
import { AlertAction, AlertActor } from '../alert.type';
import { SuppressionRepository } from './suppression.repository';
import { CreateSuppressionInput, MAX_SUPPRESSION_DAYS, Suppression } from './suppression.type';

const DAY_MS = 86_400_000;

/**
 * Suppressions: an admin's decision that alerts of a scope are expected for a while (a unit's campaign, a
 * system's migration). Alerts raised under one are kept and counted with status "suppressed", out of the queue.
 */
@Injectable()
export class SuppressionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly suppressions: SuppressionRepository,
    private readonly actions: AlertActionRepository,
    private readonly clock: Clock,
  ) {}

  /** The approver is the user who creates it: a person answers for what is hidden, never a key or a job. */
  async create(input: CreateSuppressionInput, approver: AlertActor): Promise<Suppression & { alertsCovered: number }> {
    if (approver.kind !== 'user') throw new DomainException(ErrorCode.FORBIDDEN, 'Only a signed-in admin may approve a suppression');
    const now = this.clock.now();
    const validFrom = input.validFrom ?? now;
    this.check(input, validFrom, now);
    return this.dataSource.transaction(async (m) => {
      const created = await this.suppressions.insert(m, { ...input, validFrom }, approver, now);
      await this.actions.append(m, {
        suppressionId: created.id,
        at: now,
        actor: approver,
        action: 'suppression_created',
        details: { after: describe(created) },
      });
      return { ...created, alertsCovered: 0 };
    });
  }

  async revoke(id: string, reason: string, by: AlertActor): Promise<Suppression> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (m) => {
      const before = await this.suppressions.findById(id, now, m, true);
      if (!before) throw new DomainException(ErrorCode.NOT_FOUND, `No suppression ${id}`);
      if (before.revokedAt) throw new DomainException(ErrorCode.CONFLICT, `Suppression ${id} was already revoked`);
      await this.suppressions.revoke(m, id, by, reason, now);
      const after = (await this.suppressions.findById(id, now, m))!;
      await this.actions.append(m, {
        suppressionId: id,
        at: now,
        actor: by,
        action: 'suppression_revoked',
        details: { reason, before: describe(before), after: describe(after) },
      });
      return after;
    });
  }

  async get(id: string): Promise<Suppression & { alertsCovered: number; actions: AlertAction[] }> {
    const found = await this.suppressions.findById(id, this.clock.now());
    if (!found) throw new DomainException(ErrorCode.NOT_FOUND, `No suppression ${id}`);
    const counts = await this.suppressions.countSuppressed([id]);
    return { ...found, alertsCovered: counts.get(id) ?? 0, actions: await this.actions.findBySuppression(id) };
  }

  async list(filter: { active?: boolean; limit: number }): Promise<(Suppression & { alertsCovered: number })[]> {
    const found = await this.suppressions.findAll(filter, this.clock.now());
    const counts = await this.suppressions.countSuppressed(found.map((s) => s.id));
    return found.map((s) => ({ ...s, alertsCovered: counts.get(s.id) ?? 0 }));
  }

  private check(input: CreateSuppressionInput, validFrom: Date, now: Date): void {
    if (!input.accountId && !input.unitCode && !input.type && !input.sourceSystem) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, 'A suppression needs a scope: an account, a unit, a type or a source system', [
        { field: 'accountId', message: 'set at least one of accountId, unitCode, type, sourceSystem' },
      ]);
    }
    const invalid = (field: string, message: string) => new DomainException(ErrorCode.VALIDATION_FAILED, message, [{ field, message }]);
    if (input.validUntil <= validFrom) throw invalid('validUntil', 'validUntil must be after validFrom');
    if (input.validUntil <= now) throw invalid('validUntil', 'validUntil must be in the future');
    if (input.validUntil.getTime() - validFrom.getTime() > MAX_SUPPRESSION_DAYS * DAY_MS) {
      throw invalid('validUntil', `a suppression lasts at most ${MAX_SUPPRESSION_DAYS} days; renew it when it ends`);
    }
  }
}

/** The suppression as the action log keeps it: everything but the derived "active". */
function describe(s: Suppression): Record<string, unknown> {
  const { active: _active, ...rest } = s;
  return rest;
}
