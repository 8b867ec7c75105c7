import { join } from 'node:path';
import accountDirectoryV1 from '../schemas/account-directory.v1.schema.json';
import fieldCatalogV1 from '../schemas/field-catalog.v1.json';
import queryLogEventV1 from '../schemas/query-log-event.v1.schema.json';

/**
 * The integration contracts, copied verbatim from the shared contracts folder (a test keeps them equal).
 * Validators compile these very objects, so the service and the contract cannot drift.
 */
export const QUERY_LOG_EVENT_V1_SCHEMA: Record<string, unknown> = queryLogEventV1;
export const ACCOUNT_DIRECTORY_V1_SCHEMA: Record<string, unknown> = accountDirectoryV1;
export const FIELD_CATALOG_V1: {
  version: number;
  fields: { code: string; label: string; class: 'basic' | 'sensitive' }[];
} = fieldCatalogV1 as never;

/** Property names the v1 query-log event defines; anything else on an event is kept as "extra". */
export const QUERY_LOG_EVENT_V1_PROPERTIES: ReadonlySet<string> = new Set(
  Object.keys((queryLogEventV1 as { properties: object }).properties),
);

/** Where the contract files and their examples live in the source tree (tests and docs read the examples). */
export const CONTRACTS_SOURCE_DIR = join(__dirname, '..');
