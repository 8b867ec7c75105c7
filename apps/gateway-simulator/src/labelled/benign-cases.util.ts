import type { SimAccount, SimUnit } from '../province.type';
import type { CaseEnv } from './case-env.util';
import type { Injection } from './labelled-case.type';
import { newAccount } from './labelled-province.util';
import { workSession } from './work-session.util';

/** A unit-wide campaign (a mobile ID-card drive): every working member at three times the volume for a week. */
export function unitSurge(env: CaseEnv): Injection | undefined {
  const candidates = env.province.units.filter(
    (u) =>
      (u.kind === 'police' || u.kind === 'commune') &&
      env.isFreeUnit(u) &&
      env.province.accounts.filter((a) => a.unit === u && (a.rate ?? 0) > 0).length >= 4,
  );
  if (!candidates.length) return undefined;
  const unit = env.rng.pick(candidates);
  const members = env.province.accounts.filter((a) => a.unit === unit && (a.rate ?? 0) > 0);
  env.take(members, unit);
  const from = env.workingDay(unit, 20, env.days - 14);
  if (from < 0) return undefined;
  const to = from + 7;
  const campaign =
    unit.kind === 'police' ? 'Đợt cấp căn cước lưu động' : 'Đợt rà soát, cập nhật dữ liệu dân cư';
  return {
    accounts: members,
    label: env.label(
      'benign:unit-surge',
      members,
      env.dayStart(from),
      env.dayStart(to),
      `Registered campaign "${campaign}" of ${unit.name}: all ${members.length} working members look up three times their usual volume for a week, all for dossiers.`,
      { campaign, unitCode: unit.code, factor: 3 },
    ),
    factor: (_, day) => (day >= from && day < to ? 3 : 1),
  };
}

/** Postal clerks at a busy counter: three and a half times the usual postal volume, every working day, all for dossiers. */
export function heavyPostal(env: CaseEnv): Injection | undefined {
  const units = env.province.units.filter(
    (u) =>
      u.kind === 'post_office' &&
      env.isFreeUnit(u) &&
      env.province.accounts.filter((a) => a.unit === u && (a.rate ?? 0) > 0).length >= 3,
  );
  if (!units.length) return undefined;
  const unit = env.rng.pick(units);
  const clerks = env.rng.sample(
    env.province.accounts.filter((a) => a.unit === unit && (a.rate ?? 0) > 0),
    2,
  );
  env.take(clerks);
  return {
    accounts: clerks,
    label: env.label(
      'benign:heavy-postal',
      clerks,
      env.start,
      env.dayStart(env.days),
      `Clerks of the busy counter of ${unit.name}: about ${Math.round((clerks[0].rate ?? 0) * 3.5)} lookups a day, steady for the whole period, all for postal dossiers.`,
      { factor: 3.5 },
    ),
    factor: () => 3.5,
  };
}

/** Staff who join during the run: no history, half their pace in the first week, then ordinary work. */
export function newStaff(env: CaseEnv, taken: Set<string>): Injection | undefined {
  const units = env.province.units.filter(
    (u) => (u.kind === 'commune' || u.kind === 'department') && env.isFreeUnit(u),
  );
  if (!units.length) return undefined;
  const unit: SimUnit = env.rng.pick(units);
  const host = 200 + env.province.accounts.filter((a) => a.unit === unit && (a.firstDay ?? -1) >= 0).length;
  const a: SimAccount = newAccount(env.rng, unit, 'chuyen_vien', host, taken);
  const firstDay = env.workingDay(unit, 20, env.days - 25);
  if (firstDay < 0) return undefined;
  // Created in the morning of the first day; never signed in before.
  Object.assign(a, {
    status: 'active',
    activity: 1,
    rate: Math.max(a.rate ?? 0, 10),
    firstDay,
    ageDays: -firstDay - 0.35,
    idleDays: -firstDay - 0.35,
  });
  env.province.accounts.push(a);
  env.take([a]);
  return {
    accounts: [a],
    label: env.label(
      'benign:new-staff',
      [a],
      env.dayStart(firstDay),
      env.dayStart(Math.min(env.days, firstDay + 28)),
      `New official of ${unit.name}, created on ${env.isoDate(firstDay)}: no history before, half pace for the first week, then ordinary work.`,
      { createdOn: env.isoDate(firstDay) },
    ),
    factor: (_, day) => (day < firstDay ? 0 : day < firstDay + 7 ? 0.5 : 1),
  };
}

/** Weeks of leave (2-5), then ordinary work again: a silence well short of 60 days. */
export function leave(env: CaseEnv): Injection | undefined {
  const a = env.actor((x) => x.role === 'chuyen_vien' || x.role === 'van_thu');
  if (!a || env.days < 60) return undefined;
  const from = env.rng.int(10, env.days - 50);
  const weeks = env.rng.int(2, 5);
  const to = from + 7 * weeks;
  return {
    accounts: [a],
    label: env.label(
      'benign:leave',
      [a],
      env.dayStart(from),
      env.dayStart(Math.min(env.days, to + 14)),
      `On leave for ${weeks} weeks from ${env.isoDate(from)}, then back at the usual volume.`,
      { leaveFrom: env.isoDate(from), leaveTo: env.isoDate(to), weeks },
    ),
    factor: (_, day) => (day >= from && day < to ? 0 : 1),
  };
}

/** A department head who finishes a few urgent dossiers in the evening, two or three times in the period. */
export function eveningWork(env: CaseEnv): Injection | undefined {
  const a = env.actor((x) => x.role === 'lanh_dao' && x.unit.kind === 'department');
  if (!a) return undefined;
  const days: number[] = [];
  for (let i = 0, d = 10; i < env.rng.int(2, 3); i++) {
    d = env.workingDay(a.unit, d + 10, d + 40);
    if (d < 0) break;
    days.push(d);
  }
  if (!days.length) return undefined;
  return {
    accounts: [a],
    label: env.label(
      'benign:evening-work',
      [a],
      env.dayStart(days[0]),
      env.dayStart(days[days.length - 1] + 1),
      `Department head finishing urgent dossiers between 18:30 and 20:30 on ${days.map((d) => env.isoDate(d)).join(', ')}; all lookups for dossiers.`,
      { days: days.map((d) => env.isoDate(d)) },
    ),
    extra: (ctx, day) =>
      days.includes(day)
        ? [
            workSession(ctx, a, env.at(day, 18.5 + ctx.rng.next()), ctx.rng.int(3, 8), {
              unexplainedShare: 0,
              sensitiveShare: 0,
            }).events,
          ]
        : [],
  };
}

/** A new office machine: from one day on, the account works from another address of its unit's network. */
export function addressChange(env: CaseEnv): Injection | undefined {
  const a = env.actor((x) => x.role !== 'service');
  if (!a) return undefined;
  const from = env.workingDay(a.unit, 15, env.days - 10);
  if (from < 0) return undefined;
  // Hosts 150-199 are free: ordinary accounts take low numbers, new staff 200 and up.
  const host = 150 + env.rng.int(0, 49);
  const ip = a.unit.subnet.v6
    ? `${a.unit.subnet.prefix}${host.toString(16)}`
    : `${a.unit.subnet.prefix}${host}`;
  return {
    accounts: [a],
    label: env.label(
      'benign:address-change',
      [a],
      env.dayStart(from),
      env.dayStart(env.days),
      `New office machine from ${env.isoDate(from)}: the account moves from ${a.clientIp} to ${ip}, inside its unit's network, and keeps working as usual.`,
      { previousIp: a.clientIp, clientIp: ip, from: env.isoDate(from) },
    ),
    style: (_, day) => (day >= from ? { clientIp: ip } : undefined),
  };
}

/** Each commune desk open on Saturday mornings, labelled so that its Saturday work is known to be legitimate. */
export function saturdayUnits(env: CaseEnv, share: number): Injection[] {
  const communes = env.province.units.filter((u) => u.kind === 'commune');
  // A mix may open more desks on Saturdays than the province drew.
  for (const u of communes)
    if (!u.saturdayMorning && env.rng.chance(Math.max(0, share - 0.125))) u.saturdayMorning = true;
  return communes
    .filter((u) => u.saturdayMorning)
    .map((u) => {
      const members = env.province.accounts.filter((a) => a.unit === u && (a.rate ?? 0) > 0);
      return { u, members };
    })
    .filter(({ members }) => members.length)
    .map(({ u, members }) => ({
      accounts: members,
      label: env.label(
        'benign:saturday-unit',
        members,
        env.start,
        env.dayStart(env.days),
        `${u.name} opens its one-stop desk on Saturday mornings (07:30-11:30): its members work then.`,
        { unitCode: u.code },
      ),
    }));
}
