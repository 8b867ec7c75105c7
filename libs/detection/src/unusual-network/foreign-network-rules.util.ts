import type { LocalDay } from '../calendar/local-day.util';
import type { NetworkDay, NetworkPlaces } from './network-day.type';
import { networkOf } from './network-key.util';
import type { NetworkSettings } from './network-settings.util';

const DAY_MS = 86_400_000;
const dayNumber = (day: LocalDay): number => Date.parse(`${day}T00:00:00.000Z`) / DAY_MS;

/** One account on a network new to it and outside its unit's, over the days of one episode. */
export interface ForeignNetworkFinding {
  accountId: string;
  unitCode: string | null;
  /** The network (/24 or /64 by default): 203.0.113.0/24. */
  network: string;
  /** The first day on it: the alert's window starts here and its key names it. */
  start: LocalDay;
  /** The days on it within the episode, up to the last day judged. */
  days: LocalDay[];
  addresses: string[];
  unitHasNetworks: boolean;
  /** Networks the account used in its history window before start (its "usual" places). */
  knownNetworks: string[];
  historyActiveDays: number;
  /** Over the confirm window: the account's active days and those on the network (a move uses it on most). */
  confirm: { activeDays: number; daysOnNetwork: number };
  /** The account's rows of the episode's days (their lookups and dossiers go in the evidence). */
  rows: NetworkDay[];
}

/**
 * An account's days (sorted, covering at least historyDays + max(episodeDays, confirmDays) before fromDay) judged
 * over [fromDay, toDay]: each network it used that is outside its unit's registered networks and the province's
 * shared gateways, and that it had not used in the historyDays before, starts an episode; the episode is a finding
 * on its first day when the unit registered networks; without them, once its confirm window has closed, unless
 * the network became the account's daily place (a move). An account with too little past is not judged. An episode is found by the scan of any day that ends
 * its confirm window or uses its network again within it, always from the same days: a re-scan finds the same.
 */
export function findForeignNetworks(days: readonly NetworkDay[], fromDay: LocalDay, toDay: LocalDay, places: NetworkPlaces, s: NetworkSettings): ForeignNetworkFinding[] {
  const f = s.foreign;
  const from = dayNumber(fromDay);
  const to = dayNumber(toDay);
  const active = days.filter((d) => d.events > 0 && dayNumber(d.day) <= to);
  const activeNumbers = active.map((d) => dayNumber(d.day));
  const countActive = (a: number, b: number): number => activeNumbers.filter((n) => n >= a && n <= b).length;
  // network -> the days it was used, with the addresses and whether it was a candidate (outside the unit's networks) that day
  const uses = new Map<string, { n: number; row: NetworkDay; addresses: string[]; candidate: boolean }[]>();
  for (const row of active) {
    const byNetwork = new Map<string, { addresses: string[]; candidate: boolean }>();
    for (const ip of row.clientIps) {
      const network = networkOf(ip, row.unitCode, places, s);
      if (!network) continue;
      const entry = byNetwork.get(network.key) ?? { addresses: [], candidate: !network.inside };
      entry.addresses.push(ip);
      byNetwork.set(network.key, entry);
    }
    for (const [key, e] of byNetwork) uses.set(key, [...(uses.get(key) ?? []), { n: dayNumber(row.day), row, ...e }]);
  }
  const out: ForeignNetworkFinding[] = [];
  for (const [network, list] of uses) {
    let start: (typeof list)[number] | undefined;
    let episode: typeof list = [];
    const flush = () => {
      if (start) {
        const finding = judge(start, episode);
        if (finding) out.push(finding);
      }
      start = undefined;
      episode = [];
    };
    const judge = (first: (typeof list)[number], within: typeof list): ForeignNetworkFinding | null => {
      const unitHasNetworks = places.unitHasNetworks(first.row.unitCode);
      // With registered networks the first day decides; without, the confirm window tells a move from a visit.
      const decision = unitHasNetworks ? first.n : first.n + f.confirmDays - 1;
      if (!first.candidate || decision > to) return null;
      if (decision < from && !within.some((u) => u.n >= from)) return null;
      const historyActiveDays = countActive(first.n - f.historyDays, first.n - 1);
      if (historyActiveDays < f.minHistoryDays) return null;
      const confirm = { activeDays: countActive(first.n, decision), daysOnNetwork: within.filter((u) => u.n <= decision).length };
      if (!unitHasNetworks && confirm.activeDays >= f.adoptMinDays && confirm.daysOnNetwork >= f.adoptShare * confirm.activeDays) return null;
      const known = new Set<string>();
      for (const [other, otherUses] of uses)
        if (other !== network && otherUses.some((u) => u.n >= first.n - f.historyDays && u.n < first.n)) known.add(other);
      return {
        accountId: first.row.accountId,
        unitCode: first.row.unitCode,
        network,
        start: first.row.day,
        days: within.map((u) => u.row.day),
        addresses: [...new Set(within.flatMap((u) => u.addresses))].sort(),
        unitHasNetworks,
        knownNetworks: [...known].sort(),
        historyActiveDays,
        confirm,
        rows: within.map((u) => u.row),
      };
    };
    let previous = -Infinity;
    for (const u of list) {
      const isStart = u.n - previous > f.historyDays;
      previous = u.n;
      if (isStart) {
        flush();
        start = u;
        episode = [u];
      } else if (start && u.n < start.n + f.episodeDays) episode.push(u);
      else flush(); // used within the history window but past the episode: a known network now
    }
    flush();
  }
  return out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.network < b.network ? -1 : 1));
}
