import { Injectable } from '@nestjs/common';
import { Clock } from '@app/common';
import { addDays, localDay } from '../calendar/local-day.util';
import { explainedShareOf } from '../explained/explained-share.service';
import type { LookupDayDto, LookupFigureDto, LookupSeriesDto } from './dto/lookup-series.dto';
import { LookupDayCounts, LookupSeriesRepository } from './lookup-series.repository';

export const DEFAULT_SERIES_DAYS = 30;

/**
 * The province's lookups over recent days (the console's overview): per local day, today and this month so far,
 * with the share explained by dossiers. Counted as lookups are stored (the same counts as GET /v1/detection/explained-share).
 */
@Injectable()
export class LookupSeriesService {
  constructor(
    private readonly repository: LookupSeriesRepository,
    private readonly clock: Clock,
  ) {}

  async series(days = DEFAULT_SERIES_DAYS): Promise<LookupSeriesDto> {
    const today = localDay(this.clock.now());
    const from = addDays(today, -(days - 1));
    const monthStart = `${today.slice(0, 8)}01`;
    // One read covers both the series and the month, whichever starts first.
    const rows = await this.repository.perDay(from < monthStart ? from : monthStart, today);
    const byDay = new Map(rows.map((r) => [r.day, r]));
    const series: LookupDayDto[] = [];
    for (let day = from; day <= today; day = addDays(day, 1)) series.push({ day, ...figure(byDay.get(day)) });
    const monthRows = rows.filter((r) => r.day >= monthStart);
    const monthAccounts = monthRows.length > 1 ? await this.repository.distinctAccounts(monthStart, today) : (monthRows[0]?.accounts ?? 0);
    return {
      from,
      to: today,
      today: { from: today, to: today, ...figure(byDay.get(today)) },
      month: { from: monthStart, to: today, ...figure(sum(monthRows), monthAccounts) },
      days: series,
    };
  }
}

function sum(rows: LookupDayCounts[]): Pick<LookupDayCounts, 'lookups' | 'explained'> {
  return rows.reduce((t, r) => ({ lookups: t.lookups + r.lookups, explained: t.explained + r.explained }), { lookups: 0, explained: 0 });
}

function figure(r: (Pick<LookupDayCounts, 'lookups' | 'explained'> & { accounts?: number }) | undefined, accounts?: number): LookupFigureDto {
  const lookups = r?.lookups ?? 0;
  const explained = r?.explained ?? 0;
  return { lookups, explained, share: explainedShareOf(explained, lookups), accounts: accounts ?? r?.accounts ?? 0 };
}
