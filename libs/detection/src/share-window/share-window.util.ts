import { addDays, LocalDay } from '../calendar/local-day.util';
import type { VolumeAccount } from '../volume/volume.repository';
import type { ShareDay, ShareTotals, ShareWindowFinding } from './share-window-finding.type';
import type { ShareWindowSettings } from './share-window-settings.util';

const DAY_MS = 86_400_000;
const FIELDS = ['lookups', 'count', 'explained', 'withDossier', 'ownUnitDossier'] as const;

interface AccountSeries {
  accountId: string;
  unitCode: string | null;
  role: string | null;
  person: boolean;
  /** Prefix sums per field over the loaded days (index 0 = the first loaded day). */
  sums: Record<(typeof FIELDS)[number], Float64Array>;
  /** Days of the history: working days with at least minDayLookups lookups, as [index, share]. */
  eligible: { index: number; share: number }[];
  firstAt: Map<number, Date | null>;
}

interface DayStat {
  series: AccountSeries;
  from: number;
  totals: ShareTotals;
  share: number;
}

type Judged = { stat: DayStat; finding: Omit<ShareWindowFinding, 'runStart' | 'runDays' | 'runWindowFrom'> };

/** Median of sorted values with the one at `skip` left out (-1: none), in O(1). */
export function medianWithout(sorted: readonly number[], skip: number): number | null {
  const n = skip >= 0 ? sorted.length - 1 : sorted.length;
  if (n <= 0) return null;
  const at = (i: number): number => (skip >= 0 && i >= skip ? sorted[i + 1] : sorted[i]);
  return n % 2 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
}

const lowerBound = (xs: readonly { index: number }[], index: number): number => {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid].index < index) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

const rounded = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * The share detectors' judgement over loaded days of the aggregate (pure: no database). For each day judged, an
 * account's window is its unit's last windowWorkingDays working days up to that day; its share is counted
 * lookups / lookups over the window; it is flagged when above max(multiple * usual, usual + margin, minShare),
 * usual being the higher of its own usual share (the median of its daily shares before the window) and its
 * peers' (the median of their shares over the same window). Consecutive flagged days are one run: one finding,
 * keyed by the run's first day, reported on the run's last day within the period with the numbers of its peak
 * window (the flagged day whose window had the highest share).
 */
export class ShareWindow {
  private readonly base: number;
  private readonly length: number;
  private readonly series: AccountSeries[] = [];
  private readonly windowStarts = new Map<string, number | null>();

  constructor(
    private readonly loadedFrom: LocalDay,
    loadedTo: LocalDay,
    rows: readonly (ShareDay & { firstAt: Date | null })[],
    accounts: ReadonlyMap<string, VolumeAccount>,
    private readonly isWorkingDay: (unitCode: string | null, day: LocalDay) => boolean,
    private readonly s: ShareWindowSettings,
  ) {
    this.base = Date.parse(`${loadedFrom}T00:00:00Z`);
    this.length = this.indexOf(loadedTo) + 1;
    const byAccount = new Map<string, (ShareDay & { firstAt: Date | null })[]>();
    for (const r of rows) (byAccount.get(r.accountId) ?? byAccount.set(r.accountId, []).get(r.accountId)!).push(r);
    for (const [accountId, days] of byAccount) this.series.push(this.seriesOf(accountId, days, accounts.get(accountId)));
  }

  findings(fromDay: LocalDay, toDay: LocalDay): ShareWindowFinding[] {
    const first = Math.max(0, this.indexOf(fromDay) - this.s.runLookbackDays);
    const last = this.indexOf(toDay);
    const flagged = new Map<string, Map<number, Judged>>();
    for (let d = first; d <= last; d++) {
      for (const j of this.judgeDay(d)) {
        (flagged.get(j.stat.series.accountId) ?? flagged.set(j.stat.series.accountId, new Map()).get(j.stat.series.accountId)!).set(d, j);
      }
    }
    const out: ShareWindowFinding[] = [];
    const fromIndex = this.indexOf(fromDay);
    for (const days of flagged.values()) {
      for (const [d, j] of days) {
        // Report a run once, on its last flagged day within the period.
        if (d < fromIndex || (d < last && days.has(d + 1))) continue;
        let start = d;
        let peak = j;
        while (days.has(start - 1)) {
          start--;
          if (days.get(start)!.stat.share > peak.stat.share) peak = days.get(start)!;
        }
        // The run's peak window is the evidence (its tail, as the window rolls off the episode, says less).
        out.push({ ...peak.finding, day: j.finding.day, runStart: this.dayAt(start), runDays: d - start + 1, runWindowFrom: this.dayAt(days.get(start)!.stat.from) });
      }
    }
    return out.sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : a.day < b.day ? -1 : 1));
  }

  private judgeDay(d: number): Judged[] {
    const stats: DayStat[] = [];
    for (const series of this.series) {
      const from = this.windowStart(series.unitCode, d);
      if (from === null) continue;
      const totals = this.totals(series, from, d);
      if (totals.lookups > 0) stats.push({ series, from, totals, share: totals.count / totals.lookups });
    }
    const peerMin = Math.ceil(this.s.minLookups / 2);
    const groups = new Map<string, number[]>();
    for (const st of stats) {
      if (!st.series.person || st.totals.lookups < peerMin) continue;
      for (const key of [`u\u0000${st.series.unitCode}\u0000${st.series.role}`, `r\u0000${st.series.role}`]) (groups.get(key) ?? groups.set(key, []).get(key)!).push(st.share);
    }
    for (const g of groups.values()) g.sort((a, b) => a - b);
    const out: Judged[] = [];
    for (const st of stats) {
      const j = this.judge(st, d, groups, peerMin);
      if (j) out.push(j);
    }
    return out;
  }

  private judge(st: DayStat, d: number, groups: Map<string, number[]>, peerMin: number): Judged | null {
    const { s } = this;
    if (st.totals.lookups < s.minLookups || st.totals.count < s.minCount) return null;
    const own = this.ownUsual(st.series, st.from);
    const peers = st.series.person ? this.peersOf(st, groups, peerMin) : null;
    const usual = Math.max(own && 'share' in own ? own.share : -1, peers ? peers.share : -1);
    if (usual < 0) return null;
    const threshold = Math.max(usual * s.multiple, usual + s.margin, s.minShare);
    if (st.share <= threshold) return null;
    const series = st.series;
    return {
      stat: st,
      finding: {
        accountId: series.accountId,
        unitCode: series.unitCode,
        day: this.dayAt(d),
        window: { from: this.dayAt(st.from), to: this.dayAt(d), workingDays: s.windowWorkingDays },
        observed: { ...st.totals, share: rounded(st.share) },
        own: own ?? { judged: false, days: 0 },
        peers,
        threshold: rounded(threshold),
        ratio: Math.round((st.share / threshold) * 100) / 100,
        firstAt: this.firstAt(series, st.from, d),
      },
    };
  }

  private peersOf(st: DayStat, groups: Map<string, number[]>, peerMin: number): ShareWindowFinding['peers'] {
    const self = st.totals.lookups >= peerMin;
    for (const [group, key] of [
      ['unit_role', `u\u0000${st.series.unitCode}\u0000${st.series.role}`],
      ['role', `r\u0000${st.series.role}`],
    ] as const) {
      const sorted = groups.get(key) ?? [];
      const skip = self ? sorted.indexOf(st.share) : -1;
      const count = sorted.length - (skip >= 0 ? 1 : 0);
      if (count < this.s.minPeers) continue;
      return { group, role: st.series.role, count, share: rounded(medianWithout(sorted, skip)!) };
    }
    return null;
  }

  private ownUsual(series: AccountSeries, windowFrom: number): ShareWindowFinding['own'] | null {
    const hi = lowerBound(series.eligible, windowFrom);
    const lo = Math.max(lowerBound(series.eligible, windowFrom - this.s.lookbackCalendarDays), hi - this.s.historyDays);
    const days = series.eligible.slice(lo, hi);
    if (days.length < this.s.minHistoryDays) return days.length ? { judged: false, days: days.length } : null;
    const shares = days.map((x) => x.share).sort((a, b) => a - b);
    return { share: rounded(medianWithout(shares, -1)!), days: days.length, from: this.dayAt(days[0].index), to: this.dayAt(days[days.length - 1].index) };
  }

  /** The index of the windowWorkingDays-th working day back from d (d included when worked), or null if not loaded. */
  private windowStart(unitCode: string | null, d: number): number | null {
    const key = `${unitCode}\u0000${d}`;
    if (this.windowStarts.has(key)) return this.windowStarts.get(key)!;
    let found = 0;
    let i = d;
    for (; i >= 0; i--) if (this.isWorkingDay(unitCode, this.dayAt(i)) && ++found === this.s.windowWorkingDays) break;
    const start = i >= 0 ? i : null;
    this.windowStarts.set(key, start);
    return start;
  }

  private totals(series: AccountSeries, from: number, to: number): ShareTotals {
    const t = {} as ShareTotals;
    for (const f of FIELDS) t[f] = series.sums[f][to + 1] - series.sums[f][from];
    return t;
  }

  private firstAt(series: AccountSeries, from: number, to: number): Date | null {
    for (let i = from; i <= to; i++) if (series.firstAt.get(i)) return series.firstAt.get(i)!;
    return null;
  }

  private seriesOf(accountId: string, days: (ShareDay & { firstAt: Date | null })[], account: VolumeAccount | undefined): AccountSeries {
    const latest = days.reduce((a, b) => (b.day > a.day ? b : a));
    const unitCode = account?.unitCode ?? latest.unitCode;
    const raw = Object.fromEntries(FIELDS.map((f) => [f, new Float64Array(this.length)])) as AccountSeries['sums'];
    const firstAt = new Map<number, Date | null>();
    const eligible: AccountSeries['eligible'] = [];
    for (const r of days) {
      const i = this.indexOf(r.day);
      if (i < 0 || i >= this.length) continue;
      for (const f of FIELDS) raw[f][i] = r[f];
      firstAt.set(i, r.firstAt);
      if (r.lookups >= this.s.minDayLookups && this.isWorkingDay(unitCode, r.day)) eligible.push({ index: i, share: r.count / r.lookups });
    }
    eligible.sort((a, b) => a.index - b.index);
    const sums = Object.fromEntries(
      FIELDS.map((f) => {
        const p = new Float64Array(this.length + 1);
        for (let i = 0; i < this.length; i++) p[i + 1] = p[i] + raw[f][i];
        return [f, p];
      }),
    ) as AccountSeries['sums'];
    return { accountId, unitCode, role: account?.role ?? null, person: account?.accountType !== 'service', sums, eligible, firstAt };
  }

  private indexOf(day: LocalDay): number {
    return Math.round((Date.parse(`${day}T00:00:00Z`) - this.base) / DAY_MS);
  }

  private dayAt(index: number): LocalDay {
    return addDays(this.loadedFrom, index);
  }
}
