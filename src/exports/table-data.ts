// The roster and the compliance report as plain rows: one source for XLSX and CSV, so the
// two never disagree and an exported roster can be read back. Dates and times are typed cells:
// real dates and times in a workbook, the same ISO text ("2026-03-02", "09:00") in a CSV.
import { formatMonth, formatTime, formatWeekday } from '../domain/format-id';
import type { ComplianceReport } from '../reports/compliance';
import { puskesmasLabel, STATUS_LABEL_ID } from './labels';
import type { RosterData } from './roster-data';

/** A calendar date (YYYY-MM-DD) or a wall-clock time (HH:MM), both in the district's zone. */
export type DateCell = { date: string };
export type TimeCell = { time: string };
export type Cell = string | number | DateCell | TimeCell;

export const dateCell = (date: string): DateCell => ({ date });
export const timeCell = (time: string): TimeCell => ({ time });

/** The cell as CSV text or a number: dates and times in ISO form. */
export function plainCell(cell: Cell): string | number {
  if (typeof cell === 'object') return 'date' in cell ? cell.date : cell.time;
  return cell;
}

export interface Table {
  /** Sheet name (at most 31 characters). */
  name: string;
  /** What the sheet is, for whom and when: printed at the foot of each page. */
  caption?: string;
  headers: string[];
  rows: Cell[][];
  /** The widest each column may grow, in characters; longer text wraps (default 50). */
  widths?: number[];
  /** Decimal places for number columns that are not whole numbers (hours). */
  decimals?: Record<number, number>;
  /** Number columns a workbook totals in a "Jumlah" row under the table (a CSV holds data only). */
  sums?: number[];
}

export function rosterTable(roster: RosterData): Table {
  const { timeZone } = roster.settings;
  return {
    name: 'Jadwal',
    caption: `Jadwal kunjungan dokter spesialis ${formatMonth(roster.month)}`,
    headers: ['No', 'Tanggal', 'Hari', 'Jam mulai', 'Jam selesai', 'Zona', 'Puskesmas', 'Kecamatan', 'Dokter spesialis', 'Spesialisasi', 'Status', 'Catatan', 'UID'],
    widths: [6, 12, 9, 10, 11, 7, 30, 20, 36, 26, 18, 40, 46],
    rows: roster.visits.map((v, i) => [
      i + 1,
      dateCell(v.date),
      formatWeekday(v.date),
      timeCell(v.startTime),
      timeCell(v.endTime),
      formatTime('00:00', timeZone).split(' ')[1] ?? '',
      puskesmasLabel(v.puskesmasName),
      v.kecamatan,
      v.specialistName,
      v.specialtyName,
      STATUS_LABEL_ID[v.status],
      v.notes,
      v.uid,
    ]),
  };
}

export function compliancePuskesmasTable(report: ComplianceReport): Table {
  return {
    name: 'Kepatuhan puskesmas',
    caption: `Kepatuhan kunjungan per puskesmas ${formatMonth(report.month)}`,
    headers: ['No', 'Puskesmas', 'Kecamatan', 'Spesialisasi', 'Wajib', 'Direncanakan', 'Terlaksana', 'Terpenuhi', 'Catatan'],
    widths: [6, 30, 20, 26, 8, 13, 11, 10, 70],
    sums: [4, 5, 6],
    rows: report.puskesmas.flatMap((p, i) =>
      p.bySpecialty.map((s) => [
        i + 1,
        puskesmasLabel(p.puskesmasName),
        p.kecamatan,
        s.specialtyName,
        s.required,
        s.planned,
        s.done,
        s.met ? 'Ya' : 'Belum',
        s.misses.map((m) => m.message.replace(/\.$/, '')).join('; '),
      ]),
    ),
  };
}

export function complianceSpecialistTable(report: ComplianceReport): Table {
  return {
    name: 'Kepatuhan dokter',
    caption: `Kepatuhan kunjungan per dokter spesialis ${formatMonth(report.month)}`,
    headers: ['No', 'Dokter spesialis', 'Spesialisasi', 'Rumah sakit', 'Direncanakan', 'Terlaksana', 'Batal', 'Tidak terlaksana', 'Belum dicatat', 'Jam direncanakan', 'Jam terlaksana'],
    widths: [6, 36, 26, 36, 13, 11, 8, 16, 13, 16, 14],
    decimals: { 9: 1, 10: 1 },
    sums: [4, 5, 6, 7, 8, 9, 10],
    rows: report.specialists.map((s, i) => [i + 1, s.specialistName, s.specialtyName, s.hospitalName ?? '', s.planned, s.done, s.cancelled, s.missed, s.pending, s.plannedHours, s.doneHours]),
  };
}
