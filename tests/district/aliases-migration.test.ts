// Migration 0005 on a database from before it: the core specialties get the everyday words
// coordinators use, a specialty added as data starts with none, and imports recognise them.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index';
import { createApi } from '../../src/app/api';
import { createContext } from '../../src/app/context';
import { APPLICATION_ID, openDatabase } from '../../src/db/connect';
import { TEST_TODAY, tempDir } from '../fixtures/temp-db';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('migration 0005 (specialty aliases)', () => {
  it('gives the core specialties of an older database their everyday words', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'lama.db');
    const sqlite = new BetterSqlite3(file);
    const kysely = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
    await sql`CREATE TABLE schema_migration (name TEXT PRIMARY KEY NOT NULL, applied_at TEXT NOT NULL) STRICT`.execute(kysely);
    for (const name of ['0001_init', '0002_visit_log', '0003_export_log', '0004_report_facts']) {
      await migrations[name]!.up(kysely);
      await sql`INSERT INTO schema_migration (name, applied_at) VALUES (${name}, '2025-01-01T00:00:00Z')`.execute(kysely);
    }
    await sql`INSERT INTO specialty (code, name, title, color) VALUES ('obgyn', 'Obstetri dan Ginekologi', 'Sp.OG', '#c2185b'), ('pediatric', 'Anak', 'Sp.A', '#1565c0'), ('cardiology', 'Jantung', 'Sp.JP', '#607d8b')`.execute(kysely);
    sqlite.pragma(`application_id = ${APPLICATION_ID}`);
    await kysely.destroy();

    const db = await openDatabase(file);
    try {
      const api = createApi(createContext(db, () => TEST_TODAY));
      const byCode = new Map((await api.client['specialties:list']({})).map((s) => [s.code, s.aliases]));
      expect(byCode.get('obgyn')).toEqual(expect.arrayContaining(['Kandungan', 'Obgyn', 'Obsgin', 'Sp.OG(K)', 'Spesialis Obstetri dan Ginekologi', 'Kebidanan dan Kandungan']));
      expect(byCode.get('pediatric')).toEqual(expect.arrayContaining(['Anak', 'Sp.A', 'Sp.A(K)', 'Pediatri', 'Spesialis Anak']));
      expect(byCode.get('cardiology')).toEqual([]);
      // The column only ever holds a JSON array.
      expect(() => db.sqlite.prepare("UPDATE specialty SET aliases = 'bukan json' WHERE code = 'cardiology'").run()).toThrow(/CHECK constraint/);
    } finally {
      await db.close();
    }
  });
});
