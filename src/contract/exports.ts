// Exports: calendar files, the printed roster, spreadsheets and WhatsApp messages. Files
// cross the API as { fileName, mimeType, base64 }: the browser downloads them, Electron
// offers a save dialog.
import { z } from 'zod';
import type { ExportFile } from './files';
import type { IcsExportResult } from '../exports/ics-export';
import type { TextMessage } from '../exports/text';
import { command, query } from './define';
import { id, month } from './fields';
import { msg } from './i18n';

export type { ExportFile, IcsExportResult, TextMessage };

export interface ExportLogEntry {
  id: number;
  at: string;
  kind: string;
  month: string;
  specialistId: number | null;
  specialistName: string | null;
  onlyChanges: boolean;
  fileName: string;
  events: number;
}

const kind = z.enum(['roster', 'compliance'], msg('jenis harus roster atau compliance', 'kind must be roster or compliance')).default('roster');

export const exportsContract = {
  /** Writes down what each specialist's calendar received, hence a command. */
  'exports:ics': command<IcsExportResult>()(
    z.object({
      month,
      specialistId: id.optional(),
      onlyChanges: z.boolean().default(false),
      /** Every specialist's file in one ZIP (one .ics per specialist inside) instead of many downloads. */
      zip: z.boolean().default(false),
    }),
  ),
  'exports:pdf': query<ExportFile>()(
    z.object({
      month,
      layout: z
        .enum(['by-date', 'by-puskesmas', 'per-specialist', 'compliance', 'report'], msg('tata letak harus by-date, by-puskesmas, per-specialist, compliance atau report', 'layout must be by-date, by-puskesmas, per-specialist, compliance or report'))
        .default('by-date'),
    }),
  ),
  'exports:xlsx': query<ExportFile>()(z.object({ month, kind })),
  'exports:csv': query<ExportFile>()(z.object({ month, kind, delimiter: z.enum([';', ','], msg('pemisah harus ; atau ,', 'delimiter must be ; or ,')).default(';') })),
  'exports:text': query<{ messages: TextMessage[] }>()(
    z.object({ month, target: z.enum(['specialist', 'puskesmas'], msg('sasaran harus specialist atau puskesmas', 'target must be specialist or puskesmas')).default('specialist'), id: id.optional() }),
  ),
  /** What was exported when (calendar files per specialist and for the district). */
  'exports:history': query<ExportLogEntry[]>()(
    z.object({ month: month.optional(), specialistId: id.optional() }).default({}),
  ),
};
