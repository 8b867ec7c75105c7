import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@app/common';
import { AppConfig, InjectConfig } from '@app/config';
import { Actor, SYSTEM_IDLE_LOCK } from '../account.type';
import { AccountChanges } from '../status/account-changes.service';
import { AccountLockService } from './account-lock.service';
import { LockWarningRepository } from './lock-warning.repository';
import { LockWarningService } from './lock-warning.service';

export interface IdleLockRun {
  /** Another replica was running the job at the same moment; this run did nothing. */
  skipped: boolean;
  ranAt: Date;
  locked: string[];
  warnings: { claimed: number; sent: number; logged: number; failed: number };
}

/** Any stable 64-bit number: one idle-lock run at a time across replicas. */
const IDLE_LOCK_JOB_LOCK = 7_281_004_502;

/**
 * The idle-lock job: locks accounts idle for N calendar months and claims the warnings due today, in one
 * transaction under an advisory lock; then sends the warnings. Safe with several replicas: a concurrent run is
 * skipped, and each lock is conditional, so an account is locked once.
 */
@Injectable()
export class IdleLockService {
  private readonly logger = new Logger(IdleLockService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly locks: AccountLockService,
    private readonly warnings: LockWarningRepository,
    private readonly warningMail: LockWarningService,
    private readonly changes: AccountChanges,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async run(actor: Actor = SYSTEM_IDLE_LOCK): Promise<IdleLockRun> {
    const ranAt = this.clock.now();
    const { accounts } = this.config;
    const outcome = await retryOnDeadlock(() =>
      this.dataSource.transaction(async (m) => {
        const [{ acquired }] = await m.query('SELECT pg_try_advisory_xact_lock($1) AS acquired', [
          IDLE_LOCK_JOB_LOCK,
        ]);
        if (!acquired) return null;
        const locked = await this.locks.lockIdleInTransaction(m, actor, ranAt);
        const policy = { idleMonths: accounts.idleMonths, timeZone: accounts.timeZone };
        const claimed = await this.warnings.claimDue(m, ranAt, policy, accounts.warningDays);
        return { locked: locked.map((l) => l.accountId).sort(), claimed };
      }),
    );
    if (!outcome) {
      this.logger.log('Idle-lock job is running on another replica; skipped');
      return { skipped: true, ranAt, locked: [], warnings: { claimed: 0, sent: 0, logged: 0, failed: 0 } };
    }
    await this.changes.publish(outcome.locked);
    const mailed = await this.warningMail.send(outcome.claimed);
    this.logger.log(
      { locked: outcome.locked.length, warnings: outcome.claimed.length, ...mailed },
      'Idle-lock job done',
    );
    return {
      skipped: false,
      ranAt,
      locked: outcome.locked,
      warnings: { claimed: outcome.claimed.length, ...mailed },
    };
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
