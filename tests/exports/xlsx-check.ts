// Reads workbooks back with readers independent of exceljs: Debian's python3-openpyxl (what
// the file says: types, formats, print setup) and LibreOffice headless (what a coordinator
// gets: recalculated formulas, the printed pages).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Papa from 'papaparse';
import { findExecutable, findPython } from '../fixtures/tools';

export interface OpenpyxlCell {
  type: string;
  value: string | number | null;
  format: string;
}

export interface OpenpyxlSheet {
  title: string;
  maxRow: number;
  printTitleRows: string | null;
  orientation: string;
  paperSize: number;
  fitToPage: boolean;
  fitToWidth: number;
  fitToHeight: number;
  header: string | null;
  footerLeft: string | null;
  footerRight: string | null;
  autoFilter: string | null;
  widths: Record<string, number>;
  rows: OpenpyxlCell[][];
}

const OPENPYXL_READER = `
import json, sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
def cell(c):
    v = c.value
    if isinstance(v, (datetime.datetime, datetime.date, datetime.time)): v = v.isoformat()
    return {'type': type(c.value).__name__, 'value': v, 'format': c.number_format}
out = []
for ws in wb.worksheets:
    ps = ws.page_setup
    out.append({
        'title': ws.title, 'maxRow': ws.max_row, 'printTitleRows': ws.print_title_rows,
        'orientation': ps.orientation, 'paperSize': int(ps.paperSize), 'fitToPage': bool(ws.sheet_properties.pageSetUpPr.fitToPage),
        'fitToWidth': int(ps.fitToWidth), 'fitToHeight': int(ps.fitToHeight),
        'header': ws.oddHeader.center.text, 'footerLeft': ws.oddFooter.left.text, 'footerRight': ws.oddFooter.right.text,
        'autoFilter': ws.auto_filter.ref,
        'widths': {k: v.width for k, v in ws.column_dimensions.items()},
        'rows': [[cell(c) for c in row] for row in ws.iter_rows()],
    })
print(json.dumps(out))
`;

export function readWithOpenpyxl(file: string): OpenpyxlSheet[] {
  return JSON.parse(execFileSync(findPython(['openpyxl'], 'python3-openpyxl'), ['-c', OPENPYXL_READER, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as OpenpyxlSheet[];
}

/**
 * Adds formulas beside the first sheet with openpyxl (a date comparison, a sum of times), saves
 * a copy, and lets LibreOffice compute them: real dates and times or nothing adds up.
 */
export function computeInLibreOffice(file: string, formulas: Record<string, string>, outDir: string): Record<string, string> {
  const copy = path.join(outDir, `formulas-${path.basename(file)}`);
  const cells = Object.keys(formulas);
  const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
for ref, formula in json.loads(sys.argv[3]).items(): ws[ref] = formula
wb.save(sys.argv[2])
`;
  execFileSync(findPython(['openpyxl'], 'python3-openpyxl'), ['-c', script, file, copy, JSON.stringify(formulas)]);
  const csv = convertWithLibreOffice(copy, 'csv:Text - txt - csv (StarCalc):44,34,76,1', outDir, 'csv');
  const rows = Papa.parse<string[]>(fs.readFileSync(csv, 'utf8'), { delimiter: ',' }).data;
  return Object.fromEntries(
    cells.map((ref) => {
      const [, letters, digits] = /^([A-Z]+)(\d+)$/.exec(ref)!;
      const col = [...letters!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      return [ref, rows[Number(digits) - 1]?.[col] ?? ''];
    }),
  );
}

/** `libreoffice --headless --convert-to <filter>`, with a private profile so parallel runs do not collide. */
export function convertWithLibreOffice(file: string, filter: string, outDir: string, extension: string): string {
  const profile = path.join(outDir, 'lo-profile');
  // Windows installs LibreOffice as soffice.exe; Debian as libreoffice (and soffice).
  const office = process.platform === 'win32' ? findExecutable('soffice', 'LibreOffice') : findExecutable('libreoffice', 'libreoffice-calc');
  execFileSync(office, [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--convert-to', filter, '--outdir', outDir, file], {
    stdio: 'pipe',
    timeout: 180_000,
  });
  const converted = path.join(outDir, `${path.basename(file, path.extname(file))}.${extension}`);
  if (!fs.existsSync(converted)) throw new Error(`LibreOffice did not write ${converted}`);
  return converted;
}
