// Migration 0008 (accounts) on both engines: a database from 0007 gains the three tables with its
// data untouched; the checks refuse the same bad rows on SQLite and PostgreSQL; and sign-in,
// lockout and feeds work the same through Kysely on a PostgreSQL server.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index';
import { APPLICATION_ID, appliedMigrations, openDatabase } from '../../src/db/connect';
import { openPostgresDatabase } from '../../src/db/postgres';
import type { Database } from '../../src/db/schema';
import { createUser, sessionCaller, signIn } from '../../src/server/accounts';
import { createFeed, feedByToken, revokeFeed } from '../../src/server/feeds';
import { freshPostgres, POSTGRES_TEST_URL } from '../fixtures/postgres';
import { TEST_TODAY, tempDir } from '../fixtures/temp-db';
import { TEST_COST } from './fixtures';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const BEFORE_0008 = Object.keys(migrations).filter((name) => name < '0008').sort();

/** Rows each engine must refuse. */
const BAD_ROWS = [
  `INSERT INTO app_user (login, display_name, password_hash, role) VALUES ('Admin', 'A', 'scrypt$ln=12,r=8,p=1$aaaa$bbbb', 'admin')`, // upper case
  `INSERT INTO app_user (login, display_name, password_hash, role) VALUES ('a b', 'A', 'scrypt$ln=12,r=8,p=1$aaaa$bbbb', 'admin')`,
  `INSERT INTO app_user (login, display_name, password_hash, role) VALUES ('-ab', 'A', 'scrypt$ln=12,r=8,p=1$aaaa$bbbb', 'admin')`,
  `INSERT INTO app_user (login, display_name, password_hash, role) VALUES ('root', 'A', 'scrypt$ln=12,r=8,p=1$aaaa$bbbb', 'superuser')`,
  `INSERT INTO app_user (login, display_name, password_hash, role) VALUES ('dr', 'A', 'scrypt$ln=12,r=8,p=1$aaaa$bbbb', 'specialist')`, // no specialist id
  `INSERT INTO app_user (login, display_name, password_hash, role) VALUES ('plain', 'A', 'short', 'viewer')`,
  `INSERT INTO user_session (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES ('abc', 1, 'x', 'x', 'x')`,
  `INSERT INTO calendar_feed (token_hash) VALUES ('abc')`,
];

describe('migration 0008 on SQLite', () => {
  it('adds users, sessions and feeds to a database from 0007, its data untouched', async () => {
    const dir = tempDir();
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'lama.db');
    const sqlite = new BetterSqlite3(file);
    const kysely = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
    await sql`CREATE TABLE schema_migration (name TEXT PRIMARY KEY NOT NULL, applied_at TEXT NOT NULL) STRICT`.execute(kysely);
    for (const name of BEFORE_0008) {
      await migrations[name]!.up(kysely);
      await sql`INSERT INTO schema_migration (name, applied_at) VALUES (${name}, '2026-01-01T00:00:00Z')`.execute(kysely);
    }
    await sql`INSERT INTO hospital (name) VALUES ('RSUD Lama')`.execute(kysely);
    await sql`INSERT INTO audit_log (entity, entity_id, action) VALUES ('hospital', '1', 'create')`.execute(kysely);
    sqlite.pragma(`application_id = ${APPLICATION_ID}`);
    await kysely.destroy();

    const db = await openDatabase(file);
    cleanups.push(() => db.close());
    expect(appliedMigrations(db.sqlite)).toContain('0008_accounts');
    expect(await db.kysely.selectFrom('hospital').select('name').execute()).toEqual([{ name: 'RSUD Lama' }]);
    expect(await db.kysely.selectFrom('audit_log').select('actor').execute()).toEqual([{ actor: 'koordinator' }]);
    expect(await db.kysely.selectFrom('app_user').selectAll().execute()).toEqual([]);
    for (const statement of BAD_ROWS) expect(() => db.sqlite.exec(statement), statement).toThrow(/constraint/i);
  });
});

describe.skipIf(!POSTGRES_TEST_URL)('migration 0008 on PostgreSQL', () => {
  async function server(): Promise<Kysely<Database>> {
    const database = await freshPostgres();
    cleanups.push(database.drop);
    const db = await openPostgresDatabase(database.url);
    cleanups.push(() => db.close());
    return db.kysely;
  }

  it('refuses the rows SQLite refuses', async () => {
    const db = await server();
    for (const statement of BAD_ROWS) await expect(sql.raw(statement).execute(db), statement).rejects.toThrow();
  });

  it('signs in, locks out, keeps sessions and serves feeds through the same code', async () => {
    const db = await server();
    const user = await createUser(db, { login: 'koor.jatim', displayName: 'Koordinator Jatim', role: 'coordinator', specialistId: null, password: 'rawon-setan-2026' }, { now: TEST_TODAY, cost: TEST_COST });
    expect(user).toMatchObject({ login: 'koor.jatim', role: 'coordinator', disabled: false, lockedUntil: null });
    const ok = await signIn(db, 'koor.jatim', 'rawon-setan-2026', TEST_TODAY);
    if (!ok.ok) throw ok.error;
    expect((await sessionCaller(db, ok.token, TEST_TODAY))?.login).toBe('koor.jatim');
    for (let i = 0; i < 5; i++) await signIn(db, 'koor.jatim', 'salah-terus-ya', TEST_TODAY);
    const locked = await signIn(db, 'koor.jatim', 'rawon-setan-2026', TEST_TODAY);
    expect(locked.ok).toBe(false);
    if (!locked.ok) expect(locked.error.messageEn).toMatch(/locked/);

    const feed = await createFeed(db, null, TEST_TODAY);
    const token = /\/feeds\/(.+)\.ics$/.exec(feed.path)![1]!;
    expect(await feedByToken(db, token, TEST_TODAY)).toMatch(/^BEGIN:VCALENDAR/);
    await revokeFeed(db, feed.id, TEST_TODAY);
    expect(await feedByToken(db, token, TEST_TODAY)).toBeNull();
  });
});
