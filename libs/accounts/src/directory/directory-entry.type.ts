import { DirectoryStatus } from '../account.type';

/** One account-directory.v1 entry after validation, in the contract's names (also used in history). */
export interface DirectoryEntry {
  accountId: string;
  fullName: string | null;
  unitCode: string;
  unitName: string | null;
  role: string | null;
  accountType: 'person' | 'service';
  status: DirectoryStatus;
  email: string | null;
  /** ISO 8601 instants, normalised to UTC. */
  createdAt: string | null;
  lastLoginAt: string | null;
  /** Properties beyond the contract's, kept as given but with personal ID numbers masked. */
  extra: Record<string, unknown> | null;
}

export const DIRECTORY_FIELDS = [
  'fullName',
  'unitCode',
  'unitName',
  'role',
  'accountType',
  'status',
  'email',
  'createdAt',
  'lastLoginAt',
  'extra',
] as const;
