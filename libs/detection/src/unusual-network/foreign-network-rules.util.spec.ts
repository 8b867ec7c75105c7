import { addDays } from '../calendar/local-day.util';
import { UnitNetworkRepository } from '../networks/unit-network.repository';
import { UnitNetworks } from '../networks/unit-networks.service';
import { findForeignNetworks } from './foreign-network-rules.util';
import type { NetworkDay } from './network-day.type';
import { compileNetworks, networkPlaces } from './network-key.util';
import { loadNetworkSettings } from './network-settings.util';

describe(findForeignNetworks.name, () => {
  const s = loadNetworkSettings();
  const units = new UnitNetworks({} as UnitNetworkRepository);
  units.load([{ unitCode: 'REG', cidr: '10.12.0.0/16', label: 'LAN' }]);
  const places = networkPlaces(units, compileNetworks(['100.64.9.1']).networks);
  const START = '2026-09-01';
  /** 80 consecutive active days from START; ipOf(i) gives day i's addresses. */
  const days = (unitCode: string, ipOf: (i: number) => string[], n = 80): NetworkDay[] =>
    Array.from({ length: n }, (_, i) => ({
      accountId: 'cb.a',
      day: addDays(START, i),
      unitCode,
      events: 20,
      lookups: 18,
      withDossier: 18,
      ownUnitDossier: 17,
      clientIps: ipOf(i),
      firstAt: null,
    }));
  const judge = (rows: NetworkDay[], from: number, to: number) => findForeignNetworks(rows, addDays(START, from), addDays(START, to), places, s);

  it('raises three days from one outside address over two weeks as one finding, on the first day when the unit registered networks', () => {
    const rows = days('REG', (i) => ([40, 45, 52].includes(i) ? ['203.0.113.7'] : ['10.12.3.4']));
    const [finding, ...more] = judge(rows, 0, 79);
    expect(more).toEqual([]);
    expect(finding).toMatchObject({ network: '203.0.113.0/24', start: addDays(START, 40), unitHasNetworks: true, addresses: ['203.0.113.7'] });
    expect(finding.days).toEqual([40, 45, 52].map((i) => addDays(START, i)));
    expect(finding.knownNetworks).toEqual(['10.12.0.0/16']);
    // The scan of the first day alone finds it, and each later day of the episode finds it again, keyed the same.
    expect(judge(rows, 40, 40).map((f) => f.start)).toEqual([addDays(START, 40)]);
    expect(judge(rows, 45, 45).map((f) => [f.start, f.days.length])).toEqual([[addDays(START, 40), 2]]);
    expect(judge(rows, 41, 44)).toEqual([]);
  });

  it('is silent on the first days of an account, on a registered network, on a shared gateway and on an address of a known /24', () => {
    expect(judge(days('REG', (i) => (i === 5 ? ['203.0.113.7'] : ['10.12.3.4'])), 0, 79)).toEqual([]);
    expect(judge(days('REG', (i) => (i === 40 ? ['10.12.200.9'] : ['10.12.3.4'])), 0, 79)).toEqual([]);
    expect(judge(days('REG', (i) => (i === 40 ? ['100.64.9.1'] : ['10.12.3.4'])), 0, 79)).toEqual([]);
    expect(judge(days('NONE', (i) => (i === 40 ? ['192.168.7.200'] : ['192.168.7.12'])), 0, 79)).toEqual([]);
  });

  it('without registered networks: a visit is raised once its confirm week is over; a move of office is not', () => {
    const visit = days('NONE', (i) => (i === 40 ? ['203.0.113.7'] : ['192.168.7.12']));
    expect(judge(visit, 40, 45)).toEqual([]);
    expect(judge(visit, 46, 46)).toMatchObject([{ start: addDays(START, 40), unitHasNetworks: false, confirm: { activeDays: 7, daysOnNetwork: 1 } }]);
    const moved = days('NONE', (i) => (i >= 40 ? ['192.168.9.3'] : ['192.168.7.12']));
    expect(judge(moved, 0, 79)).toEqual([]);
  });

  it('a unit with registered networks: moving outside them is raised (the new place should be registered)', () => {
    expect(judge(days('REG', (i) => (i >= 40 ? ['192.168.9.3'] : ['10.12.3.4'])), 0, 79)).toMatchObject([{ start: addDays(START, 40), days: expect.any(Array) }]);
  });

  it('a network used again within the history but after the episode is known by then: no second finding', () => {
    const rows = days('REG', (i) => ([40, 75].includes(i) ? ['203.0.113.7'] : ['10.12.3.4']));
    expect(judge(rows, 0, 79).map((f) => [f.start, f.days.length])).toEqual([[addDays(START, 40), 1]]);
  });
});
