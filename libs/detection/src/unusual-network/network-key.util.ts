import * as ipaddr from 'ipaddr.js';
import { parseAddress, parseNetwork } from '../networks/cidr.util';
import type { UnitNetworks } from '../networks/unit-networks.service';
import type { NetworkPlaces } from './network-day.type';

/** A network as the settings list it (the province's shared NAT or gateway addresses), ready to match. */
export interface CompiledNetwork {
  cidr: string;
  address: ipaddr.IPv4 | ipaddr.IPv6;
  bits: number;
}

/** Where an address is, as the network detectors see it. */
export interface AddressNetwork {
  /** The unit's registered network it is in (its CIDR), else its own /24 (IPv4) or /64 (IPv6), e.g. 203.0.113.0/24. */
  key: string;
  /** Inside one of the unit's registered networks. */
  inside: boolean;
}

/** Parses networks written as operators write them; the problems name each bad entry. */
export function compileNetworks(texts: readonly string[]): { networks: CompiledNetwork[]; problems: string[] } {
  const networks: CompiledNetwork[] = [];
  const problems: string[] = [];
  texts.forEach((text, i) => {
    const parsed = typeof text === 'string' ? parseNetwork(text) : { ok: false as const, error: 'must be a network written as text' };
    if (parsed.ok) networks.push({ cidr: parsed.cidr, address: parsed.address, bits: parsed.bits });
    else problems.push(`[${i}]: ${parsed.error}`);
  });
  return { networks, problems };
}

export function inNetworks(ip: string, networks: readonly CompiledNetwork[]): boolean {
  if (!networks.length) return false;
  const address = parseAddress(ip);
  if (!address) return false;
  return networks.some((n) => n.address.kind() === address.kind() && address.match(n.address, n.bits));
}

/**
 * The network an address is in at a prefix length (10.12.3.4 at 24: 10.12.3.0/24); an unparsable address is its
 * own network, as logged, so two different strings are never read as one place.
 */
export function prefixOf(ip: string, v4Bits: number, v6Bits: number): string {
  const address = parseAddress(ip);
  if (!address) return ip;
  const bits = address.kind() === 'ipv4' ? Math.min(v4Bits, 32) : Math.min(v6Bits, 128);
  const network = address.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(`${address}/${bits}`) : ipaddr.IPv6.networkAddressFromCIDR(`${address}/${bits}`);
  return `${network.toString()}/${bits}`;
}

/**
 * The network an address is judged by for a unit: the unit's registered network it is in, else its prefix;
 * null for the province's shared gateways (left out: they say nothing about where the person is).
 */
export function networkOf(ip: string, unitCode: string | null, places: NetworkPlaces, prefix: { prefixV4: number; prefixV6: number }): AddressNetwork | null {
  if (places.isShared(ip)) return null;
  const registered = places.unitNetworkOf(unitCode, ip);
  return registered ? { key: registered, inside: true } : { key: prefixOf(ip, prefix.prefixV4, prefix.prefixV6), inside: false };
}

/** Places from the units' registered networks (UnitNetworks) and the settings' shared gateways. */
export function networkPlaces(units: Pick<UnitNetworks, 'hasNetworks' | 'match'>, shared: readonly CompiledNetwork[]): NetworkPlaces {
  return {
    isShared: (ip) => inNetworks(ip, shared),
    unitHasNetworks: (unitCode) => unitCode !== null && units.hasNetworks(unitCode),
    unitNetworkOf: (unitCode, ip) => (unitCode === null ? null : (units.match(unitCode, ip)?.cidr ?? null)),
  };
}
