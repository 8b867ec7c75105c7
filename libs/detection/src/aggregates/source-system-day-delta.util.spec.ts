import type { StoredEventSummary } from '@app/audit-trail';
import { sourceSystemDayDeltas } from './source-system-day-delta.util';

describe(sourceSystemDayDeltas.name, () => {
  const needs = new Map([['1.001612', new Set(['fullName', 'dateOfBirth'])]]);
  const event = (o: Partial<StoredEventSummary>): StoredEventSummary => ({
    eventId: 'e',
    accountId: 'cb.a',
    unitCode: 'U1',
    occurredAt: new Date('2026-11-20T02:00:00Z'),
    action: 'lookup',
    sourceSystem: 'igate',
    flags: [],
    clientIp: '10.0.0.1',
    subjectHash: null,
    subjectBlock: null,
    subjectCount: null,
    fields: ['fullName'],
    dossierCode: 'U1-1',
    procedureCode: '1.001612',
    result: 'success',
    ...o,
  });

  it('counts lookups per local day, source system and unit, sorted by key, leaving out other actions and future times', () => {
    const sut = sourceSystemDayDeltas(
      [
        event({}),
        event({ fields: ['religion'] }),
        event({ occurredAt: new Date('2026-11-20T17:00:00Z') }), // 00:00 on the 21st in Vietnam
        event({ sourceSystem: 'dvc-buudien', unitCode: null, dossierCode: null }),
        event({ action: 'export' }),
        event({ flags: ['future_time'] }),
      ],
      needs,
    );
    expect(sut).toEqual([
      { day: '2026-11-20', sourceSystem: 'dvc-buudien', unitCode: '', lookups: 1, explained: 0, unneededSensitive: 0 },
      { day: '2026-11-20', sourceSystem: 'igate', unitCode: 'U1', lookups: 2, explained: 1, unneededSensitive: 1 },
      { day: '2026-11-21', sourceSystem: 'igate', unitCode: 'U1', lookups: 1, explained: 1, unneededSensitive: 0 },
    ]);
  });
});
