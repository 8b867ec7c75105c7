import type ExcelJS from 'exceljs';

/** Sheets of the reports' workbooks: headers in bold and frozen, numbers and times in Excel's own formats. */

/** exceljs, loaded on first use: half a second to load, and most processes never write a workbook. */
export const loadExcelJs = () => import('exceljs');

export type Value = string | number | boolean | Date | null;

export interface SheetColumn {
  header: string;
  width: number;
  /** Excel number format: '#,##0', '0.0%', 'dd/mm/yyyy hh:mm', 'dd/mm/yyyy'. */
  format?: string;
}

export const INT = '#,##0';
export const SHARE = '0.0%';
export const TIME = 'dd/mm/yyyy hh:mm';
export const DATE = 'dd/mm/yyyy';
const OFFSET_MS = 7 * 3_600_000;

/** Excel has no time zones: an instant is written as its wall-clock time in Vietnam. */
export const local = (at: Date): Date => new Date(at.getTime() + OFFSET_MS);
export const day = (d: string): Date => new Date(`${d}T00:00:00.000Z`);

export function sheet(book: ExcelJS.Workbook, name: string, columns: SheetColumn[], rows: Value[][]): void {
  const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    width: c.width,
    style: c.format ? { numFmt: c.format } : {},
  }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { wrapText: true, vertical: 'middle' };
  for (const r of rows) ws.addRow(r);
}
