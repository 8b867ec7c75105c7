import ipaddr from 'ipaddr.js';

/**
 * Checks a network before it is sent, as the server will: a CIDR or one address, IPv4 in four decimal parts, no
 * host bits (10.12.3.4/16 is a typo for 10.12.0.0/16). Returns what is wrong, or null; `network` is the network
 * host bits would have meant.
 */
export function networkProblem(text: string): { kind: 'invalid' } | { kind: 'hostBits'; network: string } | null {
  const value = text.trim();
  const [address, bits] = value.split('/');
  if (!value || value.includes('%') || value.split('/').length > 2) return { kind: 'invalid' };
  if (!address.includes(':') && !ipaddr.IPv4.isValidFourPartDecimal(address)) return { kind: 'invalid' };
  if (!ipaddr.isValid(address) || (bits !== undefined && !ipaddr.isValidCIDR(value))) return { kind: 'invalid' };
  if (bits === undefined) return null;
  const [parsed, length] = ipaddr.parseCIDR(value);
  const network = parsed.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(value) : ipaddr.IPv6.networkAddressFromCIDR(value);
  return network.toString() === parsed.toString() ? null : { kind: 'hostBits', network: `${network.toString()}/${length}` };
}
