import { Injectable } from '@nestjs/common';
import { AccountsService } from '@app/accounts';
import { SecurityEventType } from '@app/auth';
import { DomainException, ErrorCode } from '@app/common';
import { addDays, localDay } from '@app/detection';
import { TraceAudit } from '../audit/trace-audit.service';
import { TraceSearchService } from '../search/trace-search.service';
import type { TraceRequester, TraceCase } from '../trace-case.type';
import { TraceTimelineRepository } from './trace-timeline.repository';
import type { AccountTimeline, AccountTimelineDay, CitizenTimeline } from './trace-timeline.type';

/** At most this many of a citizen's events are listed (the groups count them all). */
export const TIMELINE_EVENTS_MAX = 1000;
/** An account's baseline: the median of its lookups on this many previous active days. */
export const BASELINE_DAYS = 30;
/** The longest account timeline (a year, to the day). */
const ACCOUNT_TIMELINE_MAX_DAYS = 366;
const LOCK_CHANGES = new Set(['locked', 'unlocked', 'exemption_granted', 'exemption_revoked']);

/** Timelines ready to draw (docs/trace.md): a citizen's lookups, an account's activity. Recorded like searches. */
@Injectable()
export class TraceTimelineService {
  constructor(
    private readonly search: TraceSearchService,
    private readonly repository: TraceTimelineRepository,
    private readonly accounts: AccountsService,
    private readonly audit: TraceAudit,
  ) {}

  async citizen(request: { case: Partial<TraceCase>; subjectId: string; from?: Date; to?: Date }, by: TraceRequester): Promise<CitizenTimeline> {
    const p = this.search.prepare({ case: request.case, subjectIds: [request.subjectId], criteria: { from: request.from, to: request.to } });
    const [groups, newest] = await Promise.all([
      this.repository.citizenGroups(p.criteria),
      this.repository.newestEvents(p.criteria, TIMELINE_EVENTS_MAX + 1),
    ]);
    const events = newest.slice(0, TIMELINE_EVENTS_MAX);
    const alerts = await this.repository.citizenAlerts(
      p.criteria.subjectHashes!.map((h) => h.toString('hex')),
      events.filter((e) => e.action === 'lookup' || e.action === 'verify'),
    );
    await this.audit.record({ type: SecurityEventType.TRACE_TIMELINE_VIEWED, case: p.case, by, criteria: { timeline: 'citizen', ...p.described }, subjects: p.subjects, rows: groups.total });
    return { from: request.from?.toISOString() ?? null, to: request.to?.toISOString() ?? null, ...groups, events, truncated: newest.length > TIMELINE_EVENTS_MAX, alerts };
  }

  async account(request: { case: Partial<TraceCase>; accountId: string; from: Date; to: Date }, by: TraceRequester): Promise<AccountTimeline> {
    const { from, to, accountId } = request;
    const p = this.search.prepare({ case: request.case, criteria: { accountIds: [accountId], from, to } });
    if (to.getTime() - from.getTime() > ACCOUNT_TIMELINE_MAX_DAYS * 86_400_000) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, `An account's timeline spans at most ${ACCOUNT_TIMELINE_MAX_DAYS} days`, [{ field: 'to', message: `at most ${ACCOUNT_TIMELINE_MAX_DAYS} days after from` }]);
    }
    const [fromDay, toDay] = [localDay(from), localDay(new Date(to.getTime() - 1))];
    const [rows, account, dossiers, alerts, history] = await Promise.all([
      this.repository.accountDays(accountId, addDays(fromDay, -3 * BASELINE_DAYS), toDay),
      // An account seen only in the events (not in the directory) has no view and no history: still traced.
      this.accounts.get(accountId).catch(orWhenNotFound(null)),
      this.repository.accountDossiers(p.criteria),
      this.repository.accountAlerts(accountId, from, to),
      this.accounts.historyOf(accountId).catch(orWhenNotFound([])),
    ]);
    const unit = account?.unitCode ?? rows.find((r) => r.unitCode)?.unitCode ?? null;
    const citizenUnits = await this.repository.citizenUnits(p.criteria, unit);
    const days = everyDay(rows, fromDay, toDay);
    await this.audit.record({ type: SecurityEventType.TRACE_TIMELINE_VIEWED, case: p.case, by, criteria: { timeline: 'account', ...p.described }, subjects: [], rows: days.reduce((n, d) => n + d.events, 0) });
    return {
      accountId,
      from: from.toISOString(),
      to: to.toISOString(),
      days,
      citizenUnits,
      dossiers,
      alerts,
      lockHistory: history
        .filter((h) => LOCK_CHANGES.has(h.changeKind))
        .map((h) => ({ at: h.at.toISOString(), changeKind: h.changeKind, actor: h.actor, reason: h.reason })),
    };
  }
}

function orWhenNotFound<T>(value: T): (error: unknown) => T {
  return (error) => {
    if (error instanceof DomainException && error.code === ErrorCode.NOT_FOUND) return value;
    throw error;
  };
}

type DayRow = Omit<AccountTimelineDay, 'baseline'> & { unitCode: string | null };

/**
 * Every local day of [fromDay, toDay], quiet ones at zero, each beside the median of the account's lookups on its
 * previous BASELINE_DAYS days with any activity (the rows before fromDay are that history).
 */
function everyDay(rows: DayRow[], fromDay: string, toDay: string): AccountTimelineDay[] {
  const active: number[] = [];
  const byDay = new Map(rows.map((r) => [r.day, r]));
  for (const r of rows) if (r.day < fromDay && r.events > 0) active.push(r.lookups);
  const days: AccountTimelineDay[] = [];
  for (let day = fromDay; day <= toDay; day = addDays(day, 1)) {
    const { unitCode: _unit, ...d } = byDay.get(day) ?? { day, unitCode: null, events: 0, lookups: 0, distinctSubjects: 0, explained: 0, refused: 0, exports: 0, exportedSubjects: 0 };
    days.push({ ...d, baseline: active.length ? median(active.slice(-BASELINE_DAYS)) : null });
    if (d.events > 0) active.push(d.lookups);
  }
  return days;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
