import { Injectable } from '@nestjs/common';
import type { RaiseAlertInput } from '@app/alerts';
import { addDays, LocalDay, localTime, startOfLocalDay } from '../calendar/local-day.util';
import { episodeStart } from '../scan/episode.util';
import type { DayDetector } from '../scan/detector.type';
import { lastPerKey } from '../scan/finding-evidence.util';
import { VolumeRepository } from '../volume/volume.repository';
import { WorkingCalendar } from '../working-hours/working-calendar.service';
import { OFF_HOURS, offHoursAlert, OffHoursEvents, OffHoursFinding } from './off-hours-alert.util';
import { parseOffHoursSettings, OffHoursSettings } from './off-hours-settings.util';
import { isUnmistakable } from './off-hours-rules.util';
import { OffHoursWindow } from './off-hours-window.util';
import { OffHoursRepository } from './off-hours.repository';

/** How far back an episode may reach: a habit of one night a month for a year is the account's, not one alert. */
const EPISODE_LOOKBACK_DAYS = 90;
const SAMPLE_EVENTS = 5;

/**
 * Detector 5: lookups outside the unit's working hours (its schedule, weekends, public holidays and declared
 * days), repeated over a window of days, beyond the account's own habit and its unit's peers. One alert per
 * account and episode: the nights and Sundays of a month are one finding.
 */
@Injectable()
export class OffHoursDayDetector implements DayDetector<OffHoursSettings> {
  readonly section = 'offHours';
  readonly types = [OFF_HOURS] as const;

  constructor(
    private readonly repository: OffHoursRepository,
    private readonly accounts: VolumeRepository,
    private readonly calendar: WorkingCalendar,
  ) {}

  parseSettings(raw: unknown) {
    return parseOffHoursSettings(raw);
  }

  async detectDays(fromDay: LocalDay, toDay: LocalDay, s: OffHoursSettings): Promise<RaiseAlertInput[]> {
    const window = await this.loadWindow(fromDay, toDay, s);
    const findings: OffHoursFinding[] = [];
    for (let day = fromDay; day <= toDay; day = addDays(day, 1)) {
      for (const row of window.rowsOn(day)) {
        const judgement = window.judge(row.accountId, day);
        if (!judgement?.fires) continue;
        const start = episodeStart(day, (d) => window.flagged(row.accountId, d), s.windowDays, EPISODE_LOOKBACK_DAYS);
        const first = window.judge(row.accountId, start)!.days[0].day;
        const days = window.offDaysIn(row.accountId, first, day).filter((d) => judgement.habit !== null || isUnmistakable(d));
        findings.push({ accountId: row.accountId, unitCode: window.unitOf(row.accountId, day), episodeStart: start, days, judgement });
      }
    }
    // The latest day of each episode in the block carries all of it: one raise per alert.
    const latest = lastPerKey(findings.map((f) => ({ dedupKey: `${f.accountId}:${f.episodeStart}`, f }))).map((x) => x.f);
    return Promise.all(latest.map(async (f) => offHoursAlert(f, await this.events(f, window), s)));
  }

  private async loadWindow(fromDay: LocalDay, toDay: LocalDay, s: OffHoursSettings): Promise<OffHoursWindow> {
    const rows = await this.repository.findDays(addDays(fromDay, -(EPISODE_LOOKBACK_DAYS + s.windowDays + s.historyDays)), toDay);
    const ids = [...new Set(rows.map((r) => r.accountId))];
    const [accounts, firstDays] = await Promise.all([this.accounts.findAccounts(ids), this.accounts.findFirstDays(ids)]);
    return new OffHoursWindow(rows, accounts, firstDays, (unit, day) => this.calendar.hoursOn(unit, day), s);
  }

  /** The episode's off-hours lookups themselves (the aggregate counts them, the store says which had dossiers). */
  private async events(f: OffHoursFinding, window: OffHoursWindow): Promise<OffHoursEvents> {
    const first = f.days[0].day;
    const last = f.days[f.days.length - 1].day;
    const rows = await this.repository.findLookups(f.accountId, startOfLocalDay(first), startOfLocalDay(addDays(last, 1)), f.days.map((d) => d.day));
    const out: OffHoursEvents = { lookups: 0, withDossier: 0, ownUnitDossier: 0, sampleEventIds: [], firstAt: null };
    for (const e of rows) {
      const { day, minute } = localTime(e.occurredAt);
      if (!window.slotsOf(window.unitOf(f.accountId, day), day).weights[Math.floor(minute / 30)]) continue;
      out.lookups++;
      if (e.withDossier) out.withDossier++;
      if (e.ownUnitDossier) out.ownUnitDossier++;
      if (out.sampleEventIds.length < SAMPLE_EVENTS) out.sampleEventIds.push(e.eventId);
      out.firstAt ??= e.occurredAt;
    }
    return out;
  }
}
