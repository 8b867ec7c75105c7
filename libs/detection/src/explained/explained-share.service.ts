import { Injectable } from '@nestjs/common';
import { DomainException, ErrorCode } from '@app/common';
import { addDays } from '../calendar/local-day.util';
import type { ExplainedFigureDto, ExplainedShareDto } from './dto/explained-share.dto';
import type { ExplainedGroupBy } from './dto/explained-share-query.dto';
import { ExplainedCounts, ExplainedFilters, ExplainedShareRepository } from './explained-share.repository';

const MAX_DAYS = 366;
const DEFAULT_LIMIT = 100;

/** explained / lookups with 3 decimals, null without lookups. */
export const explainedShareOf = (explained: number, lookups: number): number | null => (lookups > 0 ? Math.round((explained / lookups) * 1000) / 1000 : null);

/** The headline figure: the share of lookups explained, per account, unit, source system or day. */
@Injectable()
export class ExplainedShareService {
  constructor(private readonly repository: ExplainedShareRepository) {}

  async figures(groupBy: ExplainedGroupBy, f: ExplainedFilters, limit = DEFAULT_LIMIT): Promise<ExplainedShareDto> {
    check(groupBy, f);
    const bySource = groupBy === 'sourceSystem' || f.sourceSystem !== undefined;
    const rows = bySource
      ? await this.repository.bySourceSystemDays(groupBy as Exclude<ExplainedGroupBy, 'account'>, f)
      : await this.repository.byAccountDays(groupBy as Exclude<ExplainedGroupBy, 'sourceSystem'>, f);
    const total = rows.reduce((t, r) => ({ key: '', lookups: t.lookups + r.lookups, explained: t.explained + r.explained, unneededSensitive: t.unneededSensitive + r.unneededSensitive }), {
      key: '',
      lookups: 0,
      explained: 0,
      unneededSensitive: 0,
    });
    // Days in order; anything else least explained first (most unexplained lookups): what a reviewer looks at.
    const sorted =
      groupBy === 'day'
        ? rows.sort((a, b) => (a.key < b.key ? -1 : 1))
        : rows.sort((a, b) => b.lookups - b.explained - (a.lookups - a.explained) || (a.key < b.key ? -1 : 1));
    return {
      from: f.fromDay,
      to: f.toDay,
      groupBy,
      total: { ...figure(total), key: null },
      groupCount: rows.length,
      groups: sorted.slice(0, limit).map(figure),
    };
  }
}

function figure(r: ExplainedCounts): ExplainedFigureDto {
  return {
    key: r.key === '' ? null : r.key,
    lookups: r.lookups,
    explained: r.explained,
    unexplained: r.lookups - r.explained,
    share: explainedShareOf(r.explained, r.lookups),
    unneededSensitive: r.unneededSensitive,
  };
}

function check(groupBy: ExplainedGroupBy, f: ExplainedFilters): void {
  const problems: { field: string; message: string }[] = [];
  if (f.toDay < f.fromDay) problems.push({ field: 'to', message: 'must not be before from' });
  else if (addDays(f.fromDay, MAX_DAYS - 1) < f.toDay) problems.push({ field: 'to', message: `a period is at most ${MAX_DAYS} days` });
  const bySource = groupBy === 'sourceSystem' || f.sourceSystem !== undefined;
  if (bySource && (groupBy === 'account' || f.accountId !== undefined)) {
    problems.push({
      field: f.accountId !== undefined ? 'accountId' : 'groupBy',
      message: 'the share by source system is kept per unit and day, not per account: drop accountId or the source system',
    });
  }
  if (problems.length) throw new DomainException(ErrorCode.VALIDATION_FAILED, 'The explained-share query is not valid', problems);
}
