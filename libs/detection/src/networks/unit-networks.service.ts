import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import * as ipaddr from 'ipaddr.js';
import { parseAddress, parseNetwork } from './cidr.util';
import { UnitNetwork, UnitNetworkRepository } from './unit-network.repository';

/** How often each replica re-reads the networks (changes made through this replica apply at once). */
export const NETWORKS_REFRESH_MS = 30_000;

interface CompiledNetwork {
  address: ipaddr.IPv4 | ipaddr.IPv6;
  bits: number;
  cidr: string;
  label: string | null;
}

/** IPv4 networks as 32-bit integers: matching is a mask and a comparison, with no allocation. */
interface CompiledV4 {
  base: number;
  mask: number;
  cidr: string;
  label: string | null;
}

/** Dotted-decimal IPv4 ('10.1.2.3') as an unsigned 32-bit integer, or -1 for anything else. */
function ipv4ToInt(ip: string): number {
  let value = 0;
  let octet = -1;
  let dots = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 46) {
      if (octet < 0 || ++dots > 3) return -1;
      value = value * 256 + octet;
      octet = -1;
    } else if (c >= 48 && c <= 57) {
      octet = octet < 0 ? c - 48 : octet * 10 + (c - 48);
      if (octet > 255) return -1;
    } else return -1;
  }
  return dots === 3 && octet >= 0 ? value * 256 + octet : -1;
}

const maskOf = (bits: number): number => (bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0);

/**
 * The units' registered networks as detectors read them: in memory per unit, refreshed every NETWORKS_REFRESH_MS
 * and on every change, so checking an event's address costs a parse and a few prefix comparisons.
 */
@Injectable()
export class UnitNetworks implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(UnitNetworks.name);
  private byUnit = new Map<string, { v4: CompiledV4[]; v6: CompiledNetwork[] }>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly repository: UnitNetworkRepository) {}

  async onModuleInit(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh().catch((e) => this.logger.warn(`Networks refresh failed: ${e}`)), NETWORKS_REFRESH_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    this.load(await this.repository.findAll());
  }

  /** Replaces what is held (the refresh, and tests without a database). */
  load(networks: readonly Pick<UnitNetwork, 'unitCode' | 'cidr' | 'label'>[]): void {
    const byUnit = new Map<string, { v4: CompiledV4[]; v6: CompiledNetwork[] }>();
    for (const n of networks) {
      const parsed = parseNetwork(n.cidr);
      if (!parsed.ok) continue; // stored rows were validated; PostgreSQL's cidr type keeps them so
      const entry = byUnit.get(n.unitCode) ?? { v4: [], v6: [] };
      if (parsed.address.kind() === 'ipv4') {
        const mask = maskOf(parsed.bits);
        entry.v4.push({ base: (ipv4ToInt(parsed.address.toString()) & mask) >>> 0, mask, cidr: parsed.cidr, label: n.label });
      } else {
        entry.v6.push({ address: parsed.address, bits: parsed.bits, cidr: parsed.cidr, label: n.label });
      }
      byUnit.set(n.unitCode, entry);
    }
    this.byUnit = byUnit;
  }

  /** Whether the unit registered any network: without one, "outside the unit's networks" means nothing. */
  hasNetworks(unitCode: string): boolean {
    return this.byUnit.has(unitCode);
  }

  /** The unit's network the address falls in (the first listed), or null (also for an unparsable address). */
  match(unitCode: string, ip: string): { cidr: string; label: string | null } | null {
    const entry = this.byUnit.get(unitCode);
    if (!entry) return null;
    // Most logged addresses are plain IPv4: integers, no parsing library. The rest (IPv6, IPv4-mapped IPv6) via ipaddr.js.
    let v4 = ipv4ToInt(ip);
    if (v4 < 0) {
      const address = parseAddress(ip);
      if (!address) return null;
      if (address.kind() === 'ipv6') {
        for (const n of entry.v6) if (address.match(n.address, n.bits)) return { cidr: n.cidr, label: n.label };
        return null;
      }
      v4 = ipv4ToInt(address.toString());
    }
    for (const n of entry.v4) if (((v4 & n.mask) >>> 0) === n.base) return { cidr: n.cidr, label: n.label };
    return null;
  }

  contains(unitCode: string, ip: string): boolean {
    return this.match(unitCode, ip) !== null;
  }
}
