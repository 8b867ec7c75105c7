import { alertDedupKey, decodeAlertCursor, encodeAlertCursor, maxSeverity } from './alert-key.util';

describe('alertDedupKey', () => {
  const start = new Date('2026-11-13T17:00:00Z');
  const end = new Date('2026-11-14T17:00:00Z');

  it('is the same for the same type, accounts and window, and differs when any of them does', () => {
    const sut = alertDedupKey('subject_volume', ['a', 'b'], start, end);
    expect(alertDedupKey('subject_volume', ['a', 'b'], new Date(start), new Date(end))).toBe(sut);
    expect(alertDedupKey('subject_volume', ['a'], start, end)).not.toBe(sut);
    expect(alertDedupKey('export_size', ['a', 'b'], start, end)).not.toBe(sut);
    expect(alertDedupKey('subject_volume', ['a', 'b'], start, new Date(end.getTime() + 1))).not.toBe(sut);
  });

  it('hashes a long list of accounts to a bounded key', () => {
    const many = Array.from({ length: 100 }, (_, i) => `cb.account-${i}`);
    expect(alertDedupKey('shared_subjects', many, start, end)).toMatch(/^shared_subjects:sha256:[0-9a-f]{64}$/);
  });
});

describe('alert cursor and severity', () => {
  it('round-trips a cursor and refuses one that is not', () => {
    const position = { key: '2026-11-14T00:00:00.000Z', id: '42' };
    expect(decodeAlertCursor(encodeAlertCursor('window', 'desc', position), 'window', 'desc')).toEqual(position);
    expect(decodeAlertCursor(encodeAlertCursor('severity', 'asc', { key: '3', id: '7' }), 'severity', 'asc')).toEqual({ key: '3', id: '7' });
    // A cursor of another order, or of nothing.
    expect(decodeAlertCursor(encodeAlertCursor('window', 'desc', position), 'window', 'asc')).toBeNull();
    expect(decodeAlertCursor(encodeAlertCursor('window', 'desc', position), 'score', 'desc')).toBeNull();
    expect(decodeAlertCursor('bm90LWEtY3Vyc29y', 'window', 'desc')).toBeNull();
  });

  it('keeps the higher severity', () => {
    expect(maxSeverity('medium', 'critical')).toBe('critical');
    expect(maxSeverity('high', 'low')).toBe('high');
  });
});
