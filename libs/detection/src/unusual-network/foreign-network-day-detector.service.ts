import { Injectable } from '@nestjs/common';
import type { RaiseAlertInput } from '@app/alerts';
import { addDays, LocalDay, startOfLocalDay } from '../calendar/local-day.util';
import { UnitNetworks } from '../networks/unit-networks.service';
import type { DayDetector } from '../scan/detector.type';
import { findForeignNetworks } from './foreign-network-rules.util';
import type { NetworkDay } from './network-day.type';
import { networkPlaces } from './network-key.util';
import { NetworkSettings, parseNetworkSettings } from './network-settings.util';
import { FOREIGN_NETWORK, foreignNetworkAlert } from './unusual-network-alert.util';
import { UnusualNetworkRepository } from './unusual-network.repository';

const SAMPLE_EVENTS = 5;

/** Detector 8a: an account working from a network outside its unit's and its own past (docs/detection.md). */
@Injectable()
export class ForeignNetworkDayDetector implements DayDetector<NetworkSettings> {
  readonly section = 'network';
  readonly types = [FOREIGN_NETWORK] as const;

  constructor(
    private readonly repository: UnusualNetworkRepository,
    private readonly units: UnitNetworks,
  ) {}

  parseSettings(raw: unknown) {
    return parseNetworkSettings(raw);
  }

  async detectDays(fromDay: LocalDay, toDay: LocalDay, s: NetworkSettings): Promise<RaiseAlertInput[]> {
    const f = s.foreign;
    // Enough past for the history of an episode that began before the block and is still judged in it.
    const readFrom = addDays(fromDay, -(f.historyDays + 2 * Math.max(f.episodeDays, f.confirmDays)));
    const byAccount = new Map<string, NetworkDay[]>();
    for (const row of await this.repository.findDays(readFrom, toDay)) {
      const list = byAccount.get(row.accountId);
      if (list) list.push(row);
      else byAccount.set(row.accountId, [row]);
    }
    const places = networkPlaces(this.units, s.sharedNetworks);
    const out: RaiseAlertInput[] = [];
    for (const days of byAccount.values()) {
      for (const finding of findForeignNetworks(days, fromDay, toDay, places, s)) {
        const last = finding.days[finding.days.length - 1];
        const samples = await this.repository.sampleEventsFrom(finding.accountId, startOfLocalDay(finding.start), startOfLocalDay(addDays(last, 1)), finding.addresses, SAMPLE_EVENTS);
        out.push(foreignNetworkAlert(finding, samples, s));
      }
    }
    return out;
  }
}
