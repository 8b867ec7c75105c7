/** Why a record was not stored. Codes are stable (metrics labels, API filters); the text says what to fix. */
export enum RejectionReason {
  /** The record is not JSON (or the CSV row cannot be read). */
  INVALID_JSON = 'invalid_json',
  /** A schemaVersion this service does not know (only 1 is supported). */
  UNSUPPORTED_SCHEMA_VERSION = 'unsupported_schema_version',
  /** Valid JSON that breaks the contract: a missing or malformed field. */
  SCHEMA_VIOLATION = 'schema_violation',
  /** A text value PostgreSQL cannot hold (NUL character, unpaired UTF-16 surrogate): it could not be kept unaltered. */
  UNSTORABLE_TEXT = 'unstorable_text',
  /** A value within the contract but outside what the store's column holds (a count above 2^31 − 1, a time outside the years 1–9999 UTC). */
  UNSTORABLE_VALUE = 'unstorable_value',
  /** Sent with the producer key of another source system than the event's: a key speaks for its own system only. */
  SOURCE_MISMATCH = 'source_mismatch',
}

export const REJECTION_REASONS: readonly RejectionReason[] = Object.values(RejectionReason);
