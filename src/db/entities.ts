// Create, update, delete and list for the master-data tables, each in one transaction with
// its audit entry. The tables differ only in columns and mapping, so one helper serves all.
import type { Kysely } from 'kysely';
import { notFound } from '../contract/errors';
import { audit } from './audit';
import { inTransaction } from './tx';
import { requireVersion, staleEdit, type VersionedRecord } from './versions';
import {
  HOLIDAY_COLUMNS,
  HOSPITAL_COLUMNS,
  PUSKESMAS_COLUMNS,
  SPECIALIST_COLUMNS,
  SPECIALTY_COLUMNS,
  UNAVAILABILITY_COLUMNS,
  columnsOf,
  toHoliday,
  toHospital,
  toPuskesmas,
  toSpecialist,
  toSpecialty,
  toUnavailability,
} from './mappers';
import type { Database } from './schema';

type EntityTable = 'specialty' | 'hospital' | 'specialist' | 'puskesmas' | 'unavailability' | 'holiday';

export interface EntityDef<T> {
  table: EntityTable;
  labelId: string;
  labelEn: string;
  columns: Record<string, string>;
  toDomain: (row: any) => T;
  orderBy: string;
}

export const SPECIALTY = { table: 'specialty', labelId: 'Spesialisasi', labelEn: 'Specialty', columns: SPECIALTY_COLUMNS, toDomain: toSpecialty, orderBy: 'id' } satisfies EntityDef<unknown>;
export const HOSPITAL = { table: 'hospital', labelId: 'Rumah sakit', labelEn: 'Hospital', columns: HOSPITAL_COLUMNS, toDomain: toHospital, orderBy: 'name' } satisfies EntityDef<unknown>;
export const SPECIALIST = { table: 'specialist', labelId: 'Dokter spesialis', labelEn: 'Specialist', columns: SPECIALIST_COLUMNS, toDomain: toSpecialist, orderBy: 'name' } satisfies EntityDef<unknown>;
export const PUSKESMAS = { table: 'puskesmas', labelId: 'Puskesmas', labelEn: 'Puskesmas', columns: PUSKESMAS_COLUMNS, toDomain: toPuskesmas, orderBy: 'name' } satisfies EntityDef<unknown>;
export const UNAVAILABILITY = { table: 'unavailability', labelId: 'Cuti/tugas', labelEn: 'Leave/duty', columns: UNAVAILABILITY_COLUMNS, toDomain: toUnavailability, orderBy: 'start_date' } satisfies EntityDef<unknown>;
export const HOLIDAY = { table: 'holiday', labelId: 'Hari libur', labelEn: 'Holiday', columns: HOLIDAY_COLUMNS, toDomain: toHoliday, orderBy: 'date' } satisfies EntityDef<unknown>;

// The helpers below are generic over the table, which Kysely's typed builder cannot express;
// the column maps above are the typed boundary.
type AnyDb = Kysely<any>;

export async function findEntity<T>(db: Kysely<Database>, def: EntityDef<T>, id: number): Promise<T | undefined> {
  const row = await (db as AnyDb).selectFrom(def.table).selectAll().where('id', '=', id).executeTakeFirst();
  return row ? def.toDomain(row) : undefined;
}

export async function getEntity<T>(db: Kysely<Database>, def: EntityDef<T>, id: number): Promise<T> {
  const found = await findEntity(db, def, id);
  if (found === undefined) throw notFound(def.labelId, def.labelEn, id);
  return found;
}

export async function listEntities<T>(db: Kysely<Database>, def: EntityDef<T>, includeInactive = true): Promise<T[]> {
  let query = (db as AnyDb).selectFrom(def.table).selectAll().orderBy(def.orderBy).orderBy('id');
  if (!includeInactive) query = query.where('active', '=', 1);
  return (await query.execute()).map(def.toDomain);
}

export async function insertEntity<T extends { id: number }>(db: Kysely<Database>, def: EntityDef<T>, values: Record<string, unknown>): Promise<T> {
  return inTransaction(db, async (trx) => {
    const row = await (trx as AnyDb).insertInto(def.table).values(columnsOf(values, def.columns)).returningAll().executeTakeFirstOrThrow();
    const created = def.toDomain(row);
    await audit(trx, { entity: def.table, entityId: created.id, action: 'create', after: created });
    return created;
  });
}

/** Every entity's domain object carries its row's version (see the mappers). */
const versionOf = (record: unknown): number => (record as { version: number }).version;

/** The record a conflict on this entity names. */
const recordOf = (def: EntityDef<unknown>, id: number): VersionedRecord => ({ entities: [def.table], id, labelId: def.labelId, labelEn: def.labelEn });

/**
 * Updates one record. `read` is the version the caller read (left out: the current one); the
 * update applies only while the record still has it, so a concurrent edit is refused, not lost.
 */
export async function updateEntity<T>(
  db: Kysely<Database>,
  def: EntityDef<T>,
  id: number,
  changes: Record<string, unknown>,
  check?: (after: T) => void,
  read?: number,
): Promise<T> {
  return inTransaction(db, async (trx) => {
    const before = await getEntity(trx, def, id);
    const version = versionOf(before);
    await requireVersion(trx, recordOf(def, id), read, version);
    const columns = columnsOf(changes, def.columns);
    if (Object.keys(columns).length > 0) {
      const result = await (trx as AnyDb)
        .updateTable(def.table)
        .set({ ...columns, version: version + 1 })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) {
        const now = await findEntity(trx, def, id);
        throw await staleEdit(trx, recordOf(def, id), { read: version, current: now === undefined ? undefined : versionOf(now) });
      }
    }
    const after = await getEntity(trx, def, id);
    check?.(after);
    await audit(trx, { entity: def.table, entityId: id, action: 'update', before, after });
    return after;
  });
}

export async function deleteEntity<T>(db: Kysely<Database>, def: EntityDef<T>, id: number, read?: number): Promise<{ deleted: boolean }> {
  return inTransaction(db, async (trx) => {
    const before = await getEntity(trx, def, id);
    await requireVersion(trx, recordOf(def, id), read, versionOf(before));
    const result = await (trx as AnyDb).deleteFrom(def.table).where('id', '=', id).where('version', '=', versionOf(before)).executeTakeFirst();
    if (Number(result.numDeletedRows) !== 1) {
      const now = await findEntity(trx, def, id);
      throw await staleEdit(trx, recordOf(def, id), { read: versionOf(before), current: now === undefined ? undefined : versionOf(now) });
    }
    await audit(trx, { entity: def.table, entityId: id, action: 'delete', before });
    return { deleted: true };
  });
}
