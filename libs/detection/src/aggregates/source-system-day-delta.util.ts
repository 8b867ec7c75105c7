import type { StoredEventSummary } from '@app/audit-trail';
import { localDay } from '../calendar/local-day.util';
import { VIETNAM_UTC_OFFSET_HOURS } from '../calendar/lunar-calendar.util';
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
const OFFSET_MS = VIETNAM_UTC_OFFSET_HOURS * 3_600_000;
const DAY_MS = 86_400_000;

/**
 * The explained share by source system, which account_day cannot give (an account may use two systems): per
 * source system, unit and local day, with the same judgement and the same exclusions as accountDayDeltas.
 * Sorted by key, so that two batches upserting the same rows lock them in one order.
 */
export function sourceSystemDayDeltas(events: readonly StoredEventSummary[], needs: ProcedureNeedMap): SourceSystemDayDelta[] {
  // Keyed by the local day's number, then system, then unit: no string is built per event, only per new row.
  const byDay = new Map<number, Map<string, Map<string, SourceSystemDayDelta>>>();
  const out: SourceSystemDayDelta[] = [];
  for (const e of events) {
    if (!LOOKUP_ACTIONS.has(e.action) || e.flags.includes('future_time')) continue;
    const dayNumber = Math.floor((e.occurredAt.getTime() + OFFSET_MS) / DAY_MS);
    const unitCode = e.unitCode ?? '';
    let systems = byDay.get(dayNumber);
    if (!systems) byDay.set(dayNumber, (systems = new Map()));
    let units = systems.get(e.sourceSystem);
    if (!units) systems.set(e.sourceSystem, (units = new Map()));
    let d = units.get(unitCode);
    if (!d) {
      d = { sourceSystem: e.sourceSystem, unitCode, day: localDay(e.occurredAt), lookups: 0, explained: 0, unneededSensitive: 0 };
      units.set(unitCode, d);
      out.push(d);
    }
    const judged = judgeLookup(e, needs);
    d.lookups++;
    if (judged & EXPLAINED) d.explained++;
    if (judged & UNNEEDED_SENSITIVE) d.unneededSensitive++;
  }
  const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return out.sort((a, b) => order(a.day, b.day) || order(a.sourceSystem, b.sourceSystem) || order(a.unitCode, b.unitCode));
}
