import type { StoredEventSummary } from '@app/audit-trail';
import { localDay } from '../calendar/local-day.util';
import { EXPLAINED, judgeLookup, ProcedureNeedMap, UNNEEDED_SENSITIVE } from '../explained/lookup-explanation.util';

/** What one batch adds to one source system's, unit's and local day's lookups (source_system_day). */
export interface SourceSystemDayDelta {
  sourceSystem: string;
  /** '' for events without a unit. */
  unitCode: string;
  day: string;
  lookups: number;
  explained: number;
  unneededSensitive: number;
}

const LOOKUP_ACTIONS = new Set(['lookup', 'verify']);

/**
 * The explained share by source system, which account_day cannot give (an account may use two systems): per
 * source system, unit and local day, with the same judgement and the same exclusions as accountDayDeltas.
 * Sorted by key, so that two batches upserting the same rows lock them in one order.
 */
export function sourceSystemDayDeltas(events: readonly StoredEventSummary[], needs: ProcedureNeedMap): SourceSystemDayDelta[] {
  const byKey = new Map<string, SourceSystemDayDelta>();
  for (const e of events) {
    if (!LOOKUP_ACTIONS.has(e.action) || e.flags.includes('future_time')) continue;
    const day = localDay(e.occurredAt);
    const unitCode = e.unitCode ?? '';
    const key = `${day}\u0000${e.sourceSystem}\u0000${unitCode}`;
    let d = byKey.get(key);
    if (!d) {
      d = { sourceSystem: e.sourceSystem, unitCode, day, lookups: 0, explained: 0, unneededSensitive: 0 };
      byKey.set(key, d);
    }
    const judged = judgeLookup(e, needs);
    d.lookups++;
    if (judged & EXPLAINED) d.explained++;
    if (judged & UNNEEDED_SENSITIVE) d.unneededSensitive++;
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, d]) => d);
}
