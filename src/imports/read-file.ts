// Turns an uploaded file into a header row and text cells, refusing what is not a table:
// old .xls, PDFs, binary junk, oversize files and sheets with more rows than any district has.
// CSV may be UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text") or Windows-1252.
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { AsuhanError } from '../contract/errors';
import { invisibleCharIn, withoutInvisibleChars } from '../contract/fields';
import { parseOffThread } from './parse-off-thread';
import { checkXlsxArchive, inspectXlsxArchive, orderedForReading } from './zip-check';
import { lazyPackage } from '../domain/lazy-package';

const exceljs = lazyPackage<typeof ExcelJS>('exceljs');

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
/** A district has hundreds of records; 5,000 rows leaves room and keeps a preview quick. */
export const MAX_IMPORT_ROWS = 5_000;
const MAX_COLUMNS = 100;

/** The file's non-empty rows as text, before a header row is chosen. */
export interface RawSheet {
  format: 'xlsx' | 'csv';
  sheetName: string | null;
  rows: string[][];
  /** Spreadsheet row number of each row, for messages ("baris 7"). */
  rowNumbers: number[];
  warnings: { message: string; messageEn: string }[];
}

export interface SheetData extends RawSheet {
  headers: string[];
  /** Row number of the header row. */
  headerRow: number;
}

/** Rows above the header (a title, a date) are left out; each data row is as long as the header. */
export function withHeaderAt(raw: RawSheet, index: number): SheetData {
  const headers = (raw.rows[index] ?? []).slice(0, MAX_COLUMNS).map((h) => h.replace(/^\uFEFF/, '').trim());
  return {
    ...raw,
    headers,
    headerRow: raw.rowNumbers[index] ?? index + 1,
    rows: raw.rows.slice(index + 1).map((row) => Array.from({ length: headers.length }, (_, i) => row[i] ?? '')),
    rowNumbers: raw.rowNumbers.slice(index + 1),
  };
}

export function importError(messageId: string, messageEn: string): AsuhanError {
  return new AsuhanError('IMPORT', messageId, messageEn);
}

function tooManyRows(): AsuhanError {
  return importError(
    `Berkas berisi lebih dari ${MAX_IMPORT_ROWS.toLocaleString('id-ID')} baris data. Bagi berkas menjadi beberapa bagian; tidak ada yang diubah.`,
    `The file has more than ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} data rows. Split it into smaller files; nothing was changed.`,
  );
}

type Magic = 'xlsx' | 'xls' | 'pdf' | 'text';

function sniff(bytes: Buffer): Magic {
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
  if (bytes.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'xls';
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  return 'text';
}

/** CSV files up to this size, and workbooks that unpack to at most INLINE_MAX_UNPACKED, are parsed on the calling thread. */
export const INLINE_MAX_BYTES = 256 * 1024;
const INLINE_MAX_UNPACKED = 4 * 1024 * 1024;

/**
 * The file's rows. Small files are parsed here; bigger ones in a worker thread (see
 * parse-off-thread.ts), so the app answers other calls meanwhile.
 */
export async function readTableFile(fileName: string, bytes: Buffer): Promise<RawSheet> {
  refuseEarly(bytes);
  // A bomb is refused here in milliseconds, from its directory, before any thread starts.
  // A workbook that says it unpacks to little is checked (inflating at most that much) and read here.
  // A CSV with far too many lines is refused here too: the reader stops at the row limit.
  const small = sniff(bytes) === 'xlsx' ? inspectXlsxArchive(bytes).uncompressedBytes <= INLINE_MAX_UNPACKED : bytes.length <= INLINE_MAX_BYTES || newlines(bytes) > MAX_IMPORT_ROWS + 50;
  return small ? parseTableFile(fileName, bytes) : parseOffThread(fileName, bytes, parseTableFile);
}

function newlines(bytes: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) count++;
  return count;
}

function refuseEarly(bytes: Buffer): void {
  if (bytes.length === 0) throw importError('Berkas kosong.', 'The file is empty.');
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw importError(
      `Berkas terlalu besar (${(bytes.length / 1024 / 1024).toFixed(1)} MB; maksimal ${MAX_IMPORT_BYTES / 1024 / 1024} MB). Tidak ada yang diubah.`,
      `The file is too large (${(bytes.length / 1024 / 1024).toFixed(1)} MB; at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB). Nothing was changed.`,
    );
  }
}

/** Parses on the calling thread; spreadsheet archives are checked first (zip-check.ts). */
export async function parseTableFile(fileName: string, bytes: Buffer): Promise<RawSheet> {
  refuseEarly(bytes);
  const magic = sniff(bytes);
  if (magic === 'xls') throw importError('Format Excel lama (.xls) tidak didukung. Simpan ulang sebagai .xlsx atau CSV.', 'Old Excel format (.xls) is not supported. Save it again as .xlsx or CSV.');
  if (magic === 'pdf') throw importError('Berkas PDF tidak bisa diimpor. Gunakan .xlsx atau CSV.', 'A PDF cannot be imported. Use .xlsx or CSV.');
  if (magic === 'xlsx') {
    checkXlsxArchive(bytes);
    return readXlsx(orderedForReading(bytes));
  }
  if (/\.xlsx$/i.test(fileName)) throw importError('Berkas bernama .xlsx tetapi isinya bukan berkas Excel yang utuh.', 'The file is named .xlsx but is not a complete Excel file.');
  return readCsv(bytes);
}

// ---------- CSV ----------

function decodeText(bytes: Buffer): { text: string; warning?: { message: string; messageEn: string } } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)) };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  // UTF-16 without a BOM: every other byte of ASCII text is zero.
  const sample = bytes.subarray(0, 4096);
  const zeros = (offset: number) => sample.filter((b, i) => i % 2 === offset && b === 0).length;
  if (sample.length >= 4 && zeros(1) > sample.length * 0.4 && zeros(0) === 0) return { text: new TextDecoder('utf-16le').decode(bytes) };
  if (sample.length >= 4 && zeros(0) > sample.length * 0.4 && zeros(1) === 0) return { text: new TextDecoder('utf-16be').decode(bytes) };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return {
      text: new TextDecoder('windows-1252').decode(bytes),
      warning: {
        message: 'Berkas tidak dalam UTF-8; dibaca sebagai Windows-1252 (ANSI). Periksa huruf beraksen di pratinjau.',
        messageEn: 'The file is not UTF-8; it was read as Windows-1252 (ANSI). Check accented letters in the preview.',
      },
    };
  }
}

function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  if (sample.length === 0) return false;
  let control = 0;
  for (const ch of sample) {
    const code = ch.charCodeAt(0);
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 0xfffd) control++;
  }
  return control > sample.length * 0.02;
}

function readCsv(bytes: Buffer): RawSheet {
  const { text, warning } = decodeText(bytes);
  if (looksBinary(text)) throw importError('Berkas ini bukan tabel CSV atau Excel (isinya biner). Tidak ada yang diubah.', 'This file is not a CSV or Excel table (binary content). Nothing was changed.');
  // Count lines before parsing, so a 100,000-row file is refused without building it in memory.
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) if (++lines > MAX_IMPORT_ROWS + 50) break;
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy', delimitersToGuess: [';', ',', '\t', '|'], preview: MAX_IMPORT_ROWS + 2 });
  if (parsed.data.length > MAX_IMPORT_ROWS + 1) throw tooManyRows();
  const rows = parsed.data.map((row) => row.map((cell) => cell.trim()));
  const data = toSheet('csv', null, rows, rows.map((_, i) => i + 1));
  if (warning) data.warnings.push(warning);
  const broken = parsed.errors.find((e) => e.type === 'Quotes');
  if (broken) data.warnings.push({ message: `Tanda kutip tidak tertutup di sekitar baris ${(broken.row ?? 0) + 1}.`, messageEn: `Unclosed quote near row ${(broken.row ?? 0) + 1}.` });
  return data;
}

// ---------- XLSX ----------

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A cell as text; a formula contributes its last computed value, never the formula. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'ya' : 'tidak';
  if (value instanceof Date) {
    // Excel stores local wall-clock values; exceljs hands them over as UTC.
    const date = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    const time = `${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}`;
    if (value.getUTCFullYear() <= 1900) return time;
    return time === '00:00' ? date : `${date} ${time}`;
  }
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    return result === undefined || (typeof result === 'object' && result !== null && 'error' in result) ? '' : cellText(result);
  }
  if ('hyperlink' in value) return String((value as { text?: unknown }).text ?? '');
  if ('error' in value) return '';
  return '';
}

async function readXlsx(bytes: Buffer): Promise<RawSheet> {
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  let sheetName: string | null = null;
  try {
    const reader = new (exceljs().stream.xlsx.WorkbookReader)(Readable.from(bytes), { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', entries: 'emit' });
    for await (const worksheet of reader) {
      sheetName = (worksheet as unknown as { name?: string }).name ?? null;
      for await (const row of worksheet) {
        const values = row.values as ExcelJS.CellValue[];
        // Array.from, not map: the reader leaves holes for empty cells.
        const cells = Array.from(values.slice(1, MAX_COLUMNS + 1), (v) => cellText(v).trim());
        if (cells.every((c) => c === '')) continue;
        rows.push(cells);
        rowNumbers.push(row.number);
        if (rows.length > MAX_IMPORT_ROWS + 1) throw tooManyRows();
      }
      // Only the first sheet holds data; the templates put instructions on the second.
      break;
    }
  } catch (error) {
    if (error instanceof AsuhanError) throw error;
    throw importError('Berkas Excel rusak atau tidak bisa dibaca. Simpan ulang dari Excel sebagai .xlsx.', 'The Excel file is damaged or unreadable. Save it again from Excel as .xlsx.');
  }
  return toSheet('xlsx', sheetName, rows, rowNumbers);
}

function toSheet(format: RawSheet['format'], sheetName: string | null, rows: string[][], rowNumbers: number[]): RawSheet {
  if (rows.length === 0) throw importError('Berkas tidak berisi baris apa pun.', 'The file has no rows.');
  // Text copied from web pages carries zero-width spaces and direction marks; they are dropped
  // (the API refuses them), and the coordinator is told how many cells lost one.
  let cleaned = 0;
  const clean = rows.map((row) =>
    row.map((cell) => {
      if (invisibleCharIn(cell) === null) return cell;
      cleaned++;
      return withoutInvisibleChars(cell).trim();
    }),
  );
  const warnings = cleaned === 0 ? [] : [{
    message: `${cleaned} sel berisi karakter tak terlihat atau pembalik arah teks; karakter itu dihapus. Periksa nama di pratinjau.`,
    messageEn: `${cleaned} cells held invisible or text-direction characters; they were removed. Check the names in the preview.`,
  }];
  return { format, sheetName, rows: clean, rowNumbers, warnings };
}
