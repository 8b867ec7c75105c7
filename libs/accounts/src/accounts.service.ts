import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@app/common';
import { AppConfig, InjectConfig } from '@app/config';
import { AccountHistoryRepository } from './account-history.repository';
import { AccountListFilter, AccountViewRepository } from './account-view.repository';
import { accountNotFound } from './account.exception';
import { AccountHistoryEntry, AccountView, Actor } from './account.type';
import { IdlePolicy } from './idle-policy.util';

/** Reading accounts and their history; unit contacts for the lock warnings. */
@Injectable()
export class AccountsService {
  private readonly policy: IdlePolicy;

  constructor(
    private readonly dataSource: DataSource,
    private readonly views: AccountViewRepository,
    private readonly history: AccountHistoryRepository,
    private readonly clock: Clock,
    @InjectConfig() config: AppConfig,
  ) {
    this.policy = { idleMonths: config.accounts.idleMonths, timeZone: config.accounts.timeZone };
  }

  list(filter: AccountListFilter): Promise<{ items: AccountView[]; total: number }> {
    return this.views.list(filter, this.policy, this.clock.now());
  }

  async get(accountId: string): Promise<AccountView> {
    const view = await this.views.findOne(accountId, this.policy);
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
