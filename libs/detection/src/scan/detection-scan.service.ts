import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AlertsService, RaiseAlertInput } from '@app/alerts';
import { Clock, DomainException, ErrorCode } from '@app/common';
import { AggregateRescan } from '../aggregates/aggregate-rescan.service';
import { addDays, isLocalDay, LocalDay, localDay } from '../calendar/local-day.util';
import { DetectionSettingsService } from '../settings/detection-settings.service';
import { withTryAdvisoryLock } from './advisory-lock.util';
import { DAY_DETECTORS, DayDetector, DetectionSettings } from './detector.type';
import { ExplainedEvidence } from './explained-evidence.service';
import { VolumeRepository } from '../volume/volume.repository';

/** Any stable 64-bit number: the daily scan runs on one replica at a time. */
export const DETECTION_DAILY_LOCK = 7_281_004_630;
/** A scan is of at most a year: longer is a mistake, or a job for several runs. */
export const MAX_SCAN_DAYS = 366;
const BLOCK_DAYS = 31;
/** The longest history a day detector reads before its block (the share detectors': 208 days): read once for all. */
const HISTORY_DAYS = 210;

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
  /** Seconds each detector took (by its settings section), raising included. */
  seconds: Record<string, number>;
  /** Detectors that failed on a block, with the error: the others ran all the same. */
  failed: { section: string; fromDay: LocalDay; toDay: LocalDay; error: string }[];
}

/** Each detector's section, checked. */
export type ParsedDetectionSettings = ReadonlyMap<DayDetector, unknown>;

/**
 * Runs every day detector over the closed local days of a period, a block of days at a time, and raises what
 * they find. Idempotent: alerts are keyed by type, account (or unit) and window, so scanning a period again
 * updates its alerts instead of adding any.
 */
@Injectable()
export class DetectionScan implements OnModuleInit {
  private readonly logger = new Logger(DetectionScan.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(DAY_DETECTORS) private readonly detectors: DayDetector[],
    private readonly settings: DetectionSettingsService,
    private readonly alerts: AlertsService,
    private readonly rescan: AggregateRescan,
    private readonly explained: ExplainedEvidence,
    private readonly days: VolumeRepository,
    private readonly clock: Clock,
  ) {}

  /** A mistake in config/detection.json stops the start, with every problem. */
  onModuleInit(): void {
    this.parse(this.settings.current());
  }

  /** Every detector's section checked; throws a validation error listing each problem. */
  parse(settings: DetectionSettings): ParsedDetectionSettings {
    const parsed = new Map<DayDetector, unknown>();
    const problems: { field: string; message: string }[] = [];
    for (const d of this.detectors) {
      const p = d.parseSettings(settings[d.section]);
      if (p.problems) problems.push(...p.problems.map((m) => ({ field: m.split(':')[0], message: m })));
      else parsed.set(d, p.settings);
    }
    if (problems.length) throw new DomainException(ErrorCode.VALIDATION_FAILED, 'Detection settings are not valid', problems);
    return parsed;
  }

  get dayDetectors(): readonly DayDetector[] {
    return this.detectors;
  }

  async scan(fromDay: LocalDay, toDay: LocalDay, options: { rebuild?: boolean } = {}): Promise<ScanOutcome> {
    this.checkPeriod(fromDay, toDay);
    const outcome: ScanOutcome = { fromDay, toDay, days: 0, rebuilt: null, findings: {}, created: 0, updated: 0, seconds: {}, failed: [] };
    if (options.rebuild) outcome.rebuilt = await this.rescan.rescan(fromDay, toDay);
    const settings = this.parse(this.settings.current());
    for (const [start, end] of this.blocks(fromDay, toDay)) {
      await this.days.withDaysRead(addDays(start, -HISTORY_DAYS), end, async () => {
        for (const d of this.detectors) {
          const started = performance.now();
          try {
            for (const input of await d.detectDays(start, end, settings.get(d))) await this.raise(input, outcome);
          } catch (error) {
            // One detector's failure (a database error, a rule meeting data it did not expect) does not stop the others.
            outcome.failed.push({ section: d.section, fromDay: start, toDay: end, error: (error as Error).message });
            this.logger.error({ err: error }, `Detector ${d.section} failed on ${start} .. ${end}; the other detectors ran`);
          }
          outcome.seconds[d.section] = Math.round(((outcome.seconds[d.section] ?? 0) + (performance.now() - started) / 1000) * 1000) / 1000;
        }
      });
      outcome.days += daysIn(start, end);
    }
    this.logger.log(`Scanned ${outcome.days} closed day(s) ${fromDay} .. ${toDay}: ${JSON.stringify(outcome.findings)} in ${JSON.stringify(outcome.seconds)} s`);
    return outcome;
  }

  /** What the detectors find over the closed days of a period with these settings, raising nothing. */
  async findings(fromDay: LocalDay, toDay: LocalDay, settings: ParsedDetectionSettings, only?: readonly DayDetector[]): Promise<RaiseAlertInput[]> {
    this.checkPeriod(fromDay, toDay);
    const out: RaiseAlertInput[] = [];
    for (const [start, end] of this.blocks(fromDay, toDay))
      await this.days.withDaysRead(addDays(start, -HISTORY_DAYS), end, async () => {
        for (const d of only ?? this.detectors) out.push(...(await d.detectDays(start, end, settings.get(d))));
      });
    return out;
  }

  /** Yesterday (Vietnam), on one replica: null when another holds the lock (it is scanning the same day). */
  async scanYesterdayOnce(): Promise<ScanOutcome | null> {
    return withTryAdvisoryLock(this.dataSource, DETECTION_DAILY_LOCK, () => {
      const yesterday = addDays(localDay(this.clock.now()), -1);
      return this.scan(yesterday, yesterday);
    });
  }

  /** The closed days of the period in blocks of a month: a day not yet over is not judged. */
  private blocks(fromDay: LocalDay, toDay: LocalDay): [LocalDay, LocalDay][] {
    const lastClosed = addDays(localDay(this.clock.now()), -1);
    const last = toDay < lastClosed ? toDay : lastClosed;
    const out: [LocalDay, LocalDay][] = [];
    for (let start = fromDay; start <= last; start = addDays(start, BLOCK_DAYS)) {
      const end = addDays(start, BLOCK_DAYS - 1);
      out.push([start, end < last ? end : last]);
    }
    return out;
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

  private async raise(input: RaiseAlertInput, outcome: ScanOutcome): Promise<void> {
    const raised = await this.alerts.raise(await this.explained.complete(input));
    outcome.findings[input.type] = (outcome.findings[input.type] ?? 0) + 1;
    if (raised.created) outcome.created++;
    else outcome.updated++;
  }
}

function daysIn(start: LocalDay, end: LocalDay): number {
  let n = 0;
  for (let d = start; d <= end; d = addDays(d, 1)) n++;
  return n;
}
