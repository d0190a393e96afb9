// The import itself: read the file, map its columns onto fields (suggested from the header
// names unless the user chose), check every row, and write only when the whole file is valid
// or the user asked for the valid rows alone. One transaction, a backup first.
import type { Kysely } from 'kysely';
import { AsuhanError, type FieldIssue } from '../contract/errors';
import { parseInput } from '../contract/validate';
import { audit } from '../db/audit';
import { backupBeforeChange } from '../db/database-backup';
import type { AsuhanDb } from '../db/connect';
import type { Database } from '../db/schema';
import { getSettings } from '../db/settings.repository';
import { holidaySection, type ImportKind, KINDS, type KindDef, loadReferences, type ReferenceError, type ResolveContext } from './kinds';
import { bareName } from './names';
import { importError, type RawSheet, readTableFile, type SheetData, withHeaderAt } from './read-file';
import { isPlaceholder, normalise, yearInText } from './values';

export interface ImportRequest {
  kind: ImportKind;
  fileName: string;
  bytes: Buffer;
  /** field key -> column header; when absent, suggested from the headers. */
  mapping?: Record<string, string> | undefined;
  /** Take the single closest name wherever a name is not found ("RSIA Almarah" -> "RSIA Al-Marrah"). */
  acceptSuggestions?: boolean | undefined;
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
  /** Rows imported with something done to them (a phone's 0 restored, a suggestion taken) or
   * that look like a twin of an existing record. */
  rowWarnings: RowIssue[];
  /** Rows left out: notes and placeholders, and rows of other districts (by the kabupaten/kota column). */
  skipped: { notes: number; otherDistrict: number; otherDistricts: { name: string; rows: number }[] };
  /** Rows whose names would resolve by taking the suggestions; `acceptSuggestions` says if they were taken. */
  suggestions: number;
  acceptSuggestions: boolean;
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

/** "KAB. BUTON TENGAH", "Kabupaten Buton Tengah" and "Buton Tengah" are one district; "Kota X" is not "Kabupaten X". */
function districtKey(name: string): { kind: 'kab' | 'kota' | null; bare: string } {
  const words = name.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  const match = /^(kabupaten|kab|kota|kotamadya|kodya|pemkab|pemkot)\s+(.*)$/.exec(words);
  const kind = match ? (match[1]!.startsWith('kab') || match[1] === 'pemkab' ? 'kab' : 'kota') : null;
  return { kind, bare: normalise(match ? match[2]! : words) };
}

export function sameDistrict(a: string, b: string): boolean {
  const x = districtKey(a);
  const y = districtKey(b);
  return x.bare === y.bare && (x.kind === null || y.kind === null || x.kind === y.kind);
}

export async function analyseImport(db: Kysely<Database>, request: ImportRequest): Promise<Analysis> {
  const def = KINDS[request.kind];
  const raw = await readTableFile(request.fileName, request.bytes);
  const explicit = request.mapping && Object.keys(request.mapping).length ? request.mapping : undefined;
  const headerAt = headerIndex(def, raw, explicit);
  const sheet: SheetData = withHeaderAt(raw, headerAt);
  const mapping = explicit ?? suggestMapping(def, sheet.headers);
  checkMapping(def, sheet.headers, mapping);
  const refs = await loadReferences(db);
  const columnOf = new Map(Object.entries(mapping).map(([key, header]) => [key, sheet.headers.indexOf(header)]));
  const columnName = (key: string) => {
    const index = columnOf.get(key);
    return index === undefined || index < 0 ? '' : `${sheet.headers[index]} (kolom ${columnLetter(index)})`;
  };
  const missingRequired = def.fields.filter((f) => f.required && !mapping[f.key]).map((f) => ({ key: f.key, label: f.label, labelEn: f.labelEn }));
  const districtName = (await getSettings(db)).districtName.trim();
  const districtColumn = columnOf.get('district') ?? -1;
  if (districtColumn >= 0 && !districtName && sheet.rows.some((cells) => (cells[districtColumn] ?? '').trim() !== '')) {
    throw importError(
      `Berkas punya kolom kabupaten/kota ("${mapping.district}"), tetapi nama kabupaten/kota ini belum diisi di Pengaturan. Isi dulu agar baris kabupaten lain bisa dipisahkan; tidak ada yang diubah.`,
      `The file has a district column ("${mapping.district}") but this district's name is not set in Settings. Fill it in first so rows of other districts can be left out; nothing was changed.`,
    );
  }

  // A title above the header ("Hari Libur Nasional Tahun 2028") gives the holidays their year and kind.
  const title = raw.rows.slice(0, headerAt).flat().join(' ');
  const context: ResolveContext = { acceptSuggestions: request.acceptSuggestions === true, notes: [], year: yearInText(title), section: holidaySection(title) };
  const issues: RowIssue[] = [];
  const rowWarnings: RowIssue[] = [];
  const warnings = [...sheet.warnings];
  const plans: RowPlan[] = [];
  const seen = new Map<string, number>();
  const otherDistricts = new Map<string, number>();
  let notes = 0;
  let suggestionRows = 0;
  sheet.rows.forEach((cells, index) => {
    const row = sheet.rowNumbers[index] ?? index + 2;
    const cellOf = (key: string) => {
      const column = columnOf.get(key);
      return column === undefined || column < 0 ? '' : (cells[column] ?? '').trim();
    };
    // Notes and placeholders ("(17th puskesmas - name not found)", "tidak ada") are not records.
    const keys = def.keyFields.map(cellOf);
    if (keys.every((cell) => cell === '') || keys.some(isPlaceholder)) {
      const text = cells.filter(Boolean).join(' · ').slice(0, 120);
      if (request.kind === 'holidays') {
        context.section = holidaySection(text) ?? context.section;
        context.year = yearInText(text) ?? context.year;
      }
      notes++;
      warnings.push({ message: `Baris ${row} dilewati: catatan, bukan data ("${text}").`, messageEn: `Row ${row} skipped: a note, not a record ("${text}").` });
      return;
    }
    const district = cellOf('district');
    if (district && !sameDistrict(district, districtName)) {
      otherDistricts.set(district, (otherDistricts.get(district) ?? 0) + 1);
      return;
    }
    const rowIssues: RowIssue[] = [];
    const add = (key: string, message: string, messageEn: string, list = rowIssues) => list.push({ row, column: columnName(key), field: key, message, messageEn });
    const rawValues: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    for (const f of def.fields) {
      const column = columnOf.get(f.key);
      const cell = cellOf(f.key);
      rawValues[f.key] = cell;
      if (cell === '') {
        if (f.required && column !== undefined) add(f.key, `${f.label}: wajib diisi`, `${f.labelEn}: is required`);
        continue;
      }
      const parsed = f.parse(cell);
      if (!parsed.ok) add(f.key, `${f.label}: ${parsed.message}`, `${f.labelEn}: ${parsed.message === parsed.messageEn ? parsed.message : parsed.messageEn}`);
      else {
        if (parsed.value !== null) values[f.key] = parsed.value;
        if (parsed.warning) add(f.key, `${f.label}: ${parsed.warning.message}`, `${f.labelEn}: ${parsed.warning.messageEn}`, rowWarnings);
      }
    }
    context.notes = [];
    const { input: resolved, errors } = def.resolve(values, refs, context);
    const labelled = (e: ReferenceError) => {
      const label = def.fields.find((f) => f.key === e.field);
      return [`${label?.label ?? e.field}: ${e.message}`, `${label?.labelEn ?? e.field}: ${e.messageEn}`] as const;
    };
    for (const e of errors) add(e.field, ...labelled(e));
    for (const note of context.notes) add(note.field, ...labelled(note), rowWarnings);
    if (errors.some((e) => e.suggestion)) suggestionRows++;

    for (const input of def.expand ? def.expand(resolved) : [resolved]) {
      const inputIssues = [...rowIssues];
      const addIssue = (key: string, message: string, messageEn: string) => inputIssues.push({ row, column: columnName(key), field: key, message, messageEn });
      let action: RowAction = 'invalid';
      let parsedInput: Record<string, unknown> = input;
      let existingId: number | undefined;
      if (missingRequired.length === 0) {
        let existing = inputIssues.length === 0 ? def.findExisting(input, refs) : undefined;
        let suggested = false;
        if (!existing && inputIssues.length === 0 && def.similarExisting) {
          // A near twin ("Puskesmas Kenari Ilir" beside "Puskesmas Kenari Hilir"): said, and taken when asked.
          const similar = def.similarExisting(input, refs);
          if (similar.length === 1 && context.acceptSuggestions) {
            existing = similar[0];
            suggested = true;
            add('name', `Nama: "${String(input.name)}" dibaca sebagai ${similar[0]!.name} yang sudah ada (saran diterima)`, `Name: "${String(input.name)}" read as the existing ${similar[0]!.name} (suggestion accepted)`, rowWarnings);
          } else if (similar.length) {
            suggestionRows += similar.length === 1 ? 1 : 0;
            add('name', `Nama: "${String(input.name)}" akan ditambah sebagai data baru; maksud Anda ${similar.map((x) => x.name).join(' atau ')} yang sudah ada?`, `Name: "${String(input.name)}" would be added as new; did you mean the existing ${similar.map((x) => x.name).join(' or ')}?`, rowWarnings);
          }
        }
        existingId = existing?.id;
        // Matched by name: keep the stored spelling rather than the file's capitals or prefix.
        // ("PKM Kenari" found "Puskesmas Kenari": no rename either.)
        if (existing && 'name' in existing && typeof input.name === 'string' && (suggested || bareName(String(existing.name)) === bareName(input.name))) delete input.name;
        try {
          parsedInput = parseInput(existing ? def.updateSchema : def.createSchema, input) as Record<string, unknown>;
        } catch (error) {
          // All of a row's problems at once, but one message per column.
          const flagged = new Set(inputIssues.map((i) => i.field));
          for (const issue of fieldIssuesOf(error)) {
            const inputKey = issue.path.split('.')[0] ?? '';
            const key = INPUT_TO_FIELD[inputKey] ?? inputKey;
            if (!flagged.has(key)) addIssue(key, issue.message, issue.messageEn);
          }
        }
        if (inputIssues.length === 0) {
          const key = def.identity({ ...input, ...parsedInput, ...(existing && 'name' in existing ? { name: existing.name } : {}) });
          const earlier = seen.get(key);
          if (earlier !== undefined) {
            addIssue('', `Baris ini sama dengan baris ${earlier} (data ganda)`, `This row repeats row ${earlier} (duplicate)`);
          } else {
            seen.set(key, row);
            action = !existing ? 'create' : Object.entries(parsedInput).every(([k, v]) => JSON.stringify((existing as Record<string, unknown>)[k]) === JSON.stringify(v)) ? 'unchanged' : 'update';
          }
        }
      }
      if (inputIssues.length) action = 'invalid';
      // A row that stands for several records reports its problems once.
      for (const issue of inputIssues) if (!issues.some((i) => i.row === issue.row && i.field === issue.field && i.message === issue.message)) issues.push(issue);
      plans.push({ row, action, input: parsedInput, existingId, raw: rawValues });
    }
  });

  const count = (a: RowAction) => plans.filter((p) => p.action === a).length;
  const mappedHeaders = new Set(Object.values(mapping));
  const otherDistrictRows = [...otherDistricts.values()].reduce((sum, n) => sum + n, 0);
  if (otherDistrictRows > 0) {
    const names = [...otherDistricts.entries()].map(([name, n]) => `${name} (${n})`).join(', ');
    warnings.push({ message: `${otherDistrictRows} baris dari kabupaten/kota lain dilewati: ${names}.`, messageEn: `${otherDistrictRows} rows of other districts skipped: ${names}.` });
  }
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
    warnings,
    rowWarnings: rowWarnings.slice(0, ISSUES_SHOWN),
    skipped: { notes, otherDistrict: otherDistrictRows, otherDistricts: [...otherDistricts.entries()].map(([name, rows]) => ({ name, rows })) },
    suggestions: suggestionRows,
    acceptSuggestions: context.acceptSuggestions,
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
  result.backupFile = await backupBeforeChange(database, 'before-import');
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
