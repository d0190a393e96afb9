// Handlers for master data. Inputs arrive validated; cross-record checks live here.
import { sql } from 'kysely';
import { AsuhanError, notFound } from '../contract/errors';
import type { Handlers } from '../contract/index';
import { audit } from '../db/audit';
import { countWhere } from '../db/engine-sql';
import {
  HOLIDAY,
  HOSPITAL,
  PUSKESMAS,
  SPECIALIST,
  SPECIALTY,
  UNAVAILABILITY,
  deleteEntity,
  getEntity,
  insertEntity,
  listEntities,
  updateEntity,
} from '../db/entities';
import { toAdoption, toAuditEntry } from '../db/mappers';
import { requireVersion, staleEdit } from '../db/versions';
import { decreeWarnings, effectiveHolidays, yearsWithoutDecree } from '../db/holidays.repository';
import { getSettings, settingsVersion, updateSettings } from '../db/settings.repository';
import { inTransaction } from '../db/tx';
import type { Unavailability } from '../domain/types';
import type { AppContext } from './context';

type MasterDataHandlers = Pick<
  Handlers,
  Extract<keyof Handlers, `${'settings' | 'specialties' | 'hospitals' | 'specialists' | 'puskesmas' | 'adoptions' | 'unavailability' | 'holidays' | 'requirements' | 'audit'}:${string}`>
>;

function checkDates(u: Unavailability): void {
  if (u.endDate < u.startDate) {
    throw new AsuhanError('VALIDATION', 'Tanggal selesai tidak boleh sebelum tanggal mulai.', 'End date cannot be before start date.', [
      { path: 'endDate', message: 'Tanggal selesai: tidak boleh sebelum tanggal mulai', messageEn: 'End date: cannot be before start date' },
    ]);
  }
}

export function masterDataHandlers({ db: { kysely: db } }: AppContext): MasterDataHandlers {
  const requireSpecialty = (id: number) => getEntity(db, SPECIALTY, id);
  const requireHospital = (id: number | null | undefined) => (id ? getEntity(db, HOSPITAL, id) : undefined);

  return {
    'settings:get': async () => ({ ...(await getSettings(db)), version: await settingsVersion(db) }),
    // Read back in the same transaction, so the version returned is the one this write made.
    'settings:update': async ({ version, changes }) =>
      inTransaction(db, async (trx) => ({ ...(await updateSettings(trx, changes, version)), version: await settingsVersion(trx) })),

    'specialties:list': async ({ includeInactive }) => listEntities(db, SPECIALTY, includeInactive),
    'specialties:create': async (input) => insertEntity(db, SPECIALTY, input),
    'specialties:update': async ({ id, version, changes }) => updateEntity(db, SPECIALTY, id, changes, undefined, version),

    'hospitals:list': async ({ includeInactive }) => listEntities(db, HOSPITAL, includeInactive),
    'hospitals:create': async (input) => insertEntity(db, HOSPITAL, input),
    'hospitals:update': async ({ id, version, changes }) => updateEntity(db, HOSPITAL, id, changes, undefined, version),

    'specialists:list': async ({ includeInactive }) => listEntities(db, SPECIALIST, includeInactive),
    'specialists:get': async ({ id }) => getEntity(db, SPECIALIST, id),
    'specialists:create': async (input) => {
      await requireSpecialty(input.specialtyId);
      await requireHospital(input.hospitalId);
      return insertEntity(db, SPECIALIST, input);
    },
    'specialists:update': async ({ id, version, changes }) => {
      if (changes.specialtyId !== undefined) await requireSpecialty(changes.specialtyId);
      await requireHospital(changes.hospitalId);
      return updateEntity(db, SPECIALIST, id, changes, undefined, version);
    },

    'puskesmas:list': async ({ includeInactive }) => listEntities(db, PUSKESMAS, includeInactive),
    'puskesmas:get': async ({ id }) => getEntity(db, PUSKESMAS, id),
    'puskesmas:create': async (input) => insertEntity(db, PUSKESMAS, { ...input, openingHours: input.openingHours ?? (await getSettings(db)).defaultOpeningHours }),
    'puskesmas:update': async ({ id, version, changes }) => updateEntity(db, PUSKESMAS, id, changes, undefined, version),

    'adoptions:list': async ({ specialistId, puskesmasId }) => {
      let query = db.selectFrom('adoption').selectAll().orderBy('puskesmas_id').orderBy('role', 'desc').orderBy('id');
      if (specialistId) query = query.where('specialist_id', '=', specialistId);
      if (puskesmasId) query = query.where('puskesmas_id', '=', puskesmasId);
      return (await query.execute()).map(toAdoption);
    },
    'adoptions:set': async ({ specialistId, puskesmasId, role }) => {
      await getEntity(db, SPECIALIST, specialistId);
      await getEntity(db, PUSKESMAS, puskesmasId);
      return db.transaction().execute(async (trx) => {
        const before = await trx
          .selectFrom('adoption')
          .selectAll()
          .where('specialist_id', '=', specialistId)
          .where('puskesmas_id', '=', puskesmasId)
          .executeTakeFirst();
        const row = await trx
          .insertInto('adoption')
          .values({ specialist_id: specialistId, puskesmas_id: puskesmasId, role })
          .onConflict((oc) => oc.columns(['specialist_id', 'puskesmas_id']).doUpdateSet({ role, version: sql`adoption.version + 1` }))
          .returningAll()
          .executeTakeFirstOrThrow();
        const after = toAdoption(row);
        await audit(trx, { entity: 'adoption', entityId: after.id, action: before ? 'update' : 'create', before: before ? toAdoption(before) : undefined, after });
        return after;
      });
    },
    'adoptions:delete': async ({ id, version }) =>
      db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('adoption').selectAll().where('id', '=', id).executeTakeFirst();
        if (!before) throw notFound('Adopsi', 'Adoption', id);
        const record = { entities: ['adoption'], id, labelId: 'Adopsi', labelEn: 'Adoption' };
        await requireVersion(trx, record, version, before.version);
        const deleted = await trx.deleteFrom('adoption').where('id', '=', id).where('version', '=', before.version).executeTakeFirst();
        if (Number(deleted.numDeletedRows) !== 1) throw await staleEdit(trx, record, { read: before.version, current: (await trx.selectFrom('adoption').select('version').where('id', '=', id).executeTakeFirst())?.version });
        await audit(trx, { entity: 'adoption', entityId: id, action: 'delete', before: toAdoption(before) });
        return { deleted: true };
      }),

    'unavailability:list': async ({ specialistId, from, to }) => {
      let query = db.selectFrom('unavailability').selectAll().orderBy('start_date').orderBy('id');
      if (specialistId) query = query.where('specialist_id', '=', specialistId);
      if (from) query = query.where('end_date', '>=', from);
      if (to) query = query.where('start_date', '<=', to);
      return (await query.execute()).map(UNAVAILABILITY.toDomain);
    },
    'unavailability:create': async (input) => {
      await getEntity(db, SPECIALIST, input.specialistId);
      return insertEntity(db, UNAVAILABILITY, input);
    },
    'unavailability:update': async ({ id, version, changes }) => updateEntity(db, UNAVAILABILITY, id, changes, checkDates, version),
    'unavailability:delete': async ({ id, version }) => deleteEntity(db, UNAVAILABILITY, id, version),

    'holidays:list': async ({ from, to }) => {
      let query = db.selectFrom('holiday').selectAll().orderBy('date').orderBy('id');
      if (from) query = query.where('date', '>=', from);
      if (to) query = query.where('date', '<=', to);
      return (await query.execute()).map(HOLIDAY.toDomain);
    },
    'holidays:effective': async ({ from, to }) => {
      const years = await yearsWithoutDecree(db, from, to);
      return { holidays: await effectiveHolidays(db, from, to), yearsWithoutDecree: years, warnings: decreeWarnings(years) };
    },
    'holidays:create': async (input) => insertEntity(db, HOLIDAY, input),
    'holidays:update': async ({ id, version, changes }) => updateEntity(db, HOLIDAY, id, changes, undefined, version),
    'holidays:delete': async ({ id, version }) => deleteEntity(db, HOLIDAY, id, version),

    'requirements:list': async () => {
      const programme = await db.selectFrom('programme_requirement').selectAll().orderBy('specialty_id').execute();
      const own = await db.selectFrom('puskesmas_requirement').selectAll().orderBy('puskesmas_id').orderBy('specialty_id').execute();
      return [
        ...programme.map((r) => ({ specialtyId: r.specialty_id, puskesmasId: null, visitsPerMonth: r.visits_per_month })),
        ...own.map((r) => ({ specialtyId: r.specialty_id, puskesmasId: r.puskesmas_id, visitsPerMonth: r.visits_per_month })),
      ];
    },
    'requirements:set': async ({ specialtyId, puskesmasId, visitsPerMonth }) => {
      await requireSpecialty(specialtyId);
      if (puskesmasId) await getEntity(db, PUSKESMAS, puskesmasId);
      return db.transaction().execute(async (trx) => {
        if (puskesmasId === null) {
          await trx
            .insertInto('programme_requirement')
            .values({ specialty_id: specialtyId, visits_per_month: visitsPerMonth })
            .onConflict((oc) => oc.column('specialty_id').doUpdateSet({ visits_per_month: visitsPerMonth }))
            .execute();
        } else {
          await trx
            .insertInto('puskesmas_requirement')
            .values({ puskesmas_id: puskesmasId, specialty_id: specialtyId, visits_per_month: visitsPerMonth })
            .onConflict((oc) => oc.columns(['puskesmas_id', 'specialty_id']).doUpdateSet({ visits_per_month: visitsPerMonth }))
            .execute();
        }
        const after = { specialtyId, puskesmasId, visitsPerMonth };
        await audit(trx, { entity: 'requirement', entityId: `${puskesmasId ?? '*'}:${specialtyId}`, action: 'update', after });
        return after;
      });
    },

    'audit:list': async ({ entity, entityId, limit }) => {
      let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit);
      if (entity) query = query.where('entity', '=', entity);
      if (entityId) query = query.where('entity_id', '=', entityId);
      return (await query.execute()).map(toAuditEntry);
    },
  };
}

/** Used by app:info and the CLI's status. */
export async function countRows(ctx: AppContext) {
  const db = ctx.db.kysely;
  const count = async (table: 'specialty' | 'hospital' | 'specialist' | 'puskesmas' | 'adoption' | 'holiday' | 'unavailability' | 'visit') =>
    Number((await db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  // Active and inactive apart: a record switched off is kept for history but plans nothing.
  const split = async (table: 'specialty' | 'hospital' | 'specialist' | 'puskesmas') => {
    const rows = await db.selectFrom(table).select(['active', sql<number>`count(*)`.as('n')]).groupBy('active').execute();
    const of = (flag: number) => Number(rows.find((r) => r.active === flag)?.n ?? 0);
    return { active: of(1), inactive: of(0) };
  };
  const bySpecialty = await db
    .selectFrom('specialist')
    .innerJoin('specialty', 'specialty.id', 'specialist.specialty_id')
    .select(['specialty.code as code', sql<number>`count(*)`.as('n')])
    .where('specialist.active', '=', 1)
    .groupBy('specialty.code')
    .execute();
  const adoptions = await db
    .selectFrom('adoption')
    .innerJoin('specialist', 'specialist.id', 'adoption.specialist_id')
    .innerJoin('puskesmas', 'puskesmas.id', 'adoption.puskesmas_id')
    .select(countWhere(sql`specialist.active = 1 AND puskesmas.active = 1`).as('active'))
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  const [specialties, hospitals, specialists, puskesmas] = await Promise.all([split('specialty'), split('hospital'), split('specialist'), split('puskesmas')]);
  const activeAdoptions = Number(adoptions.active ?? 0);
  return {
    specialties: specialties.active,
    hospitals: hospitals.active,
    specialists: specialists.active,
    specialistsBySpecialty: Object.fromEntries(bySpecialty.map((r) => [r.code, Number(r.n)])),
    puskesmas: puskesmas.active,
    adoptions: activeAdoptions,
    holidays: await count('holiday'),
    unavailability: await count('unavailability'),
    visits: await count('visit'),
    /** Records switched off (adoptions: of an inactive specialist or puskesmas). */
    inactive: {
      specialties: specialties.inactive,
      hospitals: hospitals.inactive,
      specialists: specialists.inactive,
      puskesmas: puskesmas.inactive,
      adoptions: Number(adoptions.n) - activeAdoptions,
    },
  };
}
