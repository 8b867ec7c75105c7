import type { Content, TableCell } from 'pdfmake/interfaces';
import type { AccountRef } from '../report.type';
import { CONTENT_WIDTH } from './administrative-document.util';
import { formatNumberVi } from './report-format.util';

/** Pieces of a document body: headings, paragraphs, tables and bar charts, in the decree's type sizes. */

/** Rows listed in the PDF per table; the XLSX has them all, and the PDF says so when it cuts. */
export const PDF_LIST_LIMIT = 100;

export const limited = <T>(rows: T[]): { rows: T[]; note?: string } =>
  rows.length > PDF_LIST_LIMIT
    ? {
        rows: rows.slice(0, PDF_LIST_LIMIT),
        note: `(Liệt kê ${PDF_LIST_LIMIT}/${formatNumberVi(rows.length)} dòng; danh sách đầy đủ trong tệp XLSX kèm theo.)`,
      }
    : { rows };

/** "VĂN PHÒNG" → "Văn phòng", as the body names the issuer. */
export const sentenceCase = (name: string): string =>
  name.charAt(0).toLocaleUpperCase('vi') + name.slice(1).toLocaleLowerCase('vi');

export const who = (a: AccountRef): string => `${a.accountId}${a.fullName ? ` (${a.fullName})` : ''}`;
export const unit = (a: AccountRef): string => a.unitName ?? a.unitCode ?? '—';

export function heading(text: string): Content {
  return { text, bold: true, fontSize: 13, margin: [0, 10, 0, 4], alignment: 'left' };
}

export function subheading(text: string): Content {
  return { text, bold: true, italics: true, fontSize: 13, margin: [0, 6, 0, 3], alignment: 'left' };
}

/** A body paragraph: first line indented 1 cm, as the decree asks. */
export function paragraph(text: string | Content[]): Content {
  return { text, leadingIndent: 28, margin: [0, 0, 0, 4] } as Content;
}

export type Cell = string | number | null;

export interface Column {
  header: string;
  /** '*' or points. */
  width: number | '*' | 'auto';
  /** Numbers are right-aligned and written 1.035.379. */
  numeric?: boolean;
}

/** A table with a repeated header row, thin rules and numbers right-aligned; "Không có." when there are no rows. */
export function table(columns: Column[], rows: Cell[][], note?: string): Content {
  if (!rows.length) return paragraph('Không có.');
  const head: TableCell[] = columns.map((c) => ({
    text: c.header,
    bold: true,
    alignment: 'center',
    fillColor: '#eeeeee',
  }));
  const body: TableCell[][] = rows.map((r) =>
    r.map((v, i) => ({
      text: v === null ? '—' : typeof v === 'number' ? formatNumberVi(v) : v,
      alignment: columns[i].numeric ? 'right' : 'left',
    })),
  );
  const content: Content[] = [
    {
      table: {
        headerRows: 1,
        widths: columns.map((c) => c.width),
        body: [head, ...body],
        dontBreakRows: true,
      },
      layout: {
        hLineWidth: () => 0.5,
        vLineWidth: () => 0.5,
        hLineColor: () => '#555555',
        vLineColor: () => '#555555',
        paddingTop: () => 2,
        paddingBottom: () => 2,
      },
      fontSize: 10.5,
      lineHeight: 1,
      alignment: 'left',
      margin: [0, 2, 0, 6],
    },
  ];
  if (note) content.push({ text: note, italics: true, fontSize: 10.5, margin: [0, 0, 0, 6] });
  return { stack: content };
}

export interface BarSeries {
  label: string;
  color: string;
  values: number[];
}

/**
 * A bar chart drawn with the PDF's own vector graphics (no image): one slot per label, the series stacked, a scale
 * on the left with the highest value, day labels below (every k-th when there are many), a legend.
 */
export function barChart(title: string, labels: string[], series: BarSeries[], height = 120): Content {
  const axis = 42;
  const width = CONTENT_WIDTH - axis;
  const totals = labels.map((_, i) => series.reduce((t, s) => t + s.values[i], 0));
  const max = niceMax(Math.max(1, ...totals));
  const slot = width / Math.max(1, labels.length);
  const bar = Math.max(1, slot * 0.7);
  const shapes: object[] = [
    { type: 'line', x1: axis, y1: height, x2: axis + width, y2: height, lineWidth: 0.6 },
    { type: 'line', x1: axis, y1: 0, x2: axis, y2: height, lineWidth: 0.6 },
    {
      type: 'line',
      x1: axis - 3,
      y1: 0,
      x2: axis + width,
      y2: 0,
      lineWidth: 0.2,
      lineColor: '#aaaaaa',
      dash: { length: 2 },
    },
    {
      type: 'line',
      x1: axis - 3,
      y1: height / 2,
      x2: axis + width,
      y2: height / 2,
      lineWidth: 0.2,
      lineColor: '#aaaaaa',
      dash: { length: 2 },
    },
  ];
  labels.forEach((_, i) => {
    let base = height;
    for (const s of series) {
      const h = (s.values[i] / max) * height;
      if (h > 0)
        shapes.push({
          type: 'rect',
          x: axis + i * slot + (slot - bar) / 2,
          y: base - h,
          w: bar,
          h,
          color: s.color,
        });
      base -= h;
    }
  });
  const longest = Math.max(1, ...labels.map((l) => l.length));
  const every = Math.max(1, Math.ceil((longest * 4 + 4) / slot));
  return {
    unbreakable: true,
    margin: [0, 4, 0, 8],
    stack: [
      { text: title, italics: true, fontSize: 11, alignment: 'center', margin: [0, 0, 0, 4] },
      {
        columns: [
          {
            width: axis - 4,
            fontSize: 8,
            lineHeight: 1,
            alignment: 'right',
            stack: [
              { text: formatNumberVi(max), margin: [0, -4, 0, 0] },
              { text: formatNumberVi(max / 2), margin: [0, height / 2 - 8, 0, 0] },
              { text: '0', margin: [0, height / 2 - 8, 0, 0] },
            ],
          },
          { width: width + 4, canvas: shapes.map((s) => shifted(s, 4 - axis)) as never },
        ],
        columnGap: 0,
      },
      {
        // One label per `every` slots, each in a column as wide as those slots: labels never wrap or overlap.
        columns: [
          { width: axis, text: '' },
          ...labels
            .map((l, i) => ({ l, i }))
            .filter(({ i }) => i % every === 0)
            .map(({ l, i }) => ({
              width: slot * Math.min(every, labels.length - i),
              text: l,
              fontSize: 7,
              alignment: 'left' as const,
            })),
        ],
        columnGap: 0,
        margin: [0, 2, 0, 0],
      },
      {
        columns: [
          { width: '*', text: '' },
          ...series.map((s) => ({
            width: 'auto' as const,
            columns: [
              { width: 8, canvas: [{ type: 'rect', x: 0, y: 2, w: 7, h: 7, color: s.color }] },
              {
                width: 'auto' as const,
                text: s.label,
                fontSize: 9,
                margin: [3, 0, 10, 0] as [number, number, number, number],
              },
            ],
          })),
          { width: '*', text: '' },
        ],
        margin: [0, 4, 0, 0],
      },
    ],
  } as Content;
}

/** The same shape moved right by dx (the scale's column holds the first points). */
function shifted(shape: object, dx: number): object {
  const s = { ...(shape as Record<string, number>) };
  for (const k of ['x', 'x1', 'x2']) if (k in s) s[k] += dx;
  return s;
}

/** 1, 2 or 5 times a power of ten at or above the value: a scale a reader takes in at a glance. */
function niceMax(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((m) => m * p).find((m) => m >= v)!;
}
