// Imports of master data from .xlsx or CSV: a template, a preview with the column mapping
// and every row's problems, then the commit. Files arrive as base64.
import { z } from 'zod';
import type { ExportFile } from './files';
import type { ImportPreview, ImportResult } from '../imports/import';
import { command, query } from './define';
import { text } from './fields';
import { msg } from './i18n';

export type { ImportPreview, ImportResult };

// Declared here, not in src/imports, so the renderer can use the contract without Node code.
export const IMPORT_KINDS = ['specialists', 'puskesmas', 'hospitals', 'adoptions', 'leave', 'holidays'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** 10 MB of file is about 13.4 million base64 characters. */
const MAX_BASE64 = 14_000_000;

const kind = z.enum(IMPORT_KINDS, msg(`jenis impor harus salah satu dari: ${IMPORT_KINDS.join(', ')}`, `import kind must be one of: ${IMPORT_KINDS.join(', ')}`));
const fileName = text(255).refine((name) => name.length > 0, msg('nama berkas wajib diisi', 'file name is required'));
const base64 = z
  .string()
  .max(MAX_BASE64, msg('berkas terlalu besar (maksimal 10 MB)', 'file too large (at most 10 MB)'))
  .regex(/^[A-Za-z0-9+/=\r\n]*$/, msg('isi berkas harus base64', 'file content must be base64'));
const mapping = z.record(z.string().max(60), z.string().max(200)).refine((m) => Object.keys(m).length <= 60, msg('terlalu banyak kolom dipetakan', 'too many mapped columns'));

const fileInput = z.object({
  kind,
  fileName,
  base64,
  mapping: mapping.optional(),
  /** Take the single closest existing name wherever a name is not found (see the preview's suggestions). */
  acceptSuggestions: z.boolean().default(false),
});

export const importsContract = {
  'imports:template': query<ExportFile>()(
    z.object({ kind, format: z.enum(['xlsx', 'csv'], msg('format harus xlsx atau csv', 'format must be xlsx or csv')).default('xlsx'), withData: z.boolean().default(false) }),
  ),
  'imports:preview': query<ImportPreview>()(fileInput),
  'imports:commit': command<ImportResult>()(fileInput.extend({ onlyValidRows: z.boolean().default(false) })),
};
