import ExcelJS from 'exceljs';
import type { Api } from '../../src/app/api';
import type { ImportKind } from '../../src/contract/imports';

export const b64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64');

export function csv(lines: string[], delimiter = ';'): Buffer {
  return Buffer.from(`\uFEFF${lines.map((l) => l.replaceAll(';', delimiter)).join('\r\n')}\r\n`, 'utf8');
}

export async function xlsx(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Data');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function preview(api: Api, kind: ImportKind, fileName: string, bytes: Buffer, mapping?: Record<string, string>) {
  return api.client['imports:preview']({ kind, fileName, base64: b64(bytes), ...(mapping ? { mapping } : {}) });
}

export async function commit(api: Api, kind: ImportKind, fileName: string, bytes: Buffer, onlyValidRows = false) {
  return api.invoke('imports:commit', { kind, fileName, base64: b64(bytes), onlyValidRows });
}
