import { Injectable, Logger } from '@nestjs/common';

type Listener = (accountIds: string[]) => void | Promise<void>;

/**
 * Tells this replica's in-process parts that accounts changed after a commit (status cache refresh, prompt
 * command delivery). Other replicas catch up by their periodic refresh and delivery loop.
 */
@Injectable()
export class AccountChanges {
  private readonly logger = new Logger(AccountChanges.name);
  private readonly listeners: Listener[] = [];

  subscribe(listener: Listener): void {
    this.listeners.push(listener);
  }

  /** Resolves when every listener is done (the status cache answers the new state); never rejects. */
  async publish(accountIds: string[]): Promise<void> {
    if (!accountIds.length) return;
    const outcomes = await Promise.allSettled(this.listeners.map(async (listener) => listener(accountIds)));
    for (const o of outcomes) if (o.status === 'rejected') this.logger.warn({ err: o.reason }, 'An account change listener failed');
  }
}
