import type { SimAccount } from './province.type';
import type { DraftEvent } from './session.type';
import { SessionContext } from './session.util';

/**
 * Misuse injected into the normal traffic, for the detection features to find. Each scenario picks its actors
 * once (deterministically from the seed) and may add sessions to any simulated day.
 */
export interface AnomalyScenario {
  readonly name: string;
  /** Sessions to add to the local day starting at dayStart (UTC ms of local midnight). */
  sessionsFor(ctx: SessionContext, dayStart: number, dayIndex: number): DraftEvent[][];
}

/** An official who, at night, looks up hundreds of citizens without any dossier, from the office machine. */
export class NightBulkLookupScenario implements AnomalyScenario {
  readonly name = 'night-bulk-lookup';
  private actor?: SimAccount;

  sessionsFor(ctx: SessionContext, dayStart: number, dayIndex: number): DraftEvent[][] {
    const { rng } = ctx;
    this.actor ??= rng.pick(ctx.province.accounts.filter((a) => a.role === 'chuyen_vien'));
    // Every third night, from 22:00 to about 23:30 local time.
    if (dayIndex % 3 !== 1) return [];
    let at = dayStart + 22 * 3600_000 + rng.int(0, 1800_000);
    const events: DraftEvent[] = [];
    const base = { account: this.actor, dossierCode: null, procedureCode: null, anomaly: this.name };
    events.push({ ...base, at, action: 'login', subjectId: null, fields: [], result: 'success' });
    for (let i = rng.int(150, 400); i > 0; i--) {
      at += rng.int(2_000, 12_000);
      const fields = [
        'fullName',
        'dateOfBirth',
        'personalId',
        'permanentResidence',
        'phone',
        'familyRelations',
      ];
      events.push({
        ...base,
        at,
        action: 'lookup',
        subjectId: ctx.householdMembers()[0],
        fields,
        result: ctx.result(),
      });
    }
    return [events];
  }
}

/** Scenario names accepted by --anomalies. */
export const ANOMALY_SCENARIOS: Record<string, () => AnomalyScenario> = {
  'night-bulk-lookup': () => new NightBulkLookupScenario(),
};

export function anomalyScenarios(names: readonly string[]): AnomalyScenario[] {
  return names.map((name) => {
    const make = ANOMALY_SCENARIOS[name];
    if (!make)
      throw new Error(`Unknown anomaly "${name}"; known: ${Object.keys(ANOMALY_SCENARIOS).join(', ')}`);
    return make();
  });
}
