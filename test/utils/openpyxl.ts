import { execFileSync, execSync } from 'node:child_process';

const PYTHON = '/usr/bin/python3';

function hasOpenpyxl(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import openpyxl'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Debian's python3-openpyxl, a workbook reader we did not write, installed with apt when missing (CI runs as root); says so. */
export function ensureOpenpyxl(): void {
  if (hasOpenpyxl()) return;
  process.stdout.write("[xlsx-tests] openpyxl is missing: installing Debian's python3-openpyxl (apt-get update && apt-get install -y python3-openpyxl)\n");
  execSync('apt-get update && apt-get install -y --no-install-recommends python3-openpyxl', {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (!hasOpenpyxl()) throw new Error('apt-get installed python3-openpyxl but python3 cannot import openpyxl');
}

const READ_ALL = `
import json, sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1], read_only=True)
json.dump({ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in book.worksheets}, sys.stdout, ensure_ascii=False)
`;

/** Every sheet's rows as openpyxl reads them (cells as text, numbers or null), by sheet name. */
export function openpyxlSheets(file: string): Record<string, (string | number | null)[][]> {
  return JSON.parse(execFileSync(PYTHON, ['-c', READ_ALL, file], { encoding: 'utf8', maxBuffer: 1 << 28 })) as Record<string, (string | number | null)[][]>;
}
