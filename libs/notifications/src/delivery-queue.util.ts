import type { Logger } from '@nestjs/common';

/**
 * Runs the passes of an outbox worker one after the other in this process. kick() asks for a pass without waiting
 * for it; kicks that come while one is waiting to start are folded into it (a pass delivers everything due, so a
 * burst of changes does not queue one pass each). Replicas are kept apart by the outbox's claims, not by this.
 */
export class DeliveryQueue<R> {
  private queue: Promise<unknown> = Promise.resolve();
  private kickQueued = false;

  constructor(
    private readonly pass: () => Promise<R>,
    private readonly logger: Logger,
    private readonly failureMessage: string,
  ) {}

  kick(): void {
    if (this.kickQueued) return;
    this.kickQueued = true;
    const pass = this.queue.then(() => {
      this.kickQueued = false;
      return this.pass();
    });
    this.queue = pass.catch(() => undefined);
    pass.catch((error: unknown) => this.logger.warn({ err: error }, this.failureMessage));
  }

  /** One pass over everything due, after the passes already queued. */
  run(): Promise<R> {
    const pass = this.queue.then(() => this.pass());
    this.queue = pass.catch(() => undefined);
    return pass;
  }

  /** Resolves once the queued passes are done (at shutdown). */
  async drain(): Promise<void> {
    await this.queue;
  }
}

/**
 * When a failed attempt (1-based) is tried again: retryBase seconds doubled after each failure, or null when it was
 * the last attempt and the delivery is given up.
 */
export function nextRetryAt(now: Date, attempt: number, settings: { retryBase: number; maxAttempts: number }): Date | null {
  if (attempt >= settings.maxAttempts) return null;
  return new Date(now.getTime() + settings.retryBase * 1000 * 2 ** (attempt - 1));
}
