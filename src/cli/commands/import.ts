// `asuhan import KIND FILE`: master data from .xlsx or CSV. Shows the column mapping and every
// problem row; writes only when the whole file is valid (or with --only-valid), after a backup.
import path from 'node:path';
import { AsuhanError } from '../../contract/errors';
import { IMPORT_KINDS, type ImportKind, type ImportPreview } from '../../contract/imports';
import { checkOutputFolder, readInputFile, writeFileSafely } from '../../files/guard';
import { MAX_IMPORT_BYTES } from '../../imports/read-file';
import type { CliCommand, CliIo } from '../command';
import { printJson, stringOption, usageError } from '../command';
import { withApi } from '../session';

const english = (io: CliIo) => (io.env.ASUHAN_LANG ?? '').toLowerCase().startsWith('en');
const ISSUES_PRINTED = 30;

/** "--map 'Nama Dokter=name,HP=phone'" -> { name: 'Nama Dokter', phone: 'HP' } (field -> column). */
export function parseMap(text: string): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const pair of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const at = pair.lastIndexOf('=');
    if (at <= 0 || at === pair.length - 1) throw usageError(`--map: "${pair}" harus berbentuk kolom=field.`, `--map: "${pair}" must be column=field.`);
    mapping[pair.slice(at + 1).trim()] = pair.slice(0, at).trim();
  }
  return mapping;
}

function printPreview(io: CliIo, preview: ImportPreview): void {
  const en = english(io);
  const label = (key: string) => {
    const f = preview.fields.find((x) => x.key === key);
    return f ? (en ? f.labelEn : f.label) : key;
  };
  io.out(en ? `File: ${preview.fileName} (${preview.format}${preview.sheetName ? `, sheet "${preview.sheetName}"` : ''}), ${preview.totalRows} rows` : `Berkas: ${preview.fileName} (${preview.format}${preview.sheetName ? `, lembar "${preview.sheetName}"` : ''}), ${preview.totalRows} baris`);
  for (const w of preview.warnings) io.out(`! ${en ? w.messageEn : w.message}`);
  for (const w of preview.rowWarnings.slice(0, ISSUES_PRINTED)) io.out(`! ${en ? `row ${w.row}` : `baris ${w.row}`}: ${en ? w.messageEn : w.message}`);
  io.out(en ? 'Columns:' : 'Kolom:');
  for (const f of preview.fields) {
    const column = preview.mapping[f.key];
    io.out(`  ${label(f.key).padEnd(28)} <- ${column ? `"${column}"` : en ? '(not in file)' : '(tidak ada)'}${f.required ? (en ? '  [required]' : '  [wajib]') : ''} (${f.key})`);
  }
  if (preview.unmappedHeaders.length) io.out(`${en ? 'Ignored columns' : 'Kolom diabaikan'}: ${preview.unmappedHeaders.map((h) => `"${h}"`).join(', ')}`);
  const { create, update, unchanged } = preview.counts;
  io.out(en ? `New: ${create}, changed: ${update}, unchanged: ${unchanged}, invalid: ${preview.invalidRows}` : `Baru: ${create}, berubah: ${update}, tetap: ${unchanged}, tidak valid: ${preview.invalidRows}`);
  for (const issue of preview.issues.slice(0, ISSUES_PRINTED)) {
    const where = en ? `row ${issue.row}${issue.column ? `, ${issue.column.replace('kolom', 'column')}` : ''}` : `baris ${issue.row}${issue.column ? `, ${issue.column}` : ''}`;
    io.out(`  ${where}: ${en ? issue.messageEn : issue.message}`);
  }
  if (preview.issuesTotal > ISSUES_PRINTED) io.out(en ? `  ... and ${preview.issuesTotal - ISSUES_PRINTED} more` : `  ... dan ${preview.issuesTotal - ISSUES_PRINTED} lagi`);
  if (preview.suggestions > 0 && !preview.acceptSuggestions) {
    io.out(en ? `${preview.suggestions} rows have a suggested name: check them, then run again with --accept-suggestions to take them.` : `${preview.suggestions} baris punya saran nama: periksa, lalu jalankan lagi dengan --accept-suggestions untuk menerimanya.`);
  }
}

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Impor dokter, puskesmas, rumah sakit, adopsi, cuti atau hari libur dari .xlsx atau CSV',
  usage: `asuhan import ${IMPORT_KINDS.join('|')} FILE [--map "kolom=field,..."] [--only-valid] [--accept-suggestions] [--dry-run] [--template DIR] [--db PATH] [--json]`,
  details: [
    'Kolom dikenali dari judulnya (Indonesia atau Inggris); --map menetapkan sendiri, misalnya --map "Nama Dokter=name,HP=phone".',
    'Tidak ada yang ditulis bila ada baris yang salah, kecuali dengan --only-valid (baris salah dilewati). Cadangan database dibuat dulu.',
    'Nama yang tidak ditemukan diberi saran terdekat ("maksud Anda RSIA Al-Marrah?"); --accept-suggestions menerimanya.',
    'Baris catatan ("(nama tidak ditemukan)", "tidak ada") dilewati; kolom Kabupaten/Kota menyaring baris kabupaten ini saja.',
    '--dry-run hanya menampilkan pratinjau. --template DIR menulis templat .xlsx dan .csv untuk jenis itu ke DIR (tanpa FILE).',
  ].join('\n'),
  allowPositionals: true,
  options: {
    map: { type: 'string' },
    'only-valid': { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    'accept-suggestions': { type: 'boolean', default: false },
    template: { type: 'string' },
  },
  async run({ values, positionals }, flags, io) {
    const [kindText, file, ...extra] = positionals;
    if (!kindText || !(IMPORT_KINDS as readonly string[]).includes(kindText)) throw usageError(`Sebutkan jenis impor: ${IMPORT_KINDS.join(', ')}.`, `Name the import kind: ${IMPORT_KINDS.join(', ')}.`);
    const kind = kindText as ImportKind;
    const templateDir = stringOption(values, 'template');
    if (templateDir !== undefined) {
      const dir = checkOutputFolder(templateDir);
      return withApi(flags, io, async (api) => {
        const written: string[] = [];
        for (const format of ['xlsx', 'csv'] as const) {
          const template = await api.client['imports:template']({ kind, format });
          const target = path.join(dir, path.basename(template.fileName));
          writeFileSafely(target, Buffer.from(template.base64, 'base64'));
          written.push(target);
        }
        if (flags.json) printJson(io, { files: written });
        else for (const w of written) io.out(w);
        return 0;
      });
    }
    if (!file || extra.length) throw usageError('Sebutkan satu berkas .xlsx atau .csv.', 'Name one .xlsx or .csv file.');
    const mapText = stringOption(values, 'map');
    const mapping = mapText ? parseMap(mapText) : undefined;
    const base64 = readInputFile(file, { maxBytes: MAX_IMPORT_BYTES }).toString('base64');
    const fileName = path.basename(file);
    return withApi(flags, io, async (api) => {
      const acceptSuggestions = values['accept-suggestions'] === true;
      const preview = await api.client['imports:preview']({ kind, fileName, base64, mapping, acceptSuggestions });
      if (!flags.json) printPreview(io, preview);
      if (values['dry-run'] === true) {
        if (flags.json) printJson(io, preview);
        return preview.invalidRows > 0 || preview.missingRequired.length ? 1 : 0;
      }
      let result;
      try {
        result = await api.client['imports:commit']({ kind, fileName, base64, mapping: preview.mapping, onlyValidRows: values['only-valid'] === true, acceptSuggestions });
      } catch (error) {
        if (flags.json && error instanceof AsuhanError) printJson(io, { preview, error: error.toPayload() });
        throw error;
      }
      if (flags.json) printJson(io, { preview, result });
      else {
        const en = english(io);
        io.out(en
          ? `Imported: ${result.created} new, ${result.updated} changed, ${result.unchanged} unchanged, ${result.skipped} invalid rows skipped.`
          : `Diimpor: ${result.created} baru, ${result.updated} diubah, ${result.unchanged} tetap, ${result.skipped} baris tidak valid dilewati.`);
        if (result.backupFile) io.out(en ? `Backup before the import: ${result.backupFile}` : `Cadangan sebelum impor: ${result.backupFile}`);
      }
      return 0;
    });
  },
};
