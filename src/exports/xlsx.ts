// Excel workbooks that behave like Excel: dates and times are real values (dd/mm/yyyy, hh:mm),
// numbers are numbers, columns are fitted to their content, and each sheet prints on A4
// landscape, one page wide, with the header row repeated on every page, the office letterhead
// in the page header and "Halaman i dari n" in the footer. Strings are written as text cells,
// never formulas, whatever they start with; the only formulas are the totals' SUMs.
import type ExcelJS from 'exceljs';
import { lazyPackage } from '../domain/lazy-package';
import type { Cell, Table } from './table-data';

const exceljs = lazyPackage<typeof ExcelJS>('exceljs');

const DATE_FORMAT = 'dd/mm/yyyy';
const TIME_FORMAT = 'hh:mm';
const DEFAULT_MAX_WIDTH = 50;
/** Excel refuses a header or footer longer than 255 characters. */
const HEADER_LIMIT = 255;

function excelValue(cell: Cell): string | number | Date {
  if (typeof cell !== 'object') return cell;
  if ('date' in cell) {
    // exceljs turns a Date into a serial day from its UTC fields: midnight UTC is the calendar day.
    const [y, m, d] = cell.date.split('-').map(Number);
    return new Date(Date.UTC(y!, m! - 1, d!));
  }
  const [h, min] = cell.time.split(':').map(Number);
  return (h! * 60 + min!) / 1440;
}

function displayLength(cell: Cell, decimals: number): number {
  if (typeof cell === 'number') return cell.toFixed(Number.isInteger(cell) ? 0 : decimals).length;
  if (typeof cell === 'object') return 'date' in cell ? DATE_FORMAT.length : TIME_FORMAT.length;
  return Math.max(0, ...cell.split('\n').map((line) => line.length));
}

function numberFormat(cells: Cell[], decimals: number | undefined): string | undefined {
  const first = cells.find((cell) => cell !== '');
  if (first === undefined) return undefined;
  if (typeof first === 'object') return 'date' in first ? DATE_FORMAT : TIME_FORMAT;
  if (typeof first === 'number') return decimals ? `0.${'0'.repeat(decimals)}` : '0';
  return undefined;
}

/** Header and footer text: "&" is a control character there, written "&&". */
function headerText(text: string): string {
  return text.replace(/&/g, '&&').replace(/[\r\n]+/g, ' ');
}

/** `&C` section with the letterhead: the office in bold, its address and contacts below. */
function letterheadHeader(letterhead: string[]): string {
  const [office, ...rest] = letterhead;
  if (!office) return '';
  let header = `&C&"-,Bold"&11${headerText(office)}`;
  for (const line of rest) {
    // A size code runs into digits that follow it ("&9" + "12 Jl." reads as size 912).
    const text = headerText(line);
    header += `\n&"-,Regular"&9${/^\d/.test(text) ? ' ' : ''}${text}`;
  }
  return header.length <= HEADER_LIMIT ? header : `${header.slice(0, HEADER_LIMIT - 1)}…`;
}

function footer(caption: string): string {
  const pages = '&R&8Halaman &P dari &N';
  const room = HEADER_LIMIT - pages.length - 4;
  const text = headerText(caption);
  return `&L&8${text.length <= room ? text : `${text.slice(0, room - 1)}…`}${pages}`;
}

/** Adds one table as a sheet: the header row at row 1 (frozen, filtered, printed on every page). */
function addSheet(workbook: ExcelJS.Workbook, table: Table, letterhead: string[]): void {
  const sheet = workbook.addWorksheet(table.name.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: letterhead.length > 0 ? 0.9 : 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddHeader: letterheadHeader(letterhead), oddFooter: footer(table.caption ?? table.name) },
  });
  sheet.columns = table.headers.map((header, col) => {
    const cells = table.rows.map((row) => row[col] ?? '');
    const decimals = table.decimals?.[col] ?? 0;
    const longest = Math.max(0, ...cells.map((cell) => displayLength(cell, decimals)));
    const max = table.widths?.[col] ?? DEFAULT_MAX_WIDTH;
    // The cap is for long values (they wrap); a header (bold, so a little wider) always gets its
    // width unless it is very long.
    const width = Math.max(Math.min(max, Math.max(longest, 4) + 2), Math.min(DEFAULT_MAX_WIDTH, header.length + 3));
    const numFmt = numberFormat(cells, table.decimals?.[col]);
    // Dates and times centred: right-aligned they would run into the text of the next column.
    const centred = numFmt === DATE_FORMAT || numFmt === TIME_FORMAT;
    return {
      header,
      key: String(col),
      width,
      style: {
        ...(numFmt ? { numFmt } : {}),
        alignment: { vertical: 'top', wrapText: longest + 2 > max, ...(centred ? { horizontal: 'center' } : {}) },
      },
    };
  });
  for (const row of table.rows) sheet.addRow(row.map(excelValue));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  // Readers do not grow a row for wrapped text they did not lay out themselves: room for two lines.
  if (table.headers.some((text) => text.length + 3 > DEFAULT_MAX_WIDTH)) header.height = 30;
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDFE7EF' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, table.rows.length + 1), column: table.headers.length } };
  if (table.sums?.length && table.rows.length > 0) addTotals(sheet, table);
}

/** A bold "Jumlah" row under the filtered range: SUM formulas, with their values for readers that do not calculate. */
function addTotals(sheet: ExcelJS.Worksheet, table: Table): void {
  const last = table.rows.length + 1;
  const totals = sheet.addRow([]);
  totals.getCell(1).value = 'Jumlah';
  totals.font = { bold: true };
  for (const col of table.sums ?? []) {
    const letter = sheet.getColumn(col + 1).letter;
    const result = table.rows.reduce((sum, row) => sum + (typeof row[col] === 'number' ? row[col] : 0), 0);
    totals.getCell(col + 1).value = { formula: `SUM(${letter}2:${letter}${last})`, result: Math.round(result * 100) / 100 };
  }
  totals.eachCell((cell) => {
    cell.border = { top: { style: 'thin' } };
  });
}

/**
 * One workbook of tables. `letterhead` (from `letterheadLines`) goes into every page header;
 * empty, the pages carry none.
 */
export async function workbookOf(tables: Table[], title: string, letterhead: string[] = []): Promise<Buffer> {
  const workbook = new (exceljs().Workbook)();
  workbook.creator = 'Asuhan';
  workbook.title = title;
  // Fixed so the same data gives the same file.
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  for (const table of tables) addSheet(workbook, table, letterhead);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
