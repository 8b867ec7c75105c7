/**
 * Append-only tables whose rows the hash chain covers besides the query events: who signed in, who changed
 * what, who triaged which alert. Each row is hashed over these columns in this order (a column added later is
 * not covered until it is listed here, so old rows keep their hashes). Timestamps are hashed as microseconds
 * since the epoch and jsonb as PostgreSQL's canonical text, so the hash does not depend on a session's settings.
 */
export interface JournalColumn {
  name: string;
  type: 'bigint' | 'text' | 'text[]' | 'timestamptz' | 'jsonb';
}

export interface JournalTable {
  /** The table; its primary key is `id bigserial`. */
  name: string;
  columns: readonly JournalColumn[];
}

const col = (name: string, type: JournalColumn['type'] = 'text'): JournalColumn => ({ name, type });

export const JOURNAL_TABLES: readonly JournalTable[] = [
  {
    name: 'security_event',
    columns: [
      col('id', 'bigint'),
      col('occurred_at', 'timestamptz'),
      col('type'),
      col('actor_kind'),
      col('actor_id'),
      col('actor_name'),
      col('target'),
      col('client_ip'),
      col('details', 'jsonb'),
    ],
  },
  {
    name: 'alert_action',
    columns: [
      col('id', 'bigint'),
      col('alert_id', 'bigint'),
      col('suppression_id', 'bigint'),
      col('at', 'timestamptz'),
      col('actor_kind'),
      col('actor_id'),
      col('actor_name'),
      col('action'),
      col('details', 'jsonb'),
    ],
  },
  {
    name: 'detection_setting_change',
    columns: [col('id', 'bigint'), col('section'), col('value', 'jsonb'), col('reason'), col('changed_by'), col('at', 'timestamptz')],
  },
  {
    name: 'detection_procedure_change',
    columns: [
      col('id', 'bigint'),
      col('code'),
      col('name'),
      col('fields', 'text[]'),
      col('previous', 'text[]'),
      col('reason'),
      col('actor'),
      col('at', 'timestamptz'),
    ],
  },
];

/** The manifest key of a journal row, e.g. "security_event:42". */
export const journalKey = (table: string, id: string): string => `${table}:${id}`;

/** SHA-256 of a row's canonical text, as SQL over the table's alias: the same expression seals and verifies. */
export function journalRowHashSql(table: JournalTable, alias: string): string {
  const values = table.columns.map(({ name, type }) => {
    const c = `${alias}.${name}`;
    if (type === 'timestamptz') return `(extract(epoch FROM ${c}) * 1000000)::bigint`;
    if (type === 'jsonb') return `${c}::text`;
    return c;
  });
  return `sha256(convert_to(jsonb_build_array(${values.join(', ')})::text, 'UTF8'))`;
}
