// Moving a district between databases and engines: from the coordinator's SQLite file to the
// server's PostgreSQL database and back. The dump is every row of every data table, as plain
// JSON values (both engines store the same shapes: integers, 0/1 flags, ISO text dates, JSON
// text). Left out: the migration record and the database's own id (they belong to the database,
// not the district) and the report fact tables, which the target's triggers rebuild from the rows.
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { AsuhanError } from '../contract/errors';
import type { AsuhanDb } from './connect';
import { schemaVersionOf } from './connect';
import type { Database } from './schema';

export const DISTRICT_DUMP_FORMAT = 'asuhan-district';

/** Every data table, parents before children, so rows insert in this order and delete in reverse. */
export const DISTRICT_TABLES = [
  'setting',
  'specialty',
  'topic',
  'hospital',
  'puskesmas',
  'holiday',
  'specialist',
  'adoption',
  'distance',
  'programme_requirement',
  'puskesmas_requirement',
  'unavailability',
  'plan',
  'visit',
  'visit_log',
  'visit_attendee',
  'visit_topic',
  'case_consult',
  'followup',
  'export_log',
  'ics_sent',
  'audit_log',
] as const;
export type DistrictTable = (typeof DISTRICT_TABLES)[number];

/** Columns that point at a later row of the same table: inserted empty, then set once every row is in. */
const SELF_REFERENCES: Partial<Record<DistrictTable, string[]>> = { visit: ['moved_to_visit_id', 'moved_from_visit_id'] };

type Row = Record<string, string | number | null>;

export interface DistrictDump {
  format: typeof DISTRICT_DUMP_FORMAT;
  version: 1;
  schemaLevel: string;
  exportedAt: string;
  districtName: string | null;
  tables: Record<DistrictTable, Row[]>;
}

const cell = z.union([z.string(), z.number(), z.null()]);
const dumpSchema = z.object({
  format: z.literal(DISTRICT_DUMP_FORMAT),
  version: z.literal(1),
  schemaLevel: z.string().min(1),
  exportedAt: z.string(),
  districtName: z.string().nullable(),
  tables: z.object(Object.fromEntries(DISTRICT_TABLES.map((table) => [table, z.array(z.record(z.string().regex(/^[a-z_][a-z0-9_]*$/), cell))])) as Record<DistrictTable, z.ZodArray<z.ZodRecord<z.ZodString, typeof cell>>>).strict(),
});

const BATCH = 200;

/** Every row of the district's database, for importDistrict on either engine. */
export async function exportDistrict(db: AsuhanDb, now: Date = new Date()): Promise<DistrictDump> {
  const schemaLevel = await schemaVersionOf(db);
  if (!schemaLevel) throw new AsuhanError('DB_MISSING', 'Database ini belum berisi data Asuhan.', 'This database holds no Asuhan data yet.');
  return db.kysely.transaction().execute(async (trx) => {
    const tables = {} as Record<DistrictTable, Row[]>;
    for (const table of DISTRICT_TABLES) {
      tables[table] = (await sql<Row>`SELECT * FROM ${sql.table(table)} ORDER BY 1, 2`.execute(trx)).rows;
    }
    const programme = tables.setting.find((row) => row.key === 'programme');
    let districtName: string | null = null;
    try {
      const parsed = JSON.parse(String(programme?.value ?? '{}')) as { districtName?: unknown };
      districtName = typeof parsed.districtName === 'string' ? parsed.districtName : null;
    } catch {
      // settings that are not JSON: the name stays unknown
    }
    return { format: DISTRICT_DUMP_FORMAT, version: 1, schemaLevel, exportedAt: now.toISOString(), districtName, tables };
  });
}

export interface DistrictImportResult {
  rows: number;
  byTable: Record<DistrictTable, number>;
}

/**
 * Puts a district's dump into a database that holds no district yet (only what `asuhan init`
 * seeds): one transaction, so a dump that does not fit changes nothing.
 */
export async function importDistrict(db: AsuhanDb, input: unknown): Promise<DistrictImportResult> {
  const parsed = dumpSchema.safeParse(input);
  if (!parsed.success) {
    const detail = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || '(berkas)'}: ${issue.message}`).join('; ');
    throw new AsuhanError('VALIDATION', `Berkas bukan ekspor kabupaten/kota Asuhan (${detail}). Tidak ada yang diubah.`, `The file is not an Asuhan district export (${detail}). Nothing was changed.`);
  }
  const dump = parsed.data as DistrictDump;
  const level = await schemaVersionOf(db);
  if (level !== dump.schemaLevel) {
    throw new AsuhanError(
      'DB_TOO_NEW',
      `Ekspor ini dari tingkat skema ${dump.schemaLevel}, database ini ${level ?? 'kosong'}: samakan versi Asuhan di kedua tempat dulu. Tidak ada yang diubah.`,
      `This export is at schema level ${dump.schemaLevel}, this database at ${level ?? 'none'}: run the same Asuhan version in both places first. Nothing was changed.`,
    );
  }
  return db.kysely.transaction().execute(async (trx) => {
    await refuseIfHoldsDistrict(trx);
    for (const table of [...DISTRICT_TABLES].reverse()) await sql`DELETE FROM ${sql.table(table)}`.execute(trx);
    const byTable = {} as Record<DistrictTable, number>;
    for (const table of DISTRICT_TABLES) {
      const rows = dump.tables[table];
      const later = SELF_REFERENCES[table] ?? [];
      const linked = (row: Row) => later.some((column) => row[column] !== null && row[column] !== undefined);
      // A row written in two steps gets its exported version in the second step, which changes
      // it (from one above), so the version trigger, which bumps an update that leaves the version alone, keeps out.
      const versioned = (row: Row) => 'version' in row && linked(row);
      const first = rows.map((row) => ({ ...row, ...Object.fromEntries(later.map((column) => [column, null])), ...(versioned(row) ? { version: Number(row.version) + 1 } : {}) }));
      for (let i = 0; i < first.length; i += BATCH) {
        await (trx as unknown as Kysely<Record<string, Row>>).insertInto(table).values(first.slice(i, i + BATCH)).execute();
      }
      for (const row of rows) {
        const links = later.filter((column) => row[column] !== null && row[column] !== undefined);
        if (links.length === 0) continue;
        await (trx as unknown as Kysely<Record<string, Row>>)
          .updateTable(table)
          .set({ ...Object.fromEntries(links.map((column) => [column, row[column]!])), ...(versioned(row) ? { version: row.version! } : {}) })
          .where('id', '=', row.id!)
          .execute();
      }
      byTable[table] = rows.length;
    }
    if (db.engine === 'postgres') await advanceIdentities(trx);
    return { rows: Object.values(byTable).reduce((sum, n) => sum + n, 0), byTable };
  });
}

async function refuseIfHoldsDistrict(trx: Kysely<Database>): Promise<void> {
  const count = async (table: 'puskesmas' | 'specialist' | 'visit') => Number((await trx.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const held = (await count('puskesmas')) + (await count('specialist')) + (await count('visit'));
  if (held > 0) {
    throw new AsuhanError(
      'CONFLICT',
      'Database ini sudah berisi data kabupaten/kota (puskesmas, dokter atau kunjungan); impor hanya ke database yang baru dibuat ("asuhan init"). Tidak ada yang diubah.',
      'This database already holds a district (puskesmas, specialists or visits); import only into a newly created one ("asuhan init"). Nothing was changed.',
    );
  }
}

/** Rows came with their ids: the next id PostgreSQL hands out must follow the largest. */
async function advanceIdentities(trx: Kysely<Database>): Promise<void> {
  const { rows } = await sql<{ table_name: string }>`SELECT table_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND column_name = 'id' AND is_identity = 'YES'`.execute(trx);
  const withIdentity = new Set(rows.map((row) => row.table_name));
  for (const table of DISTRICT_TABLES.filter((name) => withIdentity.has(name))) {
    await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), coalesce((SELECT max(id) FROM ${sql.table(table)}), 0) + 1, false)`.execute(trx);
  }
}
