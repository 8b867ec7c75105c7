import { Injectable } from '@nestjs/common';
import type { RaiseAlertInput } from '@app/alerts';
import type { StoredBatch } from '@app/audit-trail';
import { addDays, LocalDay, startOfLocalDay } from '../calendar/local-day.util';
import type { StreamDetector } from '../scan/detector.type';
import { touchedWindows, touchesEpisode, withoutOwnUnitDossier } from '../windows/batch-lookups.util';
import { WindowLookupRepository } from '../windows/window-lookup.repository';
import type { WindowLookup } from '../windows/window-lookup.type';
import { ENUMERATION, enumerationAlert } from './enumeration-alert.util';
import { EnumerationFinding, judgeEnumeration } from './enumeration-rules.util';
import { ENUMERATION_SECTION, EnumerationSettings, parseEnumerationSettings } from './enumeration-settings.util';

/**
 * Detector 7: an account walking through consecutive personal IDs, or looking up far more distinct citizens in a
 * short window than a counter serves. Each account-day is judged from its stored lookups by the same rule in the
 * stream (after each batch) and in the day scan. What could fire is found first without reading any account's
 * day: for a walk, who else looked up the batch's blocks around then (one index probe per block); for a flood,
 * account_day's count of lookups naming no dossier. Ordinary accounts never have their day read.
 */
@Injectable()
export class EnumerationDetector implements StreamDetector<EnumerationSettings> {
  readonly section = ENUMERATION_SECTION;
  readonly types = [ENUMERATION] as const;

  constructor(private readonly lookups: WindowLookupRepository) {}

  parseSettings(raw: unknown) {
    return parseEnumerationSettings(raw);
  }

  async detectDays(fromDay: LocalDay, toDay: LocalDay, s: EnumerationSettings): Promise<RaiseAlertInput[]> {
    const [walks, floods] = await Promise.all([
      this.lookups.findWalkDays(startOfLocalDay(fromDay), startOfLocalDay(addDays(toDay, 1)), s.sequential.minPerBlock, s.sequential.minSubjects),
      this.lookups.findDossierlessDays(fromDay, toDay, s.distinct.minSubjects),
    ]);
    const byDay = new Map<LocalDay, Set<string>>();
    for (const c of [...walks, ...floods]) (byDay.get(c.day) ?? byDay.set(c.day, new Set()).get(c.day)!).add(c.accountId);
    const out: RaiseAlertInput[] = [];
    for (const day of [...byDay.keys()].sort()) out.push(...(await this.judgeDay(day, [...byDay.get(day)!].sort(), s)).map((f) => enumerationAlert(f, s)));
    return out;
  }

  async detectBatch(batch: StoredBatch, s: EnumerationSettings): Promise<RaiseAlertInput[]> {
    const windowMs = s.windowMinutes * 60_000;
    const out: RaiseAlertInput[] = [];
    for (const [day, touched] of touchedWindows(batch, withoutOwnUnitDossier, (e) => e.accountId)) {
      const candidates = new Set([...(await this.walkCandidates(batch, day, s)), ...(await this.floodCandidates(day, [...touched.keys()], s))]);
      for (const f of await this.judgeDay(day, [...candidates].sort(), s)) {
        if (touchesEpisode(touched.get(f.accountId) ?? [], f, windowMs)) out.push(enumerationAlert(f, s));
      }
    }
    return out;
  }

  /**
   * Accounts with a block of the batch crowded within the window around the batch's lookups of that day: a walk's
   * episode only changes with a lookup in such a block (enumeration-rules.util).
   */
  private async walkCandidates(batch: StoredBatch, day: LocalDay, s: EnumerationSettings): Promise<string[]> {
    const windowMs = s.windowMinutes * 60_000;
    const dayStart = startOfLocalDay(day).getTime();
    const dayEnd = startOfLocalDay(addDays(day, 1)).getTime();
    const blocks = new Set<string>();
    let first = Infinity;
    let last = -Infinity;
    for (const e of batch.events) {
      const t = e.occurredAt.getTime();
      if (!e.subjectBlock || t < dayStart || t >= dayEnd || !withoutOwnUnitDossier(e)) continue;
      blocks.add(e.subjectBlock);
      if (t < first) first = t;
      if (t > last) last = t;
    }
    if (!blocks.size) return [];
    const from = new Date(Math.max(first - windowMs, dayStart));
    const to = new Date(Math.min(last + windowMs + 1, dayEnd));
    return this.lookups.findCrowdedBlockAccounts([...blocks], from, to, s.sequential.minPerBlock);
  }

  private async floodCandidates(day: LocalDay, accountIds: string[], s: EnumerationSettings): Promise<string[]> {
    return (await this.lookups.findDossierlessDays(day, day, s.distinct.minSubjects, accountIds)).map((c) => c.accountId);
  }

  private async judgeDay(day: LocalDay, accountIds: string[], s: EnumerationSettings): Promise<EnumerationFinding[]> {
    const rows = await this.lookups.findAccountLookups(accountIds, startOfLocalDay(day), startOfLocalDay(addDays(day, 1)));
    const byAccount = new Map<string, WindowLookup[]>();
    for (const r of rows) (byAccount.get(r.accountId) ?? byAccount.set(r.accountId, []).get(r.accountId)!).push(r);
    return [...byAccount.values()].map((l) => judgeEnumeration(l, s)).filter((f): f is EnumerationFinding => f !== null);
  }
}
