// CSV for Excel: UTF-8 with a byte-order mark (so Excel on Windows does not read it as
// ANSI), CRLF, and cells that could start a formula made inert (CSV injection).
import Papa from 'papaparse';
import { plainCell, type Table } from './table-data';

/** Indonesian Excel uses ';' as list separator (',' is the decimal mark), so ';' is the default. */
export type CsvDelimiter = ';' | ',';

const FORMULA_START = /^[=+\-@\t\r]/;

/** A plain number ("-8,2192") cannot run anything and stays a number for Excel. */
const PLAIN_NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/;

export function safeCell(value: string | number): string | number {
  return typeof value === 'string' && FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

export function csvOf(table: Table, delimiter: CsvDelimiter = ';'): string {
  const body = Papa.unparse({ fields: table.headers, data: table.rows.map((row) => row.map((cell) => safeCell(plainCell(cell)))) }, { delimiter, newline: '\r\n', quotes: false });
  return `\uFEFF${body}\r\n`;
}
