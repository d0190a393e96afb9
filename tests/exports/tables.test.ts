import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileBytes } from '../../src/exports/export-file';
import { createTestDb, type TestDb } from '../fixtures/temp-db';
import { seedMonthVisits, TEST_MONTH } from './fixtures';

let t: TestDb;
let seeded: number;
beforeEach(async () => {
  t = await createTestDb({ demo: true });
  seeded = await seedMonthVisits(t.db.kysely);
});
afterEach(async () => {
  await t.close();
});

async function readWorkbook(base64: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return workbook;
}

describe('XLSX', () => {
  it('roster: one row per visit, bold frozen header with filters, text never turned into a formula', async () => {
    const first = await t.db.kysely.selectFrom('visit').select('id').orderBy('id').executeTakeFirstOrThrow();
    await t.db.kysely.updateTable('visit').set({ notes: '=HYPERLINK("http://x","klik")' }).where('id', '=', first.id).execute();
    const file = await t.api.client['exports:xlsx']({ month: TEST_MONTH, kind: 'roster' });
    expect(file.fileName).toBe(`jadwal-${TEST_MONTH}.xlsx`);
    const workbook = await readWorkbook(file.base64);
    const sheet = workbook.getWorksheet('Jadwal')!;
    expect(sheet.rowCount).toBe(seeded + 1);
    expect(sheet.getRow(1).getCell(2).value).toBe('Tanggal');
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getRow(2).getCell(2).value).toEqual(new Date('2026-03-02T00:00:00Z'));
    expect(sheet.getRow(2).getCell(3).value).toBe('Senin');
    const noteCells = sheet.getColumn(12).values.filter((v) => typeof v === 'string' && v.startsWith('=HYPERLINK'));
    expect(noteCells).toHaveLength(1);
    for (let r = 2; r <= sheet.rowCount; r++) expect(sheet.getRow(r).getCell(12).formula).toBeUndefined();
  });

  it('compliance: a sheet per puskesmas and specialty, and one per specialist', async () => {
    const file = await t.api.client['exports:xlsx']({ month: TEST_MONTH, kind: 'compliance' });
    const workbook = await readWorkbook(file.base64);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Kepatuhan puskesmas', 'Kepatuhan dokter']);
    // One row per puskesmas and specialty under the header, then the "Jumlah" row.
    expect(workbook.getWorksheet('Kepatuhan puskesmas')!.rowCount).toBe(45 * 2 + 2);
    const specialists = await t.db.kysely.selectFrom('specialist').select('id').execute();
    expect(workbook.getWorksheet('Kepatuhan dokter')!.rowCount).toBeGreaterThan(1);
    expect(workbook.getWorksheet('Kepatuhan dokter')!.rowCount).toBeLessThanOrEqual(specialists.length + 2);
  });
});

describe('CSV', () => {
  it('is UTF-8 with a BOM, CRLF, ";" by default, and defuses formula cells', async () => {
    const first = await t.db.kysely.selectFrom('visit').select('id').orderBy('id').executeTakeFirstOrThrow();
    await t.db.kysely.updateTable('visit').set({ notes: '=cmd|" /C calc"!A0; kata "kutip", é' }).where('id', '=', first.id).execute();
    const file = await t.api.client['exports:csv']({ month: TEST_MONTH, kind: 'roster' });
    const bytes = fileBytes(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text).toContain('\r\n');
    const parsed = Papa.parse<string[]>(text.trim(), { delimiter: ';' });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data[0]?.slice(0, 3)).toEqual(['No', 'Tanggal', 'Hari']);
    expect(parsed.data).toHaveLength(seeded + 1);
    const note = parsed.data.find((row) => row[11]?.includes('cmd'))![11]!;
    expect(note).toBe(`'=cmd|" /C calc"!A0; kata "kutip", é`);
    for (const row of parsed.data) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@]/);

    const comma = await t.api.client['exports:csv']({ month: TEST_MONTH, kind: 'compliance', delimiter: ',' });
    const rows = Papa.parse<string[]>(fileBytes(comma).toString('utf8').slice(1).trim(), { delimiter: ',' }).data;
    expect(rows[0]?.[1]).toBe('Puskesmas');
    expect(rows).toHaveLength(45 * 2 + 1);
  });
});

describe('text messages', () => {
  it('one per specialist and one per puskesmas, with Indonesian dates and WIB times', async () => {
    const { messages } = await t.api.client['exports:text']({ month: TEST_MONTH, target: 'specialist' });
    const specialists = await t.db.kysely.selectFrom('visit').select('specialist_id').distinct().execute();
    expect(messages).toHaveLength(specialists.length);
    const first = messages[0]!;
    expect(first.text).toMatch(new RegExp(`^\\*Jadwal kunjungan ${first.title.replace(/[.()]/g, '\\$&')} bulan Maret 2026:\\*\\n1\\. (Senin|Selasa|Rabu|Kamis|Jumat), \\d{1,2} Maret 2026, \\d\\d\\.00 WIB, Puskesmas \\w+`));
    expect(first.text).toContain('Konfirmasi atau perubahan jadwal: Koordinator PAS');

    const sempu = await t.db.kysely.selectFrom('puskesmas').select('id').where('name', '=', 'Puskesmas Sempu').executeTakeFirstOrThrow();
    const one = await t.api.client['exports:text']({ month: TEST_MONTH, target: 'puskesmas', id: sempu.id });
    expect(one.messages).toHaveLength(1);
    expect(one.messages[0]!.text).toMatch(/^\*Jadwal kunjungan dokter spesialis ke Puskesmas Sempu bulan Maret 2026:\*\n1\. \w+, \d{1,2} Maret 2026, \d\d\.00 WIB, dr\. /);
  });
});

describe('exports API', () => {
  it('returns PDFs as base64, records calendar exports and refuses bad input', async () => {
    const pdf = await t.api.client['exports:pdf']({ month: TEST_MONTH, layout: 'by-puskesmas' });
    expect(pdf.mimeType).toBe('application/pdf');
    expect(fileBytes(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const compliance = await t.api.client['exports:pdf']({ month: TEST_MONTH, layout: 'compliance' });
    expect(compliance.fileName).toBe(`kepatuhan-${TEST_MONTH}.pdf`);

    const ics = await t.api.client['exports:ics']({ month: TEST_MONTH });
    const history = await t.api.client['exports:history']({ month: TEST_MONTH });
    expect(history).toHaveLength(ics.files.length);
    expect(history.some((h) => h.specialistName?.startsWith('dr. '))).toBe(true);

    const bad = await t.api.invoke('exports:pdf', { month: '2026-13', layout: 'sideways' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('VALIDATION');
      expect(bad.error.message).toMatch(/bulan|tata letak/);
    }
  });
});
