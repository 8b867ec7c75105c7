import type { ThrottlerStorage } from '@nestjs/throttler';
import { Clock } from '@app/common';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Counter {
  /** Start of the current fixed window (ms since the epoch, a multiple of ttl). */
  windowStart: number;
  /** Hits counted in the current window, and in the one just before it. */
  current: number;
  previous: number;
}

/**
 * Rate-limit counters in memory, constant time and memory per request: a sliding-window counter. The hits of the
 * last ttl are estimated from two fixed windows, the previous one weighted by the share of it that still overlaps
 * the sliding window. A rejected request is not counted, so a client that keeps retrying gets back in as soon as
 * the window slides.
 *
 * Replaces @nestjs/throttler's default storage, which keeps the expiry time of every hit of the window and copies
 * that list on every request: the gateway asking for account statuses at ~1,000 requests/s under one key made it
 * a list of 60,000 entries copied per request, and the garbage set the p99 latency (docs/benchmarks.md).
 */
export class SlidingWindowThrottlerStorage implements ThrottlerStorage {
  private readonly counters = new Map<string, Counter>();
  private lastSweep = 0;

  constructor(private readonly clock: Clock) {}

  /** blockDuration is not used: a client is let in again as soon as the sliding window allows. */
  // eslint-disable-next-line @typescript-eslint/require-await -- the interface is asynchronous (shared stores)
  async increment(
    key: string,
    ttl: number,
    limit: number,
    _blockDuration: number,
    name: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = this.clock.now().getTime();
    this.sweep(now, ttl);
    const windowStart = now - (now % ttl);
    const id = `${name}\u0000${key}`;
    let counter = this.counters.get(id);
    if (!counter) this.counters.set(id, (counter = { windowStart, current: 0, previous: 0 }));
    if (counter.windowStart !== windowStart) {
      counter.previous = windowStart - counter.windowStart === ttl ? counter.current : 0;
      counter.current = 0;
      counter.windowStart = windowStart;
    }
    const overlap = 1 - (now - windowStart) / ttl;
    const hits = Math.floor(counter.previous * overlap) + counter.current;
    const timeToExpire = Math.ceil((windowStart + ttl - now) / 1000);
    if (hits >= limit) {
      return {
        totalHits: hits + 1,
        timeToExpire,
        isBlocked: true,
        timeToBlockExpire: secondsUntilAllowed(counter, now, ttl, limit),
      };
    }
    counter.current++;
    return { totalHits: hits + 1, timeToExpire, isBlocked: false, timeToBlockExpire: 0 };
  }

  /** Forgets counters idle for two windows (at most once per window). */
  private sweep(now: number, ttl: number): void {
    if (now - this.lastSweep < ttl) return;
    this.lastSweep = now;
    for (const [id, counter] of this.counters)
      if (counter.windowStart + 2 * ttl <= now) this.counters.delete(id);
  }

  get size(): number {
    return this.counters.size;
  }
}

/** When the estimate, with no new hits, falls below the limit: in this window if the previous one alone is over. */
function secondsUntilAllowed(c: Counter, now: number, ttl: number, limit: number): number {
  let at: number;
  if (c.current < limit && c.previous > 0) {
    // previous · (1 − (t − start)/ttl) + current < limit
    at = c.windowStart + ttl * (1 - (limit - c.current) / c.previous);
  } else {
    // Next window: current becomes previous.
    at = c.windowStart + ttl + ttl * (1 - limit / Math.max(c.current, 1));
  }
  // At `at` itself the estimate equals the limit: the first millisecond after it is allowed.
  return Math.max(1, Math.ceil((at + 1 - now) / 1000));
}
