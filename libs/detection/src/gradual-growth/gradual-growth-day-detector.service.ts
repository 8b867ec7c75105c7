import { Injectable } from '@nestjs/common';
import type { RaiseAlertInput } from '@app/alerts';
import { addDays, LocalDay, startOfLocalDay } from '../calendar/local-day.util';
import type { DayDetector } from '../scan/detector.type';
import { episodeStart } from '../scan/episode.util';
import { lastPerKey } from '../scan/finding-evidence.util';
import { VolumeRepository } from '../volume/volume.repository';
import { WorkingCalendar } from '../working-hours/working-calendar.service';
import { GRADUAL_GROWTH, gradualGrowthAlert, GradualGrowthFinding } from './gradual-growth-alert.util';
import { GradualGrowthSettings, parseGradualGrowthSettings } from './gradual-growth-settings.util';
import { GradualGrowthWindow } from './gradual-growth-window.util';

const EPISODE_LOOKBACK_DAYS = 90;
const SAMPLE_EVENTS = 5;

/**
 * Detector 4: an account's daily volume climbing over weeks, never a jump the day-level volume detectors would
 * see: its last two weeks against six to ten weeks earlier, rising through the weeks between, while its unit did
 * not rise with it. One alert per account and episode.
 */
@Injectable()
export class GradualGrowthDayDetector implements DayDetector<GradualGrowthSettings> {
  readonly section = 'gradualGrowth';
  readonly types = [GRADUAL_GROWTH] as const;

  constructor(
    private readonly days: VolumeRepository,
    private readonly calendar: WorkingCalendar,
  ) {}

  parseSettings(raw: unknown) {
    return parseGradualGrowthSettings(raw);
  }

  async detectDays(fromDay: LocalDay, toDay: LocalDay, s: GradualGrowthSettings): Promise<RaiseAlertInput[]> {
    const rows = await this.days.findDays(addDays(fromDay, -(EPISODE_LOOKBACK_DAYS + s.blocks * s.blockDays)), toDay);
    const accounts = await this.days.findAccounts([...new Set(rows.map((r) => r.accountId))]);
    const window = new GradualGrowthWindow(rows, accounts, (unit, day) => this.calendar.hoursOn(unit, day).workingDay, s);
    const findings: GradualGrowthFinding[] = [];
    for (let day = fromDay; day <= toDay; day = addDays(day, 1)) {
      for (const row of window.rowsOn(day)) {
        if (!window.flagged(row.accountId, day)) continue;
        const start = episodeStart(day, (d) => window.flagged(row.accountId, d), s.blockDays, EPISODE_LOOKBACK_DAYS);
        // The episode at its strongest so far: the same evidence whichever block of days raises it.
        let strongest = day;
        for (let d = start; d < day; d = addDays(d, 1))
          if (window.flagged(row.accountId, d) && window.verdict(row.accountId, d)!.judgement.ratio > window.verdict(row.accountId, strongest)!.judgement.ratio) strongest = d;
        const recentRows = window.period(row.accountId, strongest, s.blockDays, 0).rows;
        findings.push({ accountId: row.accountId, unitCode: window.unitOf(row), day, strongest, episodeStart: start, verdict: window.verdict(row.accountId, strongest)!, recentRows });
      }
    }
    const latest = lastPerKey(findings.map((f) => ({ dedupKey: `${f.accountId}:${f.episodeStart}`, f })));
    return Promise.all(
      latest.map(async ({ f }) => {
        const samples = await this.days.sampleEventIds(f.accountId, startOfLocalDay(addDays(f.strongest, 1 - s.blockDays)), startOfLocalDay(addDays(f.strongest, 1)), SAMPLE_EVENTS);
        return gradualGrowthAlert(f, samples, s);
      }),
    );
  }
}
