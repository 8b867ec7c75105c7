import type { Alert } from '@app/alerts';
import { prefillFromAlerts } from './alert-prefill.util';

const alert = (a: Partial<Alert>): Alert =>
  ({ accountIds: [], unitCode: null, evidence: {}, windowStart: new Date('2026-12-01T00:00:00Z'), windowEnd: new Date('2026-12-02T00:00:00Z'), ...a }) as Alert;

describe(prefillFromAlerts.name, () => {
  it("takes the alerts' accounts, units, fields, counts and period", () => {
    const sut = prefillFromAlerts([
      alert({ accountIds: ['b', 'a'], unitCode: 'U1', evidence: { observed: { subjects: 200, lookups: 900 }, fields: { faceImage: 3 } } }),
      alert({ accountIds: ['a'], unitCode: 'U2', evidence: { subjects: 20, fields: ['fullName'] }, windowEnd: new Date('2026-12-03T00:00:00Z') }),
    ]);
    expect(sut).toEqual({
      accounts: ['a', 'b'],
      units: ['U1', 'U2'],
      fields: ['faceImage', 'fullName'],
      subjectsAffected: 220,
      recordsAffected: 900,
      occurredFrom: new Date('2026-12-01T00:00:00Z'),
      occurredTo: new Date('2026-12-03T00:00:00Z'),
    });
  });

  it('leaves the counts unknown when no evidence counts them, and everything empty without alerts', () => {
    expect(prefillFromAlerts([alert({ evidence: { lockedAt: '2026-10-01' } })])).toMatchObject({ subjectsAffected: null, recordsAffected: null });
    expect(prefillFromAlerts([])).toEqual({ accounts: [], units: [], fields: [], subjectsAffected: null, recordsAffected: null, occurredFrom: null, occurredTo: null });
  });
});
