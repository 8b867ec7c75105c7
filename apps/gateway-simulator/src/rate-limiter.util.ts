/**
 * Paces a stream to `rate` events per second on average: before the n-th event goes out, at least n / rate
 * seconds have passed since start. No rate: as fast as the output takes them.
 */
export class RateLimiter {
  private readonly startedAt = performance.now();

  constructor(private readonly rate?: number) {}

  /** Events per batch that keep sends about ten times a second at this rate. */
  batchSize(max: number): number {
    return this.rate ? Math.max(1, Math.min(max, Math.floor(this.rate / 10))) : max;
  }

  async waitFor(emitted: number): Promise<void> {
    if (!this.rate) return;
    const due = this.startedAt + (emitted / this.rate) * 1000;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
