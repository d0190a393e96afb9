// Excel workbooks: bold shaded header, frozen first row, filters, readable column widths.
import type ExcelJS from 'exceljs';
import { lazyPackage } from '../domain/lazy-package';
import type { Table } from './table-data';

const exceljs = lazyPackage<typeof ExcelJS>('exceljs');

export async function workbookOf(tables: Table[], title: string): Promise<Buffer> {
  const workbook = new (exceljs().Workbook)();
  workbook.creator = 'Asuhan';
  workbook.title = title;
  // Fixed so the same data gives the same file.
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name.slice(0, 31), {
      views: [{ state: 'frozen', ySplit: 1 }],
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    sheet.columns = table.headers.map((header, i) => ({ header, key: String(i), width: table.widths[i] ?? 14 }));
    // Strings are written as text cells, never formulas, whatever they start with.
    for (const row of table.rows) sheet.addRow(row);
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', wrapText: true };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDFE7EF' } };
      cell.border = { bottom: { style: 'thin' } };
    });
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, table.rows.length + 1), column: table.headers.length } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
