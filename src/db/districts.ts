// The districts of one server database and who may work in which (migration 0010). The register
// lives in the server's own (first) district; on PostgreSQL each further district is a schema of
// its own holding the whole set of tables, made and migrated here. A PC's SQLite file is one district.
import { sql, type Kysely } from 'kysely';
import type { Caller } from '../app/caller';
import { AsuhanError, notFound } from '../contract/errors';
import { audit } from './audit';
import type { AsuhanDb } from './connect';
import type { Database } from './schema';

export interface DistrictRecord {
  id: number;
  schemaName: string;
  label: string;
  createdAt: string;
}

/** The first district: the database's own tables. */
export const HOME_DISTRICT_ID = 1;

export async function listDistrictRecords(home: Kysely<Database>): Promise<DistrictRecord[]> {
  const rows = await home.selectFrom('district').selectAll().orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, schemaName: row.schema_name, label: row.label, createdAt: row.created_at }));
}

/** The districts a user may open: every one for an admin, else those granted. */
export async function districtsOf(home: Kysely<Database>, caller: Caller): Promise<DistrictRecord[]> {
  const all = await listDistrictRecords(home);
  if (caller.role === 'admin') return all;
  // The PC's own coordinator (no account) works in its one district.
  if (caller.userId === null) return all.filter((d) => d.id === HOME_DISTRICT_ID);
  const granted = await home.selectFrom('user_district').select('district_id').where('user_id', '=', caller.userId).execute();
  const ids = new Set(granted.map((row) => row.district_id));
  return all.filter((d) => ids.has(d.id));
}

export async function grantsOf(home: Kysely<Database>): Promise<Map<number, number[]>> {
  const rows = await home.selectFrom('user_district').selectAll().orderBy('district_id').execute();
  const byUser = new Map<number, number[]>();
  for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row.district_id]);
  return byUser;
}

async function requireDistrict(home: Kysely<Database>, districtId: number): Promise<DistrictRecord> {
  const found = (await listDistrictRecords(home)).find((d) => d.id === districtId);
  if (!found) throw notFound('Kabupaten/kota', 'District', districtId);
  return found;
}

/** Gives a user the districts listed (replacing what they had); audited. */
export async function setGrants(home: Kysely<Database>, userId: number, districtIds: number[]): Promise<number[]> {
  for (const id of districtIds) await requireDistrict(home, id);
  const user = await home.selectFrom('app_user').select(['id', 'login', 'role']).where('id', '=', userId).executeTakeFirst();
  if (!user) throw notFound('Pengguna', 'User', userId);
  const unique = [...new Set(districtIds)].sort((a, b) => a - b);
  if (user.role === 'specialist' && unique.length !== 1) {
    throw new AsuhanError('VALIDATION', 'Akun dokter spesialis bekerja di tepat satu kabupaten/kota: kabupaten/kota dokternya.', "A specialist account works in exactly one district: its specialist's.");
  }
  return home.transaction().execute(async (trx) => {
    const before = (await trx.selectFrom('user_district').select('district_id').where('user_id', '=', userId).orderBy('district_id').execute()).map((r) => r.district_id);
    await trx.deleteFrom('user_district').where('user_id', '=', userId).execute();
    if (unique.length) await trx.insertInto('user_district').values(unique.map((district_id) => ({ user_id: userId, district_id }))).execute();
    await audit(trx, { entity: 'user', entityId: userId, action: 'update', before: { login: user.login, districts: before }, after: { login: user.login, districts: unique } });
    return unique;
  });
}

/**
 * Adds a district to a PostgreSQL server: its schema (district_<id>), migrated to the latest
 * level by `openSchema`, and its entry in the register. Empty, like a database `asuhan init` just
 * made: its own settings, time zone and letterhead come from its setup or a `district import`.
 */
export async function addDistrict(home: AsuhanDb, label: string, openSchema: (schema: string) => Promise<AsuhanDb>): Promise<DistrictRecord> {
  if (home.engine !== 'postgres') {
    throw new AsuhanError(
      'VALIDATION',
      'Berkas SQLite di PC memuat satu kabupaten/kota; beberapa kabupaten/kota dalam satu database memerlukan server PostgreSQL (--database-url).',
      'A PC\'s SQLite file holds one district; several districts in one database need a PostgreSQL server (--database-url).',
    );
  }
  const name = label.trim();
  if (!name || name.length > 200) throw new AsuhanError('VALIDATION', 'Nama kabupaten/kota wajib diisi (paling banyak 200 karakter).', 'The district name is required (at most 200 characters).');
  const taken = await home.kysely.selectFrom('district').select('id').where(sql`lower(label)`, '=', name.toLowerCase()).executeTakeFirst();
  if (taken) throw new AsuhanError('CONFLICT', `Kabupaten/kota "${name}" sudah ada (nomor ${taken.id}).`, `The district "${name}" already exists (number ${taken.id}).`);
  const next = await sql<{ id: number }>`SELECT nextval(pg_get_serial_sequence('district', 'id'))::int AS id`.execute(home.kysely);
  const id = next.rows[0]!.id;
  const schemaName = `district_${id}`;
  await sql`CREATE SCHEMA ${sql.id(schemaName)}`.execute(home.kysely);
  try {
    const district = await openSchema(schemaName);
    await district.close();
    const row = await home.kysely.transaction().execute(async (trx) => {
      const inserted = await trx.insertInto('district').values({ id, schema_name: schemaName, label: name }).returningAll().executeTakeFirstOrThrow();
      await audit(trx, { entity: 'district', entityId: id, action: 'create', after: { label: name, schema: schemaName } });
      return inserted;
    });
    return { id: row.id, schemaName: row.schema_name, label: row.label, createdAt: row.created_at };
  } catch (error) {
    // Nothing half-made stays behind: no register entry means the schema goes too.
    await sql`DROP SCHEMA IF EXISTS ${sql.id(schemaName)} CASCADE`.execute(home.kysely);
    throw error;
  }
}

export async function renameDistrict(home: Kysely<Database>, districtId: number, label: string): Promise<DistrictRecord> {
  const before = await requireDistrict(home, districtId);
  const name = label.trim();
  if (!name || name.length > 200) throw new AsuhanError('VALIDATION', 'Nama kabupaten/kota wajib diisi (paling banyak 200 karakter).', 'The district name is required (at most 200 characters).');
  await home.transaction().execute(async (trx) => {
    await trx.updateTable('district').set({ label: name }).where('id', '=', districtId).execute();
    await audit(trx, { entity: 'district', entityId: districtId, action: 'update', before: { label: before.label }, after: { label: name } });
  });
  return { ...before, label: name };
}
