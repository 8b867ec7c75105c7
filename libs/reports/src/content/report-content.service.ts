import { Injectable } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@app/config';
import { FIELD_CATALOG_V1 } from '@app/contracts';
import { explainedShareOf, startOfLocalDay } from '@app/detection';
import { SourceSystemRepository } from '@app/source-systems';
import { daysOf } from '../report-period.util';
import type {
  AbnormalAccountEntry,
  AccountRef,
  ConnectedSystemEntry,
  ReportContent,
  PeriodicReportKind,
  ReportPeriod,
} from '../report.type';
import { ReportAccountsRepository } from './report-accounts.repository';
import { ReportActivityRepository } from './report-activity.repository';
import { AbnormalAlertRow, AccountStateRow, ReportAlertsRepository } from './report-alerts.repository';
import { ReportSourcesRepository } from './report-sources.repository';

/**
 * The alert types of the volume detectors (docs/detection.md): an account that looked up far more citizens than
 * its own history, its peers, its usual hour, or a growth over weeks. These are the Office's "accounts with
 * abnormal lookup frequency".
 */
export const ABNORMAL_FREQUENCY_TYPES: readonly string[] = [
  'volume_own_baseline',
  'volume_peers',
  'volume_hourly',
  'subject_volume',
  'gradual_growth',
];

const DAY_SECONDS = 86_400;
const FIELD_LABELS = new Map(FIELD_CATALOG_V1.fields.map((f) => [f.code, f]));

/** Gathers what a periodic report says, for [from, to) of local days in Vietnam; the renderers only lay it out. */
@Injectable()
export class ReportContentService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly activity: ReportActivityRepository,
    private readonly accounts: ReportAccountsRepository,
    private readonly alerts: ReportAlertsRepository,
    private readonly sources: ReportSourcesRepository,
    private readonly registry: SourceSystemRepository,
  ) {}

  async gather(kind: PeriodicReportKind, period: ReportPeriod, asOf: Date): Promise<ReportContent> {
    const from = startOfLocalDay(period.from);
    const to = startOfLocalDay(period.to);
    const ageSeconds = this.config.reports.openAlertAge;
    const [totals, byUnit, bySourceSystem, days, alertDays] = await Promise.all([
      this.activity.totals(period),
      this.activity.byUnit(period),
      this.activity.bySourceSystem(period),
      this.activity.byDay(period),
      this.alerts.countByDay(from, to),
    ]);
    const [
      locks,
      warnings,
      unlocks,
      abnormalRows,
      alertsByType,
      alertsBySeverity,
      alertsByOutcome,
      overdue,
      flagged,
      systems,
    ] = await Promise.all([
      this.accounts.locks(from, to),
      this.accounts.warnings(from, to),
      this.accounts.unlocks(from, to),
      this.alerts.ofTypes(ABNORMAL_FREQUENCY_TYPES, from, to),
      this.alerts.countBy('type', from, to),
      this.alerts.countBy('severity', from, to),
      this.alerts.countBy('outcome', from, to),
      this.alerts.overdue(new Date(asOf.getTime() - ageSeconds * 1000)),
      this.sources.flagged(from, to),
      this.registry.findAll(),
    ]);
    const dayFigures = new Map(days.map((d) => [d.day, d]));
    const alertsOn = new Map(alertDays.map((d) => [d.day, d.alerts]));
    return {
      kind,
      period,
      asOf,
      totals: { ...totals, share: explainedShareOf(totals.explained, totals.lookups) },
      byUnit: byUnit.map((u) => ({ ...u, share: explainedShareOf(u.explained, u.lookups) })),
      bySourceSystem: bySourceSystem.map((s) => ({ ...s, share: explainedShareOf(s.explained, s.lookups) })),
      byAction: [
        { action: 'lookup', events: totals.lookups },
        { action: 'login', events: totals.logins },
        { action: 'export', events: totals.exports },
        { action: 'other', events: totals.events - totals.lookups - totals.logins - totals.exports },
      ],
      locks,
      warnings,
      unlocks,
      abnormal: await this.withAccounts(abnormalRows),
      alertsByType,
      alertsBySeverity,
      alertsByOutcome,
      overdueAlerts: overdue.map((a) => ({
        ...a,
        ageDays: Math.floor((asOf.getTime() - a.createdAt.getTime()) / 1000 / DAY_SECONDS),
      })),
      openAlertAgeDays: Math.round((ageSeconds / DAY_SECONDS) * 10) / 10,
      flaggedSources: flagged.map((f) => ({
        sourceSystem: f.sourceSystem,
        name: f.name,
        registered: f.registered,
        events: f.unregistered + f.undeclared,
        fields: f.fields,
        firstAt: f.firstAt,
        lastAt: f.lastAt,
      })),
      connectedSystems: systems.map((s): ConnectedSystemEntry => ({
        code: s.code,
        name: s.name,
        operatorOrg: s.operatorOrg,
        status: s.status,
        legalBasis: s.legalBasis,
        approvalDocNo: s.approvalDocNo,
        fields: s.allowedFields.map((code) => ({
          code,
          label: FIELD_LABELS.get(code)?.label ?? code,
          sensitive: FIELD_LABELS.get(code)?.class === 'sensitive',
        })),
      })),
      trend: daysOf(period).map((day) => ({
        day,
        lookups: dayFigures.get(day)?.lookups ?? 0,
        explained: dayFigures.get(day)?.explained ?? 0,
        alerts: alertsOn.get(day) ?? 0,
      })),
    };
  }

  private async withAccounts(rows: AbnormalAlertRow[]): Promise<AbnormalAccountEntry[]> {
    const known = new Map(
      (await this.alerts.accounts([...new Set(rows.flatMap((r) => r.accountIds))])).map((a) => [
        a.accountId,
        a,
      ]),
    );
    const ref = (id: string): AccountStateRow =>
      known.get(id) ?? { accountId: id, fullName: null, unitCode: null, unitName: null, lockedAt: null };
    return rows.map((r) => ({
      ...r,
      accounts: r.accountIds.map((id): AccountRef => {
        const { lockedAt: _lockedAt, ...account } = ref(id);
        return account;
      }),
      lockedAt: r.accountIds.length ? ref(r.accountIds[0]).lockedAt : null,
    }));
  }
}
