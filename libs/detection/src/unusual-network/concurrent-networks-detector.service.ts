import { Injectable } from '@nestjs/common';
import type { RaiseAlertInput } from '@app/alerts';
import type { StoredBatch } from '@app/audit-trail';
import { MAX_CLIENT_IPS } from '../aggregates/account-day-delta.util';
import { addDays, LocalDay, localDay, startOfLocalDay } from '../calendar/local-day.util';
import { UnitNetworks } from '../networks/unit-networks.service';
import type { StreamDetector } from '../scan/detector.type';
import { findConcurrentNetworks } from './concurrent-network-rules.util';
import type { NetworkDay, NetworkPlaces } from './network-day.type';
import { networkOf, networkPlaces } from './network-key.util';
import { NetworkSettings, parseNetworkSettings } from './network-settings.util';
import { CONCURRENT_NETWORKS, concurrentNetworksAlert } from './unusual-network-alert.util';
import { UnusualNetworkRepository } from './unusual-network.repository';

const FUTURE_TIME = 'future_time';

/**
 * Detector 8b: one account active from two networks at once. Judges a whole account-day from its stored events,
 * live (the days a committed batch touched) and in the day scan alike, under one key per account and day: a
 * back-fill ends with the alerts the stream raised.
 */
@Injectable()
export class ConcurrentNetworksDetector implements StreamDetector<NetworkSettings> {
  readonly section = 'network';
  readonly types = [CONCURRENT_NETWORKS] as const;

  constructor(
    private readonly repository: UnusualNetworkRepository,
    private readonly units: UnitNetworks,
  ) {}

  parseSettings(raw: unknown) {
    return parseNetworkSettings(raw);
  }

  async detectDays(fromDay: LocalDay, toDay: LocalDay, s: NetworkSettings): Promise<RaiseAlertInput[]> {
    return this.judge(await this.repository.findMultiAddressDays(fromDay, toDay), s);
  }

  async detectBatch(batch: StoredBatch, s: NetworkSettings): Promise<RaiseAlertInput[]> {
    const keys = new Map<string, { accountId: string; day: LocalDay }>();
    for (const e of batch.events) {
      if (e.flags.includes(FUTURE_TIME)) continue;
      const day = localDay(e.occurredAt);
      keys.set(`${e.accountId}\u0000${day}`, { accountId: e.accountId, day });
    }
    return this.judge(await this.repository.findMultiAddressDaysOf([...keys.values()]), s);
  }

  private async judge(rows: NetworkDay[], s: NetworkSettings): Promise<RaiseAlertInput[]> {
    const places = networkPlaces(this.units, s.sharedNetworks);
    const out: RaiseAlertInput[] = [];
    for (const row of rows) {
      // Several addresses of one network (a LAN's DHCP, a registered /16) are one place: no events to read. At the
      // cap the list may hide another network: read them.
      if (row.clientIps.length < MAX_CLIENT_IPS && networksOf(row, places, s) < 2) continue;
      const events = await this.repository.findEvents(row.accountId, startOfLocalDay(row.day), startOfLocalDay(addDays(row.day, 1)));
      const finding = findConcurrentNetworks(events, row.unitCode, places, s);
      if (finding) out.push(concurrentNetworksAlert(row, finding, places.unitHasNetworks(row.unitCode), s));
    }
    return out;
  }
}

function networksOf(row: NetworkDay, places: NetworkPlaces, s: NetworkSettings): number {
  return new Set(row.clientIps.map((ip) => networkOf(ip, row.unitCode, places, s)?.key).filter((k) => k !== undefined)).size;
}
