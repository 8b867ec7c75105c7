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

/**
 * The units' registered networks as detectors read them: in memory per unit, refreshed every NETWORKS_REFRESH_MS
 * and on every change, so checking an event's address costs a parse and a few prefix comparisons.
 */
@Injectable()
export class UnitNetworks implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(UnitNetworks.name);
  private byUnit = new Map<string, { v4: CompiledNetwork[]; v6: CompiledNetwork[] }>();
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
    const byUnit = new Map<string, { v4: CompiledNetwork[]; v6: CompiledNetwork[] }>();
    for (const n of networks) {
      const parsed = parseNetwork(n.cidr);
      if (!parsed.ok) continue; // stored rows were validated; PostgreSQL's cidr type keeps them so
      const entry = byUnit.get(n.unitCode) ?? { v4: [], v6: [] };
      (parsed.address.kind() === 'ipv4' ? entry.v4 : entry.v6).push({ address: parsed.address, bits: parsed.bits, cidr: parsed.cidr, label: n.label });
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
    const address = parseAddress(ip);
    if (!address) return null;
    const candidates = address.kind() === 'ipv4' ? entry.v4 : entry.v6;
    for (const n of candidates) {
      if (address.match(n.address, n.bits)) return { cidr: n.cidr, label: n.label };
    }
    return null;
  }

  contains(unitCode: string, ip: string): boolean {
    return this.match(unitCode, ip) !== null;
  }
}
