import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LocalDay } from '../calendar/local-day.util';
import type { NetworkEvent } from './concurrent-network-rules.util';
import type { NetworkDay } from './network-day.type';

const DAY_COLUMNS = `account_id, day::text AS day, unit_code, events, lookups, with_dossier, own_unit_dossier, client_ips, first_at`;

const networkDayOf = (r: Record<string, unknown>): NetworkDay => ({
  accountId: r.account_id as string,
  day: r.day as string,
  unitCode: r.unit_code as string | null,
  events: r.events as number,
  lookups: r.lookups as number,
  withDossier: r.with_dossier as number,
  ownUnitDossier: r.own_unit_dossier as number,
  clientIps: r.client_ips as string[],
  firstAt: r.first_at as Date | null,
});

/** What the network detectors read: account_day's addresses, and the events of an account's day. */
@Injectable()
export class UnusualNetworkRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every account's active days of a period, by account then day. */
  async findDays(fromDay: LocalDay, toDay: LocalDay): Promise<NetworkDay[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${DAY_COLUMNS} FROM account_day WHERE day >= $1::date AND day <= $2::date AND events > 0 ORDER BY account_id, day`,
      [fromDay, toDay],
    );
    return rows.map(networkDayOf);
  }

  /** The days of a period with two addresses or more: the only ones two networks can be used on. */
  async findMultiAddressDays(fromDay: LocalDay, toDay: LocalDay): Promise<NetworkDay[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${DAY_COLUMNS} FROM account_day WHERE day >= $1::date AND day <= $2::date AND cardinality(client_ips) >= 2 ORDER BY account_id, day`,
      [fromDay, toDay],
    );
    return rows.map(networkDayOf);
  }

  /** Those of the given account-days with two addresses or more (a batch's days, after it committed). */
  async findMultiAddressDaysOf(keys: { accountId: string; day: LocalDay }[]): Promise<NetworkDay[]> {
    if (!keys.length) return [];
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${DAY_COLUMNS} FROM account_day
       WHERE (account_id, day) IN (SELECT * FROM unnest($1::text[], $2::date[])) AND cardinality(client_ips) >= 2
       ORDER BY account_id, day`,
      [keys.map((k) => k.accountId), keys.map((k) => k.day)],
    );
    return rows.map(networkDayOf);
  }

  /**
   * The account's events of a window in time order, as the aggregate counts them (future_time left out);
   * idx_query_event_account_time answers it.
   */
  async findEvents(accountId: string, from: Date, to: Date): Promise<NetworkEvent[]> {
    const rows: { event_id: string; occurred_at: Date; client_ip: string }[] = await this.dataSource.query(
      `SELECT event_id, occurred_at, client_ip FROM query_event
       WHERE account_id = $1 AND occurred_at >= $2 AND occurred_at < $3 AND NOT ('future_time' = ANY (flags))
       ORDER BY occurred_at, event_id`,
      [accountId, from, to],
    );
    return rows.map((r) => ({ eventId: r.event_id, occurredAt: r.occurred_at, clientIp: r.client_ip }));
  }

  /** The account's first events of a window from the given addresses, earliest first. */
  async sampleEventsFrom(accountId: string, from: Date, to: Date, addresses: string[], limit: number): Promise<{ eventId: string; occurredAt: Date }[]> {
    const rows: { event_id: string; occurred_at: Date }[] = await this.dataSource.query(
      `SELECT event_id, occurred_at FROM query_event
       WHERE account_id = $1 AND occurred_at >= $2 AND occurred_at < $3 AND client_ip = ANY ($4::text[])
         AND NOT ('future_time' = ANY (flags))
       ORDER BY occurred_at, event_id LIMIT $5`,
      [accountId, from, to, addresses, limit],
    );
    return rows.map((r) => ({ eventId: r.event_id, occurredAt: r.occurred_at }));
  }
}
