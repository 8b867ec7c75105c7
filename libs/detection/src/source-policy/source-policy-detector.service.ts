import { Injectable } from '@nestjs/common';
import type { RaiseAlertInput } from '@app/alerts';
import type { StoredBatch } from '@app/audit-trail';
import { SourceFlag, SourceSystemRegistry } from '@app/source-systems';
import { addDays, LocalDay, localDay, startOfLocalDay } from '../calendar/local-day.util';
import type { StreamDetector } from '../scan/detector.type';
import { numberSection } from '../settings/settings-section.util';
import { SourcePolicySettings, UNDECLARED_FIELDS, UNREGISTERED_SOURCE_SYSTEM, undeclaredFieldsAlert, unregisteredSourceAlert } from './source-policy-alert.util';
import { FlaggedDay, POLICY_FLAGS, SourcePolicyRepository } from './source-policy.repository';

const FLAGGED: ReadonlySet<string> = new Set(POLICY_FLAGS);

/**
 * Detector 13: the source-system policy breaches found at ingest (an unregistered system, fields beyond a system's
 * declaration) as alerts, one per system, flag and local day, counted from the store: live after each batch that
 * stored a flagged event, and by the day scan, with the same key and the same whole-day numbers.
 */
@Injectable()
export class SourcePolicyDetector implements StreamDetector<SourcePolicySettings> {
  readonly section = 'sourcePolicy';
  readonly types = [UNREGISTERED_SOURCE_SYSTEM, UNDECLARED_FIELDS] as const;

  constructor(
    private readonly repository: SourcePolicyRepository,
    private readonly registry: SourceSystemRegistry,
  ) {}

  parseSettings(raw: unknown) {
    return numberSection<SourcePolicySettings>(raw, 'sourcePolicy', ['minEvents']);
  }

  async detectDays(fromDay: LocalDay, toDay: LocalDay, s: SourcePolicySettings): Promise<RaiseAlertInput[]> {
    return this.alerts(await this.repository.findFlaggedDays(startOfLocalDay(fromDay), startOfLocalDay(addDays(toDay, 1))), s);
  }

  async detectBatch(batch: StoredBatch, s: SourcePolicySettings): Promise<RaiseAlertInput[]> {
    const touched = new Set<string>();
    let first: LocalDay | undefined;
    let last: LocalDay | undefined;
    for (const e of batch.events) {
      if (!e.flags.some((f) => FLAGGED.has(f)) || e.flags.includes(SourceFlag.FUTURE_TIME)) continue;
      const day = localDay(e.occurredAt);
      touched.add(`${e.sourceSystem}\u0000${day}`);
      if (!first || day < first) first = day;
      if (!last || day > last) last = day;
    }
    if (!first || !last) return [];
    const systems = [...new Set([...touched].map((k) => k.split('\u0000')[0]))];
    const days = await this.repository.findFlaggedDays(startOfLocalDay(first), startOfLocalDay(addDays(last, 1)), systems);
    return this.alerts(days.filter((d) => touched.has(`${d.sourceSystem}\u0000${d.day}`)), s);
  }

  private alerts(days: FlaggedDay[], s: SourcePolicySettings): RaiseAlertInput[] {
    const out: RaiseAlertInput[] = [];
    for (const d of days) {
      if (d.events < Math.max(1, s.minEvents)) continue;
      if (d.flag === SourceFlag.UNREGISTERED_SOURCE) out.push(unregisteredSourceAlert(d, s));
      else {
        const alert = undeclaredFieldsAlert(d, this.stillUndeclared(d), s);
        if (alert) out.push(alert);
      }
    }
    return out;
  }

  /** The day's fields the system's declaration does not cover now (a system unregistered since: all of them). */
  private stillUndeclared(d: FlaggedDay): string[] {
    const fields = [...d.fields.keys()];
    const check = this.registry.check(d.sourceSystem, fields);
    return check.flags.includes(SourceFlag.UNREGISTERED_SOURCE) ? fields : check.undeclaredFields;
  }
}
