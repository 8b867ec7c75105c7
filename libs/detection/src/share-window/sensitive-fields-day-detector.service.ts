import { Injectable } from '@nestjs/common';
import { judgeLookup, SENSITIVE_FIELDS, UNNEEDED_SENSITIVE } from '../explained/lookup-explanation.util';
import { ProcedureNeeds } from '../procedures/procedure-needs.service';
import { AccountDayVolume, VolumeRepository } from '../volume/volume.repository';
import { WorkingCalendar } from '../working-hours/working-calendar.service';
import { ShareWindowDayDetector } from './share-window-day-detector.service';
import { SampleLookup, ShareWindowRepository } from './share-window.repository';

export const SENSITIVE_FIELDS_TYPE = 'sensitive_fields';

/** Detector 10: lookups returning sensitive fields their procedure does not need, far beyond the account's and its peers' habit. */
@Injectable()
export class SensitiveFieldsDayDetector extends ShareWindowDayDetector {
  readonly section = 'sensitiveFields';
  readonly types = [SENSITIVE_FIELDS_TYPE] as const;
  protected readonly rule =
    "lookups returning a sensitive field beyond their procedure's need / lookups over the window > max(multiple * usual, usual + margin, minShare), usual the higher of the account's own median daily share and its peers' share over the window";
  protected readonly candidates = 'sensitive';

  constructor(repository: ShareWindowRepository, volume: VolumeRepository, calendar: WorkingCalendar, needs: ProcedureNeeds) {
    super(repository, volume, calendar, needs);
  }

  protected countOf(row: AccountDayVolume): number {
    return row.unneededSensitive;
  }

  protected counts(lookup: SampleLookup): boolean {
    return (judgeLookup(lookup, this.needs.current()) & UNNEEDED_SENSITIVE) !== 0;
  }

  /** Which sensitive fields came back beyond the need, in the sampled lookups (up to 400 of the window's first). */
  protected extraEvidence(samples: SampleLookup[]): Record<string, unknown> {
    const needs = this.needs.current();
    const fields: Record<string, number> = {};
    for (const l of samples) {
      const need = l.procedureCode ? needs.get(l.procedureCode) : undefined;
      for (const f of l.fields) if (SENSITIVE_FIELDS.has(f) && !need?.has(f)) fields[f] = (fields[f] ?? 0) + 1;
    }
    return { sampleEventIds: this.sampleIds(samples), sampledLookups: samples.length, sensitiveFields: fields };
  }

}
