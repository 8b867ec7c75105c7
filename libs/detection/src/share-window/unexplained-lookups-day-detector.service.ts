import { Injectable } from '@nestjs/common';
import { EXPLAINED, judgeLookup, UNNEEDED_SENSITIVE } from '../explained/lookup-explanation.util';
import { ProcedureNeeds } from '../procedures/procedure-needs.service';
import { AccountDayVolume, VolumeRepository } from '../volume/volume.repository';
import { WorkingCalendar } from '../working-hours/working-calendar.service';
import { ShareWindowDayDetector } from './share-window-day-detector.service';
import { SampleLookup, ShareWindowRepository } from './share-window.repository';

export const UNEXPLAINED_LOOKUPS = 'unexplained_lookups';

/** Detector 6: far more of an account's lookups than usual, for itself and its peers, are not explained by a dossier. */
@Injectable()
export class UnexplainedLookupsDayDetector extends ShareWindowDayDetector {
  readonly section = 'unexplainedLookups';
  readonly types = [UNEXPLAINED_LOOKUPS] as const;
  protected readonly rule =
    "unexplained lookups (less those with sensitive fields beyond the need, detector 10's) / lookups over the window > max(multiple * usual, usual + margin, minShare), usual the higher of the account's own median daily share and its peers' share over the window";
  protected readonly candidates = 'unexplained';

  constructor(repository: ShareWindowRepository, volume: VolumeRepository, calendar: WorkingCalendar, needs: ProcedureNeeds) {
    super(repository, volume, calendar, needs);
  }

  /**
   * Unexplained lookups, less those returning sensitive fields beyond the need: those are detector 10's, so one
   * behaviour is one alert (a lookup both without a dossier and with such fields is left to detector 10 too).
   */
  protected countOf(row: AccountDayVolume): number {
    return Math.max(0, row.lookups - row.explained - row.unneededSensitive);
  }

  protected counts(lookup: SampleLookup): boolean {
    return (judgeLookup(lookup, this.needs.current()) & (EXPLAINED | UNNEEDED_SENSITIVE)) === 0;
  }

  protected extraEvidence(samples: SampleLookup[]): Record<string, unknown> {
    return { sampleEventIds: this.sampleIds(samples) };
  }

}
