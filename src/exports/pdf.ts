// The printed documents: the monthly roster by date or by puskesmas, one sheet per
// specialist, and the monthly compliance report. All in Bahasa Indonesia.
import { formatLongDate, formatMonth, formatTime } from '../domain/format-id';
import type { Settings } from '../domain/settings';
import type { ComplianceReport } from '../reports/compliance';
import { type ColumnSpec, contentWidth, createPdf, drawFooters, drawHeading, drawLetterhead, drawSignature, drawTable, drawTitle, fitColumns, nextPageIndex, pdfBuffer, SIGNATURE_HEIGHT, type PdfRow } from './pdf-kit';
import { placeLine, puskesmasLabel, STATUS_LABEL_ID } from './labels';
import { groupBy } from '../domain/collections';
import { activeVisits, type RosterData, type RosterVisit } from './roster-data';

export type RosterLayout = 'by-date' | 'by-puskesmas' | 'per-specialist';

export function rosterTitle(month: string): string {
  return `Jadwal Kunjungan Dokter Spesialis ke Puskesmas, ${formatMonth(month)}`;
}

const LAYOUT_LABEL: Record<RosterLayout, string> = {
  'by-date': 'menurut tanggal',
  'by-puskesmas': 'menurut puskesmas',
  'per-specialist': 'per dokter spesialis',
};

function timeRange(visit: RosterVisit, settings: Settings): string {
  return `${visit.startTime.replace(':', '.')}-${formatTime(visit.endTime, settings.timeZone)}`;
}

/** Notes can hold 2,000 characters; a roster row must stay shorter than a page. */
const REMARK_CHARS = 240;

function remark(visit: RosterVisit): string {
  const text = [visit.status === 'planned' ? '' : STATUS_LABEL_ID[visit.status], visit.notes].filter(Boolean).join('; ');
  return text.length > REMARK_CHARS ? `${text.slice(0, REMARK_CHARS - 1).trimEnd()}…` : text;
}

const NO_VISITS = 'Belum ada kunjungan terjadwal untuk bulan ini.';

function byDateRows(visits: RosterVisit[], settings: Settings): PdfRow[] {
  const rows: PdfRow[] = [];
  let n = 0;
  let band = false;
  for (const [date, group] of groupBy(visits, (v) => v.date)) {
    band = !band;
    group.forEach((v, i) => {
      rows.push({
        cells: [String(++n), formatLongDate(date), timeRange(v, settings), puskesmasLabel(v.puskesmasName), v.kecamatan, v.specialistName, v.specialtyName, remark(v)],
        groupStart: i === 0,
        carry: [1],
        shaded: band,
      });
    });
  }
  return rows;
}

function byPuskesmasRows(visits: RosterVisit[], settings: Settings): PdfRow[] {
  const sorted = [...visits].sort((a, b) => a.puskesmasName.localeCompare(b.puskesmasName, 'id') || (a.date + a.startTime).localeCompare(b.date + b.startTime));
  const rows: PdfRow[] = [];
  let n = 0;
  let band = false;
  for (const [, group] of groupBy(sorted, (v) => v.puskesmasId)) {
    band = !band;
    group.forEach((v, i) => {
      rows.push({
        cells: [String(++n), puskesmasLabel(v.puskesmasName), v.kecamatan, formatLongDate(v.date), timeRange(v, settings), v.specialistName, v.specialtyName, remark(v)],
        groupStart: i === 0,
        carry: [1, 2],
        shaded: band,
      });
    });
  }
  return rows;
}

export interface PdfOptions {
  /** The signing date printed above the signature ("Lembah Kenari, 2 Maret 2026"). */
  signedOn: string;
}

export async function rosterPdf(roster: RosterData, layout: RosterLayout, options: PdfOptions): Promise<Buffer> {
  const { settings, month } = roster;
  const title = rosterTitle(month);
  const doc = createPdf(title);
  const visits = activeVisits(roster.visits);
  const subtitle = `${settings.programmeName} · ${settings.districtName} · ${LAYOUT_LABEL[layout]} · ${visits.length} kunjungan`;
  drawLetterhead(doc, settings);
  drawTitle(doc, title, subtitle);

  const sectionStarts = [0];
  if (layout === 'per-specialist') {
    const sorted = [...visits].sort((a, b) => a.specialistName.localeCompare(b.specialistName, 'id') || (a.date + a.startTime).localeCompare(b.date + b.startTime));
    const groups = [...groupBy(sorted, (v) => v.specialistId)];
    if (groups.length === 0) drawTable(doc, fitColumns(doc, SPECIALIST_SHEET, []), [], { emptyText: NO_VISITS });
    groups.forEach(([, group], index) => {
      const first = group[0] as RosterVisit;
      if (index > 0) {
        sectionStarts.push(nextPageIndex(doc));
        // Each sheet goes to its specialist alone, so each carries the letterhead.
        doc.addPage();
        drawLetterhead(doc, settings);
        drawTitle(doc, title, settings.programmeName);
      }
      drawHeading(doc, `${first.specialistName}`, [first.specialtyName, first.hospitalName, first.specialistPhone && `HP ${first.specialistPhone}`, `${group.length} kunjungan`].filter(Boolean).join(' · '));
      const rows = group.map((v, i) => ({
        cells: [String(i + 1), formatLongDate(v.date), timeRange(v, settings), puskesmasLabel(v.puskesmasName), placeLine(v.puskesmasAddress, v.kecamatan), remark(v)],
      }));
      drawTable(doc, fitColumns(doc, SPECIALIST_SHEET, rows.map((r) => r.cells)), rows, { reserveAfter: SIGNATURE_HEIGHT + 20 });
      drawContactNote(doc, settings);
      drawSignature(doc, settings, options.signedOn);
    });
  } else {
    const rows = layout === 'by-date' ? byDateRows(visits, settings) : byPuskesmasRows(visits, settings);
    const columns = fitColumns(doc, layout === 'by-date' ? BY_DATE : BY_PUSKESMAS, rows.map((r) => r.cells));
    drawTable(doc, columns, rows, { emptyText: NO_VISITS, reserveAfter: SIGNATURE_HEIGHT + 20 });
    drawContactNote(doc, settings);
    drawSignature(doc, settings, options.signedOn);
  }
  drawFooters(doc, `${title} · ${settings.officeName}`, sectionStarts);
  return pdfBuffer(doc);
}

const col = (header: string, share: number, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ header, share, ...extra });
const NO = col('No', 24, { align: 'right' });
const BY_DATE = [NO, col('Hari, Tanggal', 120), col('Jam', 84), col('Puskesmas', 124), col('Kecamatan', 80), col('Dokter Spesialis', 150), col('Spesialisasi', 110), col('Keterangan', 78, { grow: true })];
const BY_PUSKESMAS = [NO, col('Puskesmas', 124), col('Kecamatan', 80), col('Hari, Tanggal', 120), col('Jam', 84), col('Dokter Spesialis', 150), col('Spesialisasi', 110), col('Keterangan', 78, { grow: true })];
const SPECIALIST_SHEET = [NO, col('Hari, Tanggal', 120), col('Jam', 84), col('Puskesmas', 124), col('Alamat', 300, { grow: true }), col('Keterangan', 100, { grow: true })];

function drawContactNote(doc: PDFKit.PDFDocument, settings: Settings): void {
  const contact = [settings.coordinatorName, settings.coordinatorPhone, settings.coordinatorEmail].filter(Boolean).join(', ');
  if (!contact) return;
  doc.font('regular').fontSize(8).fillColor('#333333').text(`Perubahan jadwal harap dikonfirmasi kepada koordinator program: ${contact}.`, doc.page.margins.left, doc.y + 6, { width: contentWidth(doc) });
  doc.fillColor('black');
}

function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

export async function compliancePdf(report: ComplianceReport, settings: Settings, options: PdfOptions): Promise<Buffer> {
  const title = `Laporan Kepatuhan Kunjungan Dokter Spesialis, ${formatMonth(report.month)}`;
  const doc = createPdf(title);
  drawLetterhead(doc, settings);
  const { totals } = report;
  drawTitle(
    doc,
    title,
    `${settings.programmeName} · ${settings.districtName} · keadaan per ${formatLongDate(report.today)}\n` +
      `${totals.done} dari ${totals.required} kunjungan wajib terlaksana (${percent(totals.coverage)}) · ` +
      `${totals.puskesmasCompliant} dari ${totals.puskesmasCount} puskesmas memenuhi`,
  );

  drawHeading(doc, 'A. Per puskesmas', 'Untuk tiap spesialisasi: wajib / direncanakan / terlaksana.');
  const puskesmasRows: PdfRow[] = report.puskesmas.map((p, i) => ({
    cells: [
      String(i + 1),
      puskesmasLabel(p.puskesmasName),
      p.kecamatan,
      ...report.specialties.map((s) => {
        const c = p.bySpecialty.find((b) => b.specialtyId === s.id);
        return c ? `${c.required} / ${c.planned} / ${c.done}` : '-';
      }),
      p.compliant ? 'Terpenuhi' : 'Belum',
      p.bySpecialty.flatMap((b) => b.misses.map((m) => m.message.replace(/\.$/, ''))).join('; '),
    ],
    shaded: !p.compliant,
  }));
  const puskesmasColumns = fitColumns(
    doc,
    [NO, col('Puskesmas', 120), col('Kecamatan', 80), ...report.specialties.map((s) => col(s.name, 80, { align: 'center' })), col('Status', 60), col('Catatan', 300, { grow: true })],
    puskesmasRows.map((r) => r.cells),
  );
  drawTable(doc, puskesmasColumns, puskesmasRows);

  doc.y += 14;
  drawHeading(doc, 'B. Per dokter spesialis');
  const specialistRows: PdfRow[] = report.specialists.map((s, i) => ({
    cells: [String(i + 1), s.specialistName, s.specialtyName, s.hospitalName ?? '', String(s.planned), String(s.done), String(s.cancelled), String(s.missed), String(s.pending), String(Math.round(s.doneHours * 10) / 10).replace('.', ',')],
  }));
  const specialistColumns = fitColumns(
    doc,
    [NO, col('Dokter Spesialis', 170, { grow: true }), col('Spesialisasi', 110), col('Rumah Sakit', 150, { grow: true }), ...['Rencana', 'Terlaksana', 'Batal', 'Tidak terlaksana', 'Belum dicatat', 'Jam terlaksana'].map((h) => col(h, 56, { align: 'right' }))],
    specialistRows.map((r) => r.cells),
  );
  drawTable(doc, specialistColumns, specialistRows, { reserveAfter: SIGNATURE_HEIGHT });
  drawSignature(doc, settings, options.signedOn);
  drawFooters(doc, `${title} · ${settings.officeName}`);
  return pdfBuffer(doc);
}
