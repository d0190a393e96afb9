// Handlers for the scheduler: plans:run solves a month and stores a draft with its preview;
// plans:apply writes the draft into the visits in one transaction (backup first); single-visit
// edits are judged by the independent hard-rule checker and refused with code RULE.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { AsuhanError, conflict, notFound, staleConflict } from '../contract/errors';
import type { Handlers } from '../contract/index';
import type { PlanListItem, PlanPreview, PlanVisit, PlanWarning, VisitCheck } from '../contract/plans';
import { audit } from '../db/audit';
import { backupBeforeChange } from '../db/database-backup';
import { toVisit } from '../db/mappers';
import { lastChange, requireVersion, staleEdit, visitRecord } from '../db/versions';
import { visitViewQuery } from '../db/visits.repository';
import { decreeWarnings, yearsWithoutDecree } from '../db/holidays.repository';
import type { Database, VisitRow } from '../db/schema';
import { firstDayOfMonth, lastDayOfMonth, minutesOf, monthDays, monthOf, timeOf, todayIn } from '../domain/dates';
import { formatInstant, formatLongDate, formatMonth } from '../domain/format-id';
import { getSettings } from '../db/settings.repository';
import type { Visit } from '../domain/types';
import { checkOneVisit, checkPlan } from '../scheduler/checker';
import { ProblemIndex } from '../scheduler/context';
import { problemFromDatabase } from '../scheduler/from-database';
import type { PlannedVisit } from '../scheduler/problem';
import { HARD_RULES } from '../scheduler/rules/index';
import { matchPlans } from '../scheduler/rules/stability';
import type { Problem } from '../scheduler/problem';
import { solveProblem, type SolveResult } from '../scheduler/solve';
import { sharedSolverThread, SolverBusyError, SolverFailedError, SolverStoppedError } from '../scheduler/worker';
import type { AppContext } from './context';
import { changedInputs, readDraftInputs, type DraftInputs, type InputKind } from './plan-draft-inputs';

type PlansHandlers = Pick<Handlers, Exclude<Extract<keyof Handlers, `plans:${string}`>, 'plans:suggest' | 'plans:uncovered'> | 'visits:check' | 'visits:availability' | 'visits:create' | 'visits:move' | 'visits:pin' | 'visits:delete'>;

/** What a draft stores beside the preview: the proposal and the state it was computed from. */
interface DraftSummary extends Omit<PlanPreview, 'planId' | 'status' | 'createdAt'> {
  fingerprint: string;
  /** Each of the month's visits (by id) at the version the draft read (migration 0009); absent in older drafts. */
  versions?: Record<string, number>;
  /** The other records the draft was made from, at the versions read (plan-draft-inputs.ts). */
  inputs?: DraftInputs;
}

const FIXED_STATUSES = new Set(['confirmed', 'done', 'missed']);

/** Above this many puskesmas-months the desktop app and the CLI solve on the worker thread, so the window never blocks. */
const WORKER_THRESHOLD = 200;

/**
 * The server's thread for every solve; elsewhere small problems in place (no thread to start) and
 * large ones on the shared thread, in place only when the build has no worker entry. A thread that
 * is busy or fails says so (plannerError); it never falls back to solving on the event loop.
 */
async function solve(ctx: AppContext, problem: Problem): Promise<SolveResult> {
  const thread = ctx.solver ?? (problem.puskesmas.length * problem.months.length > WORKER_THRESHOLD ? sharedSolverThread() : null);
  if (!thread || !thread.available()) return solveProblem(problem);
  return thread.solve(problem, {}, ctx.caller().displayName).catch(async (error: unknown) => {
    throw plannerError(error, (await getSettings(ctx.db.kysely)).timeZone);
  });
}

/** The solver thread's refusals and failures, as the coordinator reads them. */
function plannerError(error: unknown, timeZone: string): unknown {
  if (error instanceof SolverBusyError) {
    const { months, since, owner } = error.work;
    const who = owner ? { id: ` oleh ${owner}`, en: ` by ${owner}` } : { id: '', en: '' };
    return new AsuhanError(
      'CONFLICT',
      `Rencana ${months.map((m) => formatMonth(m)).join(', ')} sedang disusun${who.id} sejak ${formatInstant(since.toISOString(), timeZone)}; satu rencana disusun pada satu waktu. Coba lagi setelah selesai; tidak ada yang berubah.`,
      `The plan for ${months.map((m) => formatMonth(m, 'en')).join(', ')} is being made${who.en} since ${formatInstant(since.toISOString(), timeZone, 'en')}; one plan is made at a time. Try again when it is done; nothing was changed.`,
    );
  }
  if (error instanceof SolverStoppedError) {
    return new AsuhanError('INTERNAL', 'Penyusunan rencana dihentikan (server berhenti); tidak ada yang disimpan.', 'Planning was stopped (the server stopped); nothing was saved.');
  }
  if (error instanceof SolverFailedError) {
    const heap = error.heapBytes === null ? null : Math.round(error.heapBytes / 2 ** 20);
    const memory = heap === null ? { id: '', en: '' } : { id: ` (memori HiGHS ${heap.toLocaleString('id-ID')} MB dari batas 2.048 MB)`, en: ` (HiGHS memory ${heap.toLocaleString('en')} MB of its 2,048 MB limit)` };
    return new AsuhanError(
      'INTERNAL',
      `Pemecah HiGHS berhenti sebelum rencana selesai${memory.id}: ${error.message.slice(0, 200)}. Tidak ada yang disimpan.`,
      `The HiGHS solver stopped before the plan was done${memory.en}: ${error.message.slice(0, 200)}. Nothing was saved.`,
    );
  }
  return error;
}

async function monthVisitRows(db: Kysely<Database> | Transaction<Database>, month: string): Promise<VisitRow[]> {
  return db.selectFrom('visit').selectAll().where('date', '>=', firstDayOfMonth(month)).where('date', '<=', lastDayOfMonth(month)).orderBy('id').execute();
}

function versionsOf(rows: VisitRow[]): Record<string, number> {
  return Object.fromEntries(rows.map((r) => [String(r.id), r.version]));
}

/** The month's visits added, changed or gone since a draft read them at `versions`. */
function changedSince(versions: Record<string, number>, rows: VisitRow[]): { changed: VisitRow[]; gone: number[] } {
  const seen = new Set(rows.map((r) => String(r.id)));
  return {
    changed: rows.filter((r) => versions[String(r.id)] !== r.version),
    gone: Object.keys(versions).filter((id) => !seen.has(id)).map(Number),
  };
}

/** Identifies the month's visits as they were when a draft was computed (drafts made before migration 0009). */
function fingerprintOf(rows: VisitRow[]): string {
  return rows.map((r) => [r.id, r.date, r.start_time, r.specialist_id, r.puskesmas_id, r.status, r.pinned, r.sequence].join(',')).join(';');
}

function isFixedRow(r: VisitRow): boolean {
  return r.pinned === 1 || FIXED_STATUSES.has(r.status);
}

function rowToPlanned(r: VisitRow): PlannedVisit {
  return {
    date: r.date,
    startTime: r.start_time,
    endTime: r.end_time,
    specialistId: r.specialist_id,
    puskesmasId: r.puskesmas_id,
    specialtyId: r.specialty_id,
    fixed: isFixedRow(r),
    existingId: r.id,
    uid: r.uid,
  };
}

function named(index: ProblemIndex, v: PlannedVisit): PlanVisit {
  return {
    date: v.date,
    startTime: v.startTime,
    endTime: v.endTime,
    specialistId: v.specialistId,
    specialistName: index.specialistName(v.specialistId),
    puskesmasId: v.puskesmasId,
    puskesmasName: index.puskesmasName(v.puskesmasId),
    specialtyId: v.specialtyId,
    specialtyName: index.specialtyName(v.specialtyId),
    fixed: v.fixed,
    visitId: v.existingId,
    uid: v.uid,
  };
}

function toPreview(row: { id: number; month: string; status: 'draft' | 'saved'; created_at: string; summary: string }): PlanPreview {
  const { fingerprint: _ignored, versions: _read, inputs: _inputs, ...summary } = JSON.parse(row.summary) as DraftSummary;
  // Drafts saved before warnings (or the figures of uncovered visits) existed have none.
  const uncovered = summary.uncovered.map((u) => ({ ...u, figures: u.figures ?? {} }));
  return { planId: row.id, status: row.status, createdAt: row.created_at, ...summary, uncovered, warnings: summary.warnings ?? [] };
}

/**
 * A month whose every day has begun is history: planning it is refused unless the coordinator
 * asks (allowPast), and then the summary says so.
 */
export function pastMonthWarnings(month: string, today: string, allowPast: boolean): PlanWarning[] {
  if (lastDayOfMonth(month) > today) {
    // A month under way planned with allowPast fills its past days too: history, and said so
    // (the same rule id, so applying the draft judges it the way it was made).
    if (!allowPast || firstDayOfMonth(month) > today) return [];
    return [
      {
        rule: 'past-month',
        message: `${formatMonth(month)} sudah berjalan: rencana ini juga mengisi hari sampai ${formatLongDate(today)} (mencatat riwayat).`,
        messageEn: `${formatMonth(month, 'en')} is under way: this plan also fills the days up to ${formatLongDate(today, 'en')} (recording history).`,
      },
    ];
  }
  if (!allowPast) {
    throw new AsuhanError(
      'RULE',
      `${formatMonth(month)} sudah lewat (hari ini ${formatLongDate(today)}): rencana tidak disusun. Untuk mencatat riwayat, pakai --allow-past.`,
      `${formatMonth(month, 'en')} is past (today is ${formatLongDate(today, 'en')}): no plan was made. To record history, use --allow-past.`,
    );
  }
  return [
    {
      rule: 'past-month',
      message: `${formatMonth(month)} sudah lewat: rencana ini mencatat riwayat, bukan jadwal yang akan datang.`,
      messageEn: `${formatMonth(month, 'en')} is past: this plan records history, not a schedule to come.`,
    },
  ];
}

/** Most changes named one by one in a refusal; the rest are counted. */
const CHANGES_NAMED = 5;

/** How a removed input is named, its record being gone. */
const KIND_LABELS: Record<InputKind, [string, string]> = {
  setting: ['Pengaturan program', 'The programme settings'],
  specialty: ['Spesialisasi', 'Specialty'],
  specialist: ['Dokter spesialis', 'Specialist'],
  puskesmas: ['Puskesmas', 'Puskesmas'],
  adoption: ['Adopsi', 'Adoption'],
  unavailability: ['Cuti/tugas', 'Leave/duty'],
  holiday: ['Hari libur', 'Holiday'],
};

const CHANGE_WORDS = { added: ['ditambahkan', 'added'], changed: ['diubah', 'changed'], removed: ['dihapus', 'removed'] } as const;

/**
 * Refuses to apply a draft when anything it was made from changed since: one of the month's visits
 * added, changed or moved away, or the settings, specialties, specialists, puskesmas, adoptions,
 * or the month's leave and holidays. Names what changed, who changed it and when (CONFLICT, stale:
 * the screen offers to re-plan). `force`: a write found a visit changed though the lists show none.
 */
async function refuseIfChanged(db: Kysely<Database> | Transaction<Database>, summary: DraftSummary, rows: VisitRow[], month: string, force = false): Promise<void> {
  const replan = { id: 'Susun ulang rencana agar memakai jadwal terbaru.', en: 'Re-plan so the plan starts from the latest schedule.' };
  if (!summary.versions) {
    // A draft made before versions existed: its fingerprint says whether, not what.
    if (!force && fingerprintOf(rows) === summary.fingerprint) return;
    throw staleConflict(`Kunjungan ${formatMonth(month)} berubah sejak rencana disusun. ${replan.id}`, `The visits of ${formatMonth(month, 'en')} changed since the plan was made. ${replan.en}`);
  }
  const { changed, gone } = changedSince(summary.versions, rows);
  const inputs = summary.inputs ? await changedInputs(db, summary.inputs, await readDraftInputs(db, month), CHANGES_NAMED) : { changes: [], count: 0 };
  const visitCount = changed.length + gone.length;
  if (!force && visitCount === 0 && inputs.count === 0) return;

  const zone = (await getSettings(db as Kysely<Database>)).timeZone;
  const byWhom = async (entities: string[], id: number | string) => {
    const change = await lastChange(db, { entities, id, labelId: '', labelEn: '' });
    return change ? { id: ` oleh ${change.actor} pada ${formatInstant(change.at, zone)}`, en: ` by ${change.actor} on ${formatInstant(change.at, zone, 'en')}` } : { id: '', en: '' };
  };
  const views = changed.length > 0 ? await visitViewQuery(db as Kysely<Database>).where('visit.id', 'in', changed.slice(0, CHANGES_NAMED).map((r) => r.id)).execute() : [];
  const visitLines = await Promise.all(
    views.map(async (row) => {
      const by = await byWhom(['visit', 'visit_log'], row.id);
      const word = CHANGE_WORDS[summary.versions?.[String(row.id)] === undefined ? 'added' : 'changed'];
      return {
        id: `${row.specialist_name} di ${row.puskesmas_name} (${formatLongDate(row.date)}) ${word[0]}${by.id}`,
        en: `${row.specialist_name} at ${row.puskesmas_name} (${formatLongDate(row.date, 'en')}) ${word[1]}${by.en}`,
      };
    }),
  );
  const inputLines = await Promise.all(
    inputs.changes.slice(0, Math.max(0, CHANGES_NAMED - visitLines.length)).map(async (c) => {
      const by = await byWhom([c.kind], c.id);
      const word = CHANGE_WORDS[c.change];
      const [labelId, labelEn] = KIND_LABELS[c.kind];
      return { id: `${c.nameId ?? `${labelId} #${c.id}`} ${word[0]}${by.id}`, en: `${c.nameEn ?? `${labelEn} #${c.id}`} ${word[1]}${by.en}` };
    }),
  );
  const lines = [...visitLines, ...inputLines];
  const others = visitCount + inputs.count - lines.length;
  const listId = [...lines.map((l) => l.id), ...(others > 0 ? [`${others} perubahan lain`] : [])].join('; ') || 'diubah orang lain saat rencana disimpan';
  const listEn = [...lines.map((l) => l.en), ...(others > 0 ? [`${others} other change${others === 1 ? '' : 's'}`] : [])].join('; ') || 'changed by someone else while the plan was saved';
  const whatId = [visitCount > 0 ? `${visitCount} kunjungan ${formatMonth(month)}` : '', inputs.count > 0 ? `${inputs.count} data ${visitCount > 0 ? 'lain ' : ''}yang dipakai rencana` : ''].filter(Boolean).join(' dan ') || 'sebuah kunjungan';
  const whatEn =
    [visitCount > 0 ? `${visitCount} visit${visitCount === 1 ? '' : 's'} of ${formatMonth(month, 'en')}` : '', inputs.count > 0 ? `${inputs.count} ${visitCount > 0 ? 'other ' : ''}record${inputs.count === 1 ? '' : 's'} the plan uses` : '']
      .filter(Boolean)
      .join(' and ') || 'a visit';
  throw staleConflict(
    `Rencana tidak disimpan: ${whatId} berubah sejak rencana disusun: ${listId}. ${replan.id}`,
    `The plan was not saved: ${whatEn} changed since the plan was made: ${listEn}. ${replan.en}`,
  );
}

export function plansHandlers(ctx: AppContext): PlansHandlers {
  const db = ctx.db.kysely;
  const now = () => ctx.now().toISOString();

  type CheckInput = { specialistId: number; puskesmasId: number; date: string; startTime?: string | undefined; excludeVisitId?: number | undefined };

  /** What judging a visit needs: the two records and the month's problem, loaded once. */
  async function checkContext(input: Omit<CheckInput, 'date' | 'startTime'>, month: string) {
    const specialist = await db.selectFrom('specialist').select(['id', 'specialty_id', 'active']).where('id', '=', input.specialistId).executeTakeFirst();
    if (!specialist) throw notFound('Dokter spesialis', 'Specialist', input.specialistId);
    const puskesmas = await db.selectFrom('puskesmas').select(['id', 'active']).where('id', '=', input.puskesmasId).executeTakeFirst();
    if (!puskesmas) throw notFound('Puskesmas', 'Puskesmas', input.puskesmasId);
    const problem = await problemFromDatabase(db, [month], { excludeVisitId: input.excludeVisitId });
    return { specialist, puskesmas, month, problem, index: new ProblemIndex(problem) };
  }

  /** Judges one visit against the hard rules, with the month's other visits as they stand. */
  async function check(input: CheckInput): Promise<{ verdict: VisitCheck; visit: PlannedVisit }> {
    return judge(await checkContext(input, monthOf(input.date)), input);
  }

  function judge({ specialist, puskesmas, month, problem, index }: Awaited<ReturnType<typeof checkContext>>, input: CheckInput): { verdict: VisitCheck; visit: PlannedVisit } {
    const settings = problem.settings;
    // A second visit that day (when allowed) starts after the first one and the drive.
    const sameDay = settings.allowTwoVisitsPerDay ? problem.existingVisits.find((v) => v.specialistId === input.specialistId && v.date === input.date) : undefined;
    const afterFirst = sameDay ? index.twoVisitTimes(sameDay.puskesmasId, input.puskesmasId, input.date, specialist.specialty_id)?.[1].startTime : undefined;
    const startTime = input.startTime ?? afterFirst ?? index.visitTime(input.puskesmasId, input.date, specialist.specialty_id)?.startTime ?? settings.visitStart;
    const endMinutes = Math.min(minutesOf(startTime) + index.visitMinutes(specialist.specialty_id), 23 * 60 + 59);
    const visit: PlannedVisit = {
      date: input.date,
      startTime,
      endTime: timeOf(endMinutes),
      specialistId: input.specialistId,
      puskesmasId: input.puskesmasId,
      specialtyId: specialist.specialty_id,
      fixed: false,
      existingId: input.excludeVisitId ?? null,
      uid: null,
    };
    const violations: VisitCheck['violations'] = [];
    if (specialist.active !== 1 || !index.specialists.has(specialist.id)) {
      violations.push({ rule: 'active', message: 'Dokter spesialis ini tidak aktif.', messageEn: 'This specialist is not active.' });
    }
    if (puskesmas.active !== 1) violations.push({ rule: 'active', message: 'Puskesmas ini tidak aktif.', messageEn: 'This puskesmas is not active.' });
    if (violations.length === 0) {
      violations.push(...checkOneVisit(index, visit));
      const others = problem.existingVisits.map((v) => ({ ...v, endTime: timeOf(minutesOf(v.startTime) + index.visitMinutes(v.specialtyId)), existingId: v.id }));
      const monthRules = HARD_RULES.filter((r) => r.id === 'one-visit-per-day' || r.id === 'monthly-maximum');
      // Both rules are per specialist: judge this specialist's month with the new visit in it.
      const own = others.filter((o) => o.specialistId === visit.specialistId);
      const plan = { month, visits: [...own, visit], currentPlan: [], previous: new Map<string, string>() };
      for (const rule of monthRules) violations.push(...(rule.checkMonth?.(index, plan, []) ?? []));
    }
    return { verdict: { ok: violations.length === 0, violations: violations.map(({ rule, message, messageEn }) => ({ rule, message, messageEn })) }, visit };
  }

  function refuse(verdict: VisitCheck): AsuhanError {
    return new AsuhanError('RULE', verdict.violations.map((v) => v.message).join(' '), verdict.violations.map((v) => v.messageEn).join(' '));
  }

  async function getVisit(id: number): Promise<VisitRow> {
    const row = await db.selectFrom('visit').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Kunjungan', 'Visit', id);
    return row;
  }

  /** Refuses an edit of a visit the caller read at another version (CONFLICT, saying who changed it). */
  async function requireVisitVersion(before: VisitRow, read: number | undefined): Promise<void> {
    await requireVersion(db, visitRecord(before.id), read, before.version);
  }

  /** Writes the change only while the visit is still as `before` was read: a concurrent edit is refused, not overwritten. */
  async function updateVisit(id: number, changes: Partial<VisitRow>, before: VisitRow): Promise<Visit> {
    return db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('visit')
        .set({ ...changes, version: before.version + 1, updated_at: now() })
        .where('id', '=', id)
        .where('version', '=', before.version)
        .returningAll()
        .executeTakeFirst();
      if (!row) {
        const current = await trx.selectFrom('visit').select('version').where('id', '=', id).executeTakeFirst();
        throw await staleEdit(trx, visitRecord(id), { read: before.version, current: current?.version });
      }
      await audit(trx, { entity: 'visit', entityId: id, action: 'update', before: toVisit(before), after: toVisit(row) });
      return toVisit(row);
    });
  }

  return {
    'plans:run': async ({ month, mode, allowPast }) => {
      const today = todayIn((await getSettings(db)).timeZone, ctx.now());
      const past = pastMonthWarnings(month, today, allowPast);
      // Read before the solve: whatever changes while it runs makes the draft stale.
      const rows = await monthVisitRows(db, month);
      const inputs = await readDraftInputs(db, month);
      const problem = await problemFromDatabase(db, [month], { mode, ...(allowPast ? {} : { today }) });
      const result = await solve(ctx, problem);
      const index = new ProblemIndex(problem);
      // The current plan: planned visits the solver may change (not pinned, not past). A fresh plan
      // leaves them out of the problem, yet they are still the plan it replaces.
      const fixed = new Set(problem.existingVisits.filter((v) => v.fixed).map((v) => v.id));
      const current = rows.filter((r) => r.status === 'planned' && r.pinned === 0 && !fixed.has(r.id)).map(rowToPlanned);
      const match = matchPlans(current, result.visits);
      for (const [old, next] of [...match.kept, ...match.moved]) {
        next.existingId = old.existingId;
        next.uid = old.uid;
      }
      const required = problem.puskesmas.reduce((sum, c) => sum + problem.specialties.reduce((s, k) => s + index.requirement(c.id, k.id), 0), 0);
      const missing = result.uncovered.reduce((sum, u) => sum + u.missing, 0);
      const summary: DraftSummary = {
        month,
        solverStatus: result.status,
        visits: result.visits.map((v) => named(index, v)),
        changes: {
          added: match.added.map((v) => named(index, v)),
          moved: match.moved.map(([from, to]) => ({ from: named(index, from), to: named(index, to) })),
          removed: match.removed.map((v) => named(index, v)),
          kept: match.kept.map(([, v]) => named(index, v)),
        },
        score: result.score,
        explanations: result.explanations.map(({ rule, message, messageEn, cost, puskesmasId, specialistId, date }) => ({
          rule,
          message,
          messageEn,
          cost: Math.round(cost * 100) / 100,
          ...(puskesmasId !== undefined ? { puskesmasId } : {}),
          ...(specialistId !== undefined ? { specialistId } : {}),
          ...(date !== undefined ? { date } : {}),
        })),
        uncovered: result.uncovered,
        coverage: { required, covered: required - missing },
        warnings: [...past, ...decreeWarnings(await yearsWithoutDecree(db, firstDayOfMonth(month), lastDayOfMonth(month)))],
        objective: result.objective,
        bound: result.bound,
        gap: result.gap,
        solveMs: result.solveMs,
        fingerprint: fingerprintOf(rows),
        versions: versionsOf(rows),
        inputs,
      };
      const row = await db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('plan')
          .values({ month, status: 'draft', objective: result.objective, bound: result.bound, gap: result.gap, solve_ms: result.solveMs, summary: JSON.stringify(summary), created_at: now() })
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit(trx, { entity: 'plan', entityId: inserted.id, action: 'create', after: { month, mode, objective: result.objective, status: result.status } });
        return inserted;
      });
      return toPreview(row);
    },

    'plans:apply': async ({ planId }) => {
      const plan = await db.selectFrom('plan').selectAll().where('id', '=', planId).executeTakeFirst();
      if (!plan) throw notFound('Rencana', 'Plan', planId);
      if (plan.status !== 'draft') throw conflict('Rencana ini sudah disimpan.', 'This plan has already been saved.');
      const summary = JSON.parse(plan.summary) as DraftSummary;
      const rows = await monthVisitRows(db, plan.month);
      await refuseIfChanged(db, summary, rows, plan.month);
      // Master data may have changed since the draft (new leave, a holiday, another day begun): judge it again.
      const today = todayIn((await getSettings(db)).timeZone, ctx.now());
      const allowPast = summary.warnings?.some((w) => w.rule === 'past-month') ?? false;
      const problem = await problemFromDatabase(db, [plan.month], allowPast ? {} : { today });
      const index = new ProblemIndex(problem);
      const proposal = summary.visits.filter((v) => !v.fixed).map((v) => ({ ...v, existingId: v.visitId, fixed: false }));
      const stale = checkPlan(index, proposal, { skipCoverage: true }).filter((v) => v.rule !== 'fixed-visits');
      if (stale.length > 0) {
        throw new AsuhanError('RULE', `Rencana tidak berlaku lagi: ${stale[0]?.message} Jalankan perencanaan lagi.`, `The plan no longer holds: ${stale[0]?.messageEn} Run the planner again.`);
      }
      const backupFile = rows.length > 0 ? await backupBeforeChange(ctx.db, 'before-replan') : null;
      const byId = new Map(rows.map((r) => [r.id, r]));
      const { added, moved, removed, kept } = summary.changes;
      await db.transaction().execute(async (trx) => {
        // Checked again inside the transaction: an edit made while the backup ran is not overwritten.
        await refuseIfChanged(trx, summary, await monthVisitRows(trx, plan.month), plan.month);
        const stamp = now();
        // Each write names the version read above, so a concurrent edit (another server connection) is refused too.
        const unchanged = async (query: { executeTakeFirst(): Promise<{ numUpdatedRows: bigint }> }) => {
          if (Number((await query.executeTakeFirst()).numUpdatedRows) !== 1) await refuseIfChanged(trx, summary, await monthVisitRows(trx, plan.month), plan.month, true);
        };
        for (const v of kept) {
          const before = v.visitId ? byId.get(v.visitId) : undefined;
          if (before) await unchanged(trx.updateTable('visit').set({ plan_id: planId, version: before.version + 1 }).where('id', '=', before.id).where('version', '=', before.version));
        }
        for (const { from, to } of moved) {
          const before = byId.get(from.visitId as number) as VisitRow;
          await unchanged(
            trx
              .updateTable('visit')
              .set({ date: to.date, start_time: to.startTime, end_time: to.endTime, specialist_id: to.specialistId, puskesmas_id: to.puskesmasId, sequence: before.sequence + 1, plan_id: planId, updated_at: stamp, version: before.version + 1 })
              .where('id', '=', before.id)
              .where('version', '=', before.version),
          );
        }
        for (const v of removed) {
          const before = byId.get(v.visitId as number) as VisitRow;
          await unchanged(
            trx.updateTable('visit').set({ status: 'cancelled', sequence: before.sequence + 1, updated_at: stamp, version: before.version + 1 }).where('id', '=', before.id).where('version', '=', before.version),
          );
        }
        for (const v of added) {
          await trx
            .insertInto('visit')
            .values({
              uid: `${randomUUID()}@asuhan`,
              date: v.date,
              start_time: v.startTime,
              end_time: v.endTime,
              specialist_id: v.specialistId,
              puskesmas_id: v.puskesmasId,
              specialty_id: v.specialtyId,
              status: 'planned',
              pinned: 0,
              manual: 0,
              plan_id: planId,
              notes: '',
              created_at: stamp,
              updated_at: stamp,
            })
            .execute();
        }
        const saved = await trx.updateTable('plan').set({ status: 'saved' }).where('id', '=', planId).where('status', '=', 'draft').executeTakeFirst();
        if (Number(saved.numUpdatedRows) !== 1) throw conflict('Rencana ini sudah disimpan.', 'This plan has already been saved.');
        await audit(trx, {
          entity: 'plan',
          entityId: planId,
          action: 'plan',
          after: {
            month: plan.month,
            added: added.length,
            moved: moved.map((m) => ({ id: m.from.visitId, from: m.from.date, to: m.to.date })),
            cancelled: removed.map((v) => v.visitId),
            kept: kept.length,
            backupFile,
          },
        });
      });
      return { planId, month: plan.month, added: added.length, moved: moved.length, removed: removed.length, kept: kept.length, backupFile };
    },

    'plans:list': async ({ month }) => {
      // Counted inside the database: a plan's summary holds every proposed visit, and building those
      // objects in JavaScript for a long list of plans costs more than the list is worth.
      let query = db
        .selectFrom('plan')
        .select(['id', 'month', 'status', 'created_at', 'objective', 'bound', 'gap', 'solve_ms'])
        .select(
          ctx.db.engine === 'postgres'
            ? [
                sql<number>`coalesce(json_array_length(summary::json -> 'visits'), 0)`.as('visit_count'),
                sql<number>`(SELECT coalesce(sum((u.value ->> 'missing')::numeric), 0) FROM json_array_elements(summary::json -> 'uncovered') AS u)`.as('uncovered_count'),
              ]
            : [
                sql<number>`coalesce(json_array_length(summary, '$.visits'), 0)`.as('visit_count'),
                sql<number>`(SELECT coalesce(sum(json_extract(u.value, '$.missing')), 0) FROM json_each(summary, '$.uncovered') AS u)`.as('uncovered_count'),
              ],
        )
        .orderBy('id', 'desc');
      if (month) query = query.where('month', '=', month);
      return (await query.execute()).map(
        (row): PlanListItem => ({
          id: row.id,
          month: row.month,
          status: row.status,
          createdAt: row.created_at,
          objective: row.objective,
          bound: row.bound,
          gap: row.gap,
          solveMs: row.solve_ms,
          visits: Number(row.visit_count),
          uncovered: Number(row.uncovered_count),
        }),
      );
    },

    'plans:get': async ({ id }) => {
      const row = await db.selectFrom('plan').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw notFound('Rencana', 'Plan', id);
      return toPreview(row);
    },

    'visits:check': async (input) => (await check(input)).verdict,

    'visits:availability': async ({ id }) => {
      const visit = await getVisit(id);
      const month = monthOf(visit.date);
      const input = { specialistId: visit.specialist_id, puskesmasId: visit.puskesmas_id, excludeVisitId: id };
      // The month is loaded once and every day judged against it: one call, not one per day.
      const context = await checkContext(input, month);
      const days = monthDays(month).map((date) => {
        if (visit.status !== 'planned') return { date, ok: false, message: 'Hanya kunjungan yang direncanakan yang dapat dipindah.', messageEn: 'Only planned visits can be moved.' };
        if (date === visit.date) return { date, ok: true, message: '', messageEn: '' };
        const { verdict } = judge(context, { ...input, date });
        const [first] = verdict.violations;
        return { date, ok: verdict.ok, message: first?.message ?? '', messageEn: first?.messageEn ?? '' };
      });
      return { visitId: id, month, days };
    },

    'visits:create': async (input) => {
      const { verdict, visit } = await check(input);
      if (!verdict.ok) throw refuse(verdict);
      return db.transaction().execute(async (trx) => {
        const stamp = now();
        const row = await trx
          .insertInto('visit')
          .values({
            uid: `${randomUUID()}@asuhan`,
            date: visit.date,
            start_time: visit.startTime,
            end_time: visit.endTime,
            specialist_id: visit.specialistId,
            puskesmas_id: visit.puskesmasId,
            specialty_id: visit.specialtyId,
            status: 'planned',
            pinned: input.pinned ? 1 : 0,
            manual: 1,
            plan_id: null,
            notes: '',
            created_at: stamp,
            updated_at: stamp,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit(trx, { entity: 'visit', entityId: row.id, action: 'create', after: toVisit(row) });
        return toVisit(row);
      });
    },

    'visits:move': async ({ id, version, date, startTime, specialistId }) => {
      const before = await getVisit(id);
      await requireVisitVersion(before, version);
      if (before.status !== 'planned') {
        throw new AsuhanError(
          'RULE',
          `Kunjungan berstatus "${before.status}" tidak dapat dipindah; hanya kunjungan yang direncanakan.`,
          `A visit with status "${before.status}" cannot be moved; only planned visits can.`,
        );
      }
      const { verdict, visit } = await check({ specialistId: specialistId ?? before.specialist_id, puskesmasId: before.puskesmas_id, date, startTime, excludeVisitId: id });
      if (!verdict.ok) throw refuse(verdict);
      if (visit.specialtyId !== before.specialty_id) {
        throw new AsuhanError('RULE', 'Dokter pengganti harus dari spesialisasi yang sama.', 'The new specialist must be of the same specialty.');
      }
      return updateVisit(
        id,
        { date: visit.date, start_time: visit.startTime, end_time: visit.endTime, specialist_id: visit.specialistId, manual: 1, sequence: before.sequence + 1 },
        before,
      );
    },

    'visits:pin': async ({ id, version, pinned }) => {
      const before = await getVisit(id);
      await requireVisitVersion(before, version);
      return updateVisit(id, { pinned: pinned ? 1 : 0 }, before);
    },

    'visits:delete': async ({ id, version }) => {
      const before = await getVisit(id);
      await requireVisitVersion(before, version);
      if (before.status !== 'planned') {
        throw conflict(`Hanya kunjungan yang direncanakan yang dapat dihapus (status: ${before.status}).`, `Only planned visits can be deleted (status: ${before.status}).`);
      }
      // Kept as cancelled (not deleted) so calendar exports can send STATUS:CANCELLED.
      await updateVisit(id, { status: 'cancelled', sequence: before.sequence + 1, manual: 1 }, before);
      return { deleted: true };
    },
  };
}
