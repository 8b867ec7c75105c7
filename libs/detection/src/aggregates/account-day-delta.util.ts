import type { StoredEventSummary } from '@app/audit-trail';
import { localTime } from '../calendar/local-day.util';
import { EXPLAINED, judgeLookup, ProcedureNeedMap, SENSITIVE_FIELDS, UNNEEDED_FIELD, UNNEEDED_SENSITIVE } from '../explained/lookup-explanation.util';
import { subjectSetOf } from './subject-set.util';

/** What one batch adds to one account's day. */
export interface AccountDayDelta {
  accountId: string;
  day: string;
  unitCode: string | null;
  events: number;
  lookups: number;
  logins: number;
  exports: number;
  exportedSubjects: number;
  withDossier: number;
  ownUnitDossier: number;
  sensitive: number;
  /** Lookups explained by a dossier of the account's unit, a procedure and only the fields it needs. */
  explained: number;
  /** Lookups returning a field beyond their procedure's need; of those, a sensitive-class field. */
  unneededFields: number;
  unneededSensitive: number;
  refused: number;
  /** Lookups per 30-minute slot of the local day (48). */
  slots: number[];
  subjects: Buffer;
  clientIps: string[];
  firstAt: Date;
  lastAt: Date;
}

/** Client addresses kept per account and day: enough to see a second network, bounded for a noisy account. */
export const MAX_CLIENT_IPS = 16;

const LOOKUP_ACTIONS = new Set(['lookup', 'verify']);

/**
 * Per account and local day, what these events add. Events flagged future_time are left out: their day has not
 * come, and a detector must not be led by a clock gone wrong (they have their own alert). `needs` is what each
 * procedure needs (ProcedureNeeds.current()): the explained counts follow the catalog and profiles of the moment.
 */
export function accountDayDeltas(events: readonly StoredEventSummary[], needs: ProcedureNeedMap): AccountDayDelta[] {
  const byKey = new Map<string, { delta: AccountDayDelta; hashes: string[]; ips: Set<string> }>();
  for (const e of events) {
    if (e.flags.includes('future_time')) continue;
    const local = localTime(e.occurredAt);
    const key = `${e.accountId}\u0000${local.day}`;
    let entry = byKey.get(key);
    if (!entry) {
      entry = { delta: emptyDelta(e.accountId, local.day, e.occurredAt), hashes: [], ips: new Set() };
      byKey.set(key, entry);
    }
    const d = entry.delta;
    d.events++;
    if (e.unitCode) d.unitCode = e.unitCode;
    if (e.occurredAt < d.firstAt) d.firstAt = e.occurredAt;
    if (e.occurredAt > d.lastAt) d.lastAt = e.occurredAt;
    entry.ips.add(e.clientIp);
    if (e.result === 'denied') d.refused++;
    if (e.action === 'login') d.logins++;
    else if (e.action === 'export') {
      d.exports++;
      d.exportedSubjects += e.subjectCount ?? 0;
    } else if (LOOKUP_ACTIONS.has(e.action)) {
      d.lookups++;
      d.slots[Math.floor(local.minute / 30)]++;
      if (e.subjectHash) entry.hashes.push(e.subjectHash);
      if (e.dossierCode) {
        d.withDossier++;
        if (e.unitCode && e.dossierCode.startsWith(e.unitCode)) d.ownUnitDossier++;
      }
      if (e.fields.some((f) => SENSITIVE_FIELDS.has(f))) d.sensitive++;
      const judged = judgeLookup(e, needs);
      if (judged & EXPLAINED) d.explained++;
      if (judged & UNNEEDED_FIELD) d.unneededFields++;
      if (judged & UNNEEDED_SENSITIVE) d.unneededSensitive++;
    }
  }
  return [...byKey.values()].map(({ delta, hashes, ips }) => ({
    ...delta,
    subjects: subjectSetOf(hashes),
    clientIps: [...ips].sort().slice(0, MAX_CLIENT_IPS),
  }));
}

function emptyDelta(accountId: string, day: string, at: Date): AccountDayDelta {
  return {
    accountId,
    day,
    unitCode: null,
    events: 0,
    lookups: 0,
    logins: 0,
    exports: 0,
    exportedSubjects: 0,
    withDossier: 0,
    ownUnitDossier: 0,
    sensitive: 0,
    explained: 0,
    unneededFields: 0,
    unneededSensitive: 0,
    refused: 0,
    slots: new Array<number>(48).fill(0),
    subjects: Buffer.alloc(0),
    clientIps: [],
    firstAt: at,
    lastAt: at,
  };
}
