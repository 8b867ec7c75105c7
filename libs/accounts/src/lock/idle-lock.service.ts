import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@app/common';
import { AppConfig, InjectConfig } from '@app/config';
import { AccountRepository, IdleEvidenceRow } from '../account.repository';
import { Actor, SYSTEM_IDLE_LOCK } from '../account.type';
import { MassChangeAssessment, MassChangeGuard } from '../mass-change/mass-change-guard.service';
import { ObservationWindow } from '../observation/observation-window.service';
import { AccountChanges } from '../status/account-changes.service';
import { AccountLockService } from './account-lock.service';
import { LockWarning, LockWarningRepository } from './lock-warning.repository';
import { LockWarningService } from './lock-warning.service';

/** applied: the locks and warnings were made; dry_run and blocked: nothing was changed; skipped: another replica ran. */
export type RunOutcome = 'applied' | 'dry_run' | 'blocked' | 'skipped';

export interface IdleLockRun {
  outcome: RunOutcome;
  /** Another replica was running the job at the same moment; this run did nothing. */
  skipped: boolean;
  ranAt: Date;
  locked: string[];
  /** Dry run and blocked run: the accounts the run would lock, with what their idle count starts from. */
  wouldLock: IdleEvidenceRow[];
  /** Set when the plan is larger than the mass-change threshold. */
  massChange: MassChangeAssessment | null;
  warnings: { claimed: number; sent: number; logged: number; failed: number };
}

export interface IdleLockRequest {
  /** List what the run would do; change nothing. */
  dryRun?: boolean;
  /** The confirmation token of a plan the mass-change check blocked. */
  confirm?: string;
}

type Planned =
  | { outcome: 'dry_run' | 'blocked'; wouldLock: IdleEvidenceRow[]; massChange: MassChangeAssessment | null }
  | { outcome: 'applied'; locked: string[]; claimed: LockWarning[]; massChange: MassChangeAssessment | null };

/** Any stable 64-bit number: one idle-lock run at a time across replicas. */
const IDLE_LOCK_JOB_LOCK = 7_281_004_502;
const NO_WARNINGS = { claimed: 0, sent: 0, logged: 0, failed: 0 };

/**
 * The idle-lock job: plans the accounts idle for N calendar months, checks the plan against the mass-change
 * threshold, then locks them and claims the warnings due today, in one transaction under an advisory lock; then
 * sends the warnings. Safe with several replicas: a concurrent run is skipped, and each lock is conditional.
 */
@Injectable()
export class IdleLockService {
  private readonly logger = new Logger(IdleLockService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: AccountRepository,
    private readonly locks: AccountLockService,
    private readonly warnings: LockWarningRepository,
    private readonly warningMail: LockWarningService,
    private readonly window: ObservationWindow,
    private readonly guard: MassChangeGuard,
    private readonly changes: AccountChanges,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async run(actor: Actor = SYSTEM_IDLE_LOCK, request: IdleLockRequest = {}): Promise<IdleLockRun> {
    const ranAt = this.clock.now();
    const planned = await retryOnDeadlock(() =>
      this.dataSource.transaction(async (m) => {
        const [{ acquired }] = await m.query('SELECT pg_try_advisory_xact_lock($1) AS acquired', [
          IDLE_LOCK_JOB_LOCK,
        ]);
        return acquired ? this.planAndApply(m, actor, ranAt, request) : null;
      }),
    );
    const base = { ranAt, locked: [] as string[], wouldLock: [] as IdleEvidenceRow[], warnings: NO_WARNINGS };
    if (!planned) {
      this.logger.log('Idle-lock job is running on another replica; skipped');
      return { ...base, outcome: 'skipped', skipped: true, massChange: null };
    }
    if (planned.outcome !== 'applied') return { ...base, ...planned, skipped: false };
    await this.changes.publish(planned.locked);
    const mailed = await this.warningMail.send(planned.claimed);
    this.logger.log(
      { locked: planned.locked.length, warnings: planned.claimed.length, ...mailed },
      'Idle-lock job done',
    );
    return {
      ...base,
      outcome: 'applied',
      skipped: false,
      locked: planned.locked,
      massChange: planned.massChange,
      warnings: { claimed: planned.claimed.length, ...mailed },
    };
  }

  private async planAndApply(
    m: EntityManager,
    actor: Actor,
    now: Date,
    request: IdleLockRequest,
  ): Promise<Planned> {
    const policy = await this.window.idlePolicy(m);
    const due = await this.accounts.findIdleDue(m, now, policy);
    const plan = {
      operation: 'idle_lock' as const,
      affectedIds: due.map((d) => d.accountId),
      activeAccounts: await this.accounts.countActive(m),
    };
    if (request.dryRun) return { outcome: 'dry_run', wouldLock: due, massChange: this.guard.assess(plan) };
    const massChange = await this.guard.check(m, plan, { confirm: request.confirm, actor });
    if (massChange && !massChange.confirmed) return { outcome: 'blocked', wouldLock: due, massChange };
    const locked = await this.locks.lockIdleInTransaction(m, plan.affectedIds, { actor, now, policy });
    const claimed = await this.warnings.claimDue(m, now, policy, this.config.accounts.warningDays);
    return { outcome: 'applied', locked: locked.map((l) => l.accountId).sort(), claimed, massChange };
  }
}

/** Ingest batches update the same account rows (last activity); a deadlock victim simply runs again. */
async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if ((error as { code?: string }).code !== '40P01' || attempt >= attempts) throw error;
    }
  }
}
