import type { WindowLookup } from '../windows/window-lookup.type';
import { judgeEnumeration, walkLookups } from './enumeration-rules.util';
import type { EnumerationSettings } from './enumeration-settings.util';

const settings: EnumerationSettings = { windowMinutes: 60, sequential: { minPerBlock: 3, minSubjects: 30 }, distinct: { minSubjects: 200, notFoundShare: 0.2 } };
const start = Date.parse('2026-11-16T07:00:00Z');
let seq = 0;
/** A lookup of a personal ID; in these tests the "hashes" are the ID and its first ten digits. */
const lookup = (id: string, atMs: number, more: Partial<WindowLookup> = {}): WindowLookup => ({
  eventId: `e${String(++seq).padStart(6, '0')}`,
  accountId: 'cb.enum',
  unitCode: '000.00.31.H52',
  at: new Date(atMs),
  sourceSystem: 'igate',
  subjectHash: id,
  subjectBlock: id.slice(0, 10),
  dossierCode: null,
  result: 'success',
  ...more,
});
/** IDs far apart: each in its own block, as ordinary work draws them. */
const scattered = (i: number) => `0521${String(i * 7919 + 13).padStart(8, '0')}`;

describe('judgeEnumeration', () => {
  it('a walk of 150 consecutive IDs in 20 minutes is a sequential episode over two blocks, also counted as few blocks', () => {
    const walk = Array.from({ length: 150 }, (_, i) => lookup(`052190012${String(300 + i).padStart(3, '0')}`, start + i * 8_000, { result: i % 3 ? 'success' : 'not_found' }));
    const found = judgeEnumeration(walk, settings)!;
    expect(found.sequential).toMatchObject({ subjects: 150, blocks: 2, peakWindowSubjects: 150, notFound: 50 });
    expect(found.distinct).toBeNull();
    expect(found.firstAt).toEqual(walk[0].at);
    expect(found.lastAt).toEqual(walk[149].at);
    expect(found.span).toEqual({ lookups: 150, withDossier: 0, ownUnitDossier: 0 });
  });

  it('a near-sequential walk (every fourth number) still fills blocks', () => {
    const walk = Array.from({ length: 60 }, (_, i) => lookup(`052190012${String(i * 4).padStart(3, '0')}`, start + i * 30_000));
    expect(judgeEnumeration(walk, settings)!.sequential).toMatchObject({ subjects: 60, blocks: 3 });
  });

  it('a busy day of scattered citizens, twins and households included, is silent', () => {
    const day = Array.from({ length: 180 }, (_, i) => lookup(scattered(i), start + i * 120_000));
    day.push(lookup('052190012345', start + 1000), lookup('052190012346', start + 2000)); // twins: two in a block
    expect(judgeEnumeration(day, settings)).toBeNull();
  });

  it('lookups for dossiers of the own unit never count, however consecutive', () => {
    const drive = Array.from({ length: 80 }, (_, i) => lookup(`052208001${String(i).padStart(3, '0')}`, start + i * 20_000, { dossierCode: `000.00.31.H52-2611-${i}` }));
    expect(judgeEnumeration(drive, settings)).toBeNull();
    expect(walkLookups(drive, 3_600_000, 3)).toHaveLength(80); // the block test itself would have counted them
  });

  it('a walk slower than the window never holds 30 in one window', () => {
    const slow = Array.from({ length: 60 }, (_, i) => lookup(`052190012${String(i).padStart(3, '0')}`, start + i * 150_000));
    expect(judgeEnumeration(slow, settings)).toBeNull();
  });

  it('300 distinct citizens within 40 minutes without dossiers is a distinct episode; the shares are of every lookup in its span', () => {
    const flood = Array.from({ length: 300 }, (_, i) => lookup(scattered(i), start + i * 8_000));
    flood.splice(100, 0, lookup(scattered(9999), start + 100 * 8_000 - 1, { dossierCode: '000.00.31.H52-1' }));
    const found = judgeEnumeration(flood, settings)!;
    expect(found.sequential).toBeNull();
    expect(found.distinct).toMatchObject({ subjects: 300, peakWindowSubjects: 300 });
    expect(found.span).toEqual({ lookups: 301, withDossier: 1, ownUnitDossier: 1 });
  });

  it('an inter-system link verifying 300 dossiers of other units within the hour is not a flood', () => {
    const link = Array.from({ length: 300 }, (_, i) => lookup(scattered(i), start + i * 5_000, { dossierCode: `000.00.99.H52-2611-${i}` }));
    expect(judgeEnumeration(link, settings)).toBeNull();
  });

  it('the same citizen looked up again and again is one citizen', () => {
    const again = Array.from({ length: 400 }, (_, i) => lookup(scattered(i % 20), start + i * 5_000));
    expect(judgeEnumeration(again, settings)).toBeNull();
  });

  it('events stored before the block was derived count for the distinct rule only', () => {
    const old = Array.from({ length: 60 }, (_, i) => lookup(`052190012${String(i).padStart(3, '0')}`, start + i * 10_000, { subjectBlock: null }));
    expect(judgeEnumeration(old, settings)).toBeNull();
  });
});
