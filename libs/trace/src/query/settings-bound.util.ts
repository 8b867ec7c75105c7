import type { QueryRunner } from 'typeorm';

/** The prefix of the transaction settings that carry a statement's parameters (a custom setting needs a dot). */
const PREFIX = 'tthc_trace.p';

/** A parameter as the text of its value: PostgreSQL's array literal for arrays, the value itself otherwise. */
function settingText(value: unknown): string {
  if (Array.isArray(value)) return `{${value.map((v) => `"${settingText(v).replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  throw new Error(`bindAsSettings: a parameter of type ${typeof value} cannot be a setting`);
}

/**
 * COPY takes no bind parameters. Its statement's parameters ($1 … $n, as traceWhere writes them) go instead into
 * settings of the current transaction (set_config(…, true), each value itself a bind parameter), and the statement
 * returned reads them with current_setting(): no value is ever part of the SQL text. Every parameter is read as
 * text, and cast where the statement casts it ($3::bytea[] becomes (SELECT current_setting('…p3')::bytea[])::bytea[]), as
 * traceWhere casts each one that is not compared with a text column. Runs in the caller's transaction (the settings end with it).
 */
export async function bindAsSettings(runner: QueryRunner, sql: string, params: readonly unknown[]): Promise<string> {
  if (params.length) {
    const set = params.map((_, i) => `set_config('${PREFIX}${i + 1}', $${i + 1}, true)`).join(', ');
    await runner.query(`SELECT ${set}`, params.map(settingText));
  }
  // Each parameter, with the cast that follows it, as a scalar subquery: the planner makes it an InitPlan, computed
  // once (not a function call and a cast on every row) and used like a parameter, by index scans and by the
  // run-time pruning of partitions.
  return sql.replace(/\$(\d+)(::[a-z_]+(?:\[\])?)?/g, (_, n: string, cast: string | undefined) => {
    if (Number(n) < 1 || Number(n) > params.length) throw new Error(`bindAsSettings: $${n} has no parameter`);
    // Cast again outside: `ANY((SELECT …))` would read the subquery's rows; `ANY((SELECT …)::bytea[])` reads its array.
    return cast ? `(SELECT current_setting('${PREFIX}${n}')${cast})${cast}` : `(SELECT current_setting('${PREFIX}${n}'))`;
  });
}
