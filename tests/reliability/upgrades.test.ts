// Every earlier migration level, filled with data, upgrades to the latest with nothing lost.
// Written over the migration list, so each new migration is covered without editing this file.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index';
import { backupDirFor, listBackups } from '../../src/db/backup';
import { METHOD_NAMES } from '../../src/contract/index';
import { LATEST_MIGRATION, appliedMigrations, openDatabase } from '../../src/db/connect';
import { createSqliteTestDb, tempDir, type SqliteTestDb } from '../fixtures/temp-db';
import { fileDigest, integrity, tableCounts, userTables } from './db-digest';
import { fillRichData } from './rich-data';

const NAMES = Object.keys(migrations).sort();
const EARLIER_LEVELS = NAMES.slice(0, -1).map((_, index) => index + 1); // k migrations applied, k < all

let source: SqliteTestDb;
let work: string;
beforeAll(async () => {
  source = await createSqliteTestDb({ demo: true });
  await fillRichData(source.db.sqlite, source.api, { plansAndExports: true });
  work = tempDir();
});
afterAll(async () => {
  await source.close();
  fs.rmSync(work, { recursive: true, force: true });
});

/** The same steps as migrateToLatest, stopped after `level` migrations. */
async function databaseAtLevel(file: string, level: number): Promise<void> {
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  const kysely = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
  await sql`CREATE TABLE IF NOT EXISTS schema_migration (name TEXT PRIMARY KEY NOT NULL, applied_at TEXT NOT NULL) STRICT`.execute(kysely);
  for (const name of NAMES.slice(0, level)) {
    await kysely.transaction().execute(async (trx) => {
      await migrations[name]!.up(trx);
      await sql`INSERT INTO schema_migration (name, applied_at) VALUES (${name}, '2025-01-01T00:00:00Z')`.execute(trx);
    });
  }
  await kysely.destroy();
}

function columnsOf(sqlite: BetterSqlite3.Database, table: string, schema = 'main'): string[] {
  return (sqlite.prepare(`SELECT name FROM pragma_table_info(?, ?)`).all(table, schema) as { name: string }[]).map((c) => c.name);
}

function orderOf(sqlite: BetterSqlite3.Database, table: string, columns: string[]): string {
  const { sql: ddl } = sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) as { sql: string };
  return /WITHOUT\s+ROWID/i.test(ddl) ? columns.map((_, i) => String(i + 1)).join(', ') : 'rowid';
}

/** Copies the rich source data into an older file: every table and column that level has. */
function copyProjection(file: string): Map<string, string[]> {
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('foreign_keys = OFF');
  sqlite.prepare('ATTACH DATABASE ? AS src').run(source.file);
  const kept = new Map<string, string[]>();
  // Tables that triggers write (report facts kept from the visit log) are copied last: copying
  // their sources fires the triggers, and the copy of the source's own rows then replaces that.
  const triggerSql = (sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger'").all() as { sql: string }[]).map((r) => r.sql).join('\n');
  const writtenByTriggers = (table: string) => new RegExp(`(INTO|UPDATE|DELETE\\s+FROM)\\s+"?${table}"?[\\s(]`, 'i').test(triggerSql);
  const tables = userTables(sqlite).filter((t) => t !== 'schema_migration');
  const ordered = [...tables.filter((t) => !writtenByTriggers(t)), ...tables.filter(writtenByTriggers)];
  const copy = sqlite.transaction(() => {
    for (const table of ordered) {
      const sourceColumns = new Set(columnsOf(sqlite, table, 'src'));
      const columns = columnsOf(sqlite, table).filter((c) => sourceColumns.has(c));
      kept.set(table, columns);
      if (columns.length === 0) continue;
      const list = columns.map((c) => `"${c}"`).join(', ');
      sqlite.exec(`DELETE FROM main."${table}"`); // rows a migration seeded itself come from the source too
      sqlite.exec(`INSERT INTO main."${table}" (${list}) SELECT ${list} FROM src."${table}" ORDER BY ${orderOf(sqlite, table, columns)}`);
    }
  });
  copy();
  sqlite.exec('DETACH DATABASE src');
  sqlite.close();
  return kept;
}

function projection(file: string, kept: Map<string, string[]>): Map<string, { rows: number; digest: string; sample: unknown }> {
  const sqlite = new BetterSqlite3(file, { readonly: true });
  const result = new Map<string, { rows: number; digest: string; sample: unknown }>();
  for (const [table, columns] of kept) {
    if (columns.length === 0) continue;
    const rows = sqlite.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}" ORDER BY ${orderOf(sqlite, table, columns)}`).all();
    result.set(table, { rows: rows.length, digest: crypto.createHash('sha256').update(JSON.stringify(rows)).digest('hex'), sample: rows[Math.floor(rows.length / 2)] });
  }
  sqlite.close();
  return result;
}

describe('upgrades', () => {
  it('the rich data touches the tables it should', () => {
    const logged = (METHOD_NAMES as string[]).includes('visit-log:save') ? (source.db.sqlite.prepare('SELECT count(*) AS n FROM visit_log').get() as { n: number }).n : 1;
    expect(logged).toBeGreaterThan(0);
    const counts = source.db.sqlite.prepare("SELECT (SELECT count(*) FROM visit) AS visits, (SELECT count(*) FROM puskesmas) AS puskesmas, (SELECT count(*) FROM audit_log) AS audit").get() as Record<string, number>;
    expect(counts.visits).toBeGreaterThan(100);
    expect(counts.puskesmas).toBe(45);
    const empty = Object.entries(tableCounts(source.db.sqlite)).filter(([, n]) => n === 0).map(([table]) => table);
    console.info(`upgrades: tables left empty by the rich data: ${empty.join(', ') || 'none'}`);
  });

  it.each(EARLIER_LEVELS)('from level %i (of all migrations) to the latest, nothing lost', async (level) => {
    const file = path.join(work, `level-${level}.db`);
    await databaseAtLevel(file, level);
    const kept = copyProjection(file);
    const before = projection(file, kept);
    const contentBefore = fileDigest(file);
    expect([...before.values()].some((t) => t.rows > 0)).toBe(true);

    const db = await openDatabase(file);
    expect(appliedMigrations(db.sqlite)).toEqual(NAMES);
    expect(integrity(db.sqlite)).toBe('ok');
    expect(db.sqlite.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    await db.close();

    const after = projection(file, kept);
    for (const [table, was] of before) {
      expect(after.get(table)?.rows, `${table} rows`).toBe(was.rows);
      expect(after.get(table)?.sample, `${table} sample row`).toEqual(was.sample);
      expect(after.get(table)?.digest, `${table} content`).toBe(was.digest);
    }
    // The migration was preceded by a backup holding exactly the old level.
    const backups = listBackups(backupDirFor(file)).filter((b) => b.reason.startsWith('before-migration'));
    expect(backups).toHaveLength(1);
    expect(fileDigest(backups[0]!.file)).toBe(contentBefore);
    fs.rmSync(backupDirFor(file), { recursive: true, force: true });
  });

  it.each([
    ['WAL', 'wal'],
    ['rollback-journal (a backup copy)', 'delete'],
  ])('a database from a newer app (%s) is refused with DB_TOO_NEW and left byte-for-byte unchanged', async (_label, mode) => {
    const dir = tempDir();
    try {
      const file = path.join(dir, 'asuhan.db');
      fs.copyFileSync(source.file, file); // the source is open in WAL mode: copy its -wal too
      if (fs.existsSync(`${source.file}-wal`)) fs.copyFileSync(`${source.file}-wal`, `${file}-wal`);
      const sqlite = new BetterSqlite3(file);
      sqlite.prepare("INSERT INTO schema_migration (name, applied_at) VALUES ('9999_from_a_newer_version', '2030-01-01T00:00:00Z')").run();
      sqlite.pragma(`journal_mode = ${mode}`);
      sqlite.close();
      const files = fs.readdirSync(dir).sort();
      const bytes = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

      const error = await openDatabase(file).then(() => null, (e: unknown) => e);
      expect(error).toMatchObject({ code: 'DB_TOO_NEW' });
      expect((error as { messageEn: string }).messageEn).toMatch(/newer Asuhan.*9999_from_a_newer_version.*Update the app/);
      expect((error as { message: string }).message).toMatch(/lebih baru/);
      expect(crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')).toBe(bytes);
      expect(fs.readdirSync(dir).sort()).toEqual(files);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the latest level is what a fresh database gets', () => {
    expect(LATEST_MIGRATION).toBe(NAMES.at(-1));
  });
});
