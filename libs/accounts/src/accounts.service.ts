import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@app/common';
import { AccountHistoryRepository } from './account-history.repository';
import { AccountListFilter, AccountViewRepository } from './account-view.repository';
import { accountNotFound } from './account.exception';
import { AccountHistoryEntry, AccountView, Actor } from './account.type';
import { ObservationWindow } from './observation/observation-window.service';

/** Reading accounts and their history; unit contacts for the lock warnings. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly views: AccountViewRepository,
    private readonly history: AccountHistoryRepository,
    private readonly window: ObservationWindow,
    private readonly clock: Clock,
  ) {}

  async list(filter: AccountListFilter): Promise<{ items: AccountView[]; total: number }> {
    return this.views.list(filter, await this.window.idlePolicy(), this.clock.now());
  }

  async get(accountId: string): Promise<AccountView> {
    const view = await this.views.findOne(accountId, await this.window.idlePolicy(), this.clock.now());
    if (!view) throw accountNotFound(accountId);
    return view;
  }

  async historyOf(accountId: string, limit = 200): Promise<AccountHistoryEntry[]> {
    await this.get(accountId);
    return this.history.findByAccount(accountId, limit);
  }

  /** Where a unit's lock warnings go besides the holder. */
  async setUnitContact(unitCode: string, adminEmail: string, actor: Actor): Promise<{ unitCode: string; adminEmail: string }> {
    await this.dataSource.query(
      `INSERT INTO account_unit_contact (unit_code, admin_email, updated_by, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (unit_code) DO UPDATE SET admin_email = EXCLUDED.admin_email, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
      [unitCode, adminEmail, actor, this.clock.now()],
    );
    return { unitCode, adminEmail };
  }
}
