import type { StoredEventRecord } from '@app/audit-trail';
import { QUERY_LOG_EVENT_V1_PROPERTIES, QueryLogEventV1 } from '@app/contracts';
import { maskPersonalIdsDeep } from './personal-data/personal-id-mask.util';
import { SubjectPseudonymizer } from './personal-data/subject-pseudonymizer.service';

/**
 * A validated v1 event as the store keeps it: the personal ID replaced by its keyed hash (and encrypted copy),
 * defaults applied, properties beyond the schema kept in extra (long digit runs masked there too).
 */
export function toStoredRecord(
  e: QueryLogEventV1,
  pseudonymizer: SubjectPseudonymizer,
  flags: string[],
  occurredAt = new Date(e.occurredAt),
): StoredEventRecord {
  const subjectId = e.subjectId ?? null;
  return {
    eventId: e.eventId,
    occurredAt,
    accountId: e.accountId,
    unitCode: e.unitCode ?? null,
    clientIp: e.clientIp,
    sourceSystem: e.sourceSystem,
    action: e.action,
    subjectHash: subjectId === null ? null : pseudonymizer.hashHex(subjectId),
    subjectKeyId: subjectId === null ? null : pseudonymizer.keyId,
    subjectEnc: subjectId === null ? null : pseudonymizer.encrypt(subjectId),
    subjectBlock: subjectId === null ? null : pseudonymizer.blockHex(subjectId),
    subjectCount: e.subjectCount ?? null,
    fields: e.fields ?? [],
    dossierCode: e.dossierCode ?? null,
    procedureCode: e.procedureCode ?? null,
    result: e.result ?? 'success',
    userAgent: e.userAgent ?? null,
    extra: extraOf(e),
    flags,
  };
}

function extraOf(e: QueryLogEventV1): Record<string, unknown> | null {
  let extra: Record<string, unknown> | null = null;
  for (const key in e) {
    // A prototype-less object, so a property named __proto__ is kept as data like any other.
    if (!QUERY_LOG_EVENT_V1_PROPERTIES.has(key)) (extra ??= Object.create(null) as Record<string, unknown>)[key] = e[key];
  }
  return extra && maskPersonalIdsDeep(extra);
}
