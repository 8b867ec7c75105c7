import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AlertsService } from '@app/alerts';
import { Clock, DomainException, ErrorCode } from '@app/common';
import { AggregateRescan } from '../aggregates/aggregate-rescan.service';
import { addDays, isLocalDay, LocalDay, localDay, startOfLocalDay } from '../calendar/local-day.util';
import { WorkingCalendar } from '../working-hours/working-calendar.service';
import { AccountVolumeFinding, UNIT_SURGE, VOLUME_OWN_BASELINE, VolumeFinding } from './volume-finding.type';
import { accountVolumeAlert, unitSurgeAlert } from './volume-alert.util';
import { VolumeDetector } from './volume-detector.service';
import { VolumeSettingsService } from './volume-settings.service';
import type { VolumeSettings } from './volume-settings.util';
import { VolumeWindow } from './volume-window.util';
import { VolumeRepository } from './volume.repository';

/** Any stable 64-bit number: the daily scan runs on one replica at a time. */
export const DETECTION_DAILY_LOCK = 7_281_004_630;
/** A scan is of at most a year: longer is a mistake, or a job for several runs. */
export const MAX_SCAN_DAYS = 366;
const BLOCK_DAYS = 31;
const SAMPLE_EVENTS = 5;

export interface ScanOutcome {
  fromDay: LocalDay;
  toDay: LocalDay;
  /** Closed days scanned (a day not yet over is not judged). */
  days: number;
  rebuilt: { days: number; events: number } | null;
  /** Findings by alert type; each raised (a repeat updates its alert, never adds one). */
  findings: Record<string, number>;
  created: number;
  updated: number;
}

/**
 * Runs the day-level detectors over the closed local days of a period. Idempotent: alerts are keyed by type,
 * account (or unit) and day, so scanning a period again updates its alerts instead of adding any. Reads the
 * aggregate in blocks of days, each with the history its baselines need.
 */
@Injectable()
export class DetectionScan {
  private readonly logger = new Logger(DetectionScan.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: VolumeRepository,
    private readonly detector: VolumeDetector,
    private readonly calendar: WorkingCalendar,
    private readonly settings: VolumeSettingsService,
    private readonly alerts: AlertsService,
    private readonly rescan: AggregateRescan,
    private readonly clock: Clock,
  ) {}

  async scan(fromDay: LocalDay, toDay: LocalDay, options: { rebuild?: boolean } = {}): Promise<ScanOutcome> {
    this.checkPeriod(fromDay, toDay);
    const lastClosed = addDays(localDay(this.clock.now()), -1);
    const last = toDay < lastClosed ? toDay : lastClosed;
    const outcome: ScanOutcome = { fromDay, toDay, days: 0, rebuilt: null, findings: {}, created: 0, updated: 0 };
    if (options.rebuild) outcome.rebuilt = await this.rescan.rescan(fromDay, toDay);
    const s = this.settings.current();
    for (let start = fromDay; start <= last; start = addDays(start, BLOCK_DAYS)) {
      const end = addDays(start, BLOCK_DAYS - 1) < last ? addDays(start, BLOCK_DAYS - 1) : last;
      const window = await this.loadWindow(start, end, s);
      for (let day = start; day <= end; day = addDays(day, 1), outcome.days++) {
        for (const f of this.detector.detect(window, day, s)) await this.raise(f, window, s, outcome);
      }
    }
    this.logger.log(`Scanned ${outcome.days} closed day(s) ${fromDay} .. ${toDay}: ${JSON.stringify(outcome.findings)}`);
    return outcome;
  }

  /** Yesterday (Vietnam), on one replica: null when another holds the lock (it is scanning the same day). */
  async scanYesterdayOnce(): Promise<ScanOutcome | null> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [DETECTION_DAILY_LOCK]);
      if (!locked) return null;
      try {
        const yesterday = addDays(localDay(this.clock.now()), -1);
        return await this.scan(yesterday, yesterday);
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [DETECTION_DAILY_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  private checkPeriod(fromDay: string, toDay: string): void {
    const problems = [
      ...(isLocalDay(fromDay) ? [] : [{ field: 'from', message: `"${fromDay}" is not a date YYYY-MM-DD` }]),
      ...(isLocalDay(toDay) ? [] : [{ field: 'to', message: `"${toDay}" is not a date YYYY-MM-DD` }]),
    ];
    if (!problems.length && toDay < fromDay) problems.push({ field: 'to', message: 'must not be before from' });
    if (!problems.length && addDays(fromDay, MAX_SCAN_DAYS) <= toDay) problems.push({ field: 'to', message: `a scan covers at most ${MAX_SCAN_DAYS} days` });
    if (problems.length) throw new DomainException(ErrorCode.VALIDATION_FAILED, 'Not a period to scan', problems);
  }

  /** The block's days with twice the baseline's look-back before them (a baseline day's own unit-surge check needs it). */
  private async loadWindow(start: LocalDay, end: LocalDay, s: VolumeSettings): Promise<VolumeWindow> {
    const from = addDays(start, -2 * s.ownBaseline.lookbackCalendarDays);
    const rows = await this.repository.findDays(from, end);
    const ids = [...new Set(rows.map((r) => r.accountId))];
    const [accounts, firstDays, alerted] = await Promise.all([
      this.repository.findAccounts(ids),
      this.repository.findFirstDays(ids),
      this.repository.findAlertedDays(VOLUME_OWN_BASELINE, startOfLocalDay(from), startOfLocalDay(addDays(end, 1))),
    ]);
    const window = new VolumeWindow(rows, accounts, firstDays, (unit, noon) => this.calendar.classify(unit, noon).workingDay, s);
    for (const a of alerted) window.markAlerted(a.accountId, localDay(a.windowStart));
    return window;
  }

  private async raise(f: VolumeFinding, window: VolumeWindow, s: VolumeSettings, outcome: ScanOutcome): Promise<void> {
    const input = f.type === UNIT_SURGE ? unitSurgeAlert(f, s) : accountVolumeAlert(f, await this.samples(f), s);
    // Later days of this scan leave the day out of the account's baseline, as a later scan would.
    if (f.type === VOLUME_OWN_BASELINE) window.markAlerted(f.row.accountId, f.day);
    const raised = await this.alerts.raise(input);
    outcome.findings[f.type] = (outcome.findings[f.type] ?? 0) + 1;
    if (raised.created) outcome.created++;
    else outcome.updated++;
  }

  private samples(f: AccountVolumeFinding): Promise<string[]> {
    return this.repository.sampleEventIds(f.row.accountId, startOfLocalDay(f.day), startOfLocalDay(addDays(f.day, 1)), SAMPLE_EVENTS);
  }
}
