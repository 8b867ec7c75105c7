import { monthOf, monthStart, nextMonth, partitionName } from './query-event-partition.service';

describe('monthly partitions', () => {
  it.each([
    ['2026-11-24T10:00:00Z', 'query_event_2026_11', '2026-11-01T00:00:00.000Z'],
    ['0001-01-01T00:00:00Z', 'query_event_0001_01', '0001-01-01T00:00:00.000Z'],
    ['0099-07-15T00:00:00Z', 'query_event_0099_07', '0099-07-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999Z', 'query_event_9999_12', '9999-12-01T00:00:00.000Z'],
  ])('puts %s in %s, starting %s (also for the years 0–99, which Date.UTC would read as 19xx)', (at, name, start) => {
    const month = monthOf(new Date(at));
    expect(partitionName(month)).toBe(name);
    expect(monthStart(month).toISOString()).toBe(start);
  });

  it('rolls December over to January of the next year', () => {
    expect(nextMonth({ year: 2026, month: 12 })).toEqual({ year: 2027, month: 1 });
  });
});
