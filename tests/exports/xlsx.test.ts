// Excel that behaves like Excel, checked by three readers: exceljs, Debian's python3-openpyxl,
// and LibreOffice headless (its formulas over the dates and times, and the roster printed to PDF).
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileBytes } from '../../src/exports/export-file';
import { createTestDb, type TestDb } from '../fixtures/temp-db';
import { seedMonthVisits, TEST_MONTH } from './fixtures';
import { pdfPages, pdfPageSize, pdfText, writeTemp } from './pdf-check';
import { computeInLibreOffice, convertWithLibreOffice, readWithOpenpyxl } from './xlsx-check';

let t: TestDb;
let seeded: number;
let rosterFile: string;
let complianceFile: string;
let office: string;

beforeAll(async () => {
  t = await createTestDb({ demo: true });
  seeded = await seedMonthVisits(t.db.kysely);
  office = (await t.api.client['settings:get']({})).officeName;
  rosterFile = writeTemp(t.dir, `jadwal-${TEST_MONTH}.xlsx`, fileBytes(await t.api.client['exports:xlsx']({ month: TEST_MONTH, kind: 'roster' })));
  complianceFile = writeTemp(t.dir, `kepatuhan-${TEST_MONTH}.xlsx`, fileBytes(await t.api.client['exports:xlsx']({ month: TEST_MONTH, kind: 'compliance' })));
});
afterAll(async () => {
  await t.close();
});

describe('roster workbook', () => {
  it('exceljs: dates and times are values with formats, the print setup is complete', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(rosterFile);
    const sheet = workbook.getWorksheet('Jadwal')!;
    const first = await t.db.kysely.selectFrom('visit').select(['date', 'start_time']).orderBy('date').orderBy('start_time').executeTakeFirstOrThrow();
    const date = sheet.getRow(2).getCell(2);
    expect(date.value).toEqual(new Date(`${first.date}T00:00:00Z`));
    expect(date.numFmt).toBe('dd/mm/yyyy');
    expect(sheet.getRow(2).getCell(4).numFmt).toBe('hh:mm');
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
    expect(sheet.headerFooter.oddHeader).toContain(office);
    expect(sheet.headerFooter.oddFooter).toContain('Halaman &P dari &N');
  });

  it('openpyxl: real dates, times and numbers, fitted widths, A4 landscape one page wide, header row repeated, letterhead in the header', () => {
    const [sheet] = readWithOpenpyxl(rosterFile);
    expect(sheet!.title).toBe('Jadwal');
    expect(sheet!.rows).toHaveLength(seeded + 1);
    const [no, date, weekday, start, end] = sheet!.rows[1]!;
    expect(no).toMatchObject({ type: 'int', value: 1 });
    expect(date).toMatchObject({ type: 'datetime', format: 'dd/mm/yyyy' });
    expect(String(date!.value)).toMatch(new RegExp(`^${TEST_MONTH}-\\d\\dT00:00:00$`));
    expect(weekday!.type).toBe('str');
    expect(start).toMatchObject({ type: 'time', format: 'hh:mm' });
    expect(String(end!.value)).toMatch(/^1[12]:00:00$/);
    expect(sheet!.rows.slice(1).every((row) => row[1]!.type === 'datetime' && row[3]!.type === 'time' && row[4]!.type === 'time')).toBe(true);
    expect(sheet).toMatchObject({ printTitleRows: '$1:$1', orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, autoFilter: `A1:M${seeded + 1}` });
    expect(sheet!.header).toContain(office);
    expect(sheet!.footerLeft).toContain('Jadwal kunjungan dokter spesialis Maret 2026');
    expect(sheet!.footerRight).toBe('Halaman &P dari &N');
    // Fitted: the date column fits dd/mm/yyyy, the name columns their longest name, nothing is 50 wide by default.
    expect(sheet!.widths.B).toBe(12);
    const longestName = Math.max(...sheet!.rows.slice(1).map((row) => String(row[8]!.value).length));
    expect(sheet!.widths.I).toBe(Math.min(36, longestName + 2));
  });

  it('LibreOffice: a date filter and a sum of times compute on the cells as they are', async () => {
    const last = seeded + 1;
    const visits = await t.db.kysely.selectFrom('visit').select(['date', 'start_time', 'end_time']).execute();
    const fromMid = visits.filter((v) => v.date >= `${TEST_MONTH}-16`).length;
    const mondays = visits.filter((v) => new Date(`${v.date}T00:00:00Z`).getUTCDay() === 1).length;
    const hours = visits.reduce((sum, v) => sum + Number(v.end_time.slice(0, 2)) - Number(v.start_time.slice(0, 2)), 0);
    const computed = computeInLibreOffice(
      rosterFile,
      {
        O1: `=COUNTIFS(B2:B${last},">="&DATE(2026,3,16))`,
        O2: `=SUMPRODUCT((WEEKDAY(B2:B${last},2)=1)*1)`,
        O3: `=ROUND(SUMPRODUCT(E2:E${last}-D2:D${last})*24,2)`,
      },
      t.dir,
    );
    expect(fromMid).toBeGreaterThan(0);
    expect(computed).toEqual({ O1: String(fromMid), O2: String(mondays), O3: String(hours) });
  }, 240_000);

  it('LibreOffice: prints on A4 landscape, all columns on each page, header row, letterhead and page numbers on every page', () => {
    const pdf = convertWithLibreOffice(rosterFile, 'pdf', t.dir, 'pdf');
    writeTemp(t.dir, 'jadwal-xlsx-libreoffice.pdf', fs.readFileSync(pdf));
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pdfPageSize(pdf)).toMatch(/^841\.\d+ x 595\.\d+ pts/);
    for (let page = 1; page <= pages; page++) {
      const text = pdfText(pdf, page);
      expect(text, `page ${page}`).toContain(office);
      expect(text, `page ${page}`).toMatch(/No\s+Tanggal\s+Hari/);
      expect(text, `page ${page}`).toContain('UID');
      expect(text, `page ${page}`).toContain(`Halaman ${page} dari ${pages}`);
    }
    expect(pdfText(pdf, 1)).toMatch(/\b\d\d\/03\/2026\s+Senin\s+0[89]:00\s+1[12]:00\s+WIB/);
  }, 240_000);
});

describe('compliance workbook', () => {
  it('numbers a coordinator can sum, totalled under each table', async () => {
    const report = await t.api.client['reports:compliance']({ month: TEST_MONTH });
    const [puskesmas, specialists] = readWithOpenpyxl(complianceFile);
    expect(puskesmas!.rows).toHaveLength(45 * 2 + 2);
    const body = puskesmas!.rows.slice(1, -1);
    for (const col of [4, 5, 6]) expect(body.every((row) => row[col]!.type === 'int'), `column ${col}`).toBe(true);
    const totals = puskesmas!.rows.at(-1)!;
    expect(totals[0]!.value).toBe('Jumlah');
    expect(totals[4]!.value).toBe('=SUM(E2:E91)');
    expect(puskesmas!.autoFilter).toBe('A1:I91');
    const sum = (col: number) => body.reduce((n, row) => n + Number(row[col]!.value), 0);
    expect([sum(4), sum(5), sum(6)]).toEqual([report.totals.required, report.totals.planned, report.totals.done]);
    expect(specialists!.rows.slice(1, -1).every((row) => row[9]!.type === 'float' || row[9]!.type === 'int')).toBe(true);
    expect(specialists!.rows[1]![9]!.format).toBe('0.0');

    const computed = computeInLibreOffice(complianceFile, { K1: '=E92', K2: '=F92', K3: '=G92' }, t.dir);
    expect(computed).toEqual({ K1: String(report.totals.required), K2: String(report.totals.planned), K3: String(report.totals.done) });
  }, 240_000);
});

describe('a district that has not filled in its letterhead', () => {
  it('prints no letterhead line, not another district\'s', async () => {
    // A district with visits to export (an empty month exports nothing) and its letterhead emptied.
    const blank = await createTestDb({ demo: true });
    try {
      await seedMonthVisits(blank.db.kysely);
      await blank.api.client['settings:update']({ changes: { officeName: '', districtName: '', officeAddress: '', officePhone: '', officeEmail: '' } });
      const file = path.join(blank.dir, 'blank.xlsx');
      fs.writeFileSync(file, fileBytes(await blank.api.client['exports:xlsx']({ month: TEST_MONTH, kind: 'roster' })));
      const [sheet] = readWithOpenpyxl(file);
      expect(sheet!.header ?? '').toBe('');
      expect(sheet!.footerRight).toBe('Halaman &P dari &N');
      expect(JSON.stringify(sheet)).not.toContain(office);
    } finally {
      await blank.close();
    }
  });
});
