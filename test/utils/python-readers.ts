import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installDebianPackages } from './debian-package';

/**
 * Readers of office files that we did not write, from Debian: openpyxl (XLSX) and python-docx (DOCX), run with the
 * system's Python. Each is installed with apt when missing (CI runs as root), and the test says so.
 */
const PYTHON = '/usr/bin/python3';

function has(module: string): boolean {
  try {
    execFileSync(PYTHON, ['-c', `import ${module}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function ensure(module: string, debianPackage: string): void {
  installDebianPackages([debianPackage], { tag: 'office-readers', why: `${module} is missing`, present: () => has(module), recommends: false });
}

function runPython<T>(script: string, file: string): T {
  return JSON.parse(execFileSync(PYTHON, ['-c', script, file], { encoding: 'utf8', maxBuffer: 1 << 28 })) as T;
}

export function ensureOpenpyxl(): void {
  ensure('openpyxl', 'python3-openpyxl');
}

const READ_SHEETS = `
import json, sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1], read_only=True)
json.dump({ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in book.worksheets}, sys.stdout, ensure_ascii=False)
`;

/** Every sheet's rows as openpyxl reads them (cells as text, numbers or null), by sheet name. */
export function openpyxlSheets(file: string): Record<string, (string | number | null)[][]> {
  return runPython(READ_SHEETS, file);
}

const READ_DOCX = `
import json, sys, docx
d = docx.Document(sys.argv[1])
s = d.sections[0]
cells = [p.text for t in d.tables for row in t.rows for c in row.cells for p in c.paragraphs]
json.dump({"paragraphs": [p.text for p in d.paragraphs], "tableParagraphs": cells,
           "page": {"widthMm": s.page_width.mm, "heightMm": s.page_height.mm, "leftMm": s.left_margin.mm}}, sys.stdout, ensure_ascii=False)
`;

/** A DOCX as python-docx reads it: the body's paragraphs, the tables' paragraphs, the first section's page. */
export function docxAsRead(docx: Buffer): { paragraphs: string[]; tableParagraphs: string[]; page: { widthMm: number; heightMm: number; leftMm: number } } {
  ensure('docx', 'python3-docx');
  const file = join(mkdtempSync(join(tmpdir(), 'docx-')), 'document.docx');
  writeFileSync(file, docx);
  return runPython(READ_DOCX, file);
}

const READ_ZIP = `
import hashlib, json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
json.dump({"bad": z.testzip(), "entries": {i.filename: {"size": i.file_size, "sha256": hashlib.sha256(z.read(i)).hexdigest()} for i in z.infolist()}}, sys.stdout)
`;

/** A zip archive as Python's zipfile reads it: the first entry failing its CRC (null: none), each entry's size and SHA-256. */
export function pythonZipEntries(file: string): { bad: string | null; entries: Record<string, { size: number; sha256: string }> } {
  return runPython(READ_ZIP, file);
}
