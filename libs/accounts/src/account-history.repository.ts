import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccountHistoryEntry, Actor } from './account.type';

export interface NewHistoryEntry {
  accountId: string;
  actor: Actor;
  changeKind: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  reason?: string | null;
  evidence?: Record<string, unknown> | null;
}

/** Every change to an account: who or what, when, why, with the evidence. Append-only by use. */
@Injectable()
export class AccountHistoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One statement for any number of entries (a full directory sync may change thousands). */
  async append(manager: EntityManager, entries: NewHistoryEntry[], at: Date): Promise<void> {
    if (!entries.length) return;
    const rows = entries.map((e) => ({
      account_id: e.accountId,
      actor: e.actor,
      change_kind: e.changeKind,
      before: e.before ?? null,
      after: e.after ?? null,
      reason: e.reason ?? null,
      evidence: e.evidence ?? null,
    }));
    await manager.query(
      `INSERT INTO account_history (account_id, at, actor, change_kind, before, after, reason, evidence)
       SELECT h.account_id, $2, h.actor, h.change_kind, h.before, h.after, h.reason, h.evidence
       FROM jsonb_to_recordset($1::jsonb)
         AS h(account_id text, actor text, change_kind text, before jsonb, after jsonb, reason text, evidence jsonb)`,
      [JSON.stringify(rows), at],
    );
  }

  async findByAccount(accountId: string, limit: number): Promise<AccountHistoryEntry[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT id::text, account_id, at, actor, change_kind, before, after, reason, evidence
       FROM account_history WHERE account_id = $1 ORDER BY at DESC, id DESC LIMIT $2`,
      [accountId, limit],
    );
    return rows.map((r) => ({
      id: r.id as string,
      accountId: r.account_id as string,
      at: r.at as Date,
      actor: r.actor as string,
      changeKind: r.change_kind as string,
      before: r.before as AccountHistoryEntry['before'],
      after: r.after as AccountHistoryEntry['after'],
      reason: r.reason as string | null,
      evidence: r.evidence as AccountHistoryEntry['evidence'],
    }));
  }
}
