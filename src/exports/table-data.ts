// The roster and the compliance report as plain rows: one source for XLSX and CSV, so the
// two never disagree and an exported roster can be read back.
import { formatTime, formatWeekday } from '../domain/format-id';
import type { ComplianceReport } from '../reports/compliance';
import { puskesmasLabel, STATUS_LABEL_ID } from './labels';
import type { RosterData } from './roster-data';

export type Cell = string | number;

export interface Table {
  name: string;
  headers: string[];
  rows: Cell[][];
  /** Character widths for spreadsheet columns. */
  widths: number[];
}

export function rosterTable(roster: RosterData): Table {
  const { timeZone } = roster.settings;
  return {
    name: 'Jadwal',
    headers: ['No', 'Tanggal', 'Hari', 'Jam mulai', 'Jam selesai', 'Zona', 'Puskesmas', 'Kecamatan', 'Dokter spesialis', 'Spesialisasi', 'Status', 'Catatan', 'UID'],
    widths: [5, 12, 9, 10, 11, 7, 26, 16, 32, 24, 16, 30, 30],
    rows: roster.visits.map((v, i) => [
      i + 1,
      v.date,
      formatWeekday(v.date),
      v.startTime,
      v.endTime,
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
    headers: ['No', 'Puskesmas', 'Kecamatan', 'Spesialisasi', 'Wajib', 'Direncanakan', 'Terlaksana', 'Terpenuhi', 'Catatan'],
    widths: [5, 26, 16, 24, 8, 13, 11, 10, 80],
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
    headers: ['No', 'Dokter spesialis', 'Spesialisasi', 'Rumah sakit', 'Direncanakan', 'Terlaksana', 'Batal', 'Tidak terlaksana', 'Belum dicatat', 'Jam direncanakan', 'Jam terlaksana'],
    widths: [5, 32, 24, 32, 13, 11, 8, 16, 13, 16, 14],
    rows: report.specialists.map((s, i) => [i + 1, s.specialistName, s.specialtyName, s.hospitalName ?? '', s.planned, s.done, s.cancelled, s.missed, s.pending, s.plannedHours, s.doneHours]),
  };
}
