import type { RaiseAlertInput } from '@app/alerts';
import { addDays, LocalDay, startOfLocalDay } from '../calendar/local-day.util';
import type { ProcedureNeeds } from '../procedures/procedure-needs.service';
import type { DayDetector, ParsedSettings } from '../scan/detector.type';
import type { AccountDayVolume, VolumeRepository } from '../volume/volume.repository';
import type { WorkingCalendar } from '../working-hours/working-calendar.service';
import { shareWindowAlert } from './share-window-alert.util';
import type { ShareDay, ShareWindowFinding } from './share-window-finding.type';
import { parseShareWindowSettings, ShareWindowSettings } from './share-window-settings.util';
import { ShareWindow } from './share-window.util';
import { SampleLookup, ShareWindowRepository } from './share-window.repository';

/** Lookups read to find sample events, and samples kept. */
const CANDIDATES = 400;
const SAMPLES = 5;

/**
 * Detectors 6 and 10: a share of an account's lookups over a window of working days far above its own usual
 * share and its peers' (ShareWindow), one alert per run of flagged days. Subclasses say what is counted.
 */
export abstract class ShareWindowDayDetector implements DayDetector<ShareWindowSettings> {
  abstract readonly section: string;
  abstract readonly types: readonly string[];
  protected abstract readonly rule: string;
  protected abstract readonly candidates: 'sensitive' | 'unexplained';

  constructor(
    private readonly repository: ShareWindowRepository,
    private readonly volume: VolumeRepository,
    private readonly calendar: WorkingCalendar,
    protected readonly needs: ProcedureNeeds,
  ) {}

  /** What the detector counts of an account's day. */
  protected abstract countOf(row: AccountDayVolume): number;
  /** Whether a sample lookup is one the detector counts. */
  protected abstract counts(lookup: SampleLookup): boolean;
  /** Evidence beyond the shared one, from the samples (sampleEventIds at least). */
  protected abstract extraEvidence(samples: SampleLookup[]): Record<string, unknown>;

  parseSettings(raw: unknown): ParsedSettings<ShareWindowSettings> {
    return parseShareWindowSettings(raw, this.section);
  }

  async detectDays(fromDay: LocalDay, toDay: LocalDay, s: ShareWindowSettings): Promise<RaiseAlertInput[]> {
    // The run's look-back, the history's, and the window's own span (weekends, Tết) before the first day judged.
    const loadFrom = addDays(fromDay, -(s.runLookbackDays + s.lookbackCalendarDays + Math.ceil(s.windowWorkingDays * 1.4) + 14));
    const rows = await this.volume.findDays(loadFrom, toDay);
    const days: (ShareDay & { firstAt: Date | null })[] = rows.map((r) => ({ ...r, count: this.countOf(r) }));
    const accounts = await this.volume.findAccounts([...new Set(rows.map((r) => r.accountId))]);
    const window = new ShareWindow(loadFrom, toDay, days, accounts, (unit, day) => this.calendar.classify(unit, noonOf(day)).workingDay, s);
    const out: RaiseAlertInput[] = [];
    for (const f of window.findings(fromDay, toDay)) out.push(shareWindowAlert(this.types[0], this.rule, f, s, this.extraEvidence(await this.samples(f))));
    return out;
  }

  private async samples(f: ShareWindowFinding): Promise<SampleLookup[]> {
    const candidates = await this.repository.candidateLookups(f.accountId, startOfLocalDay(f.window.from), startOfLocalDay(addDays(f.day, 1)), this.candidates, CANDIDATES);
    return candidates.filter((c) => this.counts(c));
  }

  protected sampleIds(samples: SampleLookup[]): string[] {
    return samples.slice(0, SAMPLES).map((x) => x.eventId);
  }
}

/** Noon of a local day: the instant asked about when the question is the whole day (a working day or not). */
function noonOf(day: LocalDay): Date {
  return new Date(startOfLocalDay(day).getTime() + 12 * 3_600_000);
}
