import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@app/config';
import { MetricsService } from '@app/observability';
import { AccountRepository, AccountStatusRow } from '../account.repository';
import { AccountCommandRepository } from '../commands/account-command.repository';
import { AccountCommandState } from '../commands/account-command.type';
import { AccountChanges } from './account-changes.service';

export interface AccountStatus {
  accountId: string;
  /** False when this service has never seen the account (not in the directory, no events). */
  known: boolean;
  state: 'active' | 'locked' | 'unknown';
  /** What the gateway should do: false only when this service has locked the account. */
  mayUse: boolean;
  lockedAt: Date | null;
  lockReason: string | null;
  lastCommand: { id: string; action: 'lock' | 'unlock'; state: AccountCommandState } | null;
}

/**
 * The gateway asks on every sign-in whether an account may be used, so the answer comes from memory: loaded at
 * start, refreshed for the accounts this replica changes, and reloaded whole periodically for other replicas'.
 */
@Injectable()
export class AccountStatusCache implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(AccountStatusCache.name);
  private entries = new Map<string, AccountStatus>();
  private timer?: NodeJS.Timeout;
  private readonly gauge;

  constructor(
    private readonly accounts: AccountRepository,
    private readonly commands: AccountCommandRepository,
    changes: AccountChanges,
    @InjectConfig() private readonly config: AppConfig,
    metrics: MetricsService,
  ) {
    this.gauge = metrics.gauge('tthc_audit_accounts', 'Known accounts by state (as of the last status reload)', ['state']);
    changes.subscribe((ids) => this.refresh(ids));
  }

  async onModuleInit(): Promise<void> {
    await this.reload();
    this.timer = setInterval(
      () => void this.reload().catch((error: unknown) => this.logger.warn({ err: error }, 'Account status reload failed')),
      this.config.accounts.statusRefresh * 1000,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  get(accountId: string): AccountStatus {
    return (
      this.entries.get(accountId) ?? {
        accountId,
        known: false,
        state: 'unknown',
        mayUse: true,
        lockedAt: null,
        lockReason: null,
        lastCommand: null,
      }
    );
  }

  /** Reloads everything (a province has a few thousand accounts: one small query). */
  async reload(): Promise<void> {
    const rows = await this.accounts.findStatusRows();
    const next = new Map<string, AccountStatus>();
    for (const row of rows) next.set(row.accountId, this.toStatus(row));
    await this.attachCommands(next, rows.map((r) => r.accountId));
    this.entries = next;
    const locked = rows.filter((r) => r.state === 'locked').length;
    this.gauge.set({ state: 'locked' }, locked);
    this.gauge.set({ state: 'active' }, rows.length - locked);
  }

  async refresh(ids: string[]): Promise<void> {
    const rows = await this.accounts.findStatusRows(ids);
    const updated = new Map<string, AccountStatus>();
    for (const row of rows) updated.set(row.accountId, this.toStatus(row));
    await this.attachCommands(updated, ids);
    for (const [id, status] of updated) this.entries.set(id, status);
  }

  private async attachCommands(target: Map<string, AccountStatus>, ids: string[]): Promise<void> {
    if (!ids.length) return;
    for (const c of await this.commands.latestFor(ids)) {
      const status = target.get(c.accountId);
      if (status) status.lastCommand = { id: c.id, action: c.action, state: c.state };
    }
  }

  private toStatus(row: AccountStatusRow): AccountStatus {
    return {
      accountId: row.accountId,
      known: true,
      state: row.state,
      mayUse: row.state !== 'locked',
      lockedAt: row.state === 'locked' ? row.stateChangedAt : null,
      lockReason: row.lockReason,
      lastCommand: null,
    };
  }
}
