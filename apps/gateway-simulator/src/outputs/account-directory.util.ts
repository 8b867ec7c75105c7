import { writeFileSync } from 'node:fs';
import type { Province } from '../province.type';
import { formatOccurredAt } from '../working-hours.util';

/** One entry of the TTHC system's account directory, contract account-directory.v1. */
export interface AccountDirectoryEntry {
  accountId: string;
  fullName: string;
  unitCode: string;
  unitName: string;
  role: string | null;
  accountType: 'person' | 'service';
  status: 'active' | 'transferred' | 'retired';
  email: string | null;
  createdAt: string;
  /** null for staff who join during the simulated run: no sign-in before it. */
  lastLoginAt: string | null;
}

const DAY_MS = 86_400_000;
/** Column order of the contract's sample (examples/directory.sample.csv). */
export const DIRECTORY_COLUMNS = [
  'accountId',
  'fullName',
  'unitCode',
  'unitName',
  'role',
  'accountType',
  'status',
  'email',
  'createdAt',
  'lastLoginAt',
] as const;

/**
 * The directory the TTHC operator would export for the simulated province, as of the first simulated day:
 * the same accounts the traffic comes from, with those that moved, retired or stopped signing in.
 */
export function accountDirectory(province: Province, asOf: Date): AccountDirectoryEntry[] {
  const at = (daysBefore: number): string => formatOccurredAt(asOf.getTime() - daysBefore * DAY_MS, false);
  return province.accounts.map((a) => ({
    accountId: a.accountId,
    fullName: a.fullName,
    unitCode: a.unit.code,
    unitName: a.unit.name,
    role: a.role === 'service' ? null : a.role,
    accountType: a.role === 'service' ? 'service' : 'person',
    status: a.status,
    email: a.role === 'service' ? null : `${a.accountId.split('.').pop()}@${a.unit.slug}.binhdinh.gov.vn`,
    createdAt: at(a.ageDays),
    lastLoginAt: a.firstDay !== undefined ? null : at(a.idleDays),
  }));
}

const csvCell = (v: string | null): string =>
  v === null ? '' : /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;

/** Writes the directory as CSV (file name ends in .csv) or NDJSON. */
export function writeAccountDirectory(path: string, entries: AccountDirectoryEntry[]): void {
  const text = path.toLowerCase().endsWith('.csv')
    ? [
        DIRECTORY_COLUMNS.join(','),
        ...entries.map((e) => DIRECTORY_COLUMNS.map((c) => csvCell(e[c])).join(',')),
      ].join('\n') + '\n'
    : entries.map((e) => JSON.stringify(e)).join('\n') + '\n';
  writeFileSync(path, text);
}
