// Template files for each import kind: the header row in the coordinator's words, example
// rows, and (in the XLSX) a second sheet explaining every column. With data, the same files
// carry the current records: an export that imports back unchanged.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type ExcelJS from 'exceljs';
import { lazyPackage } from '../domain/lazy-package';
import { csvOf } from '../exports/csv';
import type { Table } from '../exports/table-data';
import { type ImportKind, KINDS, type References } from './kinds';

const exceljs = lazyPackage<typeof ExcelJS>('exceljs');

export type TemplateFormat = 'xlsx' | 'csv';

export function templateFileName(kind: ImportKind, format: TemplateFormat, withData = false): string {
  return `${withData ? 'data' : 'templat'}-${kind}.${format}`;
}

export function shippedTemplatePath(kind: ImportKind, format: TemplateFormat): string {
  return fileURLToPath(new URL(`./templates/${templateFileName(kind, format)}`, import.meta.url));
}

function tableOf(kind: ImportKind, records: Record<string, string>[]): Table {
  const def = KINDS[kind];
  return {
    name: def.label.slice(0, 31),
    headers: def.fields.map((f) => f.label),
    rows: records.map((record) => def.fields.map((f) => record[f.key] ?? '')),
    widths: def.fields.map((f) => Math.min(40, Math.max(12, f.label.length + 4, ...records.map((r) => (r[f.key] ?? '').length + 2)))),
  };
}

export async function buildTemplate(kind: ImportKind, format: TemplateFormat, refs?: References): Promise<Buffer> {
  const def = KINDS[kind];
  const table = tableOf(kind, refs ? def.exportRows(refs) : def.examples);
  if (format === 'csv') return Buffer.from(csvOf(table, ';'), 'utf8');

  const workbook = new (exceljs().Workbook)();
  workbook.creator = 'Asuhan';
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.headers.map((header, i) => ({ header, key: String(i), width: table.widths?.[i] }));
  // Every cell is text, so Excel keeps "0812..." and "2026-03-02" exactly as typed.
  for (let c = 1; c <= table.headers.length; c++) sheet.getColumn(c).numFmt = '@';
  for (const row of table.rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).eachCell((cell, column) => {
    const required = def.fields[column - 1]?.required;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: required ? 'FFFFE0B2' : 'FFDFE7EF' } };
  });

  const help = workbook.addWorksheet('Petunjuk');
  help.columns = [
    { header: 'Kolom', key: 'label', width: 28 },
    { header: 'Wajib', key: 'required', width: 8 },
    { header: 'Keterangan', key: 'hint', width: 60 },
    { header: 'Column (English)', key: 'labelEn', width: 24 },
    { header: 'Notes (English)', key: 'hintEn', width: 50 },
  ];
  help.getRow(1).font = { bold: true };
  for (const f of def.fields) help.addRow({ label: f.label, required: f.required ? 'ya' : '', hint: f.hint, labelEn: f.labelEn, hintEn: f.hintEn });
  help.addRow({});
  help.addRow({ label: 'Isi data di lembar pertama. Baris judul (baris 1) jangan diubah; kolom berwarna jingga wajib diisi.', labelEn: '' });
  help.addRow({ label: 'Fill in the first sheet. Keep the header row (row 1); orange columns are required.' });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The template shipped with the app, or a freshly built one if the file is missing. */
export async function shippedTemplate(kind: ImportKind, format: TemplateFormat): Promise<Buffer> {
  const file = shippedTemplatePath(kind, format);
  return fs.existsSync(file) ? fs.readFileSync(file) : buildTemplate(kind, format);
}

/** Writes every template into src/imports/templates (run when fields change). */
export async function writeShippedTemplates(): Promise<string[]> {
  const written: string[] = [];
  for (const kind of Object.keys(KINDS) as ImportKind[]) {
    for (const format of ['xlsx', 'csv'] as const) {
      const file = shippedTemplatePath(kind, format);
      fs.writeFileSync(file, await buildTemplate(kind, format));
      written.push(file);
    }
  }
  return written;
}
