// RFC 5545 calendar files. Times are written in the district's zone with its VTIMEZONE, so
// Google, Outlook and Apple show the visit at the same wall-clock time wherever the phone is;
// DTSTAMP stays UTC. UIDs are the visits' stable uids; SEQUENCE and STATUS:CANCELLED let
// calendars that honour them update or remove an event instead of adding a copy. A planned
// visit goes out TENTATIVE and titled "Rencana kunjungan ...", a confirmed or done one
// CONFIRMED: the title changes on confirmation, so the update is sent with a higher SEQUENCE.
import { TZDate } from '@date-fns/tz';
import { ICalAlarmType, ICalCalendar, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { formatLongDate, formatTime } from '../domain/format-id';
import type { Settings } from '../domain/settings';
import { placeLine, puskesmasLabel, STATUS_LABEL_ID } from './labels';
import type { RosterVisit } from './roster-data';

export interface CalendarEvent {
  uid: string;
  sequence: number;
  cancelled: boolean;
  /** Planned, not yet confirmed: STATUS:TENTATIVE. */
  tentative: boolean;
  date: string;
  startTime: string;
  endTime: string;
  summary: string;
  location: string;
  description: string;
  /** Shown by the reminder the day before. */
  reminder: string;
}

export interface CalendarOptions {
  name: string;
  timeZone: string;
  /** DTSTAMP: when this file was made. */
  stamp: Date;
}

const ONE_DAY_SECONDS = 86_400;

export const ROLE_LABEL_ID = {
  primary: 'pengampu utama',
  backup: 'pengampu cadangan',
  none: 'pengganti (bukan pengampu tetap)',
} as const;

/** A visit's UID, made globally unique as RFC 5545 asks. */
export function calendarUid(visitUid: string): string {
  return visitUid.includes('@') ? visitUid : `${visitUid}@asuhan`;
}

/** "Kunjungan dr. X ke Puskesmas Y", or "Rencana kunjungan ..." while it is planned, not confirmed. */
export function visitSummary(visit: Pick<RosterVisit, 'specialistName' | 'puskesmasName'>, planned = false): string {
  return `${planned ? 'Rencana kunjungan' : 'Kunjungan'} ${visit.specialistName} ke ${puskesmasLabel(visit.puskesmasName)}`;
}

export function visitLocation(visit: Pick<RosterVisit, 'puskesmasName' | 'puskesmasAddress' | 'kecamatan'>): string {
  const place = placeLine(visit.puskesmasAddress, visit.kecamatan);
  return place ? `${puskesmasLabel(visit.puskesmasName)}, ${place}` : puskesmasLabel(visit.puskesmasName);
}

function coordinatorLine(settings: Settings): string {
  const contact = [settings.coordinatorName, settings.coordinatorPhone, settings.coordinatorEmail].filter(Boolean).join(', ');
  return contact || [settings.officeName, settings.officePhone].filter(Boolean).join(', ');
}

/** Cancelled and missed visits did not and will not take place: the calendar drops them. */
const NOT_TAKING_PLACE: Record<string, string> = { cancelled: 'DIBATALKAN', missed: 'TIDAK TERLAKSANA' };

export function visitEvent(visit: RosterVisit, settings: Settings, sequence = visit.sequence): CalendarEvent {
  const notTakingPlace = NOT_TAKING_PLACE[visit.status];
  const tentative = visit.status === 'planned';
  const when = `${formatLongDate(visit.date)}, ${formatTime(visit.startTime, settings.timeZone).replace(/ .*/, '')}-${formatTime(visit.endTime, settings.timeZone)}`;
  const description = [
    settings.programmeName,
    `Dokter spesialis: ${visit.specialistName} (${visit.specialtyName}), ${ROLE_LABEL_ID[visit.adoptionRole]}`,
    `Puskesmas: ${puskesmasLabel(visit.puskesmasName)}${visit.kecamatan ? `, Kecamatan ${visit.kecamatan}` : ''}`,
    visit.puskesmasAddress ? `Alamat: ${visit.puskesmasAddress}` : '',
    `Waktu: ${when}`,
    `Status: ${STATUS_LABEL_ID[visit.status]}`,
    `Koordinator: ${coordinatorLine(settings)}`,
    visit.notes ? `Catatan: ${visit.notes}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  const summary = visitSummary(visit);
  return {
    uid: calendarUid(visit.uid),
    sequence,
    cancelled: notTakingPlace !== undefined,
    tentative,
    date: visit.date,
    startTime: visit.startTime,
    endTime: visit.endTime,
    summary: notTakingPlace ? `${notTakingPlace}: ${summary}` : visitSummary(visit, tentative),
    location: visitLocation(visit),
    description,
    reminder: `Besok ${formatTime(visit.startTime, settings.timeZone)}: ${summary}`,
  };
}

function zoned(date: string, time: string, timeZone: string): TZDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new TZDate(y, m - 1, d, hh, mm, 0, timeZone);
}

export function buildCalendar(events: CalendarEvent[], options: CalendarOptions): string {
  const calendar = new ICalCalendar({
    // ical-generator writes NAME and X-WR-CALNAME unescaped: escape them as RFC 5545 TEXT here.
    name: options.name.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n'),
    method: ICalCalendarMethod.PUBLISH,
    prodId: { company: 'Asuhan', product: 'Jadwal Kunjungan Spesialis', language: 'ID' },
  });
  // No calendar-level zone name: with one, ical-generator would write DTSTAMP as local time,
  // and RFC 5545 wants it in UTC. The generator still writes a VTIMEZONE for the events' zone.
  calendar.timezone({ name: null, generator: (zone) => tzlib_get_ical_block(zone)[0] ?? null });
  // No X-WR-TIMEZONE: ical-generator writes X- properties after the events, where RFC 5545
  // does not allow calendar properties, and every time already carries its TZID.
  for (const event of events) {
    const created = calendar.createEvent({
      id: event.uid,
      sequence: event.sequence,
      stamp: options.stamp,
      start: zoned(event.date, event.startTime, options.timeZone),
      end: zoned(event.date, event.endTime, options.timeZone),
      timezone: options.timeZone,
      summary: event.summary,
      location: event.location,
      description: event.description,
      status: event.cancelled ? ICalEventStatus.CANCELLED : event.tentative ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
    });
    if (!event.cancelled) created.createAlarm({ type: ICalAlarmType.display, trigger: ONE_DAY_SECONDS, description: event.reminder });
  }
  // RFC 5545 ends every content line with CRLF, the last one too; ical-generator omits that one.
  return `${calendar.toString().replace(/(\r\n)?$/, '\r\n')}`;
}
