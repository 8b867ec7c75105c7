import { Logger } from '@nestjs/common';
import { DeliveryQueue, nextRetryAt } from './delivery-queue.util';

describe(nextRetryAt.name, () => {
  const now = new Date('2026-12-02T00:00:00Z');
  const settings = { retryBase: 60, maxAttempts: 3 };

  it('doubles the delay after each failed attempt and gives up after the last', () => {
    expect(nextRetryAt(now, 1, settings)).toEqual(new Date('2026-12-02T00:01:00Z'));
    expect(nextRetryAt(now, 2, settings)).toEqual(new Date('2026-12-02T00:02:00Z'));
    expect(nextRetryAt(now, 3, settings)).toBeNull();
  });
});

describe(DeliveryQueue.name, () => {
  it('folds kicks that come while a pass waits into that pass, and runs passes one after the other', async () => {
    let running = 0;
    let passes = 0;
    let overlapped = false;
    const sut = new DeliveryQueue(
      async () => {
        overlapped ||= running > 0;
        running++;
        await new Promise((r) => setTimeout(r, 10));
        running--;
        return ++passes;
      },
      new Logger('test'),
      'failed',
    );
    sut.kick();
    sut.kick();
    sut.kick();
    expect(await sut.run()).toBe(2);
    await sut.drain();
    expect(passes).toBe(2);
    expect(overlapped).toBe(false);
  });
});
