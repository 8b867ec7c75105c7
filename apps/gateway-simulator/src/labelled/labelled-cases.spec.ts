import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { QUERY_LOG_EVENT_V1_SCHEMA, QueryLogEventV1 } from '@app/contracts';
import type { CaseLabel } from './labelled-case.type';
import { LabelledProvinceGenerator } from './labelled-generator.service';
import { SENSITIVE_FIELDS } from './labelled-province.constant';
import { PUBLIC_HOLIDAYS } from './work-calendar.util';

const DAY_MS = 86_400_000;
const localDay = (e: QueryLogEventV1): string => e.occurredAt.slice(0, 10);
const localHour = (e: QueryLogEventV1): number =>
  Number(e.occurredAt.slice(11, 13)) + Number(e.occurredAt.slice(14, 16)) / 60;
const weekday = (day: string): number => new Date(`${day}T00:00:00Z`).getUTCDay();
const isLookup = (e: QueryLogEventV1): boolean => e.action === 'lookup' || e.action === 'verify';
const inWindow = (e: QueryLogEventV1, l: CaseLabel): boolean =>
  Date.parse(e.occurredAt) >= Date.parse(l.from) && Date.parse(e.occurredAt) < Date.parse(l.to);
const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? 0;

/**
 * One 120-day labelled province (a smaller one, at a quarter of the rates, so the suite stays quick), streamed
 * once: the events of labelled accounts are kept, everyone's daily lookups counted.
 */
describe('labelled province cases', () => {
  const sut = new LabelledProvinceGenerator({
    seed: 'cases',
    days: 120,
    scale: 0.25,
    units: 70,
    accounts: 500,
  });
  const of = (kind: string): CaseLabel => {
    const l = sut.labels.find((x) => x.kind === kind);
    if (!l) throw new Error(`no ${kind} case`);
    return l;
  };
  const labelled = new Set(
    sut.labels.filter((l) => l.kind !== 'benign:saturday-unit').flatMap((l) => l.accountIds),
  );
  const byAccount = new Map<string, QueryLogEventV1[]>();
  const daily = new Map<string, Map<string, number>>();
  const saturdayDaytime = new Set<string>();
  const outsideUsers = new Map<string, Set<string>>();
  let invalid: unknown[] = [];
  let total = 0;
  let largestOtherExport = 0;
  const eventsOf = (id: string): QueryLogEventV1[] => byAccount.get(id) ?? [];
  const lookupsPerDay = (id: string): Map<string, number> => daily.get(id) ?? new Map();

  beforeAll(() => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(QUERY_LOG_EVENT_V1_SCHEMA);
    for (const e of sut) {
      total++;
      if (!validate(e) && invalid.length < 3) invalid = [...invalid, { e, errors: validate.errors }];
      if (labelled.has(e.accountId)) {
        if (!byAccount.has(e.accountId)) byAccount.set(e.accountId, []);
        byAccount.get(e.accountId)!.push(e);
      } else if (e.action === 'export')
        largestOtherExport = Math.max(largestOtherExport, e.subjectCount ?? 0);
      if (isLookup(e)) {
        const days = daily.get(e.accountId) ?? new Map<string, number>();
        days.set(localDay(e), (days.get(localDay(e)) ?? 0) + 1);
        daily.set(e.accountId, days);
      }
      if (weekday(localDay(e)) === 6 && localHour(e) >= 7 && localHour(e) < 12)
        saturdayDaytime.add(e.accountId);
      if (/^(203\.0\.113|198\.51\.100)\./.test(e.clientIp))
        outsideUsers.set(e.clientIp, (outsideUsers.get(e.clientIp) ?? new Set()).add(e.accountId));
    }
  }, 180_000);

  it('streams a whole province of contract-valid events', () => {
    expect(invalid).toEqual([]);
    expect(total).toBeGreaterThan(300_000);
    expect(daily.size).toBeGreaterThan(400);
  });

  it('volume spike: the spike days hold several times the account’s usual daily lookups', () => {
    const l = of('volume-spike');
    const days = lookupsPerDay(l.accountIds[0]);
    const spikes = (l.params.days as string[]).map((d) => days.get(d) ?? 0);
    const usual = median(
      [...days]
        .filter(([d]) => !(l.params.days as string[]).includes(d) && weekday(d) !== 6)
        .map(([, n]) => n),
    );
    expect(Math.min(...spikes)).toBeGreaterThan(3.5 * usual);
  });

  it('hourly burst: 90+ lookups within its hour', () => {
    const l = of('hourly-burst');
    expect(
      eventsOf(l.accountIds[0]).filter((e) => isLookup(e) && inWindow(e, l)).length,
    ).toBeGreaterThanOrEqual(90);
  });

  it('peer outlier: several times the median of the same unit and role, every day', () => {
    const l = of('peer-outlier');
    const a = sut.province.accounts.find((x) => x.accountId === l.accountIds[0])!;
    const peers = sut.province.accounts.filter(
      (p) => p.unit === a.unit && p.role === a.role && p !== a && p.rate,
    );
    const sum = (id: string): number => [...lookupsPerDay(id).values()].reduce((x, y) => x + y, 0);
    expect(sum(a.accountId)).toBeGreaterThan(4 * median(peers.map((p) => sum(p.accountId))));
  });

  it('gradual growth: the last weeks hold several times the first, with no day far above the days before it', () => {
    const l = of('gradual-growth');
    const days = [...lookupsPerDay(l.accountIds[0])]
      .filter(([d]) => weekday(d) !== 6)
      .sort(([x], [y]) => x.localeCompare(y));
    const before = days.filter(([d]) => d < (l.params.growthFrom as string)).map(([, n]) => n);
    const last = days.slice(-10).map(([, n]) => n);
    expect(median(last)).toBeGreaterThan(2.5 * median(before));
    const grown = days.filter(([d]) => d >= (l.params.growthFrom as string));
    for (let i = 10; i < grown.length; i++)
      expect(grown[i][1]).toBeLessThan(2.5 * median(grown.slice(i - 10, i).map(([, n]) => n)) + 8);
  });

  it('off hours: sessions at night, on Sundays and on public holidays inside its window', () => {
    const l = of('off-hours');
    const odd = eventsOf(l.accountIds[0]).filter(
      (e) =>
        inWindow(e, l) &&
        (localHour(e) >= 21 ||
          localHour(e) < 6 ||
          weekday(localDay(e)) === 0 ||
          PUBLIC_HOLIDAYS.includes(localDay(e))),
    );
    expect(odd.filter((e) => localHour(e) >= 21 || localHour(e) < 6).length).toBeGreaterThan(30);
    for (const day of [...(l.params.sundays as string[]), ...(l.params.holidays as string[])])
      expect(odd.filter((e) => localDay(e) === day).length).toBeGreaterThan(10);
    expect((l.params.sundays as string[]).every((d) => weekday(d) === 0)).toBe(true);
    expect((l.params.holidays as string[]).every((d) => PUBLIC_HOLIDAYS.includes(d))).toBe(true);
  });

  it('unexplained lookups: far more lookups without a dossier in its window than outside it', () => {
    const l = of('unexplained-lookups');
    const share = (events: QueryLogEventV1[]): number =>
      events.filter((e) => !e.dossierCode).length / events.length;
    const lookups = eventsOf(l.accountIds[0]).filter((e) => e.action === 'lookup');
    expect(share(lookups.filter((e) => inWindow(e, l)))).toBeGreaterThan(0.4);
    expect(share(lookups.filter((e) => !inWindow(e, l)))).toBeLessThan(0.1);
  });

  it('enumeration: consecutive personal IDs in one session, or hundreds of distinct citizens within the hour', () => {
    const seq = of('enumeration-sequential');
    const ids = eventsOf(seq.accountIds[0])
      .filter((e) => inWindow(e, seq) && !e.dossierCode && e.action === 'lookup')
      .map((e) => e.subjectId!);
    expect(ids.length).toBe(seq.params.count);
    expect(ids[0]).toBe(seq.params.firstSubjectId);
    const steps = ids.slice(1).map((id, i) => Number(id) - Number(ids[i]));
    expect(steps.every((s) => s >= 1 && s <= 3)).toBe(true);
    expect(steps.filter((s) => s === 1).length / steps.length).toBeGreaterThan(0.8);
    const distinct = of('enumeration-distinct');
    const seen = new Set(
      eventsOf(distinct.accountIds[0])
        .filter((e) => inWindow(e, distinct) && isLookup(e) && !e.dossierCode)
        .map((e) => e.subjectId),
    );
    expect(seen.size).toBeGreaterThanOrEqual(290);
  });

  it('unusual network: an outside address only that account ever used, and two networks at the same time', () => {
    const foreign = of('foreign-network');
    const ip = foreign.params.clientIp as string;
    const mine = eventsOf(foreign.accountIds[0]);
    expect(mine.filter((e) => e.clientIp === ip).every((e) => inWindow(e, foreign))).toBe(true);
    expect(new Set(mine.filter((e) => e.clientIp === ip).map(localDay))).toEqual(
      new Set(foreign.params.days as string[]),
    );
    expect([...(outsideUsers.get(ip) ?? [])]).toEqual(foreign.accountIds);
    const both = of('concurrent-networks');
    for (const day of both.params.days as string[]) {
      const span = (events: QueryLogEventV1[]): [number, number] => [
        Date.parse(events[0].occurredAt),
        Date.parse(events[events.length - 1].occurredAt),
      ];
      const todays = eventsOf(both.accountIds[0]).filter((e) => localDay(e) === day && localHour(e) < 11);
      const [outFrom, outTo] = span(todays.filter((e) => e.clientIp === both.params.clientIp));
      const [inFrom, inTo] = span(todays.filter((e) => e.clientIp !== both.params.clientIp));
      expect(outFrom).toBeLessThan(inTo);
      expect(inFrom).toBeLessThan(outTo);
    }
  });

  it('dormant account: silent 60+ days, then working at volume', () => {
    const l = of('dormant-waking');
    const events = eventsOf(l.accountIds[0]);
    const silentFrom = Date.parse(`${l.params.silentFrom as string}T00:00:00+07:00`);
    expect(
      events.filter(
        (e) => Date.parse(e.occurredAt) >= silentFrom && Date.parse(e.occurredAt) < Date.parse(l.from),
      ),
    ).toEqual([]);
    const before = events.filter((e) => Date.parse(e.occurredAt) < silentFrom);
    const awake = events.filter((e) => inWindow(e, l));
    expect(before.length).toBeGreaterThan(0);
    expect(
      (Date.parse(awake[0].occurredAt) - Date.parse(before[before.length - 1].occurredAt)) / DAY_MS,
    ).toBeGreaterThan(60);
    expect(awake.filter(isLookup).length / 6).toBeGreaterThan(
      2 * (before.filter(isLookup).length / new Set(before.map(localDay)).size),
    );
  });

  it('sensitive fields: most lookups in its window return sensitive fields beyond the procedure, none outside', () => {
    const l = of('sensitive-fields');
    const sensitive = (e: QueryLogEventV1): boolean =>
      (e.fields ?? []).some((f) => (SENSITIVE_FIELDS as readonly string[]).includes(f));
    const lookups = eventsOf(l.accountIds[0]).filter((e) => e.action === 'lookup' && e.result === 'success');
    const inside = lookups.filter((e) => inWindow(e, l));
    expect(inside.filter(sensitive).length / inside.length).toBeGreaterThan(0.4);
    expect(lookups.filter((e) => !inWindow(e, l) && sensitive(e))).toEqual([]);
  });

  it('bulk export: extracts of tens of thousands of records where everyone else exports a few thousand at most', () => {
    const l = of('bulk-export');
    const exports = eventsOf(l.accountIds[0]).filter(
      (e) => e.action === 'export' && (e.subjectCount ?? 0) >= 40_000,
    );
    expect(exports.length).toBe((l.params.subjectCounts as string[]).length);
    expect(largestOtherExport).toBeLessThanOrEqual(5000);
  });

  it('one citizen looked up by accounts of four units, without dossiers, within the hour', () => {
    const l = of('cross-unit-citizen');
    const hits = l.accountIds.flatMap((id) =>
      eventsOf(id).filter((e) => e.subjectId === l.params.subjectId && inWindow(e, l)),
    );
    expect(hits.every((e) => !e.dossierCode)).toBe(true);
    expect(new Set(hits.map((e) => e.unitCode)).size).toBe(4);
  });

  it('locked account still in use: events after the date to lock it at', () => {
    const l = of('locked-account-use');
    expect(
      eventsOf(l.accountIds[0]).filter(
        (e) => Date.parse(e.occurredAt) >= Date.parse(l.params.lockAt as string),
      ).length,
    ).toBeGreaterThan(20);
  });

  it('unit surge: every member of the unit works well above its own usual volume in the campaign week', () => {
    const l = of('benign:unit-surge');
    const unit = sut.province.accounts
      .filter((a) => a.unit.code === l.params.unitCode && a.rate)
      .map((a) => a.accountId);
    expect([...l.accountIds].sort()).toEqual(unit.sort());
    const week = (id: string): number => eventsOf(id).filter((e) => isLookup(e) && inWindow(e, l)).length;
    const before = (id: string): number =>
      eventsOf(id).filter(
        (e) =>
          isLookup(e) &&
          Date.parse(e.occurredAt) < Date.parse(l.from) &&
          Date.parse(e.occurredAt) >= Date.parse(l.from) - 28 * DAY_MS,
      ).length / 4;
    expect(unit.filter((id) => week(id) < 1.8 * before(id))).toEqual([]);
  });

  it('hard cases: steady heavy postal clerks, new staff without history, leave without a trace, rare evening work, a new machine in the unit network, Saturday desks only where open', () => {
    const postal = of('benign:heavy-postal');
    const perDay = [...lookupsPerDay(postal.accountIds[0]).entries()]
      .filter(([d]) => weekday(d) !== 6)
      .map(([, n]) => n);
    // Steady: no day doubles the usual, none falls near nothing.
    expect(Math.max(...perDay)).toBeLessThan(2 * median(perDay));
    expect(Math.min(...perDay)).toBeGreaterThan(0.3 * median(perDay));
    const staff = of('benign:new-staff');
    expect(
      eventsOf(staff.accountIds[0]).filter((e) => localDay(e) < (staff.params.createdOn as string)),
    ).toEqual([]);
    expect(eventsOf(staff.accountIds[0]).length).toBeGreaterThan(20);
    const away = of('benign:leave');
    const onLeave = (e: QueryLogEventV1): boolean =>
      localDay(e) >= (away.params.leaveFrom as string) && localDay(e) < (away.params.leaveTo as string);
    expect(eventsOf(away.accountIds[0]).filter(onLeave)).toEqual([]);
    expect(
      eventsOf(away.accountIds[0]).filter((e) => localDay(e) >= (away.params.leaveTo as string)).length,
    ).toBeGreaterThan(0);
    const evening = of('benign:evening-work');
    const late = eventsOf(evening.accountIds[0]).filter((e) => localHour(e) >= 18.5);
    expect(new Set(late.map(localDay))).toEqual(new Set(evening.params.days as string[]));
    expect(late.filter((e) => e.action === 'lookup').every((e) => e.dossierCode)).toBe(true);
    const moved = of('benign:address-change');
    const movedEvents = eventsOf(moved.accountIds[0]);
    const from = moved.params.from as string;
    expect(new Set(movedEvents.filter((e) => localDay(e) < from).map((e) => e.clientIp))).toEqual(
      new Set([moved.params.previousIp]),
    );
    expect(new Set(movedEvents.filter((e) => localDay(e) >= from).map((e) => e.clientIp))).toEqual(
      new Set([moved.params.clientIp]),
    );
    const prefix = (ip: unknown): string => String(ip).replace(/[0-9a-f]+$/, '');
    expect(prefix(moved.params.clientIp)).toBe(prefix(moved.params.previousIp));
    const saturdayUnits = new Set(
      sut.labels.filter((l) => l.kind === 'benign:saturday-unit').flatMap((l) => l.accountIds),
    );
    expect(saturdayUnits.size).toBeGreaterThan(0);
    expect([...saturdayDaytime].filter((id) => !saturdayUnits.has(id) && !labelled.has(id))).toEqual([]);
    expect([...saturdayUnits].some((id) => saturdayDaytime.has(id))).toBe(true);
  });
});
