import { Injectable } from '@nestjs/common';
import { Clock, DomainException, ErrorCode } from '@app/common';
import { addDays, isLocalDay, LocalDay, localDay } from '../calendar/local-day.util';
import { explainedShareOf } from '../explained/explained-share.service';
import { DetectionSettingsService } from '../settings/detection-settings.service';
import { VolumeDayDetector } from '../volume/volume-day-detector.service';
import { VolumeDetector } from '../volume/volume-detector.service';
import { robustBound } from '../volume/volume-rules.util';
import type { VolumeSettings } from '../volume/volume-settings.util';
import type { VolumeWindow } from '../volume/volume-window.util';
import type { AccountActivityDayDto, AccountActivityDto } from './dto/account-activity.dto';

export const ACTIVITY_MAX_DAYS = 400;
export const ACTIVITY_DEFAULT_DAYS = 60;

/**
 * One account's days with the numbers the volume detector judges them by: its own baseline band and its peers'
 * median, computed by the detector's own code over the same aggregate (account_day), so the chart and the alert agree.
 */
@Injectable()
export class AccountActivitySeriesService {
  constructor(
    private readonly settings: DetectionSettingsService,
    private readonly volume: VolumeDayDetector,
    private readonly detector: VolumeDetector,
    private readonly clock: Clock,
  ) {}

  async series(accountId: string, period: { from?: LocalDay; to?: LocalDay }): Promise<AccountActivityDto> {
    const to = period.to ?? (period.from ? addDays(period.from, ACTIVITY_DEFAULT_DAYS - 1) : localDay(this.clock.now()));
    const from = period.from ?? addDays(to, -(ACTIVITY_DEFAULT_DAYS - 1));
    checkPeriod(from, to);
    const s = this.volumeSettings();
    const window = await this.volume.loadAccountWindow(accountId, from, to, s);
    if (!window.accounts.has(accountId) && !window.firstDays.has(accountId)) {
      throw new DomainException(ErrorCode.NOT_FOUND, `No account ${accountId}`);
    }
    const days: AccountActivityDayDto[] = [];
    for (let day = from; day <= to; day = addDays(day, 1)) days.push(this.dayOf(window, accountId, day, s));
    const lookups = days.reduce((t, d) => t + d.lookups, 0);
    const explained = days.reduce((t, d) => t + d.explained, 0);
    return {
      accountId,
      from,
      to,
      days,
      totals: {
        lookups,
        explained,
        explainedShare: explainedShareOf(explained, lookups),
        daysAboveBaseline: days.filter((d) => d.baseline && d.lookups > d.baseline.threshold).length,
      },
    };
  }

  private dayOf(window: VolumeWindow, accountId: string, day: LocalDay, s: VolumeSettings): AccountActivityDayDto {
    const row = window.countsOf(accountId, day);
    const unitCode = row ? window.unitOf(row) : (window.accounts.get(accountId)?.unitCode ?? null);
    const baseline = this.detector.baselineOf(window, day, accountId, unitCode, s);
    const peers = this.detector.peersOf(window, day, accountId, unitCode, s);
    const own = baseline.days.length >= s.ownBaseline.minHistoryDays ? robustBound(baseline.lookups, s.ownBaseline) : null;
    return {
      day,
      workingDay: window.isWorkingDay(unitCode, day),
      lookups: row?.lookups ?? 0,
      subjects: row?.subjects ?? 0,
      explained: row?.explained ?? 0,
      baseline: own && { median: own.median, mad: own.mad, threshold: own.threshold, days: baseline.days.length },
      peers: peers && {
        group: peers.group,
        count: peers.peers.length,
        median: robustBound(peers.peers.map((p) => p.row.lookups), s.peers).median,
      },
    };
  }

  private volumeSettings(): VolumeSettings {
    const parsed = this.volume.parseSettings(this.settings.current()[this.volume.section]);
    if (parsed.problems) throw new DomainException(ErrorCode.VALIDATION_FAILED, 'Detection settings are not valid', parsed.problems.map((m) => ({ field: m.split(':')[0], message: m })));
    return parsed.settings;
  }
}

function checkPeriod(from: LocalDay, to: LocalDay): void {
  const problem =
    !isLocalDay(from) ? { field: 'from', message: 'must be a date of the calendar' }
    : !isLocalDay(to) ? { field: 'to', message: 'must be a date of the calendar' }
    : to < from ? { field: 'to', message: 'must not be before from' }
    : addDays(from, ACTIVITY_MAX_DAYS - 1) < to ? { field: 'to', message: `a period is at most ${ACTIVITY_MAX_DAYS} days` }
    : null;
  if (problem) throw new DomainException(ErrorCode.VALIDATION_FAILED, 'The activity period is not valid', [problem]);
}
