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

  publish(accountIds: string[]): void {
    if (!accountIds.length) return;
    for (const listener of this.listeners) {
      Promise.resolve()
        .then(() => listener(accountIds))
        .catch((error: unknown) => this.logger.warn({ err: error }, 'An account change listener failed'));
    }
  }
}
