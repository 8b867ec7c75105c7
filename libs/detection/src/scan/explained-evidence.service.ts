import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RaiseAlertInput } from '@app/alerts';
import { localDay } from '../calendar/local-day.util';
import { explainedShareOf } from '../explained/explained-share.service';

/**
 * Every alert about one account says how much of that account's activity its dossiers explain: the scan and the
 * stream hand each alert through here before raising it, and an alert whose detector did not already give the
 * figure gets `explainedShare` (with the counts it comes from) over the local days of its window, from account_day.
 */
@Injectable()
export class ExplainedEvidence {
  constructor(private readonly dataSource: DataSource) {}

  async complete(input: RaiseAlertInput): Promise<RaiseAlertInput> {
    const accountId = input.accountId ?? (input.accountIds?.length === 1 ? input.accountIds[0] : null);
    if (!accountId || 'explainedShare' in input.evidence) return input;
    const start = input.windowStart ?? input.occurredAt;
    const end = input.windowEnd ?? input.occurredAt;
    const fromDay = localDay(start);
    // windowEnd is exclusive: a window ending at a day's midnight does not take in that day.
    const toDay = end > start ? localDay(new Date(end.getTime() - 1)) : fromDay;
    const [row]: { lookups: string | null; explained: string | null }[] = await this.dataSource.query(
      `SELECT sum(lookups) AS lookups, sum(explained) AS explained FROM account_day
       WHERE account_id = $1 AND day >= $2::date AND day <= $3::date`,
      [accountId, fromDay, toDay < fromDay ? fromDay : toDay],
    );
    const lookups = Number(row?.lookups ?? 0);
    const explained = Number(row?.explained ?? 0);
    return {
      ...input,
      evidence: { ...input.evidence, explainedShare: explainedShareOf(explained, lookups), explained: { lookups, explained, fromDay, toDay } },
    };
  }
}
