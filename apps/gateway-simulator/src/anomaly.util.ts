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
    this.actor ??= rng.pick(ctx.province.accounts.filter((a) => a.role === 'chuyen_vien' && a.activity > 0));
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

/**
 * An account whose owner moved to another post or retired (status transferred/retired in the directory) is
 * still used: every fourth afternoon it signs in and looks up citizens for dossiers, as if nothing had changed.
 */
export class DepartedAccountUseScenario implements AnomalyScenario {
  readonly name = 'departed-account-use';
  private actor?: SimAccount;

  sessionsFor(ctx: SessionContext, dayStart: number, dayIndex: number): DraftEvent[][] {
    const { rng } = ctx;
    const departed = ctx.province.accounts.filter((a) => a.status !== 'active' && a.role !== 'service');
    if (!departed.length || dayIndex % 4 !== 2) return [];
    this.actor ??= rng.pick(departed);
    let at = dayStart + 14 * 3600_000 + rng.int(0, 3600_000);
    const base = { account: this.actor, anomaly: this.name };
    const events: DraftEvent[] = [
      {
        ...base,
        at,
        action: 'login',
        subjectId: null,
        fields: [],
        dossierCode: null,
        procedureCode: null,
        result: 'success',
      },
    ];
    const procedure = rng.pick(this.actor.unit.procedures);
    for (let i = rng.int(5, 20); i > 0; i--) {
      at += rng.int(10_000, 60_000);
      const dossierCode = ctx.nextDossierCode(this.actor, at);
      const subjectId = ctx.householdMembers()[0];
      const common = { dossierCode, procedureCode: procedure.code, fields: [...procedure.fields] };
      events.push({ ...base, ...common, at, action: 'lookup', subjectId, result: ctx.result() });
    }
    return [events];
  }
}

/** Scenario names accepted by --anomalies. */
export const ANOMALY_SCENARIOS: Record<string, () => AnomalyScenario> = {
  'night-bulk-lookup': () => new NightBulkLookupScenario(),
  'departed-account-use': () => new DepartedAccountUseScenario(),
};

export function anomalyScenarios(names: readonly string[]): AnomalyScenario[] {
  return names.map((name) => {
    const make = ANOMALY_SCENARIOS[name];
    if (!make)
      throw new Error(`Unknown anomaly "${name}"; known: ${Object.keys(ANOMALY_SCENARIOS).join(', ')}`);
    return make();
  });
}
