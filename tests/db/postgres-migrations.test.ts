// The PostgreSQL twins of the migrations: one for every SQLite migration, the same tables and
// columns, the same checks refusing the same bad rows, and the report fact triggers in step.
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index';
import { postgresMigrations } from '../../migrations/postgres/index';
import { openDatabase } from '../../src/db/connect';
import { databaseUrlFrom, openPostgresDatabase, type ServerDb } from '../../src/db/postgres';
import { freshPostgres, POSTGRES_REQUIRED, POSTGRES_TEST_URL, type TestPostgres } from '../fixtures/postgres';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function migratedServer(): Promise<ServerDb> {
  const database: TestPostgres = await freshPostgres({ template: null });
  cleanups.push(database.drop);
  const db = await openPostgresDatabase(database.url);
  cleanups.push(() => db.close());
  return db;
}

interface Column {
  table: string;
  column: string;
  type: string;
  notNull: boolean;
  hasDefault: boolean;
}

/** SQLite's declared types and PostgreSQL's, on one scale. */
const SQLITE_TYPES: Record<string, string> = { INTEGER: 'integer', TEXT: 'text', REAL: 'double precision' };

async function sqliteColumns(): Promise<Column[]> {
  const db = await openDatabase(':memory:', { create: true });
  try {
    const tables = (db.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    return tables.flatMap((table) =>
      (db.sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }[]).map((c) => ({
        table,
        column: c.name,
        type: SQLITE_TYPES[c.type] ?? c.type,
        // An INTEGER PRIMARY KEY is the rowid: never null, numbered when omitted (PostgreSQL: identity).
        notNull: c.notnull === 1 || c.pk > 0,
        hasDefault: c.dflt_value !== null || (c.pk === 1 && c.type === 'INTEGER' && isRowidAlias(db.sqlite, table)),
      })),
    );
  } finally {
    await db.close();
  }
}

function isRowidAlias(sqlite: BetterSqlite3.Database, table: string): boolean {
  const pkColumns = (sqlite.prepare(`PRAGMA table_info(${table})`).all() as { pk: number }[]).filter((c) => c.pk > 0).length;
  const createSql = (sqlite.prepare("SELECT sql FROM sqlite_master WHERE name = ?").get(table) as { sql: string }).sql;
  return pkColumns === 1 && !/WITHOUT ROWID/i.test(createSql) && /\bid INTEGER PRIMARY KEY,/.test(createSql);
}

async function postgresColumns(db: ServerDb): Promise<Column[]> {
  const { rows } = await sql<{ table: string; column: string; type: string; not_null: string; has_default: boolean }>`
    SELECT table_name AS table, column_name AS column, data_type AS type, is_nullable AS not_null,
           (column_default IS NOT NULL OR is_identity = 'YES') AS has_default
    FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`.execute(db.kysely);
  return rows.map((r) => ({ table: r.table, column: r.column, type: r.type, notNull: r.not_null === 'NO', hasDefault: r.has_default }));
}

const byName = (a: Column, b: Column) => `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`);

describe('PostgreSQL migrations', () => {
  it('every SQLite migration has a PostgreSQL twin of the same name, and no twin is without one', () => {
    expect(Object.keys(postgresMigrations).sort()).toEqual(Object.keys(migrations).sort());
  });

  it('a database URL comes from --database-url or ASUHAN_DATABASE_URL, and must be postgres://', () => {
    expect(databaseUrlFrom(undefined, {})).toBeUndefined();
    expect(databaseUrlFrom(undefined, { ASUHAN_DATABASE_URL: 'postgres://a@h/d' })).toBe('postgres://a@h/d');
    expect(databaseUrlFrom('postgresql://b@h/d', { ASUHAN_DATABASE_URL: 'postgres://a@h/d' })).toBe('postgresql://b@h/d');
    expect(() => databaseUrlFrom('mysql://u:secret@h/d', {})).toThrow(/postgres:\/\/.*u:\*\*\*@h/);
  });

  it('run in CI, where .ci/run starts a cluster', () => {
    if (POSTGRES_REQUIRED) expect(POSTGRES_TEST_URL, 'ASUHAN_TEST_DATABASE_URL must be set in CI').toBeTruthy();
  });
});

describe.skipIf(!POSTGRES_TEST_URL)('PostgreSQL migrations on a server', () => {
  it('apply in order on an empty database, and again change nothing', async () => {
    const db = await migratedServer();
    const { rows } = await sql<{ name: string }>`SELECT name FROM schema_migration ORDER BY name`.execute(db.kysely);
    expect(rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
    const instance = await sql<{ id: string }>`SELECT id FROM database_instance`.execute(db.kysely);
    expect(instance.rows).toHaveLength(1);
    expect(instance.rows[0]!.id).toMatch(/^[0-9a-f]{32}$/);
    const { migratePostgres } = await import('../../src/db/postgres');
    expect(await migratePostgres(db)).toEqual([]);
  });

  it('make the same tables and columns (types, nullability, defaults) as the SQLite file', async () => {
    const db = await migratedServer();
    const expected = (await sqliteColumns()).sort(byName);
    const actual = (await postgresColumns(db)).sort(byName);
    expect(actual).toEqual(expected);
  });

  it('the seeded rows match: topics and the core specialties aliases', async () => {
    const server = await migratedServer();
    const file = await openDatabase(':memory:', { create: true });
    cleanups.push(() => file.close());
    const topicsOnFile = await file.kysely.selectFrom('topic').select(['code', 'name_id', 'name_en', 'specialty_code', 'programme', 'required', 'active']).orderBy('code').execute();
    const topicsOnServer = await server.kysely.selectFrom('topic').select(['code', 'name_id', 'name_en', 'specialty_code', 'programme', 'required', 'active']).orderBy('code').execute();
    expect(topicsOnServer).toEqual(topicsOnFile);
    expect(topicsOnServer.length).toBeGreaterThan(30);
    const count = await server.kysely.selectFrom('topic').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(count.n).toBe(topicsOnServer.length); // a bigint count arrives as a number, as from SQLite
  });

  it('checks refuse what the SQLite checks refuse', async () => {
    const db = await migratedServer();
    const refused = (statement: string) => expect(sql.raw(statement).execute(db.kysely)).rejects.toThrow();
    await refused(`INSERT INTO setting (key, value) VALUES ('x', '{not json')`);
    await refused(`INSERT INTO holiday (date, name, kind) VALUES ('2026-02-30', 'Hari', 'libur')`);
    await refused(`INSERT INTO holiday (date, name, kind) VALUES ('2026-2-3', 'Hari', 'libur')`);
    await refused(`INSERT INTO specialty (code, name) VALUES ('Obgyn', 'Kandungan')`);
    await refused(`INSERT INTO specialty (code, name, aliases) VALUES ('x', 'X', '{}')`);
    await refused(`INSERT INTO plan (month, status) VALUES ('2026-13x', 'draft')`);
    await sql.raw(`INSERT INTO holiday (date, name, kind) VALUES ('2028-02-29', 'Kabisat', 'libur')`).execute(db.kysely);
    await sql.raw(`INSERT INTO setting (key, value) VALUES ('y', '{"a":1}')`).execute(db.kysely);
  });

  it('the report fact triggers keep topic and attendance facts in step with done visits', async () => {
    const db = await migratedServer();
    const k = db.kysely;
    const specialty = await k.selectFrom('specialty').select('id').executeTakeFirst();
    const specialtyId = specialty?.id ?? (await k.insertInto('specialty').values({ code: 'obgyn', name: 'Obgyn' } as never).returning('id').executeTakeFirstOrThrow()).id;
    const specialist = await k.insertInto('specialist').values({ name: 'dr. A', specialty_id: specialtyId } as never).returning('id').executeTakeFirstOrThrow();
    const puskesmas = await k.insertInto('puskesmas').values({ name: 'PKM Satu', opening_hours: '{}' } as never).returning('id').executeTakeFirstOrThrow();
    const other = await k.insertInto('puskesmas').values({ name: 'PKM Dua', opening_hours: '{}' } as never).returning('id').executeTakeFirstOrThrow();
    const visit = await k
      .insertInto('visit')
      .values({ uid: 'v1', date: '2026-02-18', start_time: '09:00', end_time: '11:00', specialist_id: specialist.id, puskesmas_id: puskesmas.id, specialty_id: specialtyId, status: 'planned' } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    await k.insertInto('visit_log').values({ visit_id: visit.id, outcome: 'done', actual_date: '2026-02-18', start_time: '09:00', end_time: '11:00' } as never).execute();
    const topic = await k.selectFrom('topic').select('id').where('code', '=', 'anc').executeTakeFirstOrThrow();
    await k.insertInto('visit_topic').values({ visit_id: visit.id, topic_id: topic.id }).execute();
    await k.insertInto('visit_attendee').values({ visit_id: visit.id, role: 'bidan', headcount: 4 } as never).execute();
    const facts = async () => ({
      topics: await k.selectFrom('topic_fact').selectAll().execute(),
      attendance: await k.selectFrom('attendance_fact').select(['puskesmas_id', 'role', 'date', 'headcount']).execute(),
    });
    expect(await facts()).toEqual({ topics: [], attendance: [] }); // not done yet

    await k.updateTable('visit').set({ status: 'done' }).where('id', '=', visit.id).execute();
    expect(await facts()).toEqual({
      topics: [{ puskesmas_id: puskesmas.id, topic_id: topic.id, date: '2026-02-18', visit_id: visit.id }],
      attendance: [{ puskesmas_id: puskesmas.id, role: 'bidan', date: '2026-02-18', headcount: 4 }],
    });

    await k.updateTable('visit').set({ puskesmas_id: other.id, date: '2026-02-19' }).where('id', '=', visit.id).execute();
    await k.updateTable('visit_attendee').set({ headcount: 6 }).where('visit_id', '=', visit.id).execute();
    expect(await facts()).toEqual({
      topics: [{ puskesmas_id: other.id, topic_id: topic.id, date: '2026-02-19', visit_id: visit.id }],
      attendance: [{ puskesmas_id: other.id, role: 'bidan', date: '2026-02-19', headcount: 6 }],
    });

    await k.deleteFrom('visit_topic').where('visit_id', '=', visit.id).execute();
    expect((await facts()).topics).toEqual([]);
    await k.deleteFrom('visit').where('id', '=', visit.id).execute();
    expect(await facts()).toEqual({ topics: [], attendance: [] });
  });

  it('refuse a database whose collation would sort text unlike SQLite, and one from a newer version', async () => {
    const wrongCollation = await freshPostgres({ locale: 'C.UTF-8', template: null });
    cleanups.push(wrongCollation.drop);
    await expect(openPostgresDatabase(wrongCollation.url)).rejects.toThrow(/kolasi C\.UTF-8.*--locale=C/);

    const db = await migratedServer();
    await sql`INSERT INTO schema_migration (name, applied_at) VALUES ('9999_future', '2030-01-01T00:00:00Z')`.execute(db.kysely);
    const url = (await sql<{ db: string }>`SELECT current_database() AS db`.execute(db.kysely)).rows[0]!.db;
    const target = new URL(POSTGRES_TEST_URL!);
    target.pathname = `/${url}`;
    await expect(openPostgresDatabase(target.toString())).rejects.toThrow(/versi Asuhan yang lebih baru.*9999_future/);
  });
});
