import * as ipaddr from 'ipaddr.js';

const notANetwork = (value: string): string => `"${value}" is not an IPv4 or IPv6 network (e.g. 10.12.0.0/16, 2001:db8:12::/48)`;

export type ParsedNetwork = { ok: true; cidr: string; address: ipaddr.IPv4 | ipaddr.IPv6; bits: number } | { ok: false; error: string };

/**
 * Parses a network as an operator writes it: a CIDR (10.12.0.0/16, 2001:db8:12::/48) or a single address (a host
 * network /32 or /128). Refuses host bits (10.12.3.4/16): they almost always mean a typo, and the error names the
 * network it would have been. IPv4-mapped IPv6 (::ffff:10.0.0.0/104) is read as the IPv4 network it maps. IPv4 must
 * be four decimal parts: the legacy short forms ipaddr.js also reads ('10.12' is 10.0.0.12) would register the wrong network.
 */
export function parseNetwork(text: string): ParsedNetwork {
  const value = text.trim();
  let address: ipaddr.IPv4 | ipaddr.IPv6;
  let bits: number;
  if (value.includes('%')) return { ok: false, error: `"${value}": a zone index (%…) names an interface, not a network` };
  if (!value.includes(':') && !ipaddr.IPv4.isValidFourPartDecimal(value.split('/')[0])) return { ok: false, error: notANetwork(value) };
  try {
    if (value.includes('/')) [address, bits] = ipaddr.parseCIDR(value);
    else {
      address = ipaddr.parse(value);
      bits = address.kind() === 'ipv4' ? 32 : 128;
    }
  } catch {
    return { ok: false, error: notANetwork(value) };
  }
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
    address = (address as ipaddr.IPv6).toIPv4Address();
    bits -= 96;
  }
  const network = address.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(`${address}/${bits}`) : ipaddr.IPv6.networkAddressFromCIDR(`${address}/${bits}`);
  if (network.toString() !== address.toString()) {
    return { ok: false, error: `"${value}" has host bits set: the network is ${network}/${bits}` };
  }
  return { ok: true, cidr: `${network.toString()}/${bits}`, address: network, bits };
}

/** An address as the gateway logs it, IPv4-mapped IPv6 (::ffff:10.1.2.3) read as IPv4; null when it is not one. */
export function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const value = text.trim();
  if (!value.includes(':') && !ipaddr.IPv4.isValidFourPartDecimal(value)) return null;
  try {
    return ipaddr.process(value);
  } catch {
    return null;
  }
}
