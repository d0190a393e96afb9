// Handlers for exports. Generation lives in src/exports; this maps API inputs onto it.
import type { Handlers } from '../contract/index';
import { getSettings } from '../db/settings.repository';
import { firstDayOfMonth, lastDayOfMonth, todayIn } from '../domain/dates';
import { formatMonth } from '../domain/format-id';
import { AsuhanError } from '../contract/errors';
import { zipSync } from 'fflate';
import { IDENTITY_KEYS, LETTERHEAD_KEYS, requireSettings } from '../domain/settings';
import { csvOf } from '../exports/csv';
import { exportFile, MIME } from '../exports/export-file';
import { exportIcs } from '../exports/ics-export';
import { letterheadLines } from '../exports/labels';
import { compliancePdf, rosterPdf } from '../exports/pdf';
import { programmeReportPdf } from '../exports/report-pdf';
import { loadRoster } from '../exports/roster-data';
import { complianceSpecialistTable, compliancePuskesmasTable, rosterTable, type Table } from '../exports/table-data';
import { puskesmasMessages, specialistMessages } from '../exports/text';
import { workbookOf } from '../exports/xlsx';
import { complianceReport } from '../reports/compliance';
import { programmeReport } from '../reports/programme-report';
import type { AppContext } from './context';

type ExportHandlers = Pick<Handlers, Extract<keyof Handlers, `exports:${string}`>>;

/** Indonesian file names, in this one place: jadwal-2026-04-per-tanggal.pdf. */
const LAYOUT_FILE_NAMES: Record<'by-date' | 'by-puskesmas' | 'per-specialist', string> = {
  'by-date': 'per-tanggal',
  'by-puskesmas': 'per-puskesmas',
  'per-specialist': 'per-dokter',
};

function nothingToExport(month: string): AsuhanError {
  return new AsuhanError(
    'EMPTY',
    `Tidak ada kunjungan di ${formatMonth(month, 'id')}, jadi tidak ada yang diekspor. Buat jadwalnya dulu di layar Jadwal.`,
    `There are no visits in ${formatMonth(month, 'en')}, so there is nothing to export. Plan the month on the Schedule screen first.`,
  );
}

export function exportHandlers({ db: { kysely: db }, now }: AppContext): ExportHandlers {
  const tablesFor = async (month: string, kind: 'roster' | 'compliance'): Promise<{ tables: Table[]; letterhead: string[] }> => {
    const roster = await loadRoster(db, month);
    const letterhead = letterheadLines(roster.settings);
    if (kind === 'roster') return { tables: [rosterTable(roster)], letterhead };
    const report = await complianceReport(db, month, { today: todayIn(roster.settings.timeZone, now()) });
    return { tables: [compliancePuskesmasTable(report), complianceSpecialistTable(report)], letterhead };
  };
  const requireVisits = async (month: string) => {
    const found = await db
      .selectFrom('visit')
      .select('id')
      .where('date', '>=', firstDayOfMonth(month))
      .where('date', '<=', lastDayOfMonth(month))
      .where('status', '!=', 'cancelled')
      .limit(1)
      .execute();
    if (found.length === 0) throw nothingToExport(month);
  };
  const baseName = (month: string, kind: 'roster' | 'compliance') => (kind === 'roster' ? `jadwal-${month}` : `kepatuhan-${month}`);

  return {
    'exports:ics': async ({ month, specialistId, onlyChanges, zip }) => {
      requireSettings(await getSettings(db), IDENTITY_KEYS, { id: 'Kalender', en: 'The calendar' });
      const visits = await db
        .selectFrom('visit')
        .select('id')
        .where('date', '>=', firstDayOfMonth(month))
        .where('date', '<=', lastDayOfMonth(month))
        .$if(specialistId !== undefined, (q) => q.where('specialist_id', '=', specialistId as number))
        .limit(1)
        .execute();
      if (visits.length === 0) throw nothingToExport(month);
      const result = await exportIcs(db, { month, specialistId, onlyChanges, now: now() });
      if (!zip || result.files.length < 2) return result;
      const archive = zipSync(Object.fromEntries(result.files.map((file) => [file.fileName, Buffer.from(file.base64, 'base64')])));
      return { ...result, files: [exportFile(`kalender-${month}-semua-dokter.zip`, 'application/zip', archive)] };
    },

    'exports:pdf': async ({ month, layout }) => {
      const roster = await loadRoster(db, month);
      // The letterhead first: a new district learns what to fill in before anything else.
      requireSettings(roster.settings, LETTERHEAD_KEYS, { id: 'PDF dengan kop surat', en: 'A PDF with the letterhead' });
      // Reports of a month without visits still say something (0 of N); a roster would be blank.
      if (layout !== 'compliance' && layout !== 'report' && !roster.visits.some((v) => v.status !== 'cancelled')) throw nothingToExport(month);
      const signedOn = todayIn(roster.settings.timeZone, now());
      if (layout === 'compliance') {
        const report = await complianceReport(db, month, { today: signedOn });
        return exportFile(`kepatuhan-${month}.pdf`, MIME.pdf, await compliancePdf(report, roster.settings, { signedOn }));
      }
      if (layout === 'report') {
        const report = await programmeReport(db, month, { today: signedOn });
        return exportFile(`laporan-bulanan-${month}.pdf`, MIME.pdf, await programmeReportPdf(report, roster.settings, { signedOn }));
      }
      return exportFile(`jadwal-${month}-${LAYOUT_FILE_NAMES[layout]}.pdf`, MIME.pdf, await rosterPdf(roster, layout, { signedOn }));
    },

    'exports:xlsx': async ({ month, kind }) => {
      if (kind === 'roster') await requireVisits(month);
      const { tables, letterhead } = await tablesFor(month, kind);
      return exportFile(`${baseName(month, kind)}.xlsx`, MIME.xlsx, await workbookOf(tables, baseName(month, kind), letterhead));
    },

    'exports:csv': async ({ month, kind, delimiter }) => {
      if (kind === 'roster') await requireVisits(month);
      // A CSV holds one table: the compliance CSV is the per-puskesmas one.
      const [table] = (await tablesFor(month, kind)).tables;
      return exportFile(`${baseName(month, kind)}.csv`, MIME.csv, csvOf(table!, delimiter));
    },

    'exports:text': async ({ month, target, id }) => {
      const roster = await loadRoster(db, month);
      requireSettings(roster.settings, IDENTITY_KEYS, { id: 'Pesan jadwal', en: 'The messages' });
      return { messages: target === 'specialist' ? specialistMessages(roster, id) : puskesmasMessages(roster, id) };
    },

    'exports:history': async ({ month, specialistId }) => {
      let query = db
        .selectFrom('export_log')
        .leftJoin('specialist', 'specialist.id', 'export_log.specialist_id')
        .selectAll('export_log')
        .select('specialist.name as specialist_name')
        .orderBy('export_log.id', 'desc')
        .limit(500);
      if (month) query = query.where('export_log.month', '=', month);
      if (specialistId) query = query.where('export_log.specialist_id', '=', specialistId);
      return (await query.execute()).map((r) => ({
        id: r.id,
        at: r.at,
        kind: r.kind,
        month: r.month,
        specialistId: r.specialist_id,
        specialistName: r.specialist_name,
        onlyChanges: r.only_changes === 1,
        fileName: r.file_name,
        events: r.events,
      }));
    },
  };
}
