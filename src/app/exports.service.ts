// Handlers for exports. Generation lives in src/exports; this maps API inputs onto it.
import type { Handlers } from '../contract/index';
import { getSettings } from '../db/settings.repository';
import { todayIn } from '../domain/dates';
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

export function exportHandlers({ db: { kysely: db }, now }: AppContext): ExportHandlers {
  const tablesFor = async (month: string, kind: 'roster' | 'compliance'): Promise<{ tables: Table[]; letterhead: string[] }> => {
    const roster = await loadRoster(db, month);
    const letterhead = letterheadLines(roster.settings);
    if (kind === 'roster') return { tables: [rosterTable(roster)], letterhead };
    const report = await complianceReport(db, month, { today: todayIn(roster.settings.timeZone, now()) });
    return { tables: [compliancePuskesmasTable(report), complianceSpecialistTable(report)], letterhead };
  };
  const baseName = (month: string, kind: 'roster' | 'compliance') => (kind === 'roster' ? `jadwal-${month}` : `kepatuhan-${month}`);

  return {
    'exports:ics': async ({ month, specialistId, onlyChanges }) => {
      requireSettings(await getSettings(db), IDENTITY_KEYS, { id: 'Kalender', en: 'The calendar' });
      return exportIcs(db, { month, specialistId, onlyChanges, now: now() });
    },

    'exports:pdf': async ({ month, layout }) => {
      const roster = await loadRoster(db, month);
      requireSettings(roster.settings, LETTERHEAD_KEYS, { id: 'PDF dengan kop surat', en: 'A PDF with the letterhead' });
      const signedOn = todayIn(roster.settings.timeZone, now());
      if (layout === 'compliance') {
        const report = await complianceReport(db, month, { today: signedOn });
        return exportFile(`kepatuhan-${month}.pdf`, MIME.pdf, await compliancePdf(report, roster.settings, { signedOn }));
      }
      if (layout === 'report') {
        const report = await programmeReport(db, month, { today: signedOn });
        return exportFile(`laporan-bulanan-${month}.pdf`, MIME.pdf, await programmeReportPdf(report, roster.settings, { signedOn }));
      }
      return exportFile(`jadwal-${month}-${layout}.pdf`, MIME.pdf, await rosterPdf(roster, layout, { signedOn }));
    },

    'exports:xlsx': async ({ month, kind }) => {
      const { tables, letterhead } = await tablesFor(month, kind);
      return exportFile(`${baseName(month, kind)}.xlsx`, MIME.xlsx, await workbookOf(tables, baseName(month, kind), letterhead));
    },

    'exports:csv': async ({ month, kind, delimiter }) => {
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
