import type { LocalDay } from '../calendar/local-day.util';
import type { LearnedProfileSettings } from './procedure-catalog-config.util';
import type { ProcedureFieldCount, ProcedureProfile } from './procedure.repository';

const rounded = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * Profiles from a period's counts: per procedure with at least minLookups lookups, the fields at least minShare
 * of them returned (sorted), with every field's share so an admin sees how near the line each one is.
 */
export function learnProfiles(
  counts: readonly ProcedureFieldCount[],
  s: LearnedProfileSettings,
  period: { fromDay: LocalDay; toDay: LocalDay; computedAt: Date },
): ProcedureProfile[] {
  const byCode = new Map<string, { lookups: number; fields: Map<string, number> }>();
  for (const c of counts) {
    let p = byCode.get(c.code);
    if (!p) byCode.set(c.code, (p = { lookups: c.lookups, fields: new Map() }));
    if (c.field !== null) p.fields.set(c.field, c.count);
  }
  const out: ProcedureProfile[] = [];
  for (const [code, p] of [...byCode].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (p.lookups < s.minLookups) continue;
    const shares = [...p.fields].map(([field, n]) => [field, n / p.lookups] as const).sort(([a], [b]) => (a < b ? -1 : 1));
    out.push({
      code,
      fields: shares.filter(([, share]) => share >= s.minShare).map(([field]) => field),
      lookups: p.lookups,
      fieldShares: Object.fromEntries(shares.map(([field, share]) => [field, rounded(share)])),
      ...period,
    });
  }
  return out;
}
