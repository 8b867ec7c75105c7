import { UnitNetworkRepository } from '../networks/unit-network.repository';
import { UnitNetworks } from '../networks/unit-networks.service';
import { findConcurrentNetworks, NetworkEvent } from './concurrent-network-rules.util';
import { compileNetworks, networkPlaces } from './network-key.util';
import { loadNetworkSettings } from './network-settings.util';

describe(findConcurrentNetworks.name, () => {
  const s = loadNetworkSettings();
  const units = new UnitNetworks({} as UnitNetworkRepository);
  units.load([{ unitCode: 'REG', cidr: '10.12.0.0/16', label: 'LAN' }]);
  const places = networkPlaces(units, compileNetworks(['100.64.9.1']).networks);
  const nine = Date.parse('2026-11-10T09:00:00+07:00');
  /** n events from an address every `every` minutes from `from` minutes after 09:00. */
  const run = (ip: string, from: number, n: number, every = 2): NetworkEvent[] =>
    Array.from({ length: n }, (_, i) => ({ eventId: `${ip}-${i}`, occurredAt: new Date(nine + (from + i * every) * 60_000), clientIp: ip }));
  const day = (...runs: NetworkEvent[][]) => runs.flat().sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());

  it('finds the office machine and an outside address working interleaved, with the overlap and both sides', () => {
    const finding = findConcurrentNetworks(day(run('10.12.3.4', 0, 30), run('198.51.100.23', 5, 25)), 'REG', places, s);
    expect(finding).toMatchObject({ minutes: 48, networks: 2 });
    // The office's events inside the overlap (05 to 53): 06, 08, … 52.
    expect(finding!.sides).toEqual([
      { network: '10.12.0.0/16', inside: true, addresses: ['10.12.3.4'], events: 24, sampleEventIds: ['10.12.3.4-3', '10.12.3.4-4', '10.12.3.4-5'] },
      { network: '198.51.100.0/24', inside: false, addresses: ['198.51.100.23'], events: 25, sampleEventIds: ['198.51.100.23-0', '198.51.100.23-1', '198.51.100.23-2'] },
    ]);
  });

  it('is silent on a sequential change (office, then a 4G hotspot), even with a brief hop back', () => {
    expect(findConcurrentNetworks(day(run('10.12.3.4', 0, 30), run('27.72.1.9', 70, 30)), 'REG', places, s)).toBeNull();
    expect(findConcurrentNetworks(day(run('10.12.3.4', 0, 30), run('27.72.1.9', 60, 10), run('10.12.3.4', 90, 10)), 'REG', places, s)).toBeNull();
  });

  it('reads two machines of one registered network, or of one /24, and a shared gateway as one place', () => {
    expect(findConcurrentNetworks(day(run('10.12.3.4', 0, 30), run('10.12.200.8', 1, 30)), 'REG', places, s)).toBeNull();
    expect(findConcurrentNetworks(day(run('192.168.7.12', 0, 30), run('192.168.7.40', 1, 30)), null, places, s)).toBeNull();
    expect(findConcurrentNetworks(day(run('10.12.3.4', 0, 30), run('100.64.9.1', 1, 30)), 'REG', places, s)).toBeNull();
  });

  it('needs a few events of each side inside the overlap: a single stray event is not a second session', () => {
    expect(findConcurrentNetworks(day(run('10.12.3.4', 0, 30), run('198.51.100.23', 20, 2, 3)), 'REG', places, s)).toBeNull();
  });

  it('without registered networks, two different /24s interleaved are concurrent', () => {
    const finding = findConcurrentNetworks(day(run('192.168.7.12', 0, 30), run('203.0.113.9', 1, 30)), null, places, s);
    expect(finding?.sides.map((x) => [x.network, x.inside])).toEqual([
      ['192.168.7.0/24', false],
      ['203.0.113.0/24', false],
    ]);
  });
});
