/** What a suppression covers: every field set must match; a field left null matches anything (at least one is set). */
export interface SuppressionScope {
  accountId: string | null;
  unitCode: string | null;
  type: string | null;
  sourceSystem: string | null;
}

export interface CreateSuppressionInput extends SuppressionScope {
  reason: string;
  /** Default: now. */
  validFrom?: Date;
  validUntil: Date;
}

export interface Suppression extends SuppressionScope {
  id: string;
  reason: string;
  validFrom: Date;
  validUntil: Date;
  approvedById: string;
  approvedByName: string;
  createdAt: Date;
  revokedAt: Date | null;
  revokedById: string | null;
  revokedByName: string | null;
  revokeReason: string | null;
  /** At the time of reading (the injected clock): within its validity and not revoked. */
  active: boolean;
}

/** What an alert being raised offers to be matched against. */
export interface SuppressibleAlert {
  type: string;
  accountIds: string[];
  unitCode: string | null;
  sourceSystems: string[];
}

/** A suppression lasts at most this long: it must be renewed deliberately, never forgotten in place. */
export const MAX_SUPPRESSION_DAYS = 366;
