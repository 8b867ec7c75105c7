import type { QueryLogEventV1 } from '@app/contracts';
import { EventIds, eventIdTag } from '../event-ids.util';
import { MinHeap } from '../min-heap.util';
import type { Province, SimAccount } from '../province.type';
import { SeededRandom } from '../random.util';
import type { DraftEvent } from '../session.type';
import { SessionContext } from '../session.util';
import { DAY_MS, localMidnight } from '../working-hours.util';
import { planCases } from './case-planner.util';
import { planDay, PlannedSession } from './day-plan.util';
import type { CaseLabel, Injection } from './labelled-case.type';
import { buildLabelledProvince } from './labelled-province.util';
import { officeWindows } from './work-calendar.util';
import { workSession } from './work-session.util';

export interface LabelledProvinceOptions {
  /** Same seed and mix, same province, events and labels. Default "tthc". */
  seed?: string;
  /** standard, hard or sparse (see CASE_MIXES). Default standard. */
  mix?: string;
  /** First simulated local day. Default 2026-01-05, a Monday, so that 120 days hold Tết and the April holidays. */
  start?: Date;
  /** Default 120. */
  days?: number;
  /** Default 130. */
  units?: number;
  /** About; default 1,000. */
  accounts?: number;
  /** Multiplies everyone's personal rate (1: about 30,000 events a working day). Default 1. */
  scale?: number;
  /** Households dossiers are drawn from. Default 200,000. */
  households?: number;
  /** Stop after this many events. Default: none. */
  count?: number;
}

export const LABELLED_DEFAULT_START = new Date('2026-01-05T00:00:00+07:00');

/** An entry of the timeline: a planned session not written yet, or a written one being played. */
interface Entry {
  at: number;
  plan?: PlannedSession;
  events?: DraftEvent[];
  next: number;
}

/**
 * A labelled province over many days: ordinary work of each account at its personal rate in its unit's office
 * hours, and injected misuse and legitimate hard cases, each with a label. Streams in time order, one day planned
 * at a time; a planned session is only written when the timeline reaches it, so memory holds a day's plans.
 */
export class LabelledProvinceGenerator implements Iterable<QueryLogEventV1> {
  readonly province: Province;
  readonly labels: CaseLabel[];
  readonly seed: string;
  readonly mix: string;
  readonly startsAt: Date;
  readonly days: number;
  readonly scale: number;
  private readonly injections: Injection[];
  private readonly byAccount = new Map<SimAccount, Injection[]>();

  constructor(private readonly options: LabelledProvinceOptions = {}) {
    this.seed = options.seed ?? 'tthc';
    this.mix = options.mix ?? 'standard';
    this.days = Math.max(1, options.days ?? 120);
    this.scale = options.scale ?? 1;
    this.startsAt = new Date(localMidnight((options.start ?? LABELLED_DEFAULT_START).getTime()));
    this.province = buildLabelledProvince(this.seed, { units: options.units, accounts: options.accounts });
    this.injections = planCases(this.province, this.seed, this.mix, this.startsAt.getTime(), this.days);
    this.labels = this.injections.map((i) => i.label);
    for (const i of this.injections)
      if (i.factor || i.style)
        for (const a of i.accounts) this.byAccount.set(a, [...(this.byAccount.get(a) ?? []), i]);
  }

  /** About how many events the run makes (for progress): personal rates over the units' working days. */
  estimatedEvents(): number {
    const start = this.startsAt.getTime();
    let citizens = 0;
    for (const a of this.province.accounts) {
      if (!a.rate) continue;
      let open = 0;
      for (let d = a.firstDay ?? 0; d < this.days; d++)
        open += officeWindows(a.unit, start + d * DAY_MS).length / 2;
      citizens += a.rate * this.scale * open;
    }
    // Checks, sign-ins and sign-outs come on top of the lookups.
    return Math.min(this.options.count ?? Infinity, Math.round(citizens * 1.55));
  }

  *[Symbol.iterator](): Iterator<QueryLogEventV1> {
    const rng = new SeededRandom(`${this.seed}:${this.mix}:traffic`);
    const ctx = new SessionContext(rng, this.seed, this.province, this.options.households ?? 200_000);
    const ids = new EventIds(eventIdTag(`${this.seed}:${this.mix}`));
    const heap = new MinHeap<Entry>((e) => (e.events ? e.events[e.next].at : e.at));
    const limit = this.options.count ?? Infinity;
    const carry = new Map<SimAccount, number>();
    let emitted = 0;
    const play = function* (end: number): Generator<QueryLogEventV1> {
      while (heap.size && emitted < limit) {
        const top = heap.peek()!;
        if ((top.events ? top.events[top.next].at : top.at) >= end) return;
        heap.pop();
        if (!top.events) {
          const p = top.plan!;
          const session = workSession(ctx, p.account, p.at, p.budget, p.style);
          carry.set(p.account, (carry.get(p.account) ?? 0) + session.lookups - p.budget);
          const events = session.events;
          if (events.length) heap.push({ at: p.at, events, next: 0 });
          continue;
        }
        emitted++;
        yield ids.toEvent(top.events[top.next++]);
        if (top.next < top.events.length) heap.push(top);
      }
    };
    const start = this.startsAt.getTime();
    for (let day = 0; day < this.days && emitted < limit; day++) {
      const dayStart = start + day * DAY_MS;
      for (const account of this.province.accounts)
        for (const plan of planDay(
          carry,
          rng,
          account,
          day,
          dayStart,
          this.scale,
          this.byAccount.get(account),
        ))
          heap.push({ at: plan.at, plan, next: 0 });
      for (const injection of this.injections)
        for (const events of injection.extra?.(ctx, day, dayStart) ?? [])
          if (events.length) heap.push({ at: events[0].at, events, next: 0 });
      yield* play(dayStart + DAY_MS);
    }
    yield* play(Infinity);
  }
}
