import type { LocalDay } from '../calendar/local-day.util';

/** What the network detectors read of one account's day in account_day. */
export interface NetworkDay {
  accountId: string;
  day: LocalDay;
  unitCode: string | null;
  events: number;
  lookups: number;
  withDossier: number;
  ownUnitDossier: number;
  /** The day's addresses (at most 16, the lowest). */
  clientIps: string[];
  firstAt: Date | null;
}

/** How the detectors place an address: the province's shared gateways, the unit's registered networks. */
export interface NetworkPlaces {
  isShared(ip: string): boolean;
  unitHasNetworks(unitCode: string | null): boolean;
  /** The unit's registered network the address is in, or null. */
  unitNetworkOf(unitCode: string | null, ip: string): string | null;
}
