import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { QUERY_LOG_EVENT_V1_SCHEMA, QueryLogEventV1 } from '@app/contracts';
import { EventGenerator, GeneratorOptions } from './event-generator.service';

const START = new Date('2026-11-16T00:00:00+07:00'); // a Monday
const generate = (options: Partial<GeneratorOptions> & { count: number }): QueryLogEventV1[] => [
  ...new EventGenerator({ seed: 'spec', start: START, ...options }),
];
/** Local (UTC+7) hour and weekday of an event. */
const local = (e: QueryLogEventV1): { hour: number; weekday: number } => {
  const d = new Date(Date.parse(e.occurredAt) + 7 * 3600_000);
  return { hour: d.getUTCHours() + d.getUTCMinutes() / 60, weekday: d.getUTCDay() };
};

describe(EventGenerator.name, () => {
  it('writes only events that the v1 contract schema accepts', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(QUERY_LOG_EVENT_V1_SCHEMA);
    const events = generate({ count: 5000, anomalies: ['night-bulk-lookup'], days: 2 });
    const invalid = events.filter((e) => !validate(e)).map((e) => ({ e, errors: validate.errors }));
    expect(events).toHaveLength(5000);
    expect(invalid.slice(0, 3)).toEqual([]);
  });

  it('gives the same events for the same seed, and different events with unique ids for another', () => {
    const a = generate({ count: 3000 });
    const b = generate({ count: 3000 });
    const other = generate({ count: 3000, seed: 'other' });
    expect(b).toEqual(a);
    expect(new Set(a.map((e) => e.eventId)).size).toBe(3000);
    const ids = new Set(a.map((e) => e.eventId));
    expect(other.filter((e) => ids.has(e.eventId))).toEqual([]);
    expect(other.map((e) => e.subjectId)).not.toEqual(a.map((e) => e.subjectId));
  });

  it('emits one timeline, in time order to the second, spread over the days asked for', () => {
    const events = generate({ count: 20_000, days: 3 });
    const times = events.map((e) => Date.parse(e.occurredAt));
    const backwards = times.filter((t, i) => i > 0 && t < times[i - 1] - 999);
    expect(backwards).toEqual([]);
    const days = new Set(events.map((e) => e.occurredAt.slice(0, 10)));
    expect([...days].sort()).toEqual(['2026-11-16', '2026-11-17', '2026-11-18']);
  });

  it('follows office hours in Asia/Ho_Chi_Minh: most traffic in 7:30-11:30 and 13:30-17:00, little at night', () => {
    const events = generate({ count: 20_000, days: 7 });
    const office = events.filter((e) => {
      const { hour, weekday } = local(e);
      return weekday >= 1 && weekday <= 5 && ((hour >= 7.5 && hour < 11.5) || (hour >= 13.5 && hour < 17));
    });
    const night = events.filter((e) => local(e).hour < 6 || local(e).hour >= 22);
    const sunday = events.filter((e) => local(e).weekday === 0);
    expect(office.length / events.length).toBeGreaterThan(0.85);
    expect(night.length / events.length).toBeLessThan(0.01);
    expect(sunday.length / events.length).toBeLessThan(0.01);
    expect(events.every((e) => e.occurredAt.endsWith('+07:00'))).toBe(true);
  });

  it('looks up citizens for dossiers, with 12-digit personal IDs of the shape the population database issues', () => {
    const events = generate({ count: 10_000 });
    const lookups = events.filter((e) => e.action === 'lookup' || e.action === 'verify');
    expect(lookups.length / events.length).toBeGreaterThan(0.6);
    for (const e of lookups) {
      const id = e.subjectId!;
      expect(id).toMatch(/^\d{12}$/);
      // 4th digit: century and gender; 5th-6th: year of birth, so 0/1 means born 19xx and 2/3 born 20xx.
      const year = (Number(id[3]) < 2 ? 1900 : 2000) + Number(id.slice(4, 6));
      expect(year).toBeGreaterThanOrEqual(1915);
      expect(year).toBeLessThanOrEqual(2025);
    }
    const withDossier = lookups.filter((e) => e.dossierCode);
    expect(withDossier.length / lookups.length).toBeGreaterThan(0.9);
    expect(withDossier[0].dossierCode).toMatch(/^(\d{9}|BD52)-\d{6}-\d{4}$/);
    expect(withDossier[0].procedureCode).toMatch(/^[12]\.\d{6}$/);
    expect(lookups.filter((e) => e.subjectId!.startsWith('052')).length / lookups.length).toBeGreaterThan(
      0.7,
    );
  });

  it('keeps each account on one client address and one unit, and uses both source systems', () => {
    const events = generate({ count: 20_000 });
    const byAccount = new Map<string, Set<string>>();
    for (const e of events)
      byAccount.set(
        e.accountId,
        (byAccount.get(e.accountId) ?? new Set()).add(`${e.clientIp} ${e.unitCode}`),
      );
    expect([...byAccount.values()].filter((s) => s.size > 1)).toEqual([]);
    expect(byAccount.size).toBeGreaterThan(200);
    const sources = new Set(events.map((e) => e.sourceSystem));
    expect([...sources].sort()).toEqual(['dvc-buudien', 'igate']);
    const results = new Set(events.map((e) => e.result));
    expect([...results].sort()).toEqual(['denied', 'error', 'not_found', 'success']);
    expect(events.some((e) => e.action === 'export' && (e.subjectCount ?? 0) > 0)).toBe(true);
    expect(events.some((e) => e.sourceSystem === 'dvc-buudien' && typeof e.terminalId === 'string')).toBe(
      true,
    );
  });

  it('injects night-time bulk lookups without dossiers when asked, and not otherwise', () => {
    const nightWithoutDossier = (events: QueryLogEventV1[]): QueryLogEventV1[] =>
      events.filter((e) => e.action === 'lookup' && !e.dossierCode && local(e).hour >= 22);
    const plain = generate({ count: 20_000, days: 3 });
    const withAnomaly = generate({ count: 20_000, days: 3, anomalies: ['night-bulk-lookup'] });
    expect(nightWithoutDossier(plain).length).toBeLessThan(5);
    const byAccount = new Map<string, number>();
    for (const e of nightWithoutDossier(withAnomaly))
      byAccount.set(e.accountId, (byAccount.get(e.accountId) ?? 0) + 1);
    const [top, ...others] = [...byAccount.values()].sort((a, b) => b - a);
    expect(top).toBeGreaterThanOrEqual(150);
    expect(others.reduce((a, b) => a + b, 0)).toBeLessThan(5);
  });

  it('refuses an unknown anomaly by name', () => {
    expect(() => generate({ count: 10, anomalies: ['nope'] })).toThrow(/Unknown anomaly "nope"/);
  });
});
