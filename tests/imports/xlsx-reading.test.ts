// exceljs's streaming reader, fed a workbook as exceljs writes it (worksheets before shared
// strings, the workbook part last), parses the sheets from temp files and now and then loses the
// workbook part: "Berkas Excel rusak" for a good file (CI saw it; exceljs issue #3064; about one
// read in seven on a busy machine). The import reads the same archive reordered (zip-check.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { IMPORT_KINDS } from '../../src/contract/imports';
import { parseTableFile } from '../../src/imports/read-file';
import { shippedTemplatePath } from '../../src/imports/templates';
import { checkXlsxArchive, orderedForReading } from '../../src/imports/zip-check';
import { xlsx } from './helpers';

/** A row without its trailing empty cells (the two readers end a row at different cells). */
const trimmed = (row: string[]) => {
  const end = row.findLastIndex((cell) => cell !== '');
  return row.slice(0, end + 1);
};

/** The first sheet's non-empty rows as the whole-file reader (no streaming) sees them. */
async function rowsByLoading(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0]?.eachRow((row) => rows.push(trimmed((row.values as ExcelJS.CellValue[]).slice(1).map((v) => String(v ?? '').trim()))));
  return rows;
}

const partNames = (bytes: Buffer) => {
  const names: string[] = [];
  for (let at = bytes.indexOf('PK\x01\x02'); at !== -1; at = bytes.indexOf('PK\x01\x02', at + 46)) names.push(bytes.toString('utf8', at + 46, at + 46 + bytes.readUInt16LE(at + 28)));
  return names;
};

describe('reading .xlsx files', () => {
  it('reads every shipped template the same way 150 times in a row', async () => {
    for (const kind of IMPORT_KINDS) {
      const bytes = fs.readFileSync(shippedTemplatePath(kind, 'xlsx'));
      const expected = await rowsByLoading(bytes);
      for (let i = 0; i < 150; i++) {
        const sheet = await parseTableFile('templat.xlsx', bytes);
        expect(sheet.rows.map(trimmed), `${kind}, read ${i + 1}`).toEqual(expected);
      }
    }
  });

  it('puts the workbook, its relations, shared strings and styles before the sheets, keeping every part', async () => {
    const bytes = await xlsx([['Nama', 'Jenis'], ['RSUD Uji', 'RSUD']]);
    expect(partNames(bytes).indexOf('xl/workbook.xml')).toBeGreaterThan(partNames(bytes).indexOf('xl/worksheets/sheet1.xml'));
    const ordered = orderedForReading(bytes);
    const names = partNames(ordered);
    expect([...names].sort()).toEqual([...partNames(bytes)].sort());
    for (const needed of ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml']) {
      expect(names.indexOf(needed), needed).toBeLessThan(names.indexOf('xl/worksheets/sheet1.xml'));
    }
    // Still a sound archive: the same checks pass, and the whole-file reader sees the same rows.
    expect(checkXlsxArchive(ordered).uncompressedBytes).toBe(checkXlsxArchive(bytes).uncompressedBytes);
    expect(await rowsByLoading(ordered)).toEqual(await rowsByLoading(bytes));
  });

  it("leaves nothing of the district's data in the shared temp folder", async () => {
    const shared = fs.mkdtempSync(path.join(os.tmpdir(), 'asuhan-shared-tmp-'));
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = shared; // os.tmpdir() reads it at each call
    try {
      const bytes = await xlsx([['Nama', 'Jenis'], ['RSUD Blambangan', 'RSUD']]);
      await parseTableFile('rs.xlsx', bytes);
      expect(fs.readdirSync(shared)).toEqual([]);
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
      fs.rmSync(shared, { recursive: true, force: true });
    }
  });
});
