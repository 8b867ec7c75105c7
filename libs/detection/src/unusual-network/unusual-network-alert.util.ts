import type { RaiseAlertInput } from '@app/alerts';
import { addDays, LocalDay, startOfLocalDay } from '../calendar/local-day.util';
import type { ConcurrentNetworksFinding } from './concurrent-network-rules.util';
import type { ForeignNetworkFinding } from './foreign-network-rules.util';
import type { NetworkDay } from './network-day.type';
import type { NetworkSettings } from './network-settings.util';

export const FOREIGN_NETWORK = 'foreign_network';
export const CONCURRENT_NETWORKS = 'concurrent_networks';
const MAX_LISTED = 10;

const share = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);

/** Of the lookups of these days: naming a dossier, a dossier of the account's unit, none. */
function dossierShares(rows: readonly NetworkDay[]) {
  const lookups = rows.reduce((n, r) => n + r.lookups, 0);
  const withDossier = rows.reduce((n, r) => n + r.withDossier, 0);
  const ownUnit = rows.reduce((n, r) => n + r.ownUnitDossier, 0);
  return { lookups, withDossierShare: share(withDossier, lookups), ownUnitDossierShare: share(ownUnit, lookups), withoutDossierShare: share(lookups - withDossier, lookups) };
}

const prefixes = (s: NetworkSettings) => ({ prefixV4: s.prefixV4, prefixV6: s.prefixV6, sharedNetworks: s.sharedNetworks.map((n) => n.cidr) });

/**
 * Outside both the unit's registered networks and the account's own past: high; with no registered networks to
 * compare with, only the account's past speaks, so medium. Keyed by account, first day and network.
 */
export function foreignNetworkAlert(f: ForeignNetworkFinding, samples: { eventId: string; occurredAt: Date }[], s: NetworkSettings): RaiseAlertInput {
  const last: LocalDay = f.days[f.days.length - 1];
  return {
    type: FOREIGN_NETWORK,
    severity: f.unitHasNetworks ? 'high' : 'medium',
    score: f.days.length,
    accountId: f.accountId,
    unitCode: f.unitCode,
    occurredAt: samples[0]?.occurredAt ?? f.rows[0].firstAt ?? startOfLocalDay(f.start),
    windowStart: startOfLocalDay(f.start),
    windowEnd: startOfLocalDay(addDays(last, 1)),
    dedupKey: `${FOREIGN_NETWORK}:${f.accountId}:${f.start}:${f.network}`,
    evidence: {
      rule: f.unitHasNetworks
        ? "an address outside the unit's registered networks, on a network the account had not used in the historyDays before"
        : "an address on a network the account had not used in the historyDays before (the unit registered no network), that did not become its daily network within confirmDays",
      parameters: { ...s.foreign, ...prefixes(s) },
      network: f.network,
      addresses: f.addresses,
      firstDay: f.start,
      days: f.days,
      unitHasNetworks: f.unitHasNetworks,
      knownNetworks: { count: f.knownNetworks.length, networks: f.knownNetworks.slice(0, MAX_LISTED) },
      history: { days: s.foreign.historyDays, activeDays: f.historyActiveDays },
      confirm: f.unitHasNetworks ? null : { days: s.foreign.confirmDays, ...f.confirm },
      ...dossierShares(f.rows),
      sampleEventIds: samples.map((e) => e.eventId),
    },
  };
}

/**
 * One network inside the unit's registered networks and the other outside (someone away while the account works
 * at the office): high; two outside, or a unit without registered networks: medium. One per account and day.
 */
export function concurrentNetworksAlert(row: NetworkDay, f: ConcurrentNetworksFinding, unitHasNetworks: boolean, s: NetworkSettings): RaiseAlertInput {
  const mixed = f.sides[0].inside !== f.sides[1].inside;
  return {
    type: CONCURRENT_NETWORKS,
    severity: mixed ? 'high' : 'medium',
    score: f.minutes,
    accountId: row.accountId,
    unitCode: row.unitCode,
    occurredAt: f.from,
    windowStart: startOfLocalDay(row.day),
    windowEnd: startOfLocalDay(addDays(row.day, 1)),
    dedupKey: `${CONCURRENT_NETWORKS}:${row.accountId}:${row.day}`,
    evidence: {
      rule: 'sessions from two networks (a registered network of the unit, else an address prefix) overlap for at least minOverlapMinutes, with at least minEventsEach events of each inside the overlap',
      parameters: { ...s.concurrent, ...prefixes(s) },
      day: row.day,
      overlap: { from: f.from, to: f.to, minutes: f.minutes },
      networks: f.sides,
      networkCount: f.networks,
      unitHasNetworks,
      ...dossierShares([row]),
      sampleEventIds: f.sides.flatMap((x) => x.sampleEventIds),
    },
  };
}
