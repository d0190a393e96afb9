// Restoring a server database from one of its pg_dump backups, with the SQLite restore's refusals
// and safety. Nothing is changed until every check has passed:
//  1. its own rows say what it is: schema_migration (an Asuhan dump, not from a newer Asuhan),
//     database_instance and the district (a dump of another database is refused unless confirmed);
//  2. the whole dump is read by pg_restore into an SQL script (a garbage or cut-short file fails here);
//  3. the script is restored into a scratch database, whose schema must equal what the migrations
//     make at the dump's level (postgres-schema-check.ts), and which must then open and migrate to
//     this app's level. A login that may not create databases skips this, said so, and then only
//     restores a dump from this database's own backups folder;
//  4. the live database is dumped ('before-restore');
//  5. psql runs, in ONE transaction: drop every table, view, sequence and function of the schema,
//     the script, and the live id put back. Any error rolls all of it back: the database is as it was.
// The script is written to a private file first rather than piped: a pipe from a pg_restore that
// fails midway would hand psql half a script, which it would then commit.
//
// Open sessions (the app's own pool, other servers, a CLI): idle connections stay valid and see the
// restored data on their next query. The restore takes an exclusive lock on each table as it drops
// it, so queries reaching that table meanwhile wait until it commits; a transaction left open elsewhere for more than
// LOCK_WAIT makes the restore give up, changing nothing. Nothing is cached from the old tables.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import crypto from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { postgresMigrations } from '../../migrations/postgres/index';
import { AsuhanError } from '../contract/errors';
import { audit } from './audit';
import type { BackupRecord } from './backup';
import { fingerprintDifferences, referenceFingerprint, schemaFingerprint } from './postgres-schema-check';
import { cleanStaleTemp, makePrivateTemp } from './private-temp';
import { migratePostgres, openPostgresDatabase, type ServerDb } from './postgres';
import { notRestorable, otherDistrictRefusal, sameDistrictName, type BackupOrigin, type LiveIdentity, type RestoreOptions, type RestoreResult } from './restore';
import { dumpServerDatabase, findPgDump } from './server-backup';

const run = promisify(execFile);
const LOCK_WAIT = '30s';

export interface ServerRestoreOptions extends RestoreOptions {
  /** How long to wait for another session's open transaction before giving up (default LOCK_WAIT). */
  lockWait?: string;
}
const TOOL_ENV = { PGCONNECT_TIMEOUT: '10' };

export interface ServerRestoreResult extends RestoreResult {
  /** Whether the dump was first restored and migrated in a scratch database (needs CREATEDB). */
  checkedOnScratch: boolean;
}

interface PgTools {
  pgRestore: string;
  psql: string;
}

function findPgTools(): PgTools {
  const pgDump = findPgDump();
  const dir = pgDump ? path.dirname(pgDump) : null;
  const pgRestore = dir ? path.join(dir, 'pg_restore') : null;
  const psql = dir ? path.join(dir, 'psql') : null;
  if (!pgRestore || !psql || !fs.existsSync(pgRestore) || !fs.existsSync(psql)) {
    throw new AsuhanError(
      'IMPORT',
      'pg_restore dan psql tidak ditemukan: database server dipulihkan dengan alat PostgreSQL (paket postgresql-client). Tidak ada yang diubah.',
      'pg_restore and psql were not found: a server database is restored with the PostgreSQL tools (package postgresql-client). Nothing was changed.',
    );
  }
  return { pgRestore, psql };
}

function stderrOf(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr?.trim() ?? '';
  // The error itself, not the notices before it.
  const errors = stderr.split('\n').filter((line) => /\b(ERROR|FATAL|error):/.test(line));
  const text = errors.join(' ') || stderr || (error instanceof Error ? error.message : String(error));
  return text.replace(/postgres(ql)?:\/\/[^\s@]*@/g, 'postgres://***@').slice(0, 300);
}

/** What the dump's own rows say about it. */
interface DumpFacts {
  migrations: string[];
  instance: string | null;
  district: string | null;
}

/** Text COPY format: tab-separated fields, \N for null, backslash escapes. */
function copyField(field: string): string | null {
  if (field === '\\N') return null;
  return field.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_, code: string) => {
    if (code[0] === 'x') return String.fromCharCode(parseInt(code.slice(1), 16));
    if (/^[0-7]/.test(code)) return String.fromCharCode(parseInt(code, 8));
    return ({ b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' } as Record<string, string>)[code] ?? code;
  });
}

/** The rows of each `COPY schema.table (cols) FROM stdin;` block, as objects by column. */
export function copyBlocks(script: string): Map<string, Record<string, string | null>[]> {
  const tables = new Map<string, Record<string, string | null>[]>();
  const lines = script.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const header = /^COPY (?:"?[\w]+"?\.)?"?(\w+)"? \(([^)]*)\) FROM stdin;$/.exec(lines[i]!);
    if (!header) continue;
    const columns = header[2]!.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
    const rows: Record<string, string | null>[] = [];
    for (i++; i < lines.length && lines[i] !== '\\.'; i++) {
      const fields = lines[i]!.split('\t').map(copyField);
      rows.push(Object.fromEntries(columns.map((column, n) => [column, fields[n] ?? null])));
    }
    tables.set(header[1]!, rows);
  }
  return tables;
}

async function factsOf(pgTools: PgTools, file: string, name: string): Promise<DumpFacts> {
  let listing: string;
  try {
    listing = (await run(pgTools.pgRestore, ['--list', file], { maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (error) {
    if (/end of file/.test(stderrOf(error))) throw notRestorable(name, `berkas rusak atau terpotong (${stderrOf(error)})`, `the file is damaged or cut short (${stderrOf(error)})`);
    throw notRestorable(name, `bukan cadangan pg_dump yang terbaca (${stderrOf(error)})`, `not a readable pg_dump backup (${stderrOf(error)})`);
  }
  if (!/ TABLE DATA \S+ schema_migration /.test(listing)) throw notRestorable(name, 'tidak ada daftar migrasi Asuhan di dalamnya', 'it holds no Asuhan migration list');
  const wanted = ['schema_migration', 'database_instance', 'setting'].filter((table) => new RegExp(` TABLE DATA \\S+ ${table} `).test(listing));
  let data: string;
  try {
    data = (await run(pgTools.pgRestore, ['--data-only', ...wanted.flatMap((t) => ['-t', t]), '-f', '-', file], { maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (error) {
    throw notRestorable(name, `berkas rusak atau terpotong (${stderrOf(error)})`, `the file is damaged or cut short (${stderrOf(error)})`);
  }
  const blocks = copyBlocks(data);
  const migrations = (blocks.get('schema_migration') ?? []).map((row) => row.name ?? '').filter(Boolean).sort();
  if (migrations.length === 0) throw notRestorable(name, 'tidak ada daftar migrasi Asuhan di dalamnya', 'it holds no Asuhan migration list');
  let district: string | null = null;
  try {
    const programme = (blocks.get('setting') ?? []).find((row) => row.key === 'programme')?.value;
    const parsed = JSON.parse(programme ?? '{}') as { districtName?: unknown };
    district = typeof parsed.districtName === 'string' && parsed.districtName.trim() !== '' ? parsed.districtName.trim() : null;
  } catch {
    // settings that are not JSON
  }
  return { migrations, instance: blocks.get('database_instance')?.[0]?.id ?? null, district };
}

function refuseNewerDump(facts: DumpFacts, name: string): void {
  const unknown = facts.migrations.filter((migration) => !(migration in postgresMigrations));
  if (unknown.length > 0) {
    throw new AsuhanError(
      'DB_TOO_NEW',
      `Cadangan ${name} dibuat oleh versi Asuhan yang lebih baru (migrasi ${unknown.join(', ')}). Perbarui aplikasi dulu; database sekarang tidak diubah.`,
      `Backup ${name} was made by a newer Asuhan (migrations ${unknown.join(', ')}). Update the app first; the current database was not changed.`,
    );
  }
}

function readRecord(file: string): BackupRecord | null {
  try {
    return JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as BackupRecord;
  } catch {
    return null;
  }
}

async function liveIdentityOf(db: ServerDb): Promise<LiveIdentity & { empty: boolean }> {
  const { rows } = await sql<{ present: string | null }>`SELECT to_regclass('schema_migration')::text AS present`.execute(db.kysely);
  if (!rows[0]?.present) return { path: db.label, instance: null, district: null, empty: true };
  const instance = await sql<{ id: string }>`SELECT id FROM database_instance LIMIT 1`.execute(db.kysely).catch(() => ({ rows: [] as { id: string }[] }));
  const setting = await sql<{ value: string }>`SELECT value FROM setting WHERE key = 'programme'`.execute(db.kysely).catch(() => ({ rows: [] as { value: string }[] }));
  let district: string | null = null;
  try {
    const parsed = JSON.parse(setting.rows[0]?.value ?? '{}') as { districtName?: unknown };
    district = typeof parsed.districtName === 'string' && parsed.districtName.trim() !== '' ? parsed.districtName.trim() : null;
  } catch {
    // settings that are not JSON
  }
  return { path: db.label, instance: instance.rows[0]?.id ?? null, district, empty: false };
}

/** As the SQLite restore decides: by the database's id, else the database it was dumped from, else the district. */
function originOf(facts: DumpFacts, record: BackupRecord | null, live: LiveIdentity & { empty: boolean }): BackupOrigin {
  const from = facts.instance ?? record?.databaseInstance ?? null;
  let sameDatabase: boolean;
  if (live.empty) sameDatabase = true; // nothing there to lose: as a missing SQLite file
  else if (from && live.instance) sameDatabase = from === live.instance;
  else if (record?.databasePath) sameDatabase = record.databasePath === live.path;
  else sameDatabase = sameDistrictName(facts.district, live.district);
  return { district: facts.district, databasePath: record?.databasePath ?? null, sameDatabase };
}

/** Drops every object of the schema, so the dump lands on nothing newer than itself. */
const clearSchema = (lockWait: string) => `
SET lock_timeout = '${lockWait.replace(/[^0-9a-z ]/gi, '')}';
SET client_min_messages = warning;
DO $asuhan$
DECLARE item record;
BEGIN
  FOR item IN
    SELECT c.relname, c.relkind FROM pg_class c
    WHERE c.relnamespace = current_schema()::text::regnamespace AND c.relkind IN ('v', 'm', 'r', 'p', 'f', 'S')
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
    ORDER BY CASE c.relkind WHEN 'v' THEN 0 WHEN 'm' THEN 1 WHEN 'S' THEN 3 ELSE 2 END
  LOOP
    EXECUTE format('DROP %s IF EXISTS %I CASCADE',
      CASE item.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
      item.relname);
  END LOOP;
  FOR item IN
    SELECT p.proname, pg_get_function_identity_arguments(p.oid) AS args, p.prokind FROM pg_proc p
    WHERE p.pronamespace = current_schema()::text::regnamespace
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format('DROP %s IF EXISTS %I(%s) CASCADE', CASE item.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END, item.proname, item.args);
  END LOOP;
END
$asuhan$;
`;

/** Runs the files through psql in one transaction; an error anywhere rolls all of them back. */
async function applyInOneTransaction(pgTools: PgTools, url: string, files: string[], variables: string[] = []): Promise<void> {
  const settings = ['ON_ERROR_STOP=1', ...variables].flatMap((v) => ['-v', v]);
  await run(pgTools.psql, ['-X', '-q', ...settings, '--single-transaction', ...files.flatMap((f) => ['-f', f]), `--dbname=${url}`], {
    env: { ...process.env, ...TOOL_ENV },
    maxBuffer: 64 * 1024 * 1024,
  });
}

function insideFolder(file: string, folder: string): boolean {
  const relative = path.relative(path.resolve(folder), path.resolve(file));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function urlWithDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

const INSUFFICIENT_PRIVILEGE = '42501';

/** A new empty database (collation C) on the same server; null when this login may not create one. */
async function createScratch(db: ServerDb, purpose: string): Promise<{ name: string; url: string } | null> {
  const name = `asuhan_restore_${purpose}_${crypto.randomBytes(5).toString('hex')}`;
  try {
    await sql.raw(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`).execute(db.kysely);
  } catch (error) {
    if ((error as { code?: string }).code === INSUFFICIENT_PRIVILEGE) return null;
    throw error;
  }
  return { name, url: urlWithDatabase(db.url, name) };
}

async function dropScratch(db: ServerDb, name: string): Promise<void> {
  // A pool's end resolves before the server has seen its connections go.
  for (let i = 0; i < 40; i++) {
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = ${name}`.execute(db.kysely);
    if (Number(rows[0]?.n ?? 0) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await sql.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).execute(db.kysely).catch((error: unknown) => process.emitWarning(`Asuhan: scratch database ${name} was not dropped: ${String(error)}`));
}

async function fingerprintAt(url: string): Promise<string[]> {
  const kysely = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
  try {
    return await schemaFingerprint(kysely);
  } finally {
    await kysely.destroy();
  }
}

/** Schemas beyond the first district's: further districts (district_N) or anything else. */
async function otherSchemasAt(url: string): Promise<string[]> {
  const kysely = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
  try {
    const { rows } = await sql<{ name: string }>`SELECT nspname AS name FROM pg_namespace
      WHERE nspname NOT IN ('public', 'information_schema') AND nspname !~ '^pg_' ORDER BY nspname`.execute(kysely);
    return rows.map((row) => row.name);
  } finally {
    await kysely.destroy();
  }
}

/**
 * This restore checks one district's tables (the public schema); a server with further districts
 * in schemas of their own is not restored from here rather than restored unchecked.
 */
function severalDistricts(name: string, schemas: string[]): AsuhanError {
  const list = schemas.slice(0, 5).join(', ') + (schemas.length > 5 ? ` (+${schemas.length - 5})` : '');
  return notRestorable(
    name,
    `database ini atau cadangannya memuat lebih dari satu kabupaten/kota (skema ${list}); pemulihan dari sini memeriksa satu kabupaten/kota saja. Pindahkan kabupaten/kota satu per satu dengan "asuhan district export/import --district N"`,
    `this database or its backup holds more than one district (schemas ${list}); a restore from here checks one district only. Move districts one at a time with "asuhan district export/import --district N"`,
  );
}

/**
 * Restores the script into a scratch database, compares its schema with what Asuhan's migrations
 * make at the dump's level (built in a second scratch database), and opens it as the app would
 * (migrations to this level). False when this login may not create databases; an error otherwise.
 */
async function checkOnScratch(db: ServerDb, pgTools: PgTools, script: string, facts: DumpFacts, name: string, workDir: string): Promise<boolean> {
  const scratch = await createScratch(db, 'check');
  if (!scratch) return false;
  try {
    try {
      await applyInOneTransaction(pgTools, scratch.url, [script]);
    } catch (error) {
      throw notRestorable(name, `pg_restore/psql gagal memulihkannya ke database uji (${stderrOf(error)})`, `restoring it into a scratch database failed (${stderrOf(error)})`);
    }
    const schemas = await otherSchemasAt(scratch.url);
    if (schemas.length > 0) throw severalDistricts(name, schemas);
    const actual = await fingerprintAt(scratch.url);
    const reference = await createScratch(db, 'reference');
    if (!reference) return false;
    let expected: string[];
    try {
      expected = await referenceFingerprint(reference.url, facts.migrations);
    } finally {
      await dropScratch(db, reference.name);
    }
    const { extra, missing } = fingerprintDifferences(actual, expected);
    if (extra.length > 0 || missing.length > 0) {
      const level = facts.migrations.at(-1) as string;
      const list = (items: string[]) => items.slice(0, 3).join('; ') + (items.length > 3 ? ` (+${items.length - 3})` : '');
      const detailId = [extra.length ? `tambahan: ${list(extra)}` : '', missing.length ? `kurang: ${list(missing)}` : ''].filter(Boolean).join('; ');
      const detailEn = [extra.length ? `extra: ${list(extra)}` : '', missing.length ? `missing: ${list(missing)}` : ''].filter(Boolean).join('; ');
      throw notRestorable(
        name,
        `isinya tidak sama dengan database Asuhan pada tingkat ${level} (${detailId}); berkas ini bukan cadangan yang dibuat Asuhan atau sudah diubah`,
        `its schema is not what Asuhan has at level ${level} (${detailEn}); it was not made by Asuhan or has been altered`,
      );
    }
    let copy: ServerDb;
    try {
      copy = await openPostgresDatabase(scratch.url, { maxConnections: 1, backupDir: path.join(workDir, 'unused') });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw notRestorable(name, `hasil pemulihannya tidak bisa dibuka atau dimigrasi (${detail})`, `the restored copy cannot be opened or migrated (${detail})`);
    }
    await copy.close();
    return true;
  } finally {
    await dropScratch(db, scratch.name);
  }
}

/** Restores the pg_dump `file` into the open server database `db`: checked first, backed up, one transaction. */
export async function restoreServerDatabase(db: ServerDb, file: string, options: ServerRestoreOptions = {}): Promise<ServerRestoreResult> {
  const name = options.displayName ?? path.resolve(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new AsuhanError('NOT_FOUND', `Berkas cadangan ${name} tidak ditemukan. Database sekarang tidak diubah.`, `Backup file ${name} not found. The current database was not changed.`);
  }
  if (!stat.isFile()) throw notRestorable(name, 'itu bukan berkas biasa', 'it is not an ordinary file');
  const pgTools = findPgTools();
  const facts = await factsOf(pgTools, file, name);
  refuseNewerDump(facts, name);
  const record = readRecord(file);
  const liveSchemas = await otherSchemasAt(db.url);
  if (liveSchemas.length > 0) throw severalDistricts(name, liveSchemas);
  const live = await liveIdentityOf(db);
  const origin = originOf(facts, record, live);
  if (!origin.sameDatabase && !options.otherDistrict) throw otherDistrictRefusal(name, origin, live);

  // The script holds every row: a private folder beside the backups (0700), as on the PC.
  cleanStaleTemp(db.backupDir);
  const temp = makePrivateTemp(db.backupDir, 'restore');
  const workDir = temp.dir;
  try {
    const script = path.join(workDir, 'restore.sql');
    try {
      await run(pgTools.pgRestore, ['--clean', '--if-exists', '--no-owner', '-f', script, file]);
    } catch (error) {
      throw notRestorable(name, `berkas rusak atau terpotong (${stderrOf(error)})`, `the file is damaged or cut short (${stderrOf(error)})`);
    }
    const checkedOnScratch = await checkOnScratch(db, pgTools, script, facts, name, workDir);
    // Unchecked, only a dump this database's own backups folder holds (made by Asuhan's pg_dump) is restored.
    if (!checkedOnScratch && !insideFolder(file, db.backupDir)) {
      throw notRestorable(
        name,
        `isinya tidak bisa diperiksa karena pengguna database server tidak boleh membuat database sementara (CREATEDB); pulihkan salah satu cadangan database ini sendiri (${db.backupDir}), atau beri pengguna itu hak CREATEDB`,
        `its content cannot be checked because the server's database login may not create a scratch database (CREATEDB); restore one of this database's own backups (${db.backupDir}), or grant that login CREATEDB`,
      );
    }
    const safetyBackup = live.empty ? null : await dumpServerDatabase(db, 'before-restore', options.now);

    const clear = path.join(workDir, 'clear.sql');
    fs.writeFileSync(clear, clearSchema(options.lockWait ?? LOCK_WAIT));
    const files = [clear, script];
    // The restored data becomes this database's: it keeps the live database's id.
    const variables: string[] = [];
    if (live.instance && facts.instance && facts.instance !== live.instance) {
      const keep = path.join(workDir, 'keep-identity.sql');
      fs.writeFileSync(keep, `RESET search_path;\nUPDATE database_instance SET id = :'live_instance';\n`);
      files.push(keep);
      variables.push(`live_instance=${live.instance}`);
    }
    try {
      await applyInOneTransaction(pgTools, db.url, files, variables);
    } catch (error) {
      throw notRestorable(name, `pemulihan gagal dan dibatalkan seluruhnya (${stderrOf(error)})`, `the restore failed and was rolled back entirely (${stderrOf(error)})`);
    }
    const restoredLevel = facts.migrations.at(-1) as string;
    let migrated: string[];
    try {
      migrated = await migratePostgres(db);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      const before = safetyBackup ?? '-';
      throw new AsuhanError(
        'INTERNAL',
        `Database dipulihkan dari ${name} (tingkat skema ${restoredLevel}), tetapi migrasinya gagal: ${detail}. Data sebelum pemulihan ada di ${before}.`,
        `The database was restored from ${name} (schema level ${restoredLevel}), but migrating it failed: ${detail}. The data from before the restore is in ${before}.`,
      );
    }
    // A dump from before migration 0007 gets a new id when migrated; give it the live one back.
    if (live.instance && !facts.instance) await sql`UPDATE database_instance SET id = ${live.instance}`.execute(db.kysely);
    await db.kysely.transaction().execute((trx) =>
      audit(trx, {
        entity: 'database',
        entityId: path.basename(name).slice(0, 200),
        action: 'restore',
        after: { restoredFrom: name, safetyBackup, restoredLevel, migrated, fromDistrict: origin.district, otherDatabase: !origin.sameDatabase, checkedOnScratch },
      }),
    );
    return { restoredFrom: name, safetyBackup, setAside: null, restoredLevel, migrated, origin, checkedOnScratch };
  } finally {
    temp.dispose();
  }
}
