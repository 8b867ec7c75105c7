import { Injectable } from '@nestjs/common';
import type { RaiseAlertInput } from '@app/alerts';
import { addDays, LocalDay, startOfLocalDay } from '../calendar/local-day.util';
import type { DayDetector } from '../scan/detector.type';
import { episodeStart } from '../scan/episode.util';
import { lastPerKey } from '../scan/finding-evidence.util';
import { VolumeRepository } from '../volume/volume.repository';
import { WorkingCalendar } from '../working-hours/working-calendar.service';
import { BULK_EXPORT, bulkExportAlert, BulkExportDay, BulkExportFinding } from './bulk-export-alert.util';
import { ExportHistory } from './bulk-export-history.util';
import { BulkExportSettings, parseBulkExportSettings } from './bulk-export-settings.util';
import { BulkExportRepository } from './bulk-export.repository';

const EPISODE_LOOKBACK_DAYS = 60;
const LARGEST_EXPORTS = 5;

/**
 * Detector 11: a day's exported citizens far above what the account's peers export (same unit and role, then same
 * kind of unit and role) and above its own habit; a first-ever large export is judged against its peers and the
 * floor. Exports a few days apart are one alert.
 */
@Injectable()
export class BulkExportDayDetector implements DayDetector<BulkExportSettings> {
  readonly section = 'bulkExport';
  readonly types = [BULK_EXPORT] as const;

  constructor(
    private readonly repository: BulkExportRepository,
    private readonly directory: VolumeRepository,
    private readonly calendar: WorkingCalendar,
  ) {}

  parseSettings(raw: unknown) {
    return parseBulkExportSettings(raw);
  }

  async detectDays(fromDay: LocalDay, toDay: LocalDay, s: BulkExportSettings): Promise<RaiseAlertInput[]> {
    const rows = await this.repository.findExportDays(addDays(fromDay, -(EPISODE_LOOKBACK_DAYS + s.historyDays)), toDay);
    const accounts = await this.directory.findAccounts([...new Set(rows.map((r) => r.accountId))]);
    const history = new ExportHistory(rows, accounts, (unit) => this.calendar.scheduleOf(unit).unitKind, s);
    const findings: BulkExportFinding[] = [];
    for (const row of rows) {
      if (row.day < fromDay || !history.judge(row.accountId, row.day)) continue;
      const start = episodeStart(row.day, (d) => history.judge(row.accountId, d) !== null, s.episodeGapDays, EPISODE_LOOKBACK_DAYS);
      const days: BulkExportDay[] = [];
      for (let d = start; d <= row.day; d = addDays(d, 1)) {
        const day = history.judge(row.accountId, d);
        if (day) days.push(day);
      }
      const account = accounts.get(row.accountId);
      const unitCode = row.unitCode ?? account?.unitCode ?? null;
      findings.push({ accountId: row.accountId, unitCode, unitKind: this.calendar.scheduleOf(unitCode).unitKind, role: account?.role ?? null, episodeStart: start, days });
    }
    const latest = lastPerKey(findings.sort((a, b) => (a.days[a.days.length - 1].row.day < b.days[b.days.length - 1].row.day ? -1 : 1)).map((f) => ({ dedupKey: `${f.accountId}:${f.episodeStart}`, f })));
    return Promise.all(
      latest.map(async ({ f }) => {
        const last = f.days[f.days.length - 1].row.day;
        const largest = await this.repository.largestExports(f.accountId, startOfLocalDay(f.days[0].row.day), startOfLocalDay(addDays(last, 1)), LARGEST_EXPORTS);
        return bulkExportAlert(f, largest, s);
      }),
    );
  }
}
