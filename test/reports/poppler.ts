import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installDebianPackages } from '../utils/debian-package';

const PDFTOTEXT = '/usr/bin/pdftotext';

/** Debian's poppler-utils (pdftotext, pdftoppm, pdffonts), installed with apt when missing (CI runs as root); says so. */
export function ensurePoppler(): void {
  installDebianPackages(['poppler-utils'], { tag: 'report-tests', why: `${PDFTOTEXT} is missing`, present: () => existsSync(PDFTOTEXT) });
}

const scratch = (pdf: Buffer): string => {
  const dir = mkdtempSync(join(tmpdir(), 'report-'));
  writeFileSync(join(dir, 'report.pdf'), pdf);
  return dir;
};

/** The PDF's text as pdftotext reads it (-layout keeps a table's row on one line). */
export function pdfText(pdf: Buffer, layout = false): string {
  const dir = scratch(pdf);
  execFileSync('pdftotext', [
    ...(layout ? ['-layout'] : []),
    '-enc',
    'UTF-8',
    join(dir, 'report.pdf'),
    join(dir, 'report.txt'),
  ]);
  return readFileSync(join(dir, 'report.txt'), 'utf8');
}

/** Each font of the PDF with whether it is embedded (pdffonts' "emb" column). */
export function pdfFonts(pdf: Buffer): { name: string; embedded: boolean }[] {
  const dir = scratch(pdf);
  const out = execFileSync('pdffonts', [join(dir, 'report.pdf')], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((line) => {
      const cols = line.trim().split(/\s+/);
      return { name: cols[0], embedded: cols[cols.length - 5] === 'yes' };
    });
}

/** Page 1 as a PNG (pdftoppm, 100 dpi by default). */
export function firstPagePng(pdf: Buffer, dpi = 100): Buffer {
  const dir = scratch(pdf);
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    String(dpi),
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    join(dir, 'report.pdf'),
    join(dir, 'page'),
  ]);
  return readFileSync(join(dir, 'page.png'));
}

export function pageCount(pdf: Buffer): number {
  const dir = scratch(pdf);
  const info = execFileSync('pdfinfo', [join(dir, 'report.pdf')], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
}
