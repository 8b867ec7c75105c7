import { createHash } from 'node:crypto';

/** The changes that can lock or remove many accounts at once. */
export type MassChangeOperation = 'idle_lock' | 'directory_full_sync';

export interface MassChangeLimits {
  /** Share of the active accounts (0-1). */
  share: number;
  /** Accounts that may always change without a confirmation. */
  min: number;
}

/**
 * The most accounts one run may lock or remove without a confirmation: max(min, share × active), in whole
 * accounts (the epsilon keeps 0.3 × 10 at 3, not 2.999…).
 */
export function massChangeThreshold(activeAccounts: number, limits: MassChangeLimits): number {
  return Math.max(limits.min, Math.floor(limits.share * activeAccounts + 1e-9));
}

/** What massChangeToken gives: 128 bits in hex, short enough to type on a command line. */
export const MASS_CHANGE_TOKEN_PATTERN = /^[0-9a-f]{32}$/;

/**
 * The confirmation of one plan: a hash of the operation and its affected accounts, sorted. Any other plan (one
 * account more or less) has another token, so a confirmation never carries over to a change nobody looked at.
 */
export function massChangeToken(operation: MassChangeOperation, affectedIds: string[]): string {
  const hash = createHash('sha256').update(operation);
  for (const id of [...new Set(affectedIds)].sort()) hash.update('\n').update(id);
  return hash.digest('hex').slice(0, 32);
}
