/** One stored lookup (or verify) of a citizen, as the window detectors read it: never the ID, only keyed hashes. */
export interface WindowLookup {
  eventId: string;
  accountId: string;
  unitCode: string | null;
  at: Date;
  sourceSystem: string;
  subjectHash: string;
  /** Keyed hash of the ID's block of 100 consecutive numbers; null on events stored before it was derived. */
  subjectBlock: string | null;
  dossierCode: string | null;
  result: string;
}

/** The dossier belongs to the account's unit when its code begins with the unit's code (as account_day counts it). */
export function namesOwnUnitDossier(l: { unitCode: string | null; dossierCode: string | null }): boolean {
  return l.unitCode !== null && l.dossierCode !== null && l.dossierCode.startsWith(l.unitCode);
}

/** Time order, ties by event id: one order for the stream and the scan. */
export function byTime(a: WindowLookup, b: WindowLookup): number {
  return a.at.getTime() - b.at.getTime() || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);
}
