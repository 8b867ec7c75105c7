import type { WindowLookup } from '../windows/window-lookup.type';
import { judgeCrossUnit } from './cross-unit-rules.util';

const settings = { windowMinutes: 60, minAccounts: 3, minUnits: 3 };
const start = Date.parse('2026-11-16T07:00:00Z');
let seq = 0;
const lookup = (accountId: string, unitCode: string | null, minute: number, more: Partial<WindowLookup> = {}): WindowLookup => ({
  eventId: `e${++seq}`,
  accountId,
  unitCode,
  at: new Date(start + minute * 60_000),
  sourceSystem: 'igate',
  subjectHash: 'ab'.repeat(32),
  subjectBlock: 'cd'.repeat(8),
  dossierCode: null,
  result: 'success',
  ...more,
});

describe('judgeCrossUnit', () => {
  it('four accounts of four units within an hour: one finding naming each account and unit', () => {
    const found = judgeCrossUnit([lookup('a1', 'U1', 0), lookup('a2', 'U2', 12), lookup('a3', 'U3', 25), lookup('a4', 'U4', 38)], settings)!;
    expect(found.accounts.map((a) => [a.accountId, a.unitCode, a.lookups])).toEqual([['a1', 'U1', 1], ['a2', 'U2', 1], ['a3', 'U3', 1], ['a4', 'U4', 1]]);
    expect(found.units).toEqual(['U1', 'U2', 'U3', 'U4']);
    expect(found.peakAccounts).toBe(4);
  });

  it('three accounts of one unit, or three lookups spread over the day, are silent', () => {
    expect(judgeCrossUnit([lookup('a1', 'U1', 0), lookup('a2', 'U1', 5), lookup('a3', 'U1', 9)], settings)).toBeNull();
    expect(judgeCrossUnit([lookup('a1', 'U1', 0), lookup('a2', 'U2', 90), lookup('a3', 'U3', 200)], settings)).toBeNull();
  });

  it('one account looking again is one account; accounts without a unit count as units of their own', () => {
    expect(judgeCrossUnit([lookup('a1', 'U1', 0), lookup('a1', 'U1', 1), lookup('a2', 'U2', 2)], settings)).toBeNull();
    expect(judgeCrossUnit([lookup('a1', null, 0), lookup('a2', null, 1), lookup('a3', 'U3', 2)], settings)!.units).toEqual(['U3']);
  });
});
