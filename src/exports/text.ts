// Plain-text messages coordinators paste into WhatsApp groups: one per specialist and one per
// puskesmas for the month. *Bold* is WhatsApp's own markup and reads fine elsewhere.
import { formatLongDate, formatMonth, formatTime } from '../domain/format-id';
import type { Settings } from '../domain/settings';
import { puskesmasLabel } from './labels';
import { groupBy } from '../domain/collections';
import { activeVisits, type RosterData, type RosterVisit } from './roster-data';

export interface TextMessage {
  /** Who it is for: the specialist's or the puskesmas's name. */
  title: string;
  targetId: number;
  text: string;
}

function contactLine(settings: Settings): string {
  const contact = [settings.coordinatorName, settings.coordinatorPhone].filter(Boolean).join(', ');
  return contact ? `Konfirmasi atau perubahan jadwal: ${contact}.` : `Konfirmasi atau perubahan jadwal: ${settings.officeName}.`;
}

function when(visit: RosterVisit, settings: Settings): string {
  return `${formatLongDate(visit.date)}, ${formatTime(visit.startTime, settings.timeZone)}`;
}

export function specialistMessages(roster: RosterData, specialistId?: number): TextMessage[] {
  const { settings } = roster;
  const month = formatMonth(roster.month);
  const visits = activeVisits(roster.visits).filter((v) => !specialistId || v.specialistId === specialistId);
  const groups = [...groupBy(visits, (v) => v.specialistId)].sort(([, a], [, b]) => a[0]!.specialistName.localeCompare(b[0]!.specialistName, 'id'));
  return groups.map(([id, group]) => {
    const name = group[0]!.specialistName;
    const lines = group.map((v, i) => `${i + 1}. ${when(v, settings)}, ${puskesmasLabel(v.puskesmasName)}${v.kecamatan ? ` (Kec. ${v.kecamatan})` : ''}`);
    return {
      title: name,
      targetId: id,
      text: [`*Jadwal kunjungan ${name} bulan ${month}:*`, ...lines, '', `${settings.programmeName}, ${settings.officeName}.`, contactLine(settings)].join('\n'),
    };
  });
}

export function puskesmasMessages(roster: RosterData, puskesmasId?: number): TextMessage[] {
  const { settings } = roster;
  const month = formatMonth(roster.month);
  const visits = activeVisits(roster.visits).filter((v) => !puskesmasId || v.puskesmasId === puskesmasId);
  const groups = [...groupBy(visits, (v) => v.puskesmasId)].sort(([, a], [, b]) => a[0]!.puskesmasName.localeCompare(b[0]!.puskesmasName, 'id'));
  return groups.map(([id, group]) => {
    const name = puskesmasLabel(group[0]!.puskesmasName);
    const lines = group.map((v, i) => `${i + 1}. ${when(v, settings)}, ${v.specialistName} (${v.specialtyName})`);
    return {
      title: name,
      targetId: id,
      text: [`*Jadwal kunjungan dokter spesialis ke ${name} bulan ${month}:*`, ...lines, '', `${settings.programmeName}, ${settings.officeName}.`, contactLine(settings)].join('\n'),
    };
  });
}
