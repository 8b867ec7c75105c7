/** A system connected to the TTHC gateway, as registered by an operator. */
export interface SourceSystem {
  code: string;
  name: string;
  operatorOrg: string;
  /** Field codes (field catalog) this system is allowed to receive. */
  allowedFields: string[];
  legalBasis: string | null;
  approvalDocNo: string | null;
  /** YYYY-MM-DD */
  approvalDate: string | null;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  status: 'active' | 'suspended' | 'retired';
  /**
   * The system owns the TTHC account directory: its producer key may sync the directory (at most one system,
   * set by an admin; operators maintain the rest of the registration and cannot change it).
   */
  ownsAccountDirectory: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** The registration as operators maintain it: everything but the directory owner mark and the timestamps. */
export type SourceSystemInput = Omit<SourceSystem, 'ownsAccountDirectory' | 'createdAt' | 'updatedAt'>;

/** Marks put on an event at ingest; the event is stored anyway (it is evidence), and alerts can key on them. */
export enum SourceFlag {
  /** sourceSystem is not in the registry. */
  UNREGISTERED_SOURCE = 'unregistered_source',
  /** fields holds codes outside the system's allowed fields. */
  UNDECLARED_FIELDS = 'undeclared_fields',
  /** Kept on events stored before such events were rejected (sent with another system's producer key). */
  SOURCE_MISMATCH = 'source_mismatch',
  /**
   * occurredAt is later than its arrival plus INGEST_FUTURE_SKEW: kept as evidence of what was sent (a wrong
   * clock, or an attempt to look active), never counted as activity.
   */
  FUTURE_TIME = 'future_time',
}

/** What operators see of flagged traffic: per system code and flag, how much and when. */
export interface SourceFlagUsage {
  sourceSystem: string;
  flag: SourceFlag;
  eventCount: number;
  /** For undeclared_fields: the field codes seen outside the declared set. */
  fields: string[];
  firstSeenAt: Date;
  lastSeenAt: Date;
}
