import type { QueryLogEventV1 } from '@app/contracts';
import { AnomalyScenario, anomalyScenarios } from './anomaly.util';
import { EventIds, eventIdTag } from './event-ids.util';
import { MinHeap } from './min-heap.util';
import { buildProvince } from './province.util';
import type { Province, SimAccount } from './province.type';
import { SeededRandom } from './random.util';
import type { DraftEvent, DraftSession } from './session.type';
import { buildSession, SessionContext } from './session.util';
import {
  DAY_MS,
  dayWeight,
  localMidnight,
  localWeekday,
  SLOT_MINUTES,
  SLOTS_PER_DAY,
  slotWeight,
} from './working-hours.util';

export interface GeneratorOptions {
  /** How many events to produce. */
  count: number;
  /** Same seed, same events (ids included). Default "tthc". */
  seed?: string;
  /** First simulated local day (any instant in it). Default 2026-11-16, a Monday. */
  start?: Date;
  /** Local days the events spread over; more days, lower daily volume. Default: count / 200,000, at least 1. */
  days?: number;
  /** Units in the province. Default 60 (about 1,000 accounts). */
  units?: number;
  /** Households dossiers are drawn from. Default 200,000. */
  households?: number;
  /** Names of anomaly scenarios to inject (see ANOMALY_SCENARIOS). */
  anomalies?: string[];
}

const DEFAULT_START = new Date('2026-11-16T00:00:00+07:00');

/**
 * Realistic gateway traffic as one time-ordered stream: accounts of a province's units work in sessions during
 * office hours (Asia/Ho_Chi_Minh), looking up the households of their dossiers. Sessions run concurrently and are
 * merged by time; the volume per 10-minute slot follows the working-hours profile, scaled so that `count` events
 * spread over `days`. Memory stays bounded by the sessions in flight.
 */
export class EventGenerator implements Iterable<QueryLogEventV1> {
  readonly province: Province;
  readonly seed: string;
  /** Local midnight (Asia/Ho_Chi_Minh) of the first simulated day. */
  readonly startsAt: Date;
  private readonly options: Required<Omit<GeneratorOptions, 'start'>> & { start: number };
  /** Short tag of the seed in event ids: runs with different seeds never share an eventId. */
  private readonly idTag: string;

  constructor(options: GeneratorOptions) {
    this.seed = options.seed ?? 'tthc';
    this.options = {
      count: options.count,
      seed: this.seed,
      start: localMidnight((options.start ?? DEFAULT_START).getTime()),
      days: Math.max(1, options.days ?? Math.ceil(options.count / 200_000)),
      units: options.units ?? 60,
      households: options.households ?? 200_000,
      anomalies: options.anomalies ?? [],
    };
    this.province = buildProvince(this.seed, { units: this.options.units });
    this.startsAt = new Date(this.options.start);
    this.idTag = eventIdTag(this.seed);
  }

  *[Symbol.iterator](): Iterator<QueryLogEventV1> {
    const { count, start, days } = this.options;
    if (count <= 0) return;
    const rng = new SeededRandom(`${this.seed}:traffic`);
    const ctx = new SessionContext(rng, this.seed, this.province, this.options.households);
    const scenarios: AnomalyScenario[] = anomalyScenarios(this.options.anomalies);
    const timeline = new Timeline(ctx, accountPicker(this.province.accounts, rng));
    const ids = new EventIds(this.idTag);
    const totalWeight = plannedWeight(start, days);
    // Plan a little more than asked: the stream then ends with the last day's traffic, not past midnight.
    const planned = count + Math.max(30, count * 0.01);
    let cumulative = 0;
    let emitted = 0;
    // Days beyond `days` only happen when sessions came out shorter than planned: keep going at the same pace.
    for (let day = 0; ; day++) {
      const dayStart = start + day * DAY_MS;
      const weekday = localWeekday(dayStart);
      for (const scenario of scenarios) {
        for (const events of scenario.sessionsFor(ctx, dayStart, day)) timeline.add(events);
      }
      for (let slot = 0; slot < SLOTS_PER_DAY; slot++) {
        const slotStart = dayStart + slot * SLOT_MS;
        cumulative += dayWeight(weekday) * slotWeight(weekday, slot * SLOT_MINUTES);
        // Spawn while the next session (about 15 events) fits the plan better than not.
        while (timeline.spawned + 7 < (planned * cumulative) / totalWeight)
          timeline.spawnSessionIn(slotStart);
        for (const draft of timeline.playUntil(slotStart + SLOT_MS)) {
          yield ids.toEvent(draft);
          if (++emitted >= count) return;
        }
      }
    }
  }
}

const SLOT_MS = SLOT_MINUTES * 60_000;

/** Sessions in flight, merged into one time-ordered stream. */
class Timeline {
  spawned = 0;
  private readonly heap = new MinHeap<DraftSession>((s) => s.events[s.next].at);
  private readonly busyUntil = new Map<SimAccount, number>();

  constructor(
    private readonly ctx: SessionContext,
    private readonly pickAccount: () => SimAccount,
  ) {}

  add(events: DraftEvent[]): void {
    this.heap.push({ events, next: 0 });
    this.spawned += events.length;
  }

  /** A session of an account that is not already in one (after a few tries), starting within the slot. */
  spawnSessionIn(slotStart: number): void {
    const at = slotStart + this.ctx.rng.int(0, SLOT_MS - 1);
    let account = this.pickAccount();
    for (let tries = 0; tries < 3 && (this.busyUntil.get(account) ?? 0) > at; tries++)
      account = this.pickAccount();
    const events = buildSession(this.ctx, account, at);
    this.busyUntil.set(account, events[events.length - 1].at);
    this.add(events);
  }

  /** Events of all sessions before `end`, in time order. */
  *playUntil(end: number): Generator<DraftEvent> {
    while (this.heap.size && this.heap.peek()!.events[this.heap.peek()!.next].at < end) {
      const session = this.heap.pop()!;
      yield session.events[session.next++];
      if (session.next < session.events.length) this.heap.push(session);
    }
  }
}

/** Weighted choice of an account by its activity, in O(log n). */
function accountPicker(accounts: SimAccount[], rng: SeededRandom): () => SimAccount {
  const cumulative: number[] = [];
  let total = 0;
  for (const a of accounts) cumulative.push((total += a.activity));
  return () => {
    const r = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return accounts[lo];
  };
}

function plannedWeight(start: number, days: number): number {
  let total = 0;
  for (let day = 0; day < days; day++) {
    const weekday = localWeekday(start + day * DAY_MS);
    for (let slot = 0; slot < SLOTS_PER_DAY; slot++)
      total += dayWeight(weekday) * slotWeight(weekday, slot * SLOT_MINUTES);
  }
  return total;
}
