// A subscribed calendar (issue 15): the whole feed is fetched again and again by Google, Outlook
// or Apple Calendar, which then show what it holds now. Same events as the monthly .ics exports
// (visitEvent: the visit's stable UID, STATUS:CANCELLED for cancelled and missed visits), from two
// months back to a year ahead. SEQUENCE never drops below what an exported file already sent.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { addMonths, monthOf, monthRange, todayIn } from '../domain/dates';
import { getSettings } from '../db/settings.repository';
import { buildCalendar, visitEvent, type CalendarEvent } from './ics';
import { loadRoster } from './roster-data';

export const FEED_MONTHS_BACK = 2;
export const FEED_MONTHS_AHEAD = 12;

export interface FeedOptions {
  /** Null: every specialist's visits (the district's roster). */
  specialistId: number | null;
  now: Date;
}

export async function feedCalendar(db: Kysely<Database>, options: FeedOptions): Promise<string> {
  const settings = await getSettings(db);
  const thisMonth = monthOf(todayIn(settings.timeZone, options.now));
  const months = monthRange(addMonths(thisMonth, -FEED_MONTHS_BACK), addMonths(thisMonth, FEED_MONTHS_AHEAD));
  let sentQuery = db.selectFrom('ics_sent').select(['visit_uid', (eb) => eb.fn.max('sequence').as('sequence')]).groupBy('visit_uid');
  if (options.specialistId !== null) sentQuery = sentQuery.where('specialist_id', '=', options.specialistId);
  const highestSent = new Map((await sentQuery.execute()).map((row) => [row.visit_uid, Number(row.sequence)]));
  const events: CalendarEvent[] = [];
  let specialistName = '';
  for (const month of months) {
    const roster = await loadRoster(db, month, { specialistId: options.specialistId ?? undefined });
    for (const visit of roster.visits) {
      specialistName ||= visit.specialistName;
      const event = visitEvent(visit, roster.settings);
      events.push({ ...event, sequence: Math.max(event.sequence, highestSent.get(event.uid) ?? 0) });
    }
  }
  if (options.specialistId !== null && !specialistName) {
    specialistName = (await db.selectFrom('specialist').select('name').where('id', '=', options.specialistId).executeTakeFirst())?.name ?? '';
  }
  const name = options.specialistId === null ? `Jadwal Kunjungan Spesialis ${settings.districtName}` : `Jadwal ${specialistName}`;
  return buildCalendar(events, { name, timeZone: settings.timeZone, stamp: options.now });
}
