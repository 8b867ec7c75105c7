import type { Province, SimAccount, SimUnit } from '../province.type';
import { SeededRandom } from '../random.util';
import { DAY_MS, formatOccurredAt } from '../working-hours.util';
import type { BenignKind, CaseLabel, CaseParams, MisuseKind } from './labelled-case.type';
import { BENIGN_DETECTOR, MISUSE_DETECTOR } from './labelled-case.type';
import { localIsoDate, nextWorkingDay } from './work-calendar.util';

/** What the case builders share: the province, the run's days, seeded choices, actors not taken yet. */
export class CaseEnv {
  private readonly taken = new Set<SimAccount>();
  private readonly takenUnits = new Set<SimUnit>();
  private serial = 0;

  constructor(
    readonly province: Province,
    readonly rng: SeededRandom,
    /** UTC ms of local midnight of day 0. */
    readonly start: number,
    readonly days: number,
  ) {}

  dayStart(day: number): number {
    return this.start + day * DAY_MS;
  }

  /** Instant at local hh:mm (fractional hours) of the day. */
  at(day: number, hours: number): number {
    return this.dayStart(day) + Math.round(hours * 3600_000);
  }

  isoDate(day: number): string {
    return localIsoDate(this.dayStart(day));
  }

  /** An ordinary working account nobody else's case uses, preferring the filter; marks it taken. */
  actor(filter: (a: SimAccount) => boolean = (a) => a.role === 'chuyen_vien'): SimAccount | undefined {
    const free = this.province.accounts.filter(
      (a) =>
        (a.rate ?? 0) > 0 &&
        a.firstDay === undefined &&
        !this.taken.has(a) &&
        !this.takenUnits.has(a.unit) &&
        filter(a),
    );
    if (!free.length) return undefined;
    const chosen = this.rng.pick(free);
    this.taken.add(chosen);
    return chosen;
  }

  take(accounts: SimAccount[], unit?: SimUnit): void {
    for (const a of accounts) this.taken.add(a);
    if (unit) this.takenUnits.add(unit);
  }

  isFreeUnit(unit: SimUnit): boolean {
    return (
      !this.takenUnits.has(unit) && !this.province.accounts.some((a) => a.unit === unit && this.taken.has(a))
    );
  }

  /** A full working day of the unit in [from, to), random; -1 when none. */
  workingDay(unit: SimUnit, from: number, to: number): number {
    const lo = Math.max(0, from);
    const hi = Math.min(this.days, to);
    if (hi <= lo) return -1;
    const first = nextWorkingDay(unit, this.start, lo + this.rng.int(0, Math.max(0, hi - lo - 1)), hi);
    return first >= 0 ? first : nextWorkingDay(unit, this.start, lo, hi);
  }

  working(account: SimAccount): SimAccount[] {
    return this.province.accounts.filter((a) => a.unit === account.unit && (a.rate ?? 0) > 0);
  }

  label(
    kind: MisuseKind | `benign:${BenignKind}`,
    accounts: SimAccount[],
    from: number,
    to: number,
    description: string,
    params: CaseParams = {},
  ): CaseLabel {
    const detector = kind.startsWith('benign:')
      ? BENIGN_DETECTOR[kind.slice(7) as BenignKind]
      : MISUSE_DETECTOR[kind as MisuseKind];
    return {
      caseId: `case-${String(++this.serial).padStart(3, '0')}`,
      kind,
      detector,
      accountIds: accounts.map((a) => a.accountId),
      unitCodes: [...new Set(accounts.map((a) => a.unit.code))],
      from: formatOccurredAt(from, false),
      to: formatOccurredAt(to, false),
      description,
      params,
    };
  }
}
