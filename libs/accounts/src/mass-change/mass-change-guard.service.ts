import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AlertsService } from '@app/alerts';
import { Clock } from '@app/common';
import { AppConfig, InjectConfig } from '@app/config';
import { Actor } from '../account.type';
import { MassChangeOperation, massChangeThreshold, massChangeToken } from './mass-change.util';

export interface MassChangePlan {
  operation: MassChangeOperation;
  /** Accounts the change would lock or mark removed. */
  affectedIds: string[];
  /** The base of the share: active accounts, counting those the change itself adds. */
  activeAccounts: number;
}

/** A plan larger than the threshold, and whether it may apply. */
export interface MassChangeAssessment {
  operation: MassChangeOperation;
  affected: number;
  activeAccounts: number;
  threshold: number;
  confirmationToken: string;
  /** The request carried this plan's token: it applies. */
  confirmed: boolean;
  howToConfirm: string;
  /** The critical alert of a blocked attempt. */
  alertId: string | null;
}

/** Affected ids kept in the alert's evidence; the dry run lists them all. */
const EVIDENCE_SAMPLE = 50;

const HOW_TO_CONFIRM: Record<MassChangeOperation, (token: string) => string> = {
  idle_lock: (token) =>
    'Nothing was changed. List the accounts with POST /v1/accounts/idle-lock/run?dryRun=true ' +
    `(CLI: accounts:idle-lock --dry-run); to apply this plan, run it again with confirm=${token} ` +
    `(CLI: accounts:idle-lock --confirm ${token}). The token holds only while the plan stays the same.`,
  directory_full_sync: (token) =>
    'Nothing was changed. List the accounts with POST /v1/accounts/sync?mode=full&dryRun=true and the same export ' +
    `(CLI: accounts:sync <file> --mode full --dry-run); to apply this plan, send the export again with confirm=${token} ` +
    `(CLI: --confirm ${token}). The token holds only while the plan stays the same.`,
};

/**
 * Stops a run that would lock or remove more than a share of the active accounts (a truncated export, a gap in
 * the logs), as directory-sync tools stop an export that would delete too much: nothing applies until an admin
 * repeats the run with the token of that exact plan.
 */
@Injectable()
export class MassChangeGuard {
  private readonly logger = new Logger(MassChangeGuard.name);

  constructor(
    private readonly alerts: AlertsService,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Null when the plan is within the threshold; otherwise the assessment, confirmed if confirm is its token. */
  assess(plan: MassChangePlan, confirm?: string): MassChangeAssessment | null {
    const threshold = massChangeThreshold(plan.activeAccounts, this.config.accounts.massChange);
    const affected = new Set(plan.affectedIds).size;
    if (affected <= threshold) return null;
    const token = massChangeToken(plan.operation, plan.affectedIds);
    return {
      operation: plan.operation,
      affected,
      activeAccounts: plan.activeAccounts,
      threshold,
      confirmationToken: token,
      confirmed: confirm === token,
      howToConfirm: HOW_TO_CONFIRM[plan.operation](token),
      alertId: null,
    };
  }

  /**
   * Assesses the plan before it applies. A plan over the threshold without its token is blocked: a critical
   * alert (one per distinct plan) is raised in the caller's transaction and a warning with the token is logged.
   */
  async check(
    manager: EntityManager,
    plan: MassChangePlan,
    request: { confirm?: string; actor: Actor },
  ): Promise<MassChangeAssessment | null> {
    const assessment = this.assess(plan, request.confirm);
    if (!assessment) return null;
    const summary = {
      operation: plan.operation,
      affected: assessment.affected,
      activeAccounts: plan.activeAccounts,
      threshold: assessment.threshold,
    };
    if (assessment.confirmed) {
      this.logger.warn(
        { ...summary, actor: request.actor, confirmationToken: assessment.confirmationToken },
        'Mass change confirmed; applying it',
      );
      return assessment;
    }
    const limits = this.config.accounts.massChange;
    const sample = [...new Set(plan.affectedIds)].sort().slice(0, EVIDENCE_SAMPLE);
    const alert = await this.alerts.raise(
      {
        type: 'mass_change_blocked',
        severity: 'critical',
        accountId: null,
        occurredAt: this.clock.now(),
        evidence: {
          ...summary,
          share: limits.share,
          min: limits.min,
          affectedSample: sample,
          requestedBy: request.actor,
          confirmationToken: assessment.confirmationToken,
          howToConfirm: assessment.howToConfirm,
        },
        dedupKey: `mass_change_blocked:${plan.operation}:${assessment.confirmationToken}`,
      },
      manager,
    );
    this.logger.warn(
      {
        ...summary,
        actor: request.actor,
        alertId: alert.id,
        confirmationToken: assessment.confirmationToken,
      },
      `Mass change blocked: ${plan.operation} would lock or remove ${assessment.affected} of ${plan.activeAccounts} active accounts ` +
        `(more than ${assessment.threshold}). ${assessment.howToConfirm}`,
    );
    return { ...assessment, alertId: alert.id };
  }
}
