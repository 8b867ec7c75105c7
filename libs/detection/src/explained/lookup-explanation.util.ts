import { FIELD_CATALOG_V1 } from '@app/contracts';

/** What each procedure needs (catalog, or learned profile where the catalog is silent): procedure code → fields. */
export type ProcedureNeedMap = ReadonlyMap<string, ReadonlySet<string>>;

/** The fields of the field catalog's sensitive class (Law 91/2025/QH15 art. 4: ethnicity, religion, biometrics, criminal record). */
export const SENSITIVE_FIELDS: ReadonlySet<string> = new Set(FIELD_CATALOG_V1.fields.filter((f) => f.class === 'sensitive').map((f) => f.code));

/** Bits of a lookup's judgement (a number, not an object: this runs for every stored lookup). */
export const EXPLAINED = 1;
/** It returned a field beyond its procedure's need (any field when it names no procedure). */
export const UNNEEDED_FIELD = 2;
/** ... and one of those is of the sensitive class. */
export const UNNEEDED_SENSITIVE = 4;

export interface LookupToJudge {
  unitCode: string | null;
  dossierCode: string | null;
  procedureCode: string | null;
  fields: readonly string[];
}

/**
 * Whether a lookup (or identity check) is explained, and whether it returned fields beyond its procedure's need.
 * Explained: it names a dossier and a procedure, the dossier's code begins with the account's unit code (iGate
 * codes begin with the receiving unit's), and every field returned is one its procedure needs. A procedure that
 * neither the catalog nor a learned profile knows has no known need: its fields are not judged (so a new
 * procedure never makes its lookups look bad before its profile is learned), and it is explained on dossier and
 * unit alone. A lookup naming no procedure has no need at all: every field it returned is beyond it.
 * One Map get and one pass over the fields; allocates nothing.
 */
export function judgeLookup(e: LookupToJudge, needs: ProcedureNeedMap): number {
  const need = e.procedureCode ? needs.get(e.procedureCode) : undefined;
  let unneeded = 0;
  if (need || !e.procedureCode) {
    for (const f of e.fields) {
      if (need?.has(f)) continue;
      unneeded |= UNNEEDED_FIELD;
      if (SENSITIVE_FIELDS.has(f)) {
        unneeded |= UNNEEDED_SENSITIVE;
        break;
      }
    }
  }
  const ownDossier = e.dossierCode !== null && e.unitCode !== null && e.unitCode !== '' && e.dossierCode.startsWith(e.unitCode);
  return ownDossier && e.procedureCode && unneeded === 0 ? EXPLAINED : unneeded;
}
