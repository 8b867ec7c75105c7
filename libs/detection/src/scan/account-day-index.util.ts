import type { LocalDay } from '../calendar/local-day.util';

/** Rows of account days held for a scan block, by account and day and by day: what every window of days asks. */
export class AccountDayIndex<T extends { accountId: string; day: LocalDay }> {
  private readonly byAccount = new Map<string, Map<LocalDay, T>>();
  private readonly byDay = new Map<LocalDay, T[]>();

  constructor(rows: readonly T[]) {
    for (const r of rows) {
      let days = this.byAccount.get(r.accountId);
      if (!days) this.byAccount.set(r.accountId, (days = new Map()));
      days.set(r.day, r);
      let list = this.byDay.get(r.day);
      if (!list) this.byDay.set(r.day, (list = []));
      list.push(r);
    }
  }

  rowsOn(day: LocalDay): readonly T[] {
    return this.byDay.get(day) ?? [];
  }

  rowOf(accountId: string, day: LocalDay): T | undefined {
    return this.byAccount.get(accountId)?.get(day);
  }

  accountIds(): string[] {
    return [...this.byAccount.keys()];
  }
}
