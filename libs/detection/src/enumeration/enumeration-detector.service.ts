import { Injectable } from '@nestjs/common';
import type { RaiseAlertInput } from '@app/alerts';
import type { StoredBatch } from '@app/audit-trail';
import { addDays, LocalDay, startOfLocalDay } from '../calendar/local-day.util';
import type { StreamDetector } from '../scan/detector.type';
import { touchedWindows, touchesEpisode, withoutOwnUnitDossier } from '../windows/batch-lookups.util';
import { WindowLookupRepository } from '../windows/window-lookup.repository';
import type { WindowLookup } from '../windows/window-lookup.type';
import { ENUMERATION, enumerationAlert } from './enumeration-alert.util';
import { judgeEnumeration } from './enumeration-rules.util';
import { dayGate, ENUMERATION_SECTION, EnumerationSettings, parseEnumerationSettings } from './enumeration-settings.util';

/**
 * Detector 7: an account walking through consecutive personal IDs, or looking up far more distinct citizens in a
 * short window than a counter serves. Each account-day is judged from its stored lookups by the same rule in the
 * stream (after each batch, for the accounts it touched) and in the day scan; account_day's counts of lookups
 * without a dossier (of the unit, or at all) decide first whether a day could fire, so ordinary accounts cost no
 * read of their events.
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
    const candidates = await this.lookups.findUnexplainedDays(fromDay, toDay, dayGate(s));
    const out: RaiseAlertInput[] = [];
    for (const [day, accounts] of groupByDay(candidates)) out.push(...(await this.judgeDay(day, accounts, s)).map((j) => j.alert));
    return out;
  }

  async detectBatch(batch: StoredBatch, s: EnumerationSettings): Promise<RaiseAlertInput[]> {
    const windowMs = s.windowMinutes * 60_000;
    const out: RaiseAlertInput[] = [];
    for (const [day, touched] of touchedWindows(batch, withoutOwnUnitDossier, (e) => e.accountId)) {
      const candidates = await this.lookups.findUnexplainedDays(day, day, dayGate(s), [...touched.keys()]);
      for (const { finding, alert } of await this.judgeDay(day, candidates.map((c) => c.accountId), s)) {
        if (touchesEpisode(touched.get(finding.accountId) ?? [], finding, windowMs)) out.push(alert);
      }
    }
    return out;
  }

  private async judgeDay(day: LocalDay, accountIds: string[], s: EnumerationSettings) {
    const rows = await this.lookups.findAccountLookups(accountIds, startOfLocalDay(day), startOfLocalDay(addDays(day, 1)));
    const byAccount = new Map<string, WindowLookup[]>();
    for (const r of rows) (byAccount.get(r.accountId) ?? byAccount.set(r.accountId, []).get(r.accountId)!).push(r);
    const out = [];
    for (const lookups of byAccount.values()) {
      const finding = judgeEnumeration(lookups, s);
      if (finding) out.push({ finding, alert: enumerationAlert(finding, s) });
    }
    return out;
  }
}

function groupByDay(rows: { accountId: string; day: LocalDay }[]): Map<LocalDay, string[]> {
  const out = new Map<LocalDay, string[]>();
  for (const r of rows) (out.get(r.day) ?? out.set(r.day, []).get(r.day)!).push(r.accountId);
  return out;
}
