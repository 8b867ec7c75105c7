import { traceRequestOf } from './trace.command';

describe('trace command options', () => {
  const options = { case: 'KT-1', purpose: 'Kiểm tra', limit: '50' };

  it('reads dates and times as the API does', async () => {
    const request = await traceRequestOf({ ...options, from: '2026-11-01', to: '2026-11-02T08:00:00+07:00' });
    expect(request.criteria.from?.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(request.criteria.to?.toISOString()).toBe('2026-11-02T01:00:00.000Z');
  });

  it('refuses a day that does not exist, or what is not a date, naming the option', async () => {
    await expect(traceRequestOf({ ...options, from: '2026-02-30' })).rejects.toThrow(/^--from: must be a date or time/);
    await expect(traceRequestOf({ ...options, to: 'yesterday' })).rejects.toThrow(/^--to: must be a date or time/);
  });
});
