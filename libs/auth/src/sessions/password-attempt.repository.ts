import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { updateReturning } from '../sql.util';

/** What claim() needs to decide: the limit and the cut-offs, all from the caller's clock. */
export interface AttemptRules {
  now: Date;
  threshold: number;
  /** Failures last counted before this are forgotten (a quiet lockout window). */
  failuresForgottenBefore: Date;
  /** Claims last made before this belong to requests that died mid-check: their slots are freed. */
  claimsAbandonedBefore: Date;
}

/**
 * Password checks per username, known or not. A check is claimed before it runs (in_flight) and settled after, so
 * that failures plus checks under way never exceed the threshold, however many requests arrive at once.
 */
@Injectable()
export class PasswordAttemptRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Takes a slot for one password check, or answers undefined when the username is locked or its slots are all
   * taken. One statement, so concurrent claims queue on the row and each sees the others' slots. Returns the
   * failures already counted, which a success may then clear.
   */
  async claim(username: string, rules: AttemptRules): Promise<{ failuresBefore: number } | undefined> {
    // A lock that has passed, or a quiet window, starts the count afresh; so does a claim left by a dead request.
    const rows: { failures: number }[] = await this.db.query(
      `INSERT INTO password_attempt AS a (username, failures, in_flight, updated_at) VALUES ($1, 0, 1, $2)
       ON CONFLICT (username) DO UPDATE SET
         failures = CASE WHEN a.locked_until <= $2 OR a.updated_at < $4 THEN 0 ELSE a.failures END,
         in_flight = CASE WHEN a.locked_until <= $2 OR a.updated_at < $5 THEN 0 ELSE a.in_flight END + 1,
         locked_until = NULL,
         updated_at = $2
       WHERE (a.locked_until IS NULL OR a.locked_until <= $2)
         AND CASE WHEN a.locked_until <= $2 OR a.updated_at < $4 THEN 0 ELSE a.failures END
           + CASE WHEN a.locked_until <= $2 OR a.updated_at < $5 THEN 0 ELSE a.in_flight END < $3
       RETURNING failures`,
      [username, rules.now, rules.threshold, rules.failuresForgottenBefore, rules.claimsAbandonedBefore],
    );
    return rows[0] && { failuresBefore: rows[0].failures };
  }

  /** Settles a claimed check that failed; locks until lockUntil when the failures reach the threshold. */
  async settleFailure(
    username: string,
    at: Date,
    threshold: number,
    lockUntil: Date,
  ): Promise<{ lockedUntil: Date | null }> {
    const rows = await updateReturning<{ locked_until: Date | null }>(
      this.db,
      `UPDATE password_attempt SET
         in_flight = GREATEST(in_flight - 1, 0),
         failures = failures + 1,
         locked_until = CASE WHEN failures + 1 >= $3 AND (locked_until IS NULL OR locked_until <= $2) THEN $4
                             ELSE locked_until END,
         updated_at = $2
       WHERE username = $1 RETURNING locked_until`,
      [username, at, threshold, lockUntil],
    );
    return { lockedUntil: rows[0]?.locked_until ?? null };
  }

  /**
   * Settles a claimed check that succeeded. It clears the failures counted before its claim (the password was
   * proved after them), not those of checks that ran beside it, and never a lock.
   */
  async settleSuccess(username: string, at: Date, failuresBefore: number): Promise<void> {
    await this.db.query(
      `UPDATE password_attempt SET
         in_flight = GREATEST(in_flight - 1, 0),
         failures = GREATEST(failures - $3, 0),
         updated_at = $2
       WHERE username = $1`,
      [username, at, failuresBefore],
    );
  }

  /** A fresh start (an admin set a new password). */
  async forget(username: string): Promise<void> {
    await this.db.query(`DELETE FROM password_attempt WHERE username = $1`, [username]);
  }

  /** Drops rows that no longer hold anything: no check under way, no lock, failures already forgotten. */
  async prune(rules: Pick<AttemptRules, 'now' | 'failuresForgottenBefore'>): Promise<void> {
    await this.db.query(
      `DELETE FROM password_attempt
        WHERE updated_at < $2 AND (locked_until IS NULL OR locked_until <= $1)`,
      [rules.now, rules.failuresForgottenBefore],
    );
  }
}
