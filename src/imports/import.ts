// The import itself: read the file, map its columns onto fields (suggested from the header
// names unless the user chose), check every row, and write only when the whole file is valid
// or the user asked for the valid rows alone. One transaction, a backup first.
import type { Kysely } from 'kysely';
import { AsuhanError, type FieldIssue } from '../contract/errors';
import { parseInput } from '../contract/validate';
import { audit } from '../db/audit';
import { backupDatabase, backupDirFor } from '../db/backup';
import type { AsuhanDb } from '../db/connect';
import type { Database } from '../db/schema';
import { type ImportKind, KINDS, type KindDef, loadReferences } from './kinds';
import { importError, type RawSheet, readTableFile, type SheetData, withHeaderAt } from './read-file';
import { normalise } from './values';

export interface ImportRequest {
  kind: ImportKind;
  fileName: string;
  bytes: Buffer;
  /** field key -> column header; when absent, suggested from the headers. */
  mapping?: Record<string, string> | undefined;
}

export interface RowIssue {
  /** Spreadsheet row number (the header is row 1 in the templates). */
  row: number;
  /** "Nama (kolom A)"; empty for a problem with the whole row. */
  column: string;
  field: string;
  message: string;
  messageEn: string;
}

export type RowAction = 'create' | 'update' | 'unchanged' | 'invalid';

export interface ImportPreview {
  kind: ImportKind;
  fileName: string;
  format: 'xlsx' | 'csv';
  sheetName: string | null;
  /** The row holding the column headers (rows above it, such as a title, are skipped). */
  headerRow: number;
  headers: string[];
  fields: { key: string; label: string; labelEn: string; required: boolean; hint: string; hintEn: string }[];
  mapping: Record<string, string>;
  unmappedHeaders: string[];
  missingRequired: { key: string; label: string; labelEn: string }[];
  totalRows: number;
  validRows: number;
  invalidRows: number;
  counts: { create: number; update: number; unchanged: number };
  issues: RowIssue[];
  /** More issues than shown. */
  issuesTotal: number;
  warnings: { message: string; messageEn: string }[];
  /** The first rows as read, with what the import would do to each. */
  sample: { row: number; action: RowAction; values: Record<string, string> }[];
}

export interface ImportResult {
  kind: ImportKind;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  backupFile: string | null;
}

const ISSUES_SHOWN = 200;
const SAMPLE_ROWS = 50;

function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Each field takes the first header that names it (label, English label, key or an alias). */
export function suggestMapping(def: KindDef, headers: string[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  const used = new Set<number>();
  const namesOf = (f: KindDef['fields'][number]) => [f.label, f.labelEn, f.key, ...f.aliases].map(normalise);
  // Exact names first, then a header that contains a field's name ("Nama Dokter (lengkap)").
  for (const exact of [true, false]) {
    for (const f of def.fields) {
      if (mapping[f.key]) continue;
      const names = namesOf(f);
      const index = headers.findIndex((h, i) => {
        if (used.has(i)) return false;
        const key = normalise(h);
        return exact ? names.includes(key) : key.length >= 3 && names.some((n) => n.length >= 4 && key.includes(n));
      });
      if (index >= 0) {
        mapping[f.key] = headers[index]!;
        used.add(index);
      }
    }
  }
  return mapping;
}

/** Rows searched for the header: sheets often start with a title and a blank line. */
const HEADER_SEARCH_ROWS = 10;

/**
 * The header row: with a mapping, the first row holding every mapped column; otherwise the
 * row (among the first ten) in which the most fields recognise their column.
 */
function headerIndex(def: KindDef, raw: RawSheet, mapping: Record<string, string> | undefined): number {
  const candidates = raw.rows.slice(0, HEADER_SEARCH_ROWS).map((row) => row.map((cell) => cell.replace(/^\uFEFF/, '').trim()));
  if (mapping) {
    const found = candidates.findIndex((row) => Object.values(mapping).every((header) => row.includes(header)));
    return Math.max(found, 0);
  }
  let best = 0;
  let bestCount = 0;
  candidates.forEach((row, index) => {
    const count = Object.keys(suggestMapping(def, row)).length;
    if (count > bestCount) {
      best = index;
      bestCount = count;
    }
  });
  return best;
}

function checkMapping(def: KindDef, headers: string[], mapping: Record<string, string>): void {
  const problems: FieldIssue[] = [];
  for (const [key, header] of Object.entries(mapping)) {
    if (!def.fields.some((f) => f.key === key)) {
      problems.push({ path: key, message: `Kolom tujuan "${key}" tidak dikenal untuk impor ${def.label}. Pilihan: ${def.fields.map((f) => f.key).join(', ')}`, messageEn: `Unknown target field "${key}" for ${def.labelEn}. Choose from: ${def.fields.map((f) => f.key).join(', ')}` });
    } else if (!headers.includes(header)) {
      problems.push({ path: key, message: `Kolom "${header}" tidak ada di berkas`, messageEn: `Column "${header}" is not in the file` });
    }
  }
  if (problems.length) {
    throw new AsuhanError('IMPORT', `Pemetaan kolom tidak cocok dengan berkas: ${problems[0]!.message}.`, `The column mapping does not fit the file: ${problems[0]!.messageEn}.`, problems);
  }
}

interface RowPlan {
  row: number;
  action: RowAction;
  input: Record<string, unknown>;
  existingId: number | undefined;
  raw: Record<string, string>;
}

interface Analysis {
  preview: ImportPreview;
  plans: RowPlan[];
}

function fieldIssuesOf(error: unknown): FieldIssue[] {
  if (error instanceof AsuhanError) return error.fields ?? [{ path: '', message: error.messageId, messageEn: error.messageEn }];
  throw error;
}

// Reference fields (a specialist by name) become ids; their issues belong to the named column.
const INPUT_TO_FIELD: Record<string, string> = { specialtyId: 'specialty', hospitalId: 'hospital', specialistId: 'specialist', puskesmasId: 'puskesmas' };

export async function analyseImport(db: Kysely<Database>, request: ImportRequest): Promise<Analysis> {
  const def = KINDS[request.kind];
  const raw = await readTableFile(request.fileName, request.bytes);
  const explicit = request.mapping && Object.keys(request.mapping).length ? request.mapping : undefined;
  const sheet: SheetData = withHeaderAt(raw, headerIndex(def, raw, explicit));
  const mapping = explicit ?? suggestMapping(def, sheet.headers);
  checkMapping(def, sheet.headers, mapping);
  const refs = await loadReferences(db);
  const columnOf = new Map(Object.entries(mapping).map(([key, header]) => [key, sheet.headers.indexOf(header)]));
  const columnName = (key: string) => {
    const index = columnOf.get(key);
    return index === undefined || index < 0 ? '' : `${sheet.headers[index]} (kolom ${columnLetter(index)})`;
  };
  const missingRequired = def.fields.filter((f) => f.required && !mapping[f.key]).map((f) => ({ key: f.key, label: f.label, labelEn: f.labelEn }));

  const issues: RowIssue[] = [];
  const plans: RowPlan[] = [];
  const seen = new Map<string, number>();
  sheet.rows.forEach((cells, index) => {
    const row = sheet.rowNumbers[index] ?? index + 2;
    const rowIssues: RowIssue[] = [];
    const add = (key: string, message: string, messageEn: string) => rowIssues.push({ row, column: columnName(key), field: key, message, messageEn });
    const raw: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    for (const f of def.fields) {
      const column = columnOf.get(f.key);
      const cell = column === undefined || column < 0 ? '' : (cells[column] ?? '').trim();
      raw[f.key] = cell;
      if (cell === '') {
        if (f.required && column !== undefined) add(f.key, `${f.label}: wajib diisi`, `${f.labelEn}: is required`);
        continue;
      }
      const parsed = f.parse(cell);
      if (!parsed.ok) add(f.key, `${f.label}: ${parsed.message}`, `${f.labelEn}: ${parsed.messageEn}`);
      else if (parsed.value !== null) values[f.key] = parsed.value;
    }
    const { input, errors } = def.resolve(values, refs);
    for (const e of errors) {
      const label = def.fields.find((f) => f.key === e.field);
      add(e.field, `${label?.label ?? e.field}: ${e.message}`, `${label?.labelEn ?? e.field}: ${e.messageEn}`);
    }
    let action: RowAction = 'invalid';
    let parsedInput: Record<string, unknown> = input;
    let existingId: number | undefined;
    if (missingRequired.length === 0) {
      const existing = rowIssues.length === 0 ? def.findExisting(input, refs) : undefined;
      existingId = existing?.id;
      // Matched by name: keep the stored spelling rather than the file's capitals.
      // ("Sempu" found "Puskesmas Sempu": no rename either.)
      const bare = (name: string) => normalise(name.replace(/^puskesmas\s+/i, ''));
      if (existing && 'name' in existing && typeof input.name === 'string' && bare(String(existing.name)) === bare(input.name)) delete input.name;
      try {
        parsedInput = parseInput(existing ? def.updateSchema : def.createSchema, input) as Record<string, unknown>;
      } catch (error) {
        // All of a row's problems at once, but one message per column.
        const flagged = new Set(rowIssues.map((i) => i.field));
        for (const issue of fieldIssuesOf(error)) {
          const inputKey = issue.path.split('.')[0] ?? '';
          const key = INPUT_TO_FIELD[inputKey] ?? inputKey;
          if (!flagged.has(key)) add(key, issue.message, issue.messageEn);
        }
      }
      if (rowIssues.length === 0) {
        const key = def.identity({ ...input, ...parsedInput, ...(existing && 'name' in existing ? { name: existing.name } : {}) });
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          add('', `Baris ini sama dengan baris ${earlier} (data ganda)`, `This row repeats row ${earlier} (duplicate)`);
        } else {
          seen.set(key, row);
          action = !existing ? 'create' : Object.entries(parsedInput).every(([k, v]) => JSON.stringify((existing as Record<string, unknown>)[k]) === JSON.stringify(v)) ? 'unchanged' : 'update';
        }
      }
    }
    if (rowIssues.length) action = 'invalid';
    issues.push(...rowIssues);
    plans.push({ row, action, input: parsedInput, existingId, raw });
  });

  const count = (a: RowAction) => plans.filter((p) => p.action === a).length;
  const mappedHeaders = new Set(Object.values(mapping));
  const preview: ImportPreview = {
    kind: request.kind,
    fileName: request.fileName,
    format: sheet.format,
    sheetName: sheet.sheetName,
    headerRow: sheet.headerRow,
    headers: sheet.headers,
    fields: def.fields.map(({ key, label, labelEn, required, hint, hintEn }) => ({ key, label, labelEn, required, hint, hintEn })),
    mapping,
    unmappedHeaders: sheet.headers.filter((h) => h && !mappedHeaders.has(h)),
    missingRequired,
    totalRows: plans.length,
    validRows: plans.length - count('invalid'),
    invalidRows: count('invalid'),
    counts: { create: count('create'), update: count('update'), unchanged: count('unchanged') },
    issues: issues.slice(0, ISSUES_SHOWN),
    issuesTotal: issues.length,
    warnings: sheet.warnings,
    sample: plans.slice(0, SAMPLE_ROWS).map((p) => ({ row: p.row, action: p.action, values: p.raw })),
  };
  return { preview, plans };
}

export async function previewImport(db: Kysely<Database>, request: ImportRequest): Promise<ImportPreview> {
  return (await analyseImport(db, request)).preview;
}

function refuse(preview: ImportPreview): never {
  if (preview.missingRequired.length) {
    const names = preview.missingRequired.map((f) => f.label).join(', ');
    const namesEn = preview.missingRequired.map((f) => f.labelEn).join(', ');
    throw importError(`Kolom wajib tidak ditemukan di berkas: ${names}. Petakan kolomnya atau pakai templat. Tidak ada yang diubah.`, `Required columns are missing from the file: ${namesEn}. Map them or use the template. Nothing was changed.`);
  }
  const first = preview.issues[0];
  const where = first ? `baris ${first.row}${first.column ? `, ${first.column}` : ''}: ${first.message}` : '';
  const whereEn = first ? `row ${first.row}${first.column ? `, ${first.column}` : ''}: ${first.messageEn}` : '';
  throw new AsuhanError(
    'IMPORT',
    `${preview.invalidRows} dari ${preview.totalRows} baris tidak valid, jadi tidak ada yang diimpor. Pertama, ${where}.`,
    `${preview.invalidRows} of ${preview.totalRows} rows are invalid, so nothing was imported. First, ${whereEn}.`,
    preview.issues.map((i) => ({ path: `${i.row}${i.field ? `.${i.field}` : ''}`, message: `Baris ${i.row}${i.column ? `, ${i.column}` : ''}: ${i.message}`, messageEn: `Row ${i.row}${i.column ? `, ${i.column}` : ''}: ${i.messageEn}` })),
  );
}

export async function commitImport(database: AsuhanDb, request: ImportRequest & { onlyValidRows: boolean; dryRun?: boolean }, now: Date = new Date()): Promise<ImportResult & { preview: ImportPreview }> {
  const db = database.kysely;
  const { preview, plans } = await analyseImport(db, request);
  if (preview.missingRequired.length || (preview.invalidRows > 0 && !request.onlyValidRows)) refuse(preview);
  const toWrite = plans.filter((p) => p.action === 'create' || p.action === 'update');
  const result = {
    kind: request.kind,
    created: preview.counts.create,
    updated: preview.counts.update,
    unchanged: preview.counts.unchanged,
    skipped: preview.invalidRows,
    backupFile: null as string | null,
    preview,
  };
  if (preview.validRows === 0 && preview.totalRows > 0) refuse(preview);
  if (request.dryRun || toWrite.length === 0) return result;
  result.backupFile = database.path === ':memory:' ? null : await backupDatabase(database.sqlite, backupDirFor(database.path), 'before-import');
  const def = KINDS[request.kind];
  await db.transaction().execute(async (trx) => {
    for (const plan of toWrite) await def.write(trx, plan.input, plan.existingId);
    await audit(trx, {
      entity: 'import',
      entityId: request.kind,
      action: 'import',
      after: { fileName: request.fileName, created: result.created, updated: result.updated, unchanged: result.unchanged, skipped: result.skipped },
    });
  });
  return result;
}
