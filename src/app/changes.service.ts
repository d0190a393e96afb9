// Undo from the audit log. Each undoable change (a visit moved, cancelled, pinned or unpinned from
// the calendar; a record deactivated) is found in audit_log with its state before and after; undo
// writes the state before back, in one transaction with its own audit entry and a marker
// (entity "undo", entity_id = the undone entry) so the same change is not undone twice.
import type { Kysely, Transaction } from 'kysely';
import type { ChangeKind, UndoableChange } from '../contract/changes';
import { AsuhanError, conflict, notFound } from '../contract/errors';
import type { Handlers } from '../contract/index';
import { audit } from '../db/audit';
import { HOSPITAL, PUSKESMAS, SPECIALIST, SPECIALTY, getEntity, updateEntity, type EntityDef } from '../db/entities';
import { toVisit } from '../db/mappers';
import type { AuditRow, Database } from '../db/schema';
import { formatLongDate } from '../domain/format-id';
import type { Visit } from '../domain/types';
import type { AppContext } from './context';
import { plansHandlers } from './plans.service';

type ChangesHandlers = Pick<Handlers, 'changes:list' | 'changes:undo'>;
type Db = Kysely<Database> | Transaction<Database>;

const ENTITY_DEFS: Record<string, { def: EntityDef<unknown>; id: string; en: string }> = {
  specialist: { def: SPECIALIST as EntityDef<unknown>, id: 'Dokter spesialis', en: 'Specialist' },
  puskesmas: { def: PUSKESMAS as EntityDef<unknown>, id: 'Puskesmas', en: 'Puskesmas' },
  hospital: { def: HOSPITAL as EntityDef<unknown>, id: 'Rumah sakit', en: 'Hospital' },
  specialty: { def: SPECIALTY as EntityDef<unknown>, id: 'Spesialisasi', en: 'Specialty' },
};

/** The visit fields a calendar change sets, compared to tell "changed since" and restored on undo. */
const VISIT_FIELDS = ['date', 'startTime', 'endTime', 'specialistId', 'status', 'pinned', 'manual'] as const;

interface Classified {
  kind: ChangeKind;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

function parse(value: string | null): Record<string, unknown> | null {
  if (value === null) return null;
  const parsed = JSON.parse(value) as unknown;
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
}

/** What an audit entry did, when it is something the coordinator can take back. */
function classify(row: AuditRow): Classified | null {
  if (row.action !== 'update') return null;
  const before = parse(row.before);
  const after = parse(row.after);
  if (!before || !after) return null;
  if (row.entity === 'visit') {
    // Calendar writes store domain visits (camelCase); a visit log's status change stores raw rows
    // and is corrected through the log itself.
    if (!('startTime' in before) || !('startTime' in after)) return null;
    if (before.status === 'planned' && after.status === 'cancelled') return { kind: 'cancel', before, after };
    if (before.date !== after.date || before.startTime !== after.startTime || before.specialistId !== after.specialistId) return { kind: 'move', before, after };
    if (before.pinned !== after.pinned) return { kind: after.pinned ? 'pin' : 'unpin', before, after };
    return null;
  }
  if (ENTITY_DEFS[row.entity] && before.active === true && after.active === false) return { kind: 'deactivate', before, after };
  return null;
}

async function namesOf(db: Db, visit: Record<string, unknown>): Promise<{ specialist: string; puskesmas: string }> {
  const [specialist, puskesmas] = await Promise.all([
    db.selectFrom('specialist').select('name').where('id', '=', Number(visit.specialistId)).executeTakeFirst(),
    db.selectFrom('puskesmas').select('name').where('id', '=', Number(visit.puskesmasId)).executeTakeFirst(),
  ]);
  return { specialist: specialist?.name ?? `#${String(visit.specialistId)}`, puskesmas: puskesmas?.name ?? `#${String(visit.puskesmasId)}` };
}

async function describe(db: Db, row: AuditRow, change: Classified): Promise<{ description: string; descriptionEn: string }> {
  const { before, after } = change;
  if (change.kind === 'deactivate') {
    const labels = ENTITY_DEFS[row.entity] as (typeof ENTITY_DEFS)[string];
    const name = String(after.name ?? `#${row.entity_id}`);
    return { description: `${labels.id} ${name} dinonaktifkan`, descriptionEn: `${labels.en} ${name} deactivated` };
  }
  const names = await namesOf(db, after);
  const visitId = `Kunjungan ${names.specialist} ke ${names.puskesmas}`;
  const visitEn = `Visit of ${names.specialist} to ${names.puskesmas}`;
  const on = (v: Record<string, unknown>, lang: 'id' | 'en') => formatLongDate(String(v.date), lang);
  switch (change.kind) {
    case 'move':
      return {
        description: `${visitId} dipindah dari ${on(before, 'id')} ke ${on(after, 'id')}`,
        descriptionEn: `${visitEn} moved from ${on(before, 'en')} to ${on(after, 'en')}`,
      };
    case 'cancel':
      return { description: `${visitId}, ${on(before, 'id')}, dibatalkan`, descriptionEn: `${visitEn}, ${on(before, 'en')}, cancelled` };
    case 'pin':
      return { description: `${visitId}, ${on(after, 'id')}, disematkan`, descriptionEn: `${visitEn}, ${on(after, 'en')}, pinned` };
    case 'unpin':
      return { description: `Sematan ${visitId.toLowerCase()}, ${on(after, 'id')}, dilepas`, descriptionEn: `${visitEn}, ${on(after, 'en')}, unpinned` };
  }
}

async function toChange(db: Db, row: AuditRow, change: Classified, undone: boolean): Promise<UndoableChange> {
  return { auditId: row.id, at: row.at, kind: change.kind, entity: row.entity, entityId: Number(row.entity_id), undone, ...(await describe(db, row, change)) };
}

async function undoneIds(db: Db, auditIds: number[]): Promise<Set<string>> {
  if (auditIds.length === 0) return new Set();
  const rows = await db.selectFrom('audit_log').select('entity_id').where('entity', '=', 'undo').where('entity_id', 'in', auditIds.map(String)).execute();
  return new Set(rows.map((r) => r.entity_id));
}

const CHANGED_SINCE = (what: string, whatEn: string) =>
  conflict(`${what} sudah berubah lagi sejak itu, jadi tidak diurungkan; ubah langsung bila perlu.`, `${whatEn} has changed again since, so it was not undone; change it directly if needed.`);

export function changesHandlers(ctx: AppContext): ChangesHandlers {
  const db = ctx.db.kysely;
  const scheduler = plansHandlers(ctx);

  return {
    'changes:list': async ({ limit, since }) => {
      // Scan a window of recent updates; most are undoable kinds, the rest are skipped.
      let query = db.selectFrom('audit_log').selectAll().where('action', '=', 'update').where('entity', 'in', ['visit', ...Object.keys(ENTITY_DEFS)]);
      if (since) query = query.where('at', '>=', since);
      const rows = await query.orderBy('id', 'desc').limit(limit * 5).execute();
      const found = rows.flatMap((row) => {
        const change = classify(row);
        return change ? [{ row, change }] : [];
      });
      const page = found.slice(0, limit);
      const undone = await undoneIds(db, page.map((f) => f.row.id));
      return Promise.all(page.map(({ row, change }) => toChange(db, row, change, undone.has(String(row.id)))));
    },

    'changes:undo': async ({ auditId }) => {
      const row = await db.selectFrom('audit_log').selectAll().where('id', '=', auditId).executeTakeFirst();
      if (!row) throw notFound('Perubahan', 'Change', auditId);
      const change = classify(row);
      if (!change) throw conflict(`Perubahan #${auditId} tidak bisa diurungkan dari sini.`, `Change #${auditId} cannot be undone here.`);
      if ((await undoneIds(db, [auditId])).size > 0) throw conflict('Perubahan ini sudah diurungkan.', 'This change was already undone.');

      if (row.entity === 'visit') {
        const visitId = Number(row.entity_id);
        const current = await db.selectFrom('visit').selectAll().where('id', '=', visitId).executeTakeFirst();
        if (!current) throw notFound('Kunjungan', 'Visit', visitId);
        const now = toVisit(current);
        if (VISIT_FIELDS.some((field) => now[field] !== change.after[field])) throw CHANGED_SINCE('Kunjungan ini', 'This visit');
        const before = change.before as unknown as Visit;
        if (change.kind === 'move' || change.kind === 'cancel') {
          // The old day may have been taken since; the hard rules judge it again.
          const verdict = await scheduler['visits:check']({
            specialistId: before.specialistId,
            puskesmasId: before.puskesmasId,
            date: before.date,
            startTime: before.startTime,
            excludeVisitId: visitId,
          });
          if (!verdict.ok) {
            throw new AsuhanError(
              'RULE',
              `Tidak bisa diurungkan: ${verdict.violations.map((v) => v.message).join(' ')}`,
              `Cannot be undone: ${verdict.violations.map((v) => v.messageEn).join(' ')}`,
            );
          }
        }
        await db.transaction().execute(async (trx) => {
          const restored = await trx
            .updateTable('visit')
            .set({
              date: before.date,
              start_time: before.startTime,
              end_time: before.endTime,
              specialist_id: before.specialistId,
              status: before.status,
              pinned: before.pinned ? 1 : 0,
              manual: before.manual ? 1 : 0,
              // Calendars that got the change must get its undoing too.
              sequence: current.sequence + 1,
              updated_at: ctx.now().toISOString(),
              // Set here, not by the trigger, so the audit's `after` carries the version stored.
              version: current.version + 1,
            })
            .where('id', '=', visitId)
            // Only the visit as judged above: an edit made meanwhile is not undone over.
            .where('version', '=', current.version)
            .returningAll()
            .executeTakeFirst();
          if (!restored) throw CHANGED_SINCE('Kunjungan ini', 'This visit');
          await audit(trx, { entity: 'visit', entityId: visitId, action: 'update', before: now, after: toVisit(restored) });
          await audit(trx, { entity: 'undo', entityId: auditId, action: 'update' });
        });
      } else {
        const labels = ENTITY_DEFS[row.entity] as (typeof ENTITY_DEFS)[string];
        const entityId = Number(row.entity_id);
        await db.transaction().execute(async (trx) => {
          const current = (await getEntity(trx as Kysely<Database>, labels.def, entityId)) as Record<string, unknown>;
          if (JSON.stringify(current) !== JSON.stringify(change.after)) throw CHANGED_SINCE(`${labels.id} ini`, `This ${labels.en.toLowerCase()}`);
          await updateEntity(trx as Kysely<Database>, labels.def, entityId, { active: true });
          await audit(trx, { entity: 'undo', entityId: auditId, action: 'update' });
        });
      }
      return toChange(db, row, change, true);
    },
  };
}
