import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { csvRecords, CsvSyntaxError } from './csv.util';
import { EXPORT_COLUMNS, ExportCell, ExportColumn, ExportRowError, rowFromCells } from './export-row.util';
import type { RowSource } from './export-verifier';

/** The rows of an export file, by its format: each row's values read back by column name (from the header). */
export function readExportRows(file: Buffer, format: 'csv' | 'xlsx', columns: string[]): RowSource {
  return format === 'xlsx' ? xlsxRows(file, columns) : csvRows(file, columns);
}

function fromRecord(values: ExportCell[], header: string[], at: number) {
  const index = new Map(header.map((c, i) => [c, i]));
  try {
    const row = rowFromCells((c: ExportColumn) => {
      const i = index.get(c);
      return i === undefined ? undefined : (values[i] ?? null);
    });
    return { at, row };
  } catch (error) {
    if (error instanceof ExportRowError) return { at, error: error.message };
    throw error;
  }
}

/**
 * A cell's text as SpreadsheetML escapes it (ECMA-376 ST_Xstring): `_xHHHH_` stands for the character U+HHHH (a
 * control character XML cannot hold), `_x005F_` for an underscore that would otherwise start one. exceljs reads
 * the text as written; spreadsheet programs (and openpyxl) decode it, as this does.
 */
function unescapeXstring(cell: ExportCell): ExportCell {
  return typeof cell === 'string' && cell.includes('_x') ? cell.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : cell;
}

function headerProblem(header: string[], columns: string[]): string | null {
  if (header.join(',') !== columns.join(',')) return `the header is not the manifest's columns (${columns.join(',')})`;
  const missing = EXPORT_COLUMNS.filter((c) => !header.includes(c));
  return missing.length ? `columns missing: ${missing.join(', ')}` : null;
}

async function* csvRows(file: Buffer, columns: string[]): RowSource {
  let header: string[] | null = null;
  let at = 0;
  try {
    for (const record of csvRecords(file.toString('utf8'))) {
      at++;
      if (!header) {
        header = record.map((v) => v ?? '');
        const problem = headerProblem(header, columns);
        if (problem) return yield { at, error: problem };
        continue;
      }
      yield fromRecord(record, header, at);
    }
  } catch (error) {
    if (error instanceof CsvSyntaxError) yield { at, error: error.message };
    else throw error;
  }
}

/** XLSX: every worksheet starts with the header (a sheet holds at most a million rows). */
async function* xlsxRows(file: Buffer, columns: string[]): RowSource {
  const { stream } = await import('exceljs'); // loaded on first use: half a second, and most processes never read a workbook
  const reader = new stream.xlsx.WorkbookReader(Readable.from([file]), {
    entries: 'emit',
    sharedStrings: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    styles: 'ignore',
  });
  let at = 0;
  try {
    for await (const sheet of reader) {
      let header: string[] | null = null;
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        at++;
        const values = (row.values as ExportCell[]).slice(1).map(unescapeXstring);
        if (!header) {
          header = values.map((v) => String(v ?? ''));
          const problem = headerProblem(header, columns);
          if (problem) return yield { at, error: problem };
          continue;
        }
        yield fromRecord(values, header, at);
      }
    }
  } catch (error) {
    yield { at, error: `the workbook is not readable: ${(error as Error).message}` };
  }
}
