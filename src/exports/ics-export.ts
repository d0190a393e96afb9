// Calendar exports for a month: one file per specialist and one for the district. Each file
// sent to a specialist is recorded (export_log, ics_sent), so the next export can carry only
// what changed since: new visits, moved ones, cancellations, and visits taken away from them.
import type { Kysely } from 'kysely';
import { audit } from '../db/audit';
import type { Database, IcsSentTable } from '../db/schema';
import { formatMonth } from '../domain/format-id';
import { type ExportFile, exportFile, MIME } from './export-file';
import { buildCalendar, calendarUid, type CalendarEvent, visitEvent } from './ics';
import { slug } from './labels';
import { groupBy } from '../domain/collections';
import { loadRoster, type RosterVisit } from './roster-data';

export interface IcsExportOptions {
  month: string;
  /** Only this specialist's file (no district file). */
  specialistId?: number | undefined;
  /** Per specialist, only events that differ from what their calendar last received. */
  onlyChanges?: boolean;
  now: Date;
}

export interface IcsFileSummary {
  fileName: string;
  specialistId: number | null;
  specialistName: string;
  events: number;
  added: number;
  changed: number;
  cancelled: number;
}

export interface IcsExportResult {
  files: ExportFile[];
  summary: IcsFileSummary[];
  /** Specialists left out because nothing changed for them. */
  unchanged: { specialistId: number; specialistName: string }[];
}

type Sent = IcsSentTable;

function differs(event: CalendarEvent, sent: Sent): boolean {
  return (
    (sent.cancelled === 1) !== event.cancelled ||
    sent.date !== event.date ||
    sent.start_time !== event.startTime ||
    sent.end_time !== event.endTime ||
    sent.summary !== event.summary ||
    sent.location !== event.location
  );
}

/** The SEQUENCE to send: never lower than what the calendar has, higher whenever anything differs. */
function nextSequence(visitSequence: number, event: CalendarEvent, sent: Sent | undefined): number {
  if (!sent) return visitSequence;
  return Math.max(visitSequence, sent.sequence + (differs(event, sent) ? 1 : 0));
}

/** A cancellation for an event the specialist has but no longer owns (deleted or reassigned). */
function withdrawal(sent: Sent): CalendarEvent {
  const summary = sent.summary.startsWith('DIBATALKAN: ') ? sent.summary : `DIBATALKAN: ${sent.summary}`;
  return {
    uid: sent.visit_uid,
    sequence: sent.sequence + 1,
    cancelled: true,
    tentative: false,
    date: sent.date,
    startTime: sent.start_time,
    endTime: sent.end_time,
    summary,
    location: sent.location,
    description: 'Kunjungan ini tidak lagi dijadwalkan untuk Anda.',
    reminder: '',
  };
}

interface SpecialistPlan {
  specialistId: number;
  specialistName: string;
  events: CalendarEvent[];
  added: number;
  changed: number;
  cancelled: number;
}

async function planForSpecialist(
  db: Kysely<Database>,
  options: IcsExportOptions,
  specialistId: number,
  specialistName: string,
  monthVisits: RosterVisit[],
  roster: Awaited<ReturnType<typeof loadRoster>>,
): Promise<SpecialistPlan> {
  const sentRows = await db.selectFrom('ics_sent').selectAll().where('specialist_id', '=', specialistId).execute();
  const sentByUid = new Map(sentRows.map((row) => [row.visit_uid, row]));
  // Visits sent for this month but since moved to another month still belong in this file.
  const movedOut = sentRows.filter((row) => row.date.startsWith(options.month)).map((row) => row.visit_uid);
  const inMonth = new Set(monthVisits.map((v) => calendarUid(v.uid)));
  const extraUids = movedOut.filter((uid) => !inMonth.has(uid));
  const owned = [...monthVisits];
  if (extraUids.length) {
    const elsewhere = await db
      .selectFrom('visit')
      .select(['uid', 'date'])
      .where('specialist_id', '=', specialistId)
      .execute();
    const byCalendarUid = new Map(elsewhere.map((v) => [calendarUid(v.uid), v]));
    for (const uid of extraUids) {
      const visit = byCalendarUid.get(uid);
      if (visit) {
        const other = await loadRoster(db, visit.date.slice(0, 7), { specialistId });
        const found = other.visits.find((v) => v.uid === visit.uid);
        if (found) owned.push(found);
      }
    }
  }
  const ownedUids = new Set(owned.map((v) => calendarUid(v.uid)));

  const plan: SpecialistPlan = { specialistId, specialistName, events: [], added: 0, changed: 0, cancelled: 0 };
  for (const visit of owned) {
    const draft = visitEvent(visit, roster.settings);
    const sent = sentByUid.get(draft.uid);
    // A cancellation the calendar never had is noise (Google would even add it as an event).
    if (draft.cancelled && !sent) continue;
    const event = { ...draft, sequence: nextSequence(visit.sequence, draft, sent) };
    const isNew = !sent;
    const isChanged = !!sent && (differs(event, sent) || event.sequence > sent.sequence);
    if (options.onlyChanges && !isNew && !isChanged) continue;
    plan.events.push(event);
    if (isNew) plan.added++;
    else if (event.cancelled && sent.cancelled === 0) plan.cancelled++;
    else if (isChanged) plan.changed++;
  }
  for (const sent of sentRows) {
    if (sent.cancelled === 1 || ownedUids.has(sent.visit_uid) || !sent.date.startsWith(options.month)) continue;
    plan.events.push(withdrawal(sent));
    plan.cancelled++;
  }
  plan.events.sort((a, b) => (a.date + a.startTime).localeCompare(b.date + b.startTime));
  return plan;
}

export async function exportIcs(db: Kysely<Database>, options: IcsExportOptions): Promise<IcsExportResult> {
  const roster = await loadRoster(db, options.month, { specialistId: options.specialistId });
  const { timeZone } = roster.settings;
  const monthName = formatMonth(options.month);
  const bySpecialist = groupBy(roster.visits, (v) => v.specialistId);

  const specialistIds = new Set<number>(bySpecialist.keys());
  // Specialists with nothing this month may still hold events that must be withdrawn.
  let withSent = db
    .selectFrom('ics_sent')
    .innerJoin('specialist', 'specialist.id', 'ics_sent.specialist_id')
    .select(['specialist.id', 'specialist.name'])
    .where('ics_sent.date', 'like', `${options.month}-%`)
    .where('ics_sent.cancelled', '=', 0)
    .distinct();
  if (options.specialistId) withSent = withSent.where('specialist.id', '=', options.specialistId);
  const names = new Map<number, string>(roster.visits.map((v) => [v.specialistId, v.specialistName]));
  for (const row of await withSent.execute()) {
    specialistIds.add(row.id);
    names.set(row.id, row.name);
  }
  if (options.specialistId && !names.has(options.specialistId)) {
    const row = await db.selectFrom('specialist').select(['id', 'name']).where('id', '=', options.specialistId).executeTakeFirst();
    if (row) names.set(row.id, row.name);
  }

  const plans: SpecialistPlan[] = [];
  for (const id of [...specialistIds].sort((a, b) => (names.get(a) ?? '').localeCompare(names.get(b) ?? ''))) {
    plans.push(await planForSpecialist(db, options, id, names.get(id) ?? '', bySpecialist.get(id) ?? [], roster));
  }

  const result: IcsExportResult = { files: [], summary: [], unchanged: [] };
  const stamp = options.now;
  const suffix = options.onlyChanges ? '-perubahan' : '';
  await db.transaction().execute(async (trx) => {
    for (const plan of plans) {
      if (plan.events.length === 0) {
        result.unchanged.push({ specialistId: plan.specialistId, specialistName: plan.specialistName });
        continue;
      }
      const fileName = `jadwal-${options.month}-${slug(plan.specialistName)}${suffix}.ics`;
      const text = buildCalendar(plan.events, { name: `Jadwal ${plan.specialistName} ${monthName}`, timeZone, stamp });
      result.files.push(exportFile(fileName, MIME.ics, text));
      result.summary.push({ fileName, specialistId: plan.specialistId, specialistName: plan.specialistName, events: plan.events.length, added: plan.added, changed: plan.changed, cancelled: plan.cancelled });
      const log = await trx
        .insertInto('export_log')
        .values({ at: stamp.toISOString(), kind: 'ics', month: options.month, specialist_id: plan.specialistId, only_changes: options.onlyChanges ? 1 : 0, file_name: fileName, events: plan.events.length })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const event of plan.events) {
        const row = {
          sequence: event.sequence,
          cancelled: event.cancelled ? 1 : 0,
          date: event.date,
          start_time: event.startTime,
          end_time: event.endTime,
          summary: event.summary,
          location: event.location,
          export_id: log.id,
        };
        await trx
          .insertInto('ics_sent')
          .values({ specialist_id: plan.specialistId, visit_uid: event.uid, ...row })
          .onConflict((oc) => oc.columns(['specialist_id', 'visit_uid']).doUpdateSet(row))
          .execute();
      }
    }
    if (!options.specialistId) {
      // Never below a sequence some specialist's calendar already holds for the same UID.
      const highest = await trx.selectFrom('ics_sent').select(['visit_uid', (eb) => eb.fn.max('sequence').as('sequence')]).groupBy('visit_uid').execute();
      const highestOf = new Map(highest.map((row) => [row.visit_uid, Number(row.sequence)]));
      const events = roster.visits.map((v) => {
        const event = visitEvent(v, roster.settings);
        return { ...event, sequence: Math.max(event.sequence, highestOf.get(event.uid) ?? 0) };
      });
      const fileName = `jadwal-${options.month}-kabupaten.ics`;
      const text = buildCalendar(events, { name: `Jadwal Kunjungan Spesialis ${roster.settings.districtName} ${monthName}`, timeZone, stamp });
      result.files.push(exportFile(fileName, MIME.ics, text));
      result.summary.push({ fileName, specialistId: null, specialistName: roster.settings.districtName, events: events.length, added: 0, changed: 0, cancelled: 0 });
      await trx
        .insertInto('export_log')
        .values({ at: stamp.toISOString(), kind: 'ics', month: options.month, specialist_id: null, only_changes: 0, file_name: fileName, events: events.length })
        .execute();
    }
    await audit(trx, {
      entity: 'export',
      entityId: `ics:${options.month}`,
      action: 'create',
      after: { month: options.month, onlyChanges: !!options.onlyChanges, files: result.summary.map((s) => ({ fileName: s.fileName, events: s.events })) },
    });
  });
  return result;
}
