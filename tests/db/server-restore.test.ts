// Restoring a server database from its pg_dump backups: the same refusals as the SQLite restore
// (another database, a newer Asuhan, a garbage or cut-short file), a backup first, and one
// transaction: a refused or failed restore leaves every table as it was (equal digests).
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/app/api';
import { createContext } from '../../src/app/context';
import { main } from '../../src/cli/main';
import { AsuhanError } from '../../src/contract/errors';
import { LATEST_MIGRATION, openAnyDatabase, type AsuhanDb } from '../../src/db/connect';
import { databaseInstance } from '../../src/db/database-backup';
import { copyBlocks, restoreServerDatabase } from '../../src/db/postgres-restore';
import type { ServerDb } from '../../src/db/postgres';
import { dumpServerDatabase, findPgDump } from '../../src/db/server-backup';
import { postgresMigrations } from '../../migrations/postgres/index';
import { seedDemo } from '../../src/seed/demo';
import { databaseDigest } from '../fixtures/database-digest';
import { freshPostgres, POSTGRES_TEST_URL, type TestPostgres } from '../fixtures/postgres';
import { TEST_TODAY, tempDir } from '../fixtures/temp-db';

const dropped: TestPostgres[] = [];
const opened: AsuhanDb[] = [];
let dir: string;

async function seededServer(backupDir: string): Promise<{ server: TestPostgres; db: ServerDb }> {
  const server = await freshPostgres({ template: null });
  dropped.push(server);
  const db = (await openAnyDatabase({ file: path.join(dir, 'unused.db'), url: server.url }, { backupDir })) as ServerDb;
  opened.push(db);
  await seedDemo(db.kysely, '2026-02-18');
  return { server, db };
}

async function refusal(promise: Promise<unknown>): Promise<AsuhanError> {
  const error = await promise.then(
    () => new Error('restored, but a refusal was expected'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AsuhanError);
  return error as AsuhanError;
}

/** The digest without the restore's own audit row (which the restored data cannot hold). */
async function digestWithoutRestoreRecord(db: AsuhanDb): Promise<string> {
  await sql`DELETE FROM audit_log WHERE entity = 'database' AND action = 'restore'`.execute(db.kysely);
  return databaseDigest(db);
}

async function changeSomething(db: AsuhanDb): Promise<void> {
  await sql`UPDATE puskesmas SET name = name || ' (diubah)'`.execute(db.kysely);
  await sql`DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log ORDER BY id LIMIT 3)`.execute(db.kysely);
}

describe.skipIf(!POSTGRES_TEST_URL || !findPgDump())('restoring a server database', () => {
  let db: ServerDb;
  let backupDir: string;
  let backup: string;
  let backupDigest: string;
  beforeAll(async () => {
    dir = tempDir();
    backupDir = path.join(dir, 'backups');
    ({ db } = await seededServer(backupDir));
    backup = await dumpServerDatabase(db, 'manual');
    backupDigest = await databaseDigest(db);
  }, 120_000);
  afterAll(async () => {
    for (const each of opened) await each.close().catch(() => undefined);
    for (const server of dropped) await server.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads COPY rows with their escapes and nulls', () => {
    const rows = copyBlocks('COPY public.setting (key, value) FROM stdin;\nprogramme\t{"a":"x\\ty\\\\n"}\nother\t\\N\n\\.\n').get('setting');
    expect(rows).toEqual([
      { key: 'programme', value: '{"a":"x\ty\\n"}' },
      { key: 'other', value: null },
    ]);
  });

  it('brings back exactly the backup: every table, tables added since gone, a backup taken first, the same database id', async () => {
    const instance = await databaseInstance(db);
    await changeSomething(db);
    const changed = await databaseDigest(db);
    expect(changed).not.toBe(backupDigest);

    const api = createApi(createContext(db, () => TEST_TODAY)).client;
    const result = await api['backups:restore']({ file: path.basename(backup) });
    expect(result.restoredFrom).toBe(path.basename(backup));
    expect(result.restoredLevel).toBe(LATEST_MIGRATION);
    expect(result.otherDatabase).toBe(false);
    expect(result.safetyBackup).toMatch(/^asuhan-\d{8}-\d{6}-before-restore\.dump$/);
    const logged = await sql<{ n: number }>`SELECT count(*) AS n FROM audit_log WHERE entity = 'database' AND action = 'restore'`.execute(db.kysely);
    expect(logged.rows[0]?.n).toBe(1);
    expect(await databaseInstance(db)).toBe(instance);
    expect(await digestWithoutRestoreRecord(db)).toBe(backupDigest);
    // The app's pool keeps working on the restored tables.
    expect((await api['app:info']()).counts.puskesmas).toBeGreaterThan(0);

    // The safety backup holds the changed state: restoring it brings the change back.
    const again = await restoreServerDatabase(db, path.join(backupDir, result.safetyBackup!));
    expect(again.checkedOnScratch).toBe(true);
    expect(await digestWithoutRestoreRecord(db)).toBe(changed);
    await restoreServerDatabase(db, backup);
    expect(await digestWithoutRestoreRecord(db)).toBe(backupDigest);
    // A table added since is gone after the restore (its own safety dump, holding that table, is not Asuhan's schema and would be refused).
    await sql`CREATE TABLE added_later (id INTEGER PRIMARY KEY)`.execute(db.kysely);
    await restoreServerDatabase(db, backup);
    expect(await digestWithoutRestoreRecord(db)).toBe(backupDigest);
    // The script (every row) lived in the private folder beside the backups, now gone.
    expect(fs.existsSync(path.join(dir, '.backups.tmp'))).toBe(false);
  }, 120_000);

  it('refuses a dump of another database unless confirmed, and then keeps this database id', async () => {
    const other = await seededServer(path.join(dir, 'other-backups'));
    const otherDump = await dumpServerDatabase(other.db, 'manual');
    const before = await databaseDigest(db);
    const refused = await refusal(restoreServerDatabase(db, otherDump, { displayName: 'lain.dump' }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/lain\.dump berasal dari database lain/);
    expect(refused.message).toMatch(/--other-district/);
    expect(await databaseDigest(db)).toBe(before);

    const instance = await databaseInstance(db);
    const confirmed = await restoreServerDatabase(db, otherDump, { otherDistrict: true });
    expect(confirmed.origin.sameDatabase).toBe(false);
    expect(await databaseInstance(db)).toBe(instance);
    await restoreServerDatabase(db, backup);
    expect(await digestWithoutRestoreRecord(db)).toBe(backupDigest);
  }, 120_000);

  it('refuses a dump made by a newer Asuhan, a garbage file, a dump of another database and a cut-short dump, changing nothing', async () => {
    const newer = await seededServer(path.join(dir, 'newer-backups'));
    await sql`INSERT INTO schema_migration (name, applied_at) VALUES ('9999_from_the_future', '2030-01-01T00:00:00Z')`.execute(newer.db.kysely);
    await sql`UPDATE database_instance SET id = ${await databaseInstance(db)}`.execute(newer.db.kysely);
    const newerDump = path.join(dir, 'newer.dump');
    execFileSync(findPgDump()!, ['--format=custom', '--no-owner', `--file=${newerDump}`, `--dbname=${newer.server.url}`]);

    const garbage = path.join(dir, 'garbage.dump');
    fs.writeFileSync(garbage, crypto.randomBytes(5000));

    const foreign = await freshPostgres({ template: null });
    dropped.push(foreign);
    const client = new pg.Client({ connectionString: foreign.url });
    await client.connect();
    await client.query('CREATE TABLE notes (id int PRIMARY KEY, body text); INSERT INTO notes VALUES (1, $$x$$)');
    await client.end();
    const foreignDump = path.join(dir, 'foreign.dump');
    execFileSync(findPgDump()!, ['--format=custom', `--file=${foreignDump}`, `--dbname=${foreign.url}`]);

    const truncated = path.join(dir, 'truncated.dump');
    const whole = fs.readFileSync(backup);
    fs.writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length * 0.6)));

    const before = await databaseDigest(db);
    const backupsBefore = fs.readdirSync(backupDir).length;
    const tooNew = await refusal(restoreServerDatabase(db, newerDump));
    expect(tooNew.code).toBe('DB_TOO_NEW');
    expect(tooNew.message).toMatch(/9999_from_the_future/);
    const notADump = await refusal(restoreServerDatabase(db, garbage, { displayName: 'garbage.dump' }));
    expect(notADump.message).toMatch(/garbage\.dump tidak bisa dipulihkan: bukan cadangan pg_dump/);
    const notAsuhan = await refusal(restoreServerDatabase(db, foreignDump));
    expect(notAsuhan.message).toMatch(/tidak ada daftar migrasi Asuhan/);
    const cut = await refusal(restoreServerDatabase(db, truncated));
    expect(cut.message).toMatch(/rusak atau terpotong/);
    const missing = await refusal(restoreServerDatabase(db, path.join(dir, 'nowhere.dump')));
    expect(missing.code).toBe('NOT_FOUND');
    for (const error of [tooNew, notADump, notAsuhan, cut, missing]) expect(error.message).toMatch(/tidak diubah/);
    expect(await databaseDigest(db)).toBe(before);
    // Refused before the safety backup: no dump was made for nothing.
    expect(fs.readdirSync(backupDir).length).toBe(backupsBefore);
  }, 120_000);

  it('refuses a dump whose schema is not what Asuhan makes at its level (an extra trigger, a dropped index), changing nothing', async () => {
    const crafted = await seededServer(path.join(dir, 'crafted-backups'));
    await sql`UPDATE database_instance SET id = ${await databaseInstance(db)}`.execute(crafted.db.kysely);
    await sql.raw(`CREATE FUNCTION hapus_riwayat() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN DELETE FROM audit_log; RETURN NULL; END$$;
      CREATE TRIGGER hapus_riwayat AFTER INSERT ON puskesmas FOR EACH STATEMENT EXECUTE FUNCTION hapus_riwayat()`).execute(crafted.db.kysely);
    const withTrigger = path.join(dir, 'kiriman-pemicu.dump');
    execFileSync(findPgDump()!, ['--format=custom', '--no-owner', `--file=${withTrigger}`, `--dbname=${crafted.server.url}`]);
    await sql.raw('DROP TRIGGER hapus_riwayat ON puskesmas; DROP FUNCTION hapus_riwayat()').execute(crafted.db.kysely);
    const { rows } = await sql<{ name: string }>`SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND indexname NOT LIKE '%pkey' ORDER BY 1 LIMIT 1`.execute(crafted.db.kysely);
    await sql.raw(`DROP INDEX ${rows[0]!.name}`).execute(crafted.db.kysely);
    const withoutIndex = path.join(dir, 'tanpa-indeks.dump');
    execFileSync(findPgDump()!, ['--format=custom', '--no-owner', `--file=${withoutIndex}`, `--dbname=${crafted.server.url}`]);

    const before = await databaseDigest(db);
    const trigger = await refusal(restoreServerDatabase(db, withTrigger, { displayName: 'kiriman-pemicu.dump' }));
    expect(trigger.message).toMatch(/kiriman-pemicu\.dump tidak bisa dipulihkan: isinya tidak sama dengan database Asuhan/);
    expect(trigger.message).toMatch(/tambahan: .*hapus_riwayat/);
    const index = await refusal(restoreServerDatabase(db, withoutIndex));
    expect(index.message).toContain(`kurang: index CREATE INDEX ${rows[0]!.name}`);
    expect(await databaseDigest(db)).toBe(before);
  }, 120_000);

  it('rolls everything back when the restore fails midway (another session holds a table)', async () => {
    await changeSomething(db);
    const before = await databaseDigest(db);
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      // The restore drops tables in order; it waits on this one, gives up, and must undo the drops before it.
      await holder.query('LOCK TABLE visit IN ACCESS SHARE MODE');
      const failed = await refusal(restoreServerDatabase(db, backup, { lockWait: '1s' }));
      expect(failed.message).toMatch(/dibatalkan seluruhnya/);
      expect(failed.messageEn).toMatch(/lock timeout/);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    expect(await databaseDigest(db)).toBe(before);
    await restoreServerDatabase(db, backup);
    expect(await digestWithoutRestoreRecord(db)).toBe(backupDigest);
  }, 120_000);

  it('restores a dump of an older level and migrates it to this one (what the older level lacked is gone first)', async () => {
    const older = await freshPostgres({ template: null });
    dropped.push(older);
    // A database that stopped at the migration before the newest, as an older Asuhan left it.
    const partial = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: older.url, max: 1 }) }) });
    const names = Object.keys(postgresMigrations).sort();
    await sql.raw('CREATE TABLE schema_migration (name TEXT PRIMARY KEY NOT NULL, applied_at TEXT NOT NULL)').execute(partial);
    for (const name of names.slice(0, -1)) {
      await partial.transaction().execute(async (trx) => {
        await postgresMigrations[name]!.up(trx);
        await sql`INSERT INTO schema_migration (name, applied_at) VALUES (${name}, '2026-01-01T00:00:00Z')`.execute(trx);
      });
    }
    await sql`UPDATE database_instance SET id = ${await databaseInstance(db)}`.execute(partial);
    await partial.destroy();
    const olderDump = path.join(dir, 'older.dump');
    execFileSync(findPgDump()!, ['--format=custom', '--no-owner', `--file=${olderDump}`, `--dbname=${older.url}`]);

    const result = await restoreServerDatabase(db, olderDump);
    expect(result.restoredLevel).toBe(names.at(-2));
    expect(result.migrated).toEqual([LATEST_MIGRATION]);
    expect(result.checkedOnScratch).toBe(true);
    const level = await sql<{ name: string }>`SELECT max(name) AS name FROM schema_migration`.execute(db.kysely);
    expect(level.rows[0]?.name).toBe(LATEST_MIGRATION);
    const puskesmas = await sql<{ n: number }>`SELECT count(*) AS n FROM puskesmas`.execute(db.kysely);
    expect(puskesmas.rows[0]?.n).toBe(0);
    await restoreServerDatabase(db, backup);
    expect(await digestWithoutRestoreRecord(db)).toBe(backupDigest);
  }, 120_000);

  it('makes a query arriving during the restore wait, then read the restored rows (not an empty table)', async () => {
    await changeSomething(db);
    const reader = new pg.Client({ connectionString: db.url });
    const watcher = new pg.Client({ connectionString: db.url });
    await reader.connect();
    await watcher.connect();
    try {
      const restoring = restoreServerDatabase(db, backup);
      // Wait until psql's transaction holds the table (a query before that reads the old rows, which is as consistent), then ask.
      let holding = false;
      for (let i = 0; i < 2000 && !holding; i++) {
        const { rows } = await watcher.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
           WHERE a.application_name = 'psql' AND l.relation = 'puskesmas'::regclass AND l.mode = 'AccessExclusiveLock' AND l.granted`,
        );
        holding = Number(rows[0]?.n) > 0;
        if (!holding) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(holding).toBe(true);
      const during = reader.query<{ total: string; changed: string }>(`SELECT count(*) AS total, count(*) FILTER (WHERE name LIKE '%(diubah)') AS changed FROM puskesmas`);
      await restoring;
      const { rows } = await during;
      expect(Number(rows[0]?.total)).toBeGreaterThan(0);
      expect(Number(rows[0]?.changed)).toBe(0);
    } finally {
      await reader.end();
      await watcher.end();
    }
    expect(await digestWithoutRestoreRecord(db)).toBe(backupDigest);
  }, 120_000);

  it('restores an uploaded dump from the backups screen, and refuses an uploaded garbage file', async () => {
    await changeSomething(db);
    const api = createApi(createContext(db, () => TEST_TODAY)).client;
    const before = await databaseDigest(db);
    const garbage = await refusal(api['backups:restore']({ upload: { fileName: 'flashdisk.dump', base64: Buffer.from('PGDMP but not really').toString('base64') } }));
    expect(garbage.message).toMatch(/flashdisk\.dump tidak bisa dipulihkan/);
    expect(await databaseDigest(db)).toBe(before);
    const result = await api['backups:restore']({ upload: { fileName: 'flashdisk.dump', base64: fs.readFileSync(backup).toString('base64') } });
    expect(result.restoredFrom).toBe('flashdisk.dump');
    expect(result.otherDatabase).toBe(false);
    expect(await digestWithoutRestoreRecord(db)).toBe(backupDigest);
  }, 120_000);

  it('restores only its own backups, unchecked, when the server user may not create databases, and reports it', async () => {
    // The usual server set-up: a login that owns its database and nothing more.
    const role = `asuhan_plain_${crypto.randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: POSTGRES_TEST_URL });
    await admin.connect();
    const server = await freshPostgres({ template: null });
    dropped.push(server);
    try {
      await admin.query(`CREATE ROLE ${role} LOGIN NOCREATEDB NOSUPERUSER`);
      await admin.query(`ALTER DATABASE ${server.name} OWNER TO ${role}`);
      const url = new URL(server.url);
      url.username = role;
      const plain = (await openAnyDatabase({ file: path.join(dir, 'unused.db'), url: url.toString() }, { backupDir: path.join(dir, 'plain-backups') })) as ServerDb;
      opened.push(plain);
      await seedDemo(plain.kysely, '2026-02-18');
      const dump = await dumpServerDatabase(plain, 'manual');
      const digest = await databaseDigest(plain);
      await changeSomething(plain);
      // Unchecked, a file from elsewhere is refused; the database's own backup is restored.
      const elsewhere = path.join(dir, 'dari-luar.dump');
      fs.copyFileSync(dump, elsewhere);
      const unchecked = await refusal(restoreServerDatabase(plain, elsewhere, { displayName: 'dari-luar.dump' }));
      expect(unchecked.message).toMatch(/dari-luar\.dump tidak bisa dipulihkan: isinya tidak bisa diperiksa .*CREATEDB/);
      const result = await restoreServerDatabase(plain, dump);
      expect(result.checkedOnScratch).toBe(false);
      expect(await digestWithoutRestoreRecord(plain)).toBe(digest);
      await plain.close();
    } finally {
      await server.drop();
      dropped.splice(dropped.indexOf(server), 1);
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
    }
  }, 120_000);

  it('restores into an empty server database (a new server after a loss): no safety dump, nothing to refuse', async () => {
    const empty = await freshPostgres({ template: null });
    dropped.push(empty);
    const target = (await openAnyDatabase({ file: path.join(dir, 'unused.db'), url: empty.url }, { migrate: false, backupDir: path.join(dir, 'empty-backups') })) as ServerDb;
    opened.push(target);
    const result = await restoreServerDatabase(target, backup);
    expect(result.safetyBackup).toBeNull();
    expect(result.origin.sameDatabase).toBe(true);
    expect(await databaseInstance(target)).toBe(await databaseInstance(db));
    expect(await digestWithoutRestoreRecord(target)).toBe(backupDigest);
  }, 120_000);

  it('is what asuhan restore does with --database-url, by a name from the backups folder', async () => {
    await changeSomething(db);
    const env = { ASUHAN_BACKUP_DIR: path.join(dir, 'cli-backups') };
    const io = (out: string[], err: string[]) => ({ out: (l: string) => out.push(l), err: (l: string) => err.push(l), env, now: () => TEST_TODAY });
    const folder = path.join(env.ASUHAN_BACKUP_DIR, `postgres-${new URL(db.url).pathname.slice(1)}`);
    fs.mkdirSync(folder, { recursive: true });
    fs.copyFileSync(backup, path.join(folder, path.basename(backup)));
    const out: string[] = [];
    const err: string[] = [];
    expect(await main(['restore', path.basename(backup), '--database-url', db.url], io(out, err))).toBe(0);
    expect(out.join('\n')).toMatch(/Database dipulihkan dari asuhan-.*\.dump/);
    expect(out.join('\n')).toMatch(/dicadangkan di .*before-restore\.dump/);
    expect(await digestWithoutRestoreRecord(db)).toBe(backupDigest);

    const refusedOut: string[] = [];
    const refusedErr: string[] = [];
    const garbage = path.join(dir, 'cli-garbage.dump');
    fs.writeFileSync(garbage, 'not a dump');
    expect(await main(['restore', garbage, '--database-url', db.url], io(refusedOut, refusedErr))).not.toBe(0);
    expect(refusedErr.join('\n')).toMatch(/tidak bisa dipulihkan/);
    expect(await databaseDigest(db)).toBe(backupDigest);
  }, 120_000);
});
