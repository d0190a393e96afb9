// PostgreSQL twin of migration 0005: each specialty's aliases (a JSON array of text), the two
// core specialties' everyday words copied from the SQLite migration. Frozen.
import { sql, type Kysely } from 'kysely';

const CORE_ALIASES: Record<string, string[]> = {
  obgyn: ['Obgyn', 'Obsgin', 'Obsgyn', 'OBGYN', 'Kandungan', 'Kebidanan dan Kandungan', 'Kebidanan', 'Sp.OG', 'Sp.OG(K)', 'SpOG', 'Spesialis Obstetri dan Ginekologi', 'Spesialis Kandungan', 'Obstetri dan Ginekologi'],
  pediatric: ['Anak', 'Sp.A', 'Sp.A(K)', 'SpA', 'Pediatri', 'Pediatrik', 'Spesialis Anak', 'Dokter Anak', 'Ilmu Kesehatan Anak'],
};

export async function up(db: Kysely<any>): Promise<void> {
  // SQLite's json_valid(x) AND json_type(x) = 'array', in one function so an invalid text cannot reach the cast.
  await sql.raw(`CREATE FUNCTION asuhan_json_array(value text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
   BEGIN
     RETURN jsonb_typeof(value::jsonb) = 'array';
   EXCEPTION WHEN others THEN
     RETURN false;
   END $$`).execute(db);
  await sql`ALTER TABLE specialty ADD COLUMN aliases TEXT NOT NULL DEFAULT '[]' CHECK (asuhan_json_array(aliases))`.execute(db);
  for (const [code, aliases] of Object.entries(CORE_ALIASES)) {
    await sql`UPDATE specialty SET aliases = ${JSON.stringify(aliases)} WHERE code = ${code} AND aliases = '[]'`.execute(db);
  }
}
