import { FixedClock } from '@app/common';
import { SlidingWindowThrottlerStorage } from './sliding-window-throttler.storage';

const MINUTE = 60_000;

describe(SlidingWindowThrottlerStorage.name, () => {
  const start = new Date('2026-11-24T09:00:00.000Z');
  let clock: FixedClock;
  let sut: SlidingWindowThrottlerStorage;
  const hit = (key = 'key:a', limit = 10) => sut.increment(key, MINUTE, limit, MINUTE, 'ingest');

  beforeEach(() => {
    clock = new FixedClock(start);
    sut = new SlidingWindowThrottlerStorage(clock);
  });

  it('lets the limit through in a window, then rejects with the seconds to wait', async () => {
    for (let i = 1; i <= 10; i++) expect(await hit()).toMatchObject({ isBlocked: false, totalHits: i });
    const rejected = await hit();
    expect(rejected).toMatchObject({ isBlocked: true, totalHits: 11 });
    // 10 hits in this window: in the next one they weigh 10 · (1 − t/60 s), rounded up, and leave room for one
    // more once that is 9: 6 s into the next window, 66 s from now.
    expect(rejected.timeToBlockExpire).toBe(66);
  });

  it('counts each key and each named limit apart', async () => {
    for (let i = 0; i < 10; i++) await hit('key:a');
    expect(await hit('key:b')).toMatchObject({ isBlocked: false, totalHits: 1 });
    expect(await sut.increment('key:a', MINUTE, 10, MINUTE, 'sign-in')).toMatchObject({ isBlocked: false });
  });

  it('slides: the previous window weighs by how much of it is still inside the last minute', async () => {
    clock.advance(30_000); // 09:00:30, the window that started at 09:00
    for (let i = 0; i < 10; i++) await hit();
    clock.advance(45_000); // 09:01:15: 75 % of the previous window still overlaps → 7.5, counted as 8 hits
    for (let i = 0; i < 2; i++) expect(await hit()).toMatchObject({ isBlocked: false });
    const rejected = await hit();
    expect(rejected).toMatchObject({ isBlocked: true, totalHits: 11 });
    // ⌈10 · (1 − t/60)⌉ + 2 < 10 once t ≥ 18 s into the window: at 09:01:18, 3 s from now.
    expect(rejected.timeToBlockExpire).toBe(3);
    clock.advance(3_001);
    expect(await hit()).toMatchObject({ isBlocked: false });
  });

  it('does not count rejected requests, and forgets a window two windows old', async () => {
    for (let i = 0; i < 50; i++) await hit();
    clock.advance(2 * MINUTE);
    expect(await hit()).toMatchObject({ isBlocked: false, totalHits: 1 });
  });

  it('keeps memory bounded: idle keys are swept', async () => {
    for (let i = 0; i < 1000; i++) await hit(`key:${i}`);
    expect(sut.size).toBe(1000);
    clock.advance(2 * MINUTE);
    await hit('key:new');
    expect(sut.size).toBe(1);
  });

  it('costs the same at any rate: 200,000 hits on one key keep one counter', async () => {
    for (let i = 0; i < 200_000; i++) await sut.increment('key:gateway', MINUTE, 1e9, MINUTE, 'ingest');
    expect(sut.size).toBe(1);
    expect(await hit('key:gateway', 1e9)).toMatchObject({ totalHits: 200_001 });
  });
});
