import { UnitNetworkRepository } from './unit-network.repository';
import { UnitNetworks } from './unit-networks.service';

describe(UnitNetworks.name, () => {
  const sut = new UnitNetworks({} as UnitNetworkRepository);
  sut.load([
    { unitCode: 'H56.01', cidr: '10.12.0.0/16', label: 'LAN Sở Tư pháp' },
    { unitCode: 'H56.01', cidr: '2001:db8:12::/48', label: 'IPv6' },
    { unitCode: 'H56.01', cidr: '203.0.113.7/32', label: 'NAT' },
    { unitCode: 'X12', cidr: '192.168.5.0/24', label: null },
    { unitCode: 'ALL', cidr: '0.0.0.0/0', label: 'any IPv4' },
  ]);

  it('matches IPv4 and IPv6 addresses inside a unit network, with its label', () => {
    expect(sut.match('H56.01', '10.12.200.3')).toEqual({ cidr: '10.12.0.0/16', label: 'LAN Sở Tư pháp' });
    expect(sut.contains('H56.01', '2001:db8:12:ff::1')).toBe(true);
    expect(sut.contains('H56.01', '203.0.113.7')).toBe(true);
  });

  it('does not match just outside, nor another unit\'s network', () => {
    expect(sut.contains('H56.01', '10.13.0.1')).toBe(false);
    expect(sut.contains('H56.01', '2001:db8:13::1')).toBe(false);
    expect(sut.contains('H56.01', '203.0.113.8')).toBe(false);
    expect(sut.contains('H56.01', '192.168.5.10')).toBe(false);
    expect(sut.contains('X12', '192.168.5.10')).toBe(true);
  });

  it('matches at the edges of a network, and a /0 matches every IPv4 address', () => {
    expect(sut.contains('X12', '192.168.5.0')).toBe(true);
    expect(sut.contains('X12', '192.168.5.255')).toBe(true);
    expect(sut.contains('X12', '192.168.4.255')).toBe(false);
    expect(sut.contains('X12', '192.168.6.0')).toBe(false);
    expect(sut.contains('ALL', '255.255.255.255')).toBe(true);
    expect(sut.contains('ALL', '2001:db8::1')).toBe(false);
  });

  it('refuses malformed IPv4 text rather than guessing', () => {
    for (const ip of ['10.12.0', '10.12.0.1.5', '10.12.0.256', '10..0.1', ' 10.12.0.1x']) expect(sut.contains('H56.01', ip)).toBe(false);
  });

  it('reads an IPv4-mapped IPv6 address as the IPv4 it carries', () => {
    expect(sut.contains('H56.01', '::ffff:10.12.0.9')).toBe(true);
  });

  it('answers false for a unit without networks or an address that is not one, and says which units have networks', () => {
    expect(sut.contains('unknown', '10.12.0.1')).toBe(false);
    expect(sut.contains('H56.01', 'not-an-ip')).toBe(false);
    expect(sut.hasNetworks('X12')).toBe(true);
    expect(sut.hasNetworks('unknown')).toBe(false);
  });
});
