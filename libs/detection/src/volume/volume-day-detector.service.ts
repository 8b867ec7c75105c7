import { Injectable } from '@nestjs/common';
import type { RaiseAlertInput } from '@app/alerts';
import { addDays, LocalDay, localDay, startOfLocalDay } from '../calendar/local-day.util';
import type { DayDetector } from '../scan/detector.type';
import { WorkingCalendar } from '../working-hours/working-calendar.service';
import { UNIT_SURGE, VOLUME_HOURLY, VOLUME_OWN_BASELINE, VOLUME_PEERS } from './volume-finding.type';
import { accountVolumeAlert, hourlyVolumeAlert, hourWindowOf, unitSurgeAlert } from './volume-alert.util';
import { VolumeDetector } from './volume-detector.service';
import { parseVolumeSettings, VolumeSettings } from './volume-settings.util';
import { VolumeWindow } from './volume-window.util';
import { AccountDayVolume, VolumeRepository } from './volume.repository';

const SAMPLE_EVENTS = 5;

/**
 * Detectors 1-3 (volume against the account's own baseline by the day and by the hour, against its peers, a unit
 * rising together) over a block of days: reads the aggregate once for the block and the history its baselines need.
 */
@Injectable()
export class VolumeDayDetector implements DayDetector<VolumeSettings> {
  readonly section = 'volume';
  readonly types = [VOLUME_OWN_BASELINE, VOLUME_PEERS, VOLUME_HOURLY, UNIT_SURGE] as const;

  constructor(
    private readonly repository: VolumeRepository,
    private readonly detector: VolumeDetector,
    private readonly calendar: WorkingCalendar,
  ) {}

  parseSettings(raw: unknown) {
    return parseVolumeSettings(raw);
  }

  async detectDays(fromDay: LocalDay, toDay: LocalDay, s: VolumeSettings): Promise<RaiseAlertInput[]> {
    const window = await this.loadWindow(fromDay, toDay, s);
    const out: RaiseAlertInput[] = [];
    for (let day = fromDay; day <= toDay; day = addDays(day, 1)) {
      for (const f of this.detector.detect(window, day, s)) {
        if (f.type === UNIT_SURGE) {
          out.push(unitSurgeAlert(f, s));
        } else if (f.type === VOLUME_HOURLY) {
          const hour = hourWindowOf(f);
          out.push(hourlyVolumeAlert(f, await this.samples(f.row.accountId, hour.windowStart, hour.windowEnd), s));
        } else {
          // Later days leave the day out of the account's baseline, as a later scan would (its alert is stored by then).
          if (f.type === VOLUME_OWN_BASELINE) window.markAlerted(f.row.accountId, f.day);
          out.push(accountVolumeAlert(f, await this.samples(f.row.accountId, startOfLocalDay(f.day), startOfLocalDay(addDays(f.day, 1))), s));
        }
      }
    }
    return out;
  }

  /** The block's days with twice the baseline's look-back before them (a baseline day's own unit-surge check needs it). */
  private async loadWindow(start: LocalDay, end: LocalDay, s: VolumeSettings): Promise<VolumeWindow> {
    const from = addDays(start, -2 * s.ownBaseline.lookbackCalendarDays);
    return this.windowOf(await this.repository.findDays(from, end), [], from, end, s);
  }

  /**
   * The window one account's days are judged in, as loadWindow's would judge them: the account's own days and
   * those of everyone who can be its unit's member or its peer (same unit, or same role), not the whole province.
   */
  async loadAccountWindow(accountId: string, start: LocalDay, end: LocalDay, s: VolumeSettings): Promise<VolumeWindow> {
    const from = addDays(start, -2 * s.ownBaseline.lookbackCalendarDays);
    return this.windowOf(await this.repository.findDaysAround(accountId, from, end), [accountId], from, end, s);
  }

  private async windowOf(rows: AccountDayVolume[], alsoIds: string[], from: LocalDay, end: LocalDay, s: VolumeSettings): Promise<VolumeWindow> {
    const ids = [...new Set([...alsoIds, ...rows.map((r) => r.accountId)])];
    const [accounts, firstDays, alerted] = await Promise.all([
      this.repository.findAccounts(ids),
      this.repository.findFirstDays(ids),
      this.repository.findAlertedDays(VOLUME_OWN_BASELINE, startOfLocalDay(from), startOfLocalDay(addDays(end, 1))),
    ]);
    const window = new VolumeWindow(rows, accounts, firstDays, (unit, noon) => this.calendar.classify(unit, noon).workingDay, s);
    for (const a of alerted) window.markAlerted(a.accountId, localDay(a.windowStart));
    return window;
  }

  private samples(accountId: string, from: Date, to: Date): Promise<string[]> {
    return this.repository.sampleEventIds(accountId, from, to, SAMPLE_EVENTS);
  }
}
