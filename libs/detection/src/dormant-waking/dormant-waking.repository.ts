import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LocalDay } from '../calendar/local-day.util';

/** What the dormant-account detector asks of account_day beyond the days themselves. */
@Injectable()
export class DormantWakingRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The first day the service holds any activity for: before it, silence is not observed (idx_account_day_day). */
  async observationStart(): Promise<LocalDay | null> {
    const [row]: { day: string | null }[] = await this.dataSource.query(`SELECT min(day)::text AS day FROM account_day`);
    return row?.day ?? null;
  }

  /** The account's last day with a lookup before a day (the primary key's order answers it). */
  async lastLookupDayBefore(accountId: string, day: LocalDay): Promise<LocalDay | null> {
    const [row]: { day: string | null }[] = await this.dataSource.query(
      `SELECT max(day)::text AS day FROM account_day WHERE account_id = $1 AND day < $2::date AND lookups > 0`,
      [accountId, day],
    );
    return row?.day ?? null;
  }
}
