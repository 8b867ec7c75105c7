import type { NetworkPlaces } from './network-day.type';
import { networkOf } from './network-key.util';
import type { NetworkSettings } from './network-settings.util';

const MINUTE_MS = 60_000;

/** One event of the account's day, as the rule reads it. */
export interface NetworkEvent {
  eventId: string;
  occurredAt: Date;
  clientIp: string;
}

/** One side of the overlap: a network and what the account did from it. */
export interface ConcurrentSide {
  network: string;
  inside: boolean;
  addresses: string[];
  /** Its events inside the overlap. */
  events: number;
  sampleEventIds: string[];
}

export interface ConcurrentNetworksFinding {
  from: Date;
  to: Date;
  minutes: number;
  sides: [ConcurrentSide, ConcurrentSide];
  /** Every network of the day (a day on three networks at once names all three). */
  networks: number;
}

interface Session {
  network: string;
  events: NetworkEvent[];
  start: number;
  end: number;
}

const SAMPLES = 3;

/**
 * One account's day, its events in time order: two networks (the unit's registered network an address is in, or
 * the address's /24 or /64; the province's shared gateways are left out) whose sessions overlap for at least
 * minOverlapMinutes with at least minEventsEach events of each inside the overlap. A laptop moving from the office
 * to a 4G hotspot ends one session before the next starts: sequential, not concurrent. The longest overlap is
 * the finding; null when there is none.
 */
export function findConcurrentNetworks(events: readonly NetworkEvent[], unitCode: string | null, places: NetworkPlaces, s: NetworkSettings): ConcurrentNetworksFinding | null {
  const c = s.concurrent;
  const inside = new Map<string, boolean>();
  const byNetwork = new Map<string, NetworkEvent[]>();
  for (const e of events) {
    const network = networkOf(e.clientIp, unitCode, places, s);
    if (!network) continue;
    inside.set(network.key, network.inside);
    const list = byNetwork.get(network.key);
    if (list) list.push(e);
    else byNetwork.set(network.key, [e]);
  }
  if (byNetwork.size < 2) return null;
  const all: Session[] = [];
  for (const [network, list] of byNetwork) {
    let current: Session | undefined;
    for (const e of list) {
      const t = e.occurredAt.getTime();
      if (current && t - current.end <= c.sessionGapMinutes * MINUTE_MS) {
        current.events.push(e);
        current.end = t;
      } else all.push((current = { network, events: [e], start: t, end: t }));
    }
  }
  // A session with fewer events than an overlap needs cannot be one side of it.
  const sessions = all.filter((x) => x.events.length >= c.minEventsEach);
  let best: ConcurrentNetworksFinding | null = null;
  for (let i = 0; i < sessions.length; i++)
    for (let j = i + 1; j < sessions.length; j++) {
      const a = sessions[i];
      const b = sessions[j];
      if (a.network === b.network) continue;
      const from = Math.max(a.start, b.start);
      const to = Math.min(a.end, b.end);
      if (to - from < c.minOverlapMinutes * MINUTE_MS) continue;
      const sideOf = (x: Session): ConcurrentSide => {
        const during = x.events.filter((e) => e.occurredAt.getTime() >= from && e.occurredAt.getTime() <= to);
        return {
          network: x.network,
          inside: inside.get(x.network) ?? false,
          addresses: [...new Set(byNetwork.get(x.network)!.map((e) => e.clientIp))].sort(),
          events: during.length,
          sampleEventIds: during.slice(0, SAMPLES).map((e) => e.eventId),
        };
      };
      const sides: [ConcurrentSide, ConcurrentSide] = [sideOf(a), sideOf(b)].sort((x, y) => (x.network < y.network ? -1 : 1)) as [ConcurrentSide, ConcurrentSide];
      if (sides.some((x) => x.events < c.minEventsEach)) continue;
      const minutes = Math.round((to - from) / MINUTE_MS);
      if (!best || minutes > best.minutes) best = { from: new Date(from), to: new Date(to), minutes, sides, networks: byNetwork.size };
    }
  return best;
}
