import type { SimAccount } from '../province.type';
import { DAY_MS } from '../working-hours.util';
import type { CaseEnv } from './case-env.util';
import type { Injection } from './labelled-case.type';
import { WorkSession } from './work-session.util';

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
};

/** (1) Two days at 6-10 times the account's own volume, a third of it outside any dossier. */
export function volumeSpike(env: CaseEnv): Injection | undefined {
  const a = env.actor((x) => x.role === 'chuyen_vien' && (x.rate ?? 0) >= 10 && (x.rate ?? 0) <= 40);
  if (!a) return undefined;
  const first = env.workingDay(a.unit, 20, env.days - 20);
  const second = env.workingDay(a.unit, first + 3, first + 16);
  if (first < 0 || second < 0) return undefined;
  const factor = env.rng.int(6, 10);
  const spike = (day: number): boolean => day === first || day === second;
  return {
    accounts: [a],
    label: env.label(
      'volume-spike',
      [a],
      env.dayStart(first),
      env.dayStart(second) + DAY_MS,
      `Two days (${env.isoDate(first)}, ${env.isoDate(second)}) at ${factor} times the account's usual daily lookups, a third of them outside any dossier.`,
      { days: [env.isoDate(first), env.isoDate(second)], factor },
    ),
    factor: (_, day) => (spike(day) ? factor : 1),
    style: (_, day) => (spike(day) ? { unexplainedShare: 0.3 } : undefined),
  };
}

/** (1) One hour of 90-130 quick dossier lookups by an account that does a handful an hour. */
export function hourlyBurst(env: CaseEnv): Injection | undefined {
  const a = env.actor((x) => x.role === 'chuyen_vien' && (x.rate ?? 0) >= 8 && (x.rate ?? 0) <= 30);
  if (!a) return undefined;
  const day = env.workingDay(a.unit, 15, env.days - 10);
  if (day < 0) return undefined;
  const hour = env.rng.pick([8, 9, 14, 15]);
  const count = env.rng.int(90, 130);
  const from = env.at(day, hour);
  return {
    accounts: [a],
    label: env.label(
      'hourly-burst',
      [a],
      from,
      from + 3600_000,
      `${count} lookups within one hour (${hour}:00-${hour + 1}:00 on ${env.isoDate(day)}), each for a new dossier, by an account that does a few an hour.`,
      { count, day: env.isoDate(day), hour },
    ),
    extra: (ctx, d) => {
      if (d !== day) return [];
      const w = new WorkSession(ctx, a, from + ctx.rng.int(0, 60_000));
      w.session('login');
      const procedure = a.unit.procedures[0];
      const gap = Math.floor(3_300_000 / count);
      for (let i = 0; i < count; i++) {
        w.lookup(ctx.householdMembers()[0], procedure.fields, ctx.nextDossierCode(a, w.at), procedure.code, {
          unexplainedShare: 0,
          sensitiveShare: 0,
        });
        w.at += ctx.rng.int(gap / 2, gap);
      }
      w.session('logout');
      return [w.events];
    },
  };
}

/** (2) Six times the median volume of the same unit and role, every day, a fifth of it outside any dossier. */
export function peerOutlier(env: CaseEnv): Injection | undefined {
  const peersOf = (x: SimAccount): SimAccount[] => env.working(x).filter((p) => p !== x && p.role === x.role);
  const a = env.actor((x) => x.role === 'chuyen_vien' && peersOf(x).length >= 4 && (x.rate ?? 0) < 40);
  if (!a) return undefined;
  const peers = median(peersOf(a).map((p) => p.rate ?? 0));
  const factor = (6 * peers) / (a.rate ?? 1);
  return {
    accounts: [a],
    label: env.label(
      'peer-outlier',
      [a],
      env.start,
      env.dayStart(env.days),
      `About ${Math.round(6 * peers)} lookups a day for the whole period while the same role in the unit does ${Math.round(peers)} (median): six times its peers, a fifth outside any dossier.`,
      { peerMedianPerDay: Math.round(peers), perDay: Math.round(6 * peers) },
    ),
    factor: () => factor,
    style: () => ({ unexplainedShare: 0.2 }),
  };
}

/** (4) Volume rising smoothly over eight weeks to 4-5 times the start, never a jump from one day to the next. */
export function gradualGrowth(env: CaseEnv): Injection | undefined {
  const a = env.actor((x) => x.role === 'chuyen_vien' && (x.rate ?? 0) >= 10 && (x.rate ?? 0) <= 30);
  if (!a) return undefined;
  const from = env.rng.int(14, 28);
  const to = Math.min(env.days - 5, from + 56);
  if (to - from < 28) return undefined;
  const top = 4 + env.rng.next();
  const f = (day: number): number =>
    day < from ? 1 : 1 + (top - 1) * Math.min(1, (day - from) / (to - from));
  return {
    accounts: [a],
    label: env.label(
      'gradual-growth',
      [a],
      env.dayStart(from),
      env.dayStart(env.days),
      `Daily lookups grow steadily from ${env.isoDate(from)} to ${env.isoDate(to)}, reaching ${top.toFixed(1)} times the start, then stay there; no day is a jump.`,
      { growthFrom: env.isoDate(from), growthTo: env.isoDate(to), finalFactor: Number(top.toFixed(2)) },
    ),
    factor: (_, day) => f(day),
  };
}

/** (9) Silent for 62-75 days, then 4 times its old volume for six days, with many lookups outside dossiers. */
export function dormantWaking(env: CaseEnv): Injection | undefined {
  const a = env.actor((x) => x.role === 'chuyen_vien' && (x.rate ?? 0) >= 10);
  if (!a) return undefined;
  const silentFrom = env.rng.int(6, 12);
  const wake = env.workingDay(a.unit, silentFrom + env.rng.int(62, 70), env.days - 7);
  if (wake < 0) return undefined;
  const silentDays = wake - silentFrom;
  const awake = (day: number): boolean => day >= wake && day < wake + 6;
  return {
    accounts: [a],
    label: env.label(
      'dormant-waking',
      [a],
      env.dayStart(wake),
      env.dayStart(wake + 6),
      `No activity for ${silentDays} days (from ${env.isoDate(silentFrom)}), then six days at four times its former volume, 30% outside dossiers.`,
      { silentFrom: env.isoDate(silentFrom), silentDays, wake: env.isoDate(wake), factor: 4 },
    ),
    factor: (_, day) => (day >= silentFrom && day < wake ? 0 : awake(day) ? 4 : 1),
    style: (_, day) => (awake(day) ? { unexplainedShare: 0.3 } : undefined),
  };
}

/** (11) Three exports of 40,000-150,000 citizens in a week; peers export 50-5,000 now and then. */
export function bulkExport(env: CaseEnv): Injection | undefined {
  const a = env.actor((x) => x.role === 'chuyen_vien' && x.unit.kind === 'department');
  if (!a) return undefined;
  const d0 = env.workingDay(a.unit, 15, env.days - 15);
  if (d0 < 0) return undefined;
  const days = [d0, env.workingDay(a.unit, d0 + 1, d0 + 4), env.workingDay(a.unit, d0 + 4, d0 + 8)].filter(
    (d) => d >= 0,
  );
  const sizes = days.map(() => env.rng.int(40_000, 150_000));
  return {
    accounts: [a],
    label: env.label(
      'bulk-export',
      [a],
      env.dayStart(days[0]),
      env.dayStart(days[days.length - 1]) + DAY_MS,
      `${days.length} exports of ${sizes.join(', ')} citizen records within a week; exports of the province are 50 to 5,000 records.`,
      { subjectCounts: sizes.map(String), days: days.map((d) => env.isoDate(d)) },
    ),
    extra: (ctx, day) => {
      const i = days.indexOf(day);
      if (i < 0) return [];
      const w = new WorkSession(ctx, a, env.at(day, 15 + ctx.rng.next()));
      w.session('login');
      w.pause(40);
      w.export(sizes[i]);
      w.pause(30);
      w.session('logout');
      return [w.events];
    },
  };
}

/** (13) An account that keeps working as before after `lockAt`: a test locks it first; each later event is a breach. */
export function lockedAccountUse(env: CaseEnv): Injection | undefined {
  const a = env.actor();
  if (!a) return undefined;
  const lockDay = Math.max(1, Math.min(env.days - 10, Math.round(env.days / 2) + env.rng.int(-10, 10)));
  const lockAt = env.dayStart(lockDay);
  return {
    accounts: [a],
    label: env.label(
      'locked-account-use',
      [a],
      lockAt,
      env.dayStart(env.days),
      `Lock the account at ${env.isoDate(lockDay)} 00:00: it keeps signing in and looking up citizens as before, every event after is use of a locked account.`,
      { lockAt: new Date(lockAt).toISOString() },
    ),
  };
}
