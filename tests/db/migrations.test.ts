import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index';
import { APPLICATION_ID, LATEST_MIGRATION, appliedMigrations, openDatabase } from '../../src/db/connect';
import { listBackups, backupDirFor } from '../../src/db/backup';
import { tempDir } from '../fixtures/temp-db';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function freshPath(): string {
  const dir = tempDir();
  dirs.push(dir);
  return path.join(dir, 'asuhan.db');
}

function schemaOf(file: string): string[] {
  const sqlite = new BetterSqlite3(file, { readonly: true });
  try {
    return (sqlite.prepare("SELECT type || ' ' || name || ': ' || coalesce(sql, '') AS s FROM sqlite_master ORDER BY type, name").all() as { s: string }[]).map((r) => r.s);
  } finally {
    sqlite.close();
  }
}

describe('migrations', () => {
  it('apply in order on an empty file and mark it as an Asuhan database', async () => {
    const file = freshPath();
    const db = await openDatabase(file, { create: true });
    expect(appliedMigrations(db.sqlite)).toEqual(Object.keys(migrations).sort());
    expect(db.sqlite.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    await db.close();
  });

  it('re-run idempotently: opening again changes nothing and makes no backup', async () => {
    const file = freshPath();
    await (await openDatabase(file, { create: true })).close();
    const before = schemaOf(file);
    await (await openDatabase(file)).close();
    expect(schemaOf(file)).toEqual(before);
    expect(listBackups(backupDirFor(file)).filter((b) => b.file.includes('before-migration'))).toHaveLength(0);
  });

  it('names are numbered and sorted, the latest is known', () => {
    const names = Object.keys(migrations);
    expect(names).toEqual([...names].sort());
    for (const name of names) expect(name).toMatch(/^\d{4}_[a-z0-9_]+$/);
    expect(LATEST_MIGRATION).toBe(names.at(-1));
  });

  it('refuses a database from a newer version and leaves it untouched', async () => {
    const file = freshPath();
    await (await openDatabase(file, { create: true })).close();
    const raw = new BetterSqlite3(file);
    raw.prepare("INSERT INTO schema_migration (name, applied_at) VALUES ('9999_future', '2030-01-01')").run();
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    const bytes = fs.readFileSync(file);
    await expect(openDatabase(file)).rejects.toMatchObject({ code: 'DB_TOO_NEW' });
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('refuses a SQLite file that is not an Asuhan database', async () => {
    const file = freshPath();
    const other = new BetterSqlite3(file);
    other.exec('CREATE TABLE notes (x TEXT)');
    other.close();
    await expect(openDatabase(file)).rejects.toMatchObject({ code: 'DB_CORRUPT' });
  });

  it('refuses junk and missing files with clear errors', async () => {
    const file = freshPath();
    await expect(openDatabase(file)).rejects.toMatchObject({ code: 'DB_MISSING' });
    fs.writeFileSync(file, 'this is not a database, just text '.repeat(200));
    await expect(openDatabase(file)).rejects.toMatchObject({ code: 'DB_CORRUPT' });
  });
});
