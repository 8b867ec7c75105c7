import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@app/common';
import { AppConfig, InjectConfig } from '@app/config';
import { PasswordService } from '../users/password.service';
import { AttemptRules, PasswordAttemptRepository } from './password-attempt.repository';

export interface PasswordCheck {
  /** locked: not checked, the username is locked or as many checks as the threshold allows are under way. */
  outcome: 'valid' | 'invalid' | 'locked';
  /** Set when this failure is the one that locked the username. */
  lockedForSeconds?: number;
}

/** A check takes well under a second; a claim this old belongs to a request that died before settling it. */
const ABANDONED_CLAIM_MS = 60_000;
/** Rows that hold nothing any more are swept this often per replica (unknown usernames leave rows too). */
const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * Password checks under the lockout, for sign-in and for the current password at a password change alike: at most
 * AUTH_LOCKOUT_THRESHOLD checks per username per lockout window, however many requests arrive at once. Each check
 * is claimed in the database before argon2 runs, and settled after.
 */
@Injectable()
export class PasswordAttemptService {
  private readonly logger = new Logger(PasswordAttemptService.name);
  private lastPrune = 0;

  constructor(
    private readonly attempts: PasswordAttemptRepository,
    private readonly passwords: PasswordService,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /**
   * A null hash (unknown user, disabled user, no local password) is checked against a dummy hash and counted like
   * any other, so that the answer and its timing say nothing about whether the username exists.
   */
  async check(username: string, hash: string | null, password: string): Promise<PasswordCheck> {
    const claim = await this.attempts.claim(username, this.rules());
    if (!claim) return { outcome: 'locked' };
    let valid: boolean;
    try {
      valid = await this.passwords.verify(hash, password);
    } catch (error) {
      await this.settleFailure(username);
      throw error;
    }
    if (valid) {
      await this.attempts.settleSuccess(username, this.clock.now(), claim.failuresBefore);
      return { outcome: 'valid' };
    }
    const lockedForSeconds = await this.settleFailure(username);
    this.pruneNowAndThen();
    return { outcome: 'invalid', lockedForSeconds };
  }

  /** A fresh start for the username (an admin gave it a new password). */
  forget(username: string): Promise<void> {
    return this.attempts.forget(username);
  }

  /** The lock's length when this failure is the one that locked the username. */
  private async settleFailure(username: string): Promise<number | undefined> {
    const { threshold, duration } = this.config.auth.lockout;
    const now = this.clock.now();
    const lockUntil = new Date(now.getTime() + duration * 1000);
    const { lockedUntil } = await this.attempts.settleFailure(username, now, threshold, lockUntil);
    return lockedUntil?.getTime() === lockUntil.getTime() ? duration : undefined;
  }

  private rules(): AttemptRules {
    const now = this.clock.now();
    const { threshold, duration } = this.config.auth.lockout;
    return {
      now,
      threshold,
      failuresForgottenBefore: new Date(now.getTime() - duration * 1000),
      claimsAbandonedBefore: new Date(now.getTime() - ABANDONED_CLAIM_MS),
    };
  }

  private pruneNowAndThen(): void {
    const rules = this.rules();
    if (rules.now.getTime() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = rules.now.getTime();
    this.attempts
      .prune(rules)
      .catch((error: Error) => this.logger.warn(`Could not sweep old password attempts: ${error.message}`));
  }
}
