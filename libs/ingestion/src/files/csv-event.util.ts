/** Columns whose CSV text is converted to a JSON number when it is an integer (so the schema sees a number). */
const INTEGER_COLUMNS = new Set(['schemaVersion', 'subjectCount']);

/**
 * One CSV row (header = the schema's property names) as the JSON object the contract describes:
 * empty cells are absent, schemaVersion/subjectCount become integers, fields is `a|b|c` or a JSON array.
 * Anything that does not convert is passed on as text, so the schema names the problem.
 */
export function csvRowToEvent(row: Record<string, string>): Record<string, unknown> {
  const event: Record<string, unknown> = {};
  for (const [column, cell] of Object.entries(row)) {
    const value = cell.trim();
    if (value === '') continue;
    if (INTEGER_COLUMNS.has(column)) event[column] = /^-?\d{1,15}$/.test(value) ? Number(value) : value;
    else if (column === 'fields') event[column] = parseFields(value);
    else event[column] = value;
  }
  return event;
}

function parseFields(value: string): unknown {
  if (value.startsWith('[')) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value.split('|').map((f) => f.trim()).filter(Boolean);
}
