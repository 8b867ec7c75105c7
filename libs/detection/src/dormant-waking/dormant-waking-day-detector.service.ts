import { Injectable } from '@nestjs/common';
import type { RaiseAlertInput } from '@app/alerts';
import { addDays, LocalDay, localDay, startOfLocalDay } from '../calendar/local-day.util';
import type { DayDetector } from '../scan/detector.type';
import { lastPerKey } from '../scan/finding-evidence.util';
import { AccountDayVolume, VolumeAccount, VolumeRepository } from '../volume/volume.repository';
import { DORMANT_WAKING, dormantWakingAlert, DormantWakingFinding } from './dormant-waking-alert.util';
import { daysBetween, judgeWaking, Waking, wakingOf } from './dormant-waking-rules.util';
import { DormantWakingSettings, parseDormantWakingSettings } from './dormant-waking-settings.util';
import { DormantWakingRepository } from './dormant-waking.repository';

/** How far before the silence the account's former volume is looked for. */
const FORMER_LOOKBACK_DAYS = 120;
const SAMPLE_EVENTS = 5;

/**
 * Detector 9: an account silent for silentDays (60) or more, then working at volume. The silence must be
 * observed: the account existed before it, and the data covers it (an account whose history starts with the data
 * is not dormant). Staff back from weeks of leave are not dormant; back from months at their former pace, for their
 * unit's dossiers, they are not raised either.
 */
@Injectable()
export class DormantWakingDayDetector implements DayDetector<DormantWakingSettings> {
  readonly section = 'dormantWaking';
  readonly types = [DORMANT_WAKING] as const;

  constructor(
    private readonly repository: DormantWakingRepository,
    private readonly days: VolumeRepository,
  ) {}

  parseSettings(raw: unknown) {
    return parseDormantWakingSettings(raw);
  }

  async detectDays(fromDay: LocalDay, toDay: LocalDay, s: DormantWakingSettings): Promise<RaiseAlertInput[]> {
    const loadFrom = addDays(fromDay, -(s.wakeWindowDays + s.silentDays + FORMER_LOOKBACK_DAYS));
    const [rows, observed] = await Promise.all([this.days.findDays(loadFrom, toDay), this.repository.observationStart()]);
    if (!observed) return [];
    const byAccount = new Map<string, AccountDayVolume[]>();
    for (const r of rows.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))) {
      if (!byAccount.has(r.accountId)) byAccount.set(r.accountId, []);
      byAccount.get(r.accountId)!.push(r);
    }
    // Only accounts with a day at volume in the block can wake in it.
    const candidates = [...byAccount].filter(([, days]) => days.some((d) => d.day >= fromDay && d.day <= toDay && d.lookups >= s.minLookups));
    const ids = candidates.map(([id]) => id);
    const [accounts, firstDays] = await Promise.all([this.days.findAccounts(ids), this.days.findFirstDays(ids)]);
    const findings: DormantWakingFinding[] = [];
    for (const [accountId, days] of candidates) {
      const knownSince = this.knownSince(accounts.get(accountId), firstDays.get(accountId), observed, loadFrom);
      const lookupDays = days.map((d) => d.day);
      for (const row of days) {
        if (row.day < fromDay || row.day > toDay || row.lookups < s.minLookups) continue;
        const waking = wakingOf(lookupDays, row.day, knownSince, s);
        if (!waking) continue;
        const waked = days.filter((d) => d.day >= waking.wake && d.day <= row.day);
        const former = days.filter((d) => waking.previous !== null && d.day <= waking.previous).slice(-s.formerDays).map((d) => d.lookups);
        const judgement = judgeWaking(waked, former, s);
        if (judgement.resumed) continue;
        findings.push({ accountId, unitCode: row.unitCode ?? accounts.get(accountId)?.unitCode ?? null, waking, judgement, firstAt: waked[0].firstAt });
      }
    }
    return Promise.all(lastPerKey(findings.map((f) => ({ dedupKey: `${f.accountId}:${f.waking.wake}`, f }))).map(async ({ f }) => this.alert(f, s)));
  }

  /**
   * From when an account is known to have existed, observed, with no lookup before a day that has none in the
   * days read: its first activity or its creation in the directory, not before the data starts.
   */
  private knownSince(account: VolumeAccount | undefined, firstDay: LocalDay | undefined, observed: LocalDay, loadFrom: LocalDay) {
    return (first: LocalDay): LocalDay | null => {
      const created = account?.createdAt ? localDay(account.createdAt) : null;
      const existed = [firstDay && firstDay < first ? firstDay : null, created && created < first ? created : null].filter((d): d is LocalDay => d !== null).sort()[0];
      if (!existed) return null;
      // Lookups before the days read cannot be seen here; the silence is at least from the first day read.
      const since = [existed, observed, ...(firstDay && firstDay < loadFrom ? [loadFrom] : [])].sort().pop()!;
      return since;
    };
  }

  private async alert(f: DormantWakingFinding, s: DormantWakingSettings): Promise<RaiseAlertInput> {
    let waking: Waking = f.waking;
    if (!waking.previous) {
      // The silence may have begun before the days read: say from when, exactly.
      const previous = await this.repository.lastLookupDayBefore(f.accountId, waking.wake);
      if (previous) waking = { ...waking, previous, silentSince: addDays(previous, 1), silentDays: daysBetween(previous, waking.wake) - 1 };
    }
    const last = f.judgement.days[f.judgement.days.length - 1].day;
    const samples = await this.days.sampleEventIds(f.accountId, startOfLocalDay(waking.wake), startOfLocalDay(addDays(last, 1)), SAMPLE_EVENTS);
    return dormantWakingAlert({ ...f, waking }, samples, s);
  }
}
