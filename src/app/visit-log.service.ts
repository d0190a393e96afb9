// Handlers for the visit log, the topic catalogue, follow-ups and the reports.
//
// Logging twice: visit-log:save refuses a visit that already has a log (CONFLICT) unless the
// input says `replace: true`, which is the correction path: the old log (attendees, topics,
// cases, the still-open follow-ups agreed there, the follow-ups it closed) is swapped for the new
// one in the same transaction and the audit log keeps both versions. A log with the outcome
// "moved" is final: the replacement visit carries on, and is logged (or re-planned) itself.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { AsuhanError, conflict, notFound, type FieldIssue } from '../contract/errors';
import type { Handlers } from '../contract/index';
import type { SaveVisitLogInput, VisitLogDetail, VisitLogList } from '../contract/visit-log';
import type { z } from 'zod';
import type { listVisitLogInput } from '../contract/visit-log';
import { audit } from '../db/audit';
import { claimVersion, requireVersion, staleEdit, visitRecord } from '../db/versions';
import type { Database, VisitRow, VisitStatus } from '../db/schema';
import { getSettings } from '../db/settings.repository';
import { getVisitLogDetail, toTopic } from '../db/visit-log.repository';
import { firstDayOfMonth, lastDayOfMonth, todayIn } from '../domain/dates';
import { formatDate } from '../domain/format-id';
import { actualOf, visitLogIssues } from '../domain/visit-log-rules';
import { complianceReport } from '../reports/compliance';
import { dashboardReport } from '../reports/dashboard';
import { followupReport, listFollowups } from '../reports/followups';
import { topicReport } from '../reports/topics';
import { backlogRange, countUnloggedVisits, isUnlogged, type DateRange } from '../reports/unlogged';
import { toVisitView, visitViewQuery } from '../db/visits.repository';
import type { AppContext } from './context';
import { plansHandlers } from './plans.service';

type VisitLogHandlers = Pick<Handlers, Extract<keyof Handlers, `${'visit-log' | 'topics' | 'followups' | 'reports'}:${string}`>>;
type Db = Kysely<Database> | Transaction<Database>;

const STATUS_OF: Record<SaveVisitLogInput['outcome'], VisitStatus> = { done: 'done', cancelled: 'cancelled', missed: 'missed', moved: 'cancelled' };

function invalid(issues: FieldIssue[]): AsuhanError {
  const [first] = issues;
  const more = issues.length > 1 ? issues.length - 1 : 0;
  return new AsuhanError(
    'VALIDATION',
    `Data tidak valid. ${first?.message ?? ''}${more ? ` (dan ${more} kesalahan lain)` : ''}`,
    `Invalid input. ${first?.messageEn ?? ''}${more ? ` (and ${more} more)` : ''}`,
    issues,
  );
}

export function visitLogHandlers(ctx: AppContext): VisitLogHandlers {
  const db = ctx.db.kysely;
  const today = async () => todayIn((await getSettings(db)).timeZone, ctx.now());
  const stamp = () => ctx.now().toISOString();
  const scheduler = plansHandlers(ctx);

  async function checkMoveTarget(visitId: number, target: { date: string; startTime?: string | undefined }): Promise<void> {
    const visit = await db.selectFrom('visit').select(['specialist_id', 'puskesmas_id']).where('id', '=', visitId).executeTakeFirst();
    if (!visit) return; // the save itself reports NOT_FOUND
    const verdict = await scheduler['visits:check']({
      specialistId: visit.specialist_id,
      puskesmasId: visit.puskesmas_id,
      date: target.date,
      startTime: target.startTime,
      excludeVisitId: visitId,
    });
    if (verdict.ok) return;
    throw new AsuhanError(
      'RULE',
      `Kunjungan tidak bisa dipindah ke ${formatDate(target.date, 'id')}: ${verdict.violations.map((v) => v.message).join(' ')}`,
      `The visit cannot move to ${formatDate(target.date, 'en')}: ${verdict.violations.map((v) => v.messageEn).join(' ')}`,
    );
  }

  return {
    'visit-log:get': async ({ visitId }) => getVisitLogDetail(db, visitId),
    'visit-log:list': async (input) => listVisitLog(db, input, await today()),
    'visit-log:save': async (input) => {
      const day = await today();
      // The scheduler's hard rules judge the new date of a moved visit; they read the database
      // outside any transaction, so they run before ours opens.
      if (input.outcome === 'moved' && input.movedTo) await checkMoveTarget(input.visitId, input.movedTo);
      return db.transaction().execute((trx) => saveVisitLog(trx, input, day, stamp()));
    },

    'topics:list': async ({ includeInactive }) => {
      let query = db.selectFrom('topic').selectAll().orderBy('specialty_code').orderBy('id');
      if (!includeInactive) query = query.where('active', '=', 1);
      return (await query.execute()).map(toTopic);
    },
    'topics:create': async (input) =>
      db.transaction().execute(async (trx) => {
        await requireSpecialtyCode(trx, input.specialtyCode);
        const row = await trx
          .insertInto('topic')
          .values({
            code: input.code,
            name_id: input.nameId,
            name_en: input.nameEn,
            specialty_code: input.specialtyCode,
            programme: input.programme,
            required: input.required ? 1 : 0,
            active: input.active ? 1 : 0,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const after = toTopic(row);
        await audit(trx, { entity: 'topic', entityId: after.id, action: 'create', after });
        return after;
      }),
    'topics:update': async ({ id, version, changes }) =>
      db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('topic').selectAll().where('id', '=', id).executeTakeFirst();
        if (!before) throw notFound('Topik', 'Topic', id);
        const record = { entities: ['topic'], id, labelId: 'Topik', labelEn: 'Topic' };
        await requireVersion(trx, record, version, before.version);
        if (changes.specialtyCode !== undefined) await requireSpecialtyCode(trx, changes.specialtyCode);
        // The version is set here, not by the trigger: SQLite's RETURNING does not see a trigger's change.
        const row = await trx
          .updateTable('topic')
          .set({
            version: before.version + 1,
            ...(changes.nameId !== undefined ? { name_id: changes.nameId } : {}),
            ...(changes.nameEn !== undefined ? { name_en: changes.nameEn } : {}),
            ...(changes.specialtyCode !== undefined ? { specialty_code: changes.specialtyCode } : {}),
            ...(changes.programme !== undefined ? { programme: changes.programme } : {}),
            ...(changes.required !== undefined ? { required: changes.required ? 1 : 0 } : {}),
            ...(changes.active !== undefined ? { active: changes.active ? 1 : 0 } : {}),
          })
          .where('id', '=', id)
          .where('version', '=', before.version)
          .returningAll()
          .executeTakeFirst();
        if (!row) throw await staleEdit(trx, record, { read: before.version, current: (await trx.selectFrom('topic').select('version').where('id', '=', id).executeTakeFirst())?.version });
        const after = toTopic(row);
        await audit(trx, { entity: 'topic', entityId: id, action: 'update', before: toTopic(before), after });
        return after;
      }),

    'followups:list': async ({ status, puskesmasId, limit }) => listFollowups(db, { status, puskesmasId, limit }),
    'followups:close': async ({ id, visitId, closedOn, note }) => {
      const day = await today();
      return db.transaction().execute(async (trx) => {
        await closeFollowup(trx, { id, visitId, closedOn, note }, day);
        const [closed] = await listFollowups(trx, { status: 'all', ids: [id] });
        return closed as NonNullable<typeof closed>;
      });
    },

    'reports:compliance': async ({ month }) => complianceReport(db, month, { today: await today() }),
    'reports:topics': async (input) => topicReport(db, input),
    'reports:followups': async (input) => followupReport(db, input, { today: await today() }),
    'reports:dashboard': async ({ month }) => dashboardReport(db, month, { today: await today() }),
  };
}

/** Catatan kunjungan's list: the waiting visits of the range (oldest first), then with 'all' the rest by date. */
export async function listVisitLog(db: Kysely<Database>, input: z.output<typeof listVisitLogInput>, today: string): Promise<VisitLogList> {
  const range: DateRange = input.month
    ? { from: firstDayOfMonth(input.month), to: lastDayOfMonth(input.month) }
    : input.from && input.to
      ? { from: input.from, to: input.to }
      : backlogRange(today);
  const waitingRows = await visitViewQuery(db)
    .where(isUnlogged(range, today))
    .orderBy('visit.date')
    .orderBy('visit.start_time')
    .orderBy('puskesmas.name')
    .orderBy('visit.id')
    .execute();
  const waiting = waitingRows.map((row) => ({ ...toVisitView(row), waiting: true }));
  let rest: VisitLogList['visits'] = [];
  if (input.include === 'all') {
    const waitingIds = new Set(waiting.map((v) => v.id));
    const rows = await visitViewQuery(db)
      .where('visit.date', '>=', range.from)
      .where('visit.date', '<=', range.to)
      .orderBy('visit.date')
      .orderBy('visit.start_time')
      .orderBy('puskesmas.name')
      .orderBy('visit.id')
      .execute();
    rest = rows.filter((row) => !waitingIds.has(row.id)).map((row) => ({ ...toVisitView(row), waiting: false }));
  }
  const backlog = backlogRange(today);
  const backlogCount = range.from === backlog.from && range.to === backlog.to ? waiting.length : await countUnloggedVisits(db, backlog, today);
  return { from: range.from, to: range.to, today, waitingCount: waiting.length, backlogCount, visits: [...waiting, ...rest] };
}

async function requireSpecialtyCode(db: Db, code: string | null): Promise<void> {
  if (code === null) return;
  const found = await db.selectFrom('specialty').select('id').where('code', '=', code).executeTakeFirst();
  if (!found) {
    throw invalid([{ path: 'specialtyCode', message: `Spesialisasi: kode "${code}" tidak dikenal`, messageEn: `Specialty: unknown code "${code}"` }]);
  }
}

/** Writes one visit's outcome with everything recorded at it; the caller provides the transaction. */
export async function saveVisitLog(trx: Transaction<Database>, input: SaveVisitLogInput, today: string, now: string): Promise<VisitLogDetail> {
  const read = await trx.selectFrom('visit').selectAll().where('id', '=', input.visitId).executeTakeFirst();
  if (!read) throw notFound('Kunjungan', 'Visit', input.visitId);
  // The log is part of the visit: a stale save is refused before anything is judged or written,
  // and the visit's version moves even when its status does not (a corrected log).
  await requireVersion(trx, visitRecord(read.id), input.version, read.version);
  const visit: VisitRow = { ...read, version: await claimVersion(trx, 'visit', visitRecord(read.id), read.version) };

  const existing = await trx.selectFrom('visit_log').select(['outcome', 'logged_at']).where('visit_id', '=', visit.id).executeTakeFirst();
  if (existing?.outcome === 'moved') {
    throw conflict(
      `Kunjungan #${visit.id} sudah dicatat dipindah ke kunjungan #${visit.moved_to_visit_id}; catat kunjungan yang baru itu.`,
      `Visit #${visit.id} was already logged as moved to visit #${visit.moved_to_visit_id}; log that new visit instead.`,
    );
  }
  if (existing && !input.replace) {
    throw conflict(
      `Kunjungan #${visit.id} (${formatDate(visit.date, 'id')}) sudah dicatat dengan hasil "${existing.outcome}". Untuk mengoreksi, simpan ulang dengan replace (di CLI: --replace).`,
      `Visit #${visit.id} (${formatDate(visit.date, 'en')}) is already logged with outcome "${existing.outcome}". To correct it, save again with replace (CLI: --replace).`,
    );
  }

  const issues = visitLogIssues({ date: visit.date, startTime: visit.start_time, endTime: visit.end_time }, input, today);
  const topicIds = await resolveTopics(trx, input.topics, issues);
  await checkHospitals(trx, input, issues);
  await checkClosable(trx, visit, input, issues);
  if (issues.length > 0) throw invalid(issues);

  const before = existing ? await getVisitLogDetail(trx, visit.id) : undefined;
  if (existing) await clearLog(trx, visit.id);

  const actual = input.outcome === 'done' ? actualOf({ date: visit.date, startTime: visit.start_time, endTime: visit.end_time }, input) : null;
  const logValues = {
    outcome: input.outcome,
    actual_date: actual?.date ?? null,
    start_time: actual?.startTime ?? null,
    end_time: actual?.endTime ?? null,
    reason: input.reason,
    notes: input.notes,
    updated_at: now,
  };
  await trx
    .insertInto('visit_log')
    .values({ visit_id: visit.id, logged_at: now, ...logValues })
    .onConflict((oc) => oc.column('visit_id').doUpdateSet(logValues))
    .execute();

  if (input.attendees.length > 0) {
    await trx
      .insertInto('visit_attendee')
      .values(input.attendees.map((a) => ({ visit_id: visit.id, role: a.role, name: a.name, headcount: a.headcount })))
      .execute();
  }
  if (topicIds.length > 0) {
    await trx
      .insertInto('visit_topic')
      .values(topicIds.map((topicId) => ({ visit_id: visit.id, topic_id: topicId })))
      .execute();
  }
  if (input.cases.length > 0) {
    await trx
      .insertInto('case_consult')
      .values(
        input.cases.map((c) => ({
          visit_id: visit.id,
          age_group: c.ageGroup,
          condition: c.condition,
          decision: c.decision,
          hospital_id: c.hospitalId,
          notes: c.notes,
        })),
      )
      .execute();
  }
  if (input.followups.length > 0) {
    await trx
      .insertInto('followup')
      .values(input.followups.map((f) => ({ visit_id: visit.id, action: f.action, owner: f.owner, due_date: f.dueDate, created_at: now })))
      .execute();
  }
  // The visit is done before it can close follow-ups.
  await updateVisitStatus(trx, visit, input, now);
  for (const close of input.closeFollowups) {
    await closeFollowup(trx, { id: close.id, visitId: visit.id, note: close.note }, today);
  }

  const after = await getVisitLogDetail(trx, visit.id);
  await audit(trx, { entity: 'visit_log', entityId: visit.id, action: existing ? 'update' : 'create', before: before?.log, after: after.log });
  return after;
}

async function resolveTopics(trx: Db, codes: string[], issues: FieldIssue[]): Promise<number[]> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return [];
  const rows = await trx.selectFrom('topic').select(['id', 'code', 'active']).where('code', 'in', unique).execute();
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const unknown = unique.filter((code) => !byCode.has(code));
  const inactive = unique.filter((code) => byCode.get(code)?.active === 0);
  if (unknown.length > 0) {
    issues.push({
      path: 'topics',
      message: `Topik: kode tidak dikenal: ${unknown.join(', ')} (lihat daftar topik)`,
      messageEn: `Topics: unknown code(s): ${unknown.join(', ')} (see the topic list)`,
    });
  }
  if (inactive.length > 0) {
    issues.push({ path: 'topics', message: `Topik: tidak aktif: ${inactive.join(', ')}`, messageEn: `Topics: inactive: ${inactive.join(', ')}` });
  }
  return unique.flatMap((code) => {
    const row = byCode.get(code);
    return row ? [row.id] : [];
  });
}

async function checkHospitals(trx: Db, input: SaveVisitLogInput, issues: FieldIssue[]): Promise<void> {
  const ids = [...new Set(input.cases.flatMap((c) => (c.hospitalId === null ? [] : [c.hospitalId])))];
  if (ids.length === 0) return;
  const found = new Set((await trx.selectFrom('hospital').select('id').where('id', 'in', ids).execute()).map((r) => r.id));
  input.cases.forEach((c, index) => {
    if (c.hospitalId !== null && !found.has(c.hospitalId)) {
      issues.push({
        path: `cases.${index}.hospitalId`,
        message: `Rumah sakit rujukan #${c.hospitalId} tidak ditemukan`,
        messageEn: `Referral hospital #${c.hospitalId} not found`,
      });
    }
  });
}

/** Follow-ups closed at this visit: open (or closed at this very visit, when correcting), same puskesmas, agreed earlier. */
async function checkClosable(trx: Db, visit: VisitRow, input: SaveVisitLogInput, issues: FieldIssue[]): Promise<void> {
  if (input.closeFollowups.length === 0) return;
  const ids = input.closeFollowups.map((c) => c.id);
  const rows = await trx
    .selectFrom('followup')
    .innerJoin('visit', 'visit.id', 'followup.visit_id')
    .select(['followup.id', 'followup.status', 'followup.closed_visit_id', 'followup.visit_id', 'visit.puskesmas_id', 'visit.date'])
    .where('followup.id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const actualDate = input.actualDate ?? visit.date;
  input.closeFollowups.forEach(({ id }, index) => {
    const path = `closeFollowups.${index}`;
    const row = byId.get(id);
    if (!row) {
      issues.push({ path, message: `Tindak lanjut #${id} tidak ditemukan`, messageEn: `Follow-up #${id} not found` });
    } else if (row.status === 'closed' && row.closed_visit_id !== visit.id) {
      issues.push({ path, message: `Tindak lanjut #${id} sudah ditutup`, messageEn: `Follow-up #${id} is already closed` });
    } else if (row.puskesmas_id !== visit.puskesmas_id) {
      issues.push({ path, message: `Tindak lanjut #${id} milik puskesmas lain`, messageEn: `Follow-up #${id} belongs to another puskesmas` });
    } else if (row.visit_id === visit.id || row.date > actualDate) {
      issues.push({
        path,
        message: `Tindak lanjut #${id} hanya bisa ditutup pada kunjungan sesudahnya`,
        messageEn: `Follow-up #${id} can only be closed at a later visit`,
      });
    }
  });
  if (new Set(ids).size !== ids.length) {
    issues.push({ path: 'closeFollowups', message: 'Tindak lanjut yang sama disebut dua kali', messageEn: 'The same follow-up is listed twice' });
  }
}

/** Removes what a previous log wrote, before a correction writes it again. */
async function clearLog(trx: Db, visitId: number): Promise<void> {
  await trx.deleteFrom('visit_attendee').where('visit_id', '=', visitId).execute();
  await trx.deleteFrom('visit_topic').where('visit_id', '=', visitId).execute();
  await trx.deleteFrom('case_consult').where('visit_id', '=', visitId).execute();
  // Follow-ups agreed here and already closed later are history and stay.
  await trx.deleteFrom('followup').where('visit_id', '=', visitId).where('status', '=', 'open').execute();
  await trx
    .updateTable('followup')
    .set({ status: 'open', closed_visit_id: null, closed_on: null, closed_note: '' })
    .where('closed_visit_id', '=', visitId)
    .execute();
}

async function updateVisitStatus(trx: Db, visit: VisitRow, input: SaveVisitLogInput, now: string): Promise<void> {
  const status = STATUS_OF[input.outcome];
  let movedTo: number | null = visit.moved_to_visit_id;
  if (input.outcome === 'moved' && input.movedTo) {
    const target = input.movedTo;
    const clash = await trx
      .selectFrom('visit')
      .select('id')
      .where('specialist_id', '=', visit.specialist_id)
      .where('date', '=', target.date)
      .where('status', 'not in', ['cancelled', 'missed'])
      .executeTakeFirst();
    if (clash) {
      throw new AsuhanError(
        'RULE',
        `Dokter sudah punya kunjungan #${clash.id} pada ${formatDate(target.date, 'id')}; pilih tanggal lain.`,
        `The specialist already has visit #${clash.id} on ${formatDate(target.date, 'en')}; pick another date.`,
      );
    }
    const created = await trx
      .insertInto('visit')
      .values({
        uid: `${randomUUID()}@asuhan`,
        date: target.date,
        start_time: target.startTime ?? visit.start_time,
        end_time: target.endTime ?? visit.end_time,
        specialist_id: visit.specialist_id,
        puskesmas_id: visit.puskesmas_id,
        specialty_id: visit.specialty_id,
        status: 'planned',
        pinned: 1,
        manual: 1,
        plan_id: null,
        notes: input.reason ? `Pindahan dari ${visit.date}: ${input.reason}` : `Pindahan dari ${visit.date}`,
        moved_from_visit_id: visit.id,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    movedTo = created.id;
    await audit(trx, { entity: 'visit', entityId: created.id, action: 'create', after: created });
  }
  if (status === visit.status && movedTo === visit.moved_to_visit_id) return;
  const after = await trx
    .updateTable('visit')
    .set({ status, moved_to_visit_id: movedTo, sequence: visit.sequence + 1, updated_at: now, version: visit.version + 1 })
    .where('id', '=', visit.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(trx, { entity: 'visit', entityId: visit.id, action: 'update', before: visit, after });
}

async function closeFollowup(
  trx: Db,
  input: { id: number; visitId?: number | undefined; closedOn?: string | undefined; note: string },
  today: string,
): Promise<void> {
  const row = await trx
    .selectFrom('followup')
    .innerJoin('visit', 'visit.id', 'followup.visit_id')
    .selectAll('followup')
    .select(['visit.puskesmas_id', 'visit.date as opened_on'])
    .where('followup.id', '=', input.id)
    .executeTakeFirst();
  if (!row) throw notFound('Tindak lanjut', 'Follow-up', input.id);
  if (row.status === 'closed') throw conflict(`Tindak lanjut #${input.id} sudah ditutup.`, `Follow-up #${input.id} is already closed.`);

  let closedOn = input.closedOn ?? today;
  if (input.visitId !== undefined) {
    const closing = await trx
      .selectFrom('visit')
      .leftJoin('visit_log', 'visit_log.visit_id', 'visit.id')
      .select(['visit.id', 'visit.puskesmas_id', 'visit.date', 'visit.status', 'visit_log.actual_date'])
      .where('visit.id', '=', input.visitId)
      .executeTakeFirst();
    if (!closing) throw notFound('Kunjungan', 'Visit', input.visitId);
    if (closing.puskesmas_id !== row.puskesmas_id || closing.id === row.visit_id || closing.status !== 'done') {
      throw conflict(
        `Tindak lanjut #${input.id} hanya bisa ditutup pada kunjungan selesai berikutnya ke puskesmas yang sama.`,
        `Follow-up #${input.id} can only be closed at a later done visit to the same puskesmas.`,
      );
    }
    closedOn = closing.actual_date ?? closing.date;
  }
  if (closedOn < row.opened_on || closedOn > today) {
    throw invalid([
      {
        path: 'closedOn',
        message: `Tanggal tutup harus antara ${formatDate(row.opened_on, 'id')} dan hari ini`,
        messageEn: `The closing date must be between ${formatDate(row.opened_on, 'en')} and today`,
      },
    ]);
  }
  const before = await trx.selectFrom('followup').selectAll().where('id', '=', input.id).executeTakeFirstOrThrow();
  const after = await trx
    .updateTable('followup')
    .set({ status: 'closed', closed_visit_id: input.visitId ?? null, closed_on: closedOn, closed_note: input.note })
    .where('id', '=', input.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(trx, { entity: 'followup', entityId: input.id, action: 'update', before, after });
}
