// Migration 0005: the words coordinators use for a specialty ("Kandungan", "Sp.OG(K)", "Anak"),
// so imports recognise them. Each specialty lists its own aliases (a JSON array of text); the
// two core specialties get the everyday words here. Frozen: the lists are copied, not imported.
import { sql, type Kysely } from 'kysely';

const CORE_ALIASES: Record<string, string[]> = {
  obgyn: ['Obgyn', 'Obsgin', 'Obsgyn', 'OBGYN', 'Kandungan', 'Kebidanan dan Kandungan', 'Kebidanan', 'Sp.OG', 'Sp.OG(K)', 'SpOG', 'Spesialis Obstetri dan Ginekologi', 'Spesialis Kandungan', 'Obstetri dan Ginekologi'],
  pediatric: ['Anak', 'Sp.A', 'Sp.A(K)', 'SpA', 'Pediatri', 'Pediatrik', 'Spesialis Anak', 'Dokter Anak', 'Ilmu Kesehatan Anak'],
};

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE specialty ADD COLUMN aliases TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases) AND json_type(aliases) = 'array')`.execute(db);
  for (const [code, aliases] of Object.entries(CORE_ALIASES)) {
    await sql`UPDATE specialty SET aliases = ${JSON.stringify(aliases)} WHERE code = ${code} AND aliases = '[]'`.execute(db);
  }
}
