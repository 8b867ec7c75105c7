import { Injectable } from '@nestjs/common';
import type { RaiseAlertInput } from '@app/alerts';
import type { StoredBatch } from '@app/audit-trail';
import { addDays, LocalDay, startOfLocalDay } from '../calendar/local-day.util';
import type { StreamDetector } from '../scan/detector.type';
import { touchedWindows, touchesEpisode, withoutDossier } from '../windows/batch-lookups.util';
import { WindowLookupRepository } from '../windows/window-lookup.repository';
import type { WindowLookup } from '../windows/window-lookup.type';
import { CROSS_UNIT_CITIZEN, crossUnitAlert } from './cross-unit-alert.util';
import { CrossUnitFinding, judgeCrossUnit } from './cross-unit-rules.util';
import { CROSS_UNIT_SECTION, CrossUnitSettings, parseCrossUnitSettings } from './cross-unit-settings.util';

/**
 * Detector 12: one citizen looked up without a dossier by several accounts of different units within a short
 * window. The stream reads, for each citizen a batch looked up that way, the citizen's day (index on
 * subject_hash, occurred_at); the day scan first groups the period's lookups without a dossier by citizen and day
 * to find the few that could qualify. Both judge with the same rule.
 */
@Injectable()
export class CrossUnitCitizenDetector implements StreamDetector<CrossUnitSettings> {
  readonly section = CROSS_UNIT_SECTION;
  readonly types = [CROSS_UNIT_CITIZEN] as const;

  constructor(private readonly lookups: WindowLookupRepository) {}

  parseSettings(raw: unknown) {
    return parseCrossUnitSettings(raw);
  }

  async detectDays(fromDay: LocalDay, toDay: LocalDay, s: CrossUnitSettings): Promise<RaiseAlertInput[]> {
    const candidates = await this.lookups.findSharedSubjectDays(startOfLocalDay(fromDay), startOfLocalDay(addDays(toDay, 1)), s.minAccounts, s.minUnits);
    const byDay = new Map<LocalDay, string[]>();
    for (const c of candidates) (byDay.get(c.day) ?? byDay.set(c.day, []).get(c.day)!).push(c.subjectHash);
    const out: RaiseAlertInput[] = [];
    for (const [day, hashes] of byDay) out.push(...(await this.judgeDay(day, hashes, s)).map((f) => crossUnitAlert(f, s)));
    return out;
  }

  async detectBatch(batch: StoredBatch, s: CrossUnitSettings): Promise<RaiseAlertInput[]> {
    const windowMs = s.windowMinutes * 60_000;
    const out: RaiseAlertInput[] = [];
    for (const [day, touched] of touchedWindows(batch, withoutDossier, (e) => e.subjectHash!)) {
      for (const f of await this.judgeDay(day, [...touched.keys()], s)) {
        if (touchesEpisode(touched.get(f.subjectHash) ?? [], f, windowMs)) out.push(crossUnitAlert(f, s));
      }
    }
    return out;
  }

  private async judgeDay(day: LocalDay, subjectHashes: string[], s: CrossUnitSettings): Promise<CrossUnitFinding[]> {
    const rows = await this.lookups.findDossierlessSubjectLookups(subjectHashes, startOfLocalDay(day), startOfLocalDay(addDays(day, 1)));
    const bySubject = new Map<string, WindowLookup[]>();
    for (const r of rows) (bySubject.get(r.subjectHash) ?? bySubject.set(r.subjectHash, []).get(r.subjectHash)!).push(r);
    return [...bySubject.values()].map((l) => judgeCrossUnit(l, s)).filter((f): f is CrossUnitFinding => f !== null);
  }
}
