import { personalId } from '../household.util';
import type { SimAccount } from '../province.type';
import { DAY_MS, localWeekday } from '../working-hours.util';
import type { CaseEnv } from './case-env.util';
import type { Injection } from './labelled-case.type';
import { OUTSIDE_NETWORKS } from './labelled-province.constant';
import { isPublicHoliday } from './work-calendar.util';
import { BARE_FIELDS, WorkSession, workSession } from './work-session.util';

/** (5) Over four weeks: five late nights, two Sundays and any public holiday, half the lookups outside dossiers. */
export function offHours(env: CaseEnv): Injection | undefined {
  const a = env.actor();
  if (!a || env.days < 35) return undefined;
  const holidays = [...Array(env.days).keys()].filter(
    (d) => d >= 7 && d < env.days - 7 && isPublicHoliday(env.dayStart(d)),
  );
  const from = holidays.length
    ? Math.max(0, env.rng.pick(holidays) - env.rng.int(3, 20))
    : env.rng.int(10, Math.max(10, env.days - 35));
  const to = Math.min(env.days, from + 28);
  const days = [...Array(to - from).keys()].map((i) => from + i);
  const sundays = days.filter((d) => localWeekday(env.dayStart(d)) === 0).slice(0, 2);
  const holidayDays = days
    .filter((d) => isPublicHoliday(env.dayStart(d)) && localWeekday(env.dayStart(d)) !== 0)
    .slice(0, 2);
  const nights = env.rng
    .sample(
      days.filter((d) => !sundays.includes(d) && !holidayDays.includes(d)),
      5,
    )
    .sort((x, y) => x - y);
  const when = new Map<number, number>();
  for (const d of nights) when.set(d, 21 + env.rng.next() * 2.5);
  for (const d of [...sundays, ...holidayDays]) when.set(d, 9 + env.rng.next() * 5);
  return {
    accounts: [a],
    label: env.label(
      'off-hours',
      [a],
      env.dayStart(from),
      env.dayStart(to) + 6 * 3600_000,
      `Works at night (21:00-01:00) on ${nights.length} days, on ${sundays.length} Sundays and ${holidayDays.length} public holidays in four weeks, half the lookups outside any dossier.`,
      {
        nights: nights.map((d) => env.isoDate(d)),
        sundays: sundays.map((d) => env.isoDate(d)),
        holidays: holidayDays.map((d) => env.isoDate(d)),
      },
    ),
    extra: (ctx, day) => {
      const hour = when.get(day);
      if (hour === undefined) return [];
      return [
        workSession(ctx, a, env.at(day, hour), ctx.rng.int(15, 40), {
          unexplainedShare: 0.5,
          sensitiveShare: 0,
        }).events,
      ];
    },
  };
}

/** (6) Three weeks in which about half of the lookups are outside any dossier (usually 1-2%). */
export function unexplainedLookups(env: CaseEnv): Injection | undefined {
  const a = env.actor((x) => x.role === 'chuyen_vien' && (x.rate ?? 0) >= 10);
  if (!a || env.days < 50) return undefined;
  const from = env.rng.int(20, env.days - 25);
  const to = from + 21;
  const inside = (day: number): boolean => day >= from && day < to;
  return {
    accounts: [a],
    label: env.label(
      'unexplained-lookups',
      [a],
      env.dayStart(from),
      env.dayStart(to),
      'For three weeks, about half of its lookups are made without any dossier (three steps of its work in four; its usual share of lookups is 1-2%), at 1.2 times its volume.',
      { unexplainedStepShare: 0.75, usualStepShare: 0.03 },
    ),
    factor: (_, day) => (inside(day) ? 1.2 : 1),
    style: (_, day) => (inside(day) ? { unexplainedShare: 0.75 } : undefined),
  };
}

/** (7) One session walking through 150-300 consecutive personal IDs (now and then skipping one or two). */
export function enumerationSequential(env: CaseEnv): Injection | undefined {
  const a = env.actor();
  if (!a) return undefined;
  const day = env.workingDay(a.unit, 10, env.days - 5);
  if (day < 0) return undefined;
  const count = env.rng.int(150, 300);
  const first = personalId('052', env.rng.int(1960, 1999), env.rng.chance(0.5), env.rng);
  const prefix = first.slice(0, 6);
  const serial = Math.min(Number(first.slice(6)), 999_999 - 2 * count);
  const ids: string[] = [];
  for (let n = serial, i = 0; i < count; i++, n += env.rng.chance(0.12) ? env.rng.int(2, 3) : 1)
    ids.push(prefix + String(n).padStart(6, '0'));
  const from = env.at(day, 14 + env.rng.next());
  return {
    accounts: [a],
    label: env.label(
      'enumeration-sequential',
      [a],
      from,
      from + 3 * 3600_000,
      `${count} lookups of consecutive personal IDs (${ids[0]} to ${ids[count - 1]}, a few skipped) in one session, without any dossier.`,
      { count, firstSubjectId: ids[0], lastSubjectId: ids[count - 1] },
    ),
    extra: (ctx, d) => {
      if (d !== day) return [];
      const w = new WorkSession(ctx, a, from);
      w.session('login');
      for (const id of ids) {
        w.pause(4, 2);
        // Numbers nobody holds come back not found: enumeration hits many of them.
        w.add({
          action: 'lookup',
          subjectId: id,
          fields: BARE_FIELDS,
          dossierCode: null,
          procedureCode: null,
          result: ctx.rng.chance(0.35) ? 'not_found' : 'success',
        });
      }
      w.session('logout');
      return [w.events];
    },
  };
}

/** (7) 300-450 distinct citizens in about 40 minutes, none for a dossier. */
export function enumerationDistinct(env: CaseEnv): Injection | undefined {
  const a = env.actor();
  if (!a) return undefined;
  const day = env.workingDay(a.unit, 10, env.days - 5);
  if (day < 0) return undefined;
  const count = env.rng.int(300, 450);
  const from = env.at(day, 9 + env.rng.next());
  return {
    accounts: [a],
    label: env.label(
      'enumeration-distinct',
      [a],
      from,
      from + 3600_000,
      `${count} distinct citizens looked up within about 40 minutes on ${env.isoDate(day)}, none for a dossier.`,
      { count },
    ),
    extra: (ctx, d) => {
      if (d !== day) return [];
      const w = new WorkSession(ctx, a, from);
      w.session('login');
      const gap = Math.floor(2_400_000 / count);
      for (let i = 0; i < count; i++) {
        w.at += ctx.rng.int(gap / 2, gap + gap / 2);
        w.lookup(ctx.householdMembers()[0], BARE_FIELDS, null, null, {
          unexplainedShare: 0,
          sensitiveShare: 0,
        });
      }
      w.session('logout');
      return [w.events];
    },
  };
}

const outsideAddress = (env: CaseEnv, network: number): string =>
  `${OUTSIDE_NETWORKS[network]}${env.rng.int(10, 250)}`;

/** (8) Three working days of ordinary work from an address outside the unit's network, never used before. */
export function foreignNetwork(env: CaseEnv): Injection | undefined {
  const a = env.actor((x) => x.role === 'chuyen_vien' && (x.rate ?? 0) >= 8);
  if (!a) return undefined;
  const d0 = env.workingDay(a.unit, 20, env.days - 15);
  const d1 = env.workingDay(a.unit, d0 + 1, d0 + 12);
  const d2 = env.workingDay(a.unit, d1 + 1, d1 + 12);
  if (Math.min(d0, d1, d2) < 0) return undefined;
  const ip = outsideAddress(env, 0);
  const days = [d0, d1, d2];
  return {
    accounts: [a],
    label: env.label(
      'foreign-network',
      [a],
      env.dayStart(d0),
      env.dayStart(d2) + DAY_MS,
      `All sessions of ${days.map((d) => env.isoDate(d)).join(', ')} come from ${ip}, outside the unit's network ${a.unit.subnet.prefix}* and never used by the account before.`,
      { clientIp: ip, days: days.map((d) => env.isoDate(d)) },
    ),
    style: (_, day) => (days.includes(day) ? { clientIp: ip } : undefined),
  };
}

/** (8) On two days, a session from outside the unit runs while the office machine is signed in. */
export function concurrentNetworks(env: CaseEnv): Injection | undefined {
  const a = env.actor((x) => x.role === 'chuyen_vien');
  if (!a) return undefined;
  const d0 = env.workingDay(a.unit, 20, env.days - 15);
  const d1 = env.workingDay(a.unit, d0 + 2, d0 + 16);
  if (d0 < 0 || d1 < 0) return undefined;
  const ip = outsideAddress(env, 1);
  return {
    accounts: [a],
    label: env.label(
      'concurrent-networks',
      [a],
      env.at(d0, 9),
      env.at(d1, 11),
      `On ${env.isoDate(d0)} and ${env.isoDate(d1)} from 09:00, the account works from its office machine ${a.clientIp} and at the same time from ${ip}.`,
      { clientIp: ip, days: [env.isoDate(d0), env.isoDate(d1)] },
    ),
    extra: (ctx, day) => {
      if (day !== d0 && day !== d1) return [];
      const style = { unexplainedShare: 0.03, sensitiveShare: 0 };
      return [
        workSession(ctx, a, env.at(day, 9), 25, style).events,
        workSession(ctx, a, env.at(day, 9.1), 25, { ...style, clientIp: ip }).events,
      ];
    },
  };
}

/** (10) Two weeks in which most lookups also return sensitive fields (religion, criminal record, biometrics) no procedure of the unit needs. */
export function sensitiveFields(env: CaseEnv): Injection | undefined {
  const a = env.actor((x) => x.role === 'chuyen_vien' && x.unit.kind === 'commune' && (x.rate ?? 0) >= 8);
  if (!a || env.days < 40) return undefined;
  const from = env.rng.int(20, env.days - 20);
  const to = from + 14;
  const inside = (day: number): boolean => day >= from && day < to;
  return {
    accounts: [a],
    label: env.label(
      'sensitive-fields',
      [a],
      env.dayStart(from),
      env.dayStart(to),
      "For two weeks, 60% of its lookups also return 2-3 sensitive fields (religion, criminalRecord, fingerprints, faceImage, ethnicity) that the dossier's procedure does not need.",
      { sensitiveShare: 0.6 },
    ),
    style: (_, day) => (inside(day) ? { sensitiveShare: 0.6 } : undefined),
  };
}

/** (12) One citizen looked up within an hour by four accounts of four units, none for a dossier. */
export function crossUnitCitizen(env: CaseEnv): Injection | undefined {
  const actors: SimAccount[] = [];
  for (let i = 0; i < 4; i++) {
    const a = env.actor(
      (x) =>
        x.role !== 'service' && x.role !== 'nhan_vien_buu_chinh' && !actors.some((y) => y.unit === x.unit),
    );
    if (a) actors.push(a);
  }
  if (actors.length < 4) return undefined;
  const day = env.workingDay(actors[0].unit, 10, env.days - 5);
  if (day < 0) return undefined;
  const subject = personalId('052', env.rng.int(1970, 2000), env.rng.chance(0.5), env.rng);
  const from = env.at(day, 14 + env.rng.next());
  const offsets = actors.map((_, i) => i * 12 * 60_000 + env.rng.int(0, 5 * 60_000));
  return {
    accounts: actors,
    label: env.label(
      'cross-unit-citizen',
      actors,
      from,
      from + 3600_000,
      `Citizen ${subject} looked up without a dossier by ${actors.length} accounts of ${actors.length} different units within an hour on ${env.isoDate(day)}.`,
      { subjectId: subject },
    ),
    extra: (ctx, d) => {
      if (d !== day) return [];
      return actors.map((a, i) => {
        const w = new WorkSession(ctx, a, from + offsets[i]);
        w.session('login');
        w.pause(20);
        w.add({
          action: 'lookup',
          subjectId: subject,
          fields: [...BARE_FIELDS, 'permanentResidence', 'phone'],
          dossierCode: null,
          procedureCode: null,
          result: 'success',
        });
        w.pause(30);
        w.session('logout');
        return w.events;
      });
    },
  };
}
