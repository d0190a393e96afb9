// Backups of a server database: PostgreSQL's own pg_dump (custom format, what pg_restore reads),
// never a copy the app invents. Each dump has a small JSON record beside it saying when, why,
// from which database (the id of migration 0007) and which district, as the SQLite backups carry
// inside them. The same retention as on the PC applies. Without pg_dump no backup is pretended:
// the change that wanted one is refused with the package to install.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { userDataDir } from '../app/paths';
import { APP_VERSION } from '../app/version';
import { AsuhanError } from '../contract/errors';
import { fileSystemError } from '../files/errors';
import type { BackupEntry, BackupRecord } from './backup';
import type { ServerDb } from './postgres';
import { keptBackups } from './retention';

const run = promisify(execFile);
export const BACKUP_DIR_ENV = 'ASUHAN_BACKUP_DIR';
const DUMP_NAME = /^asuhan-(\d{8})-(\d{6})-([a-z0-9-]*?)(?:-\d+)?\.dump$/i;
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/** The dumps' folder: ASUHAN_BACKUP_DIR (or the app's data folder) / backups / <database name>. */
export function serverBackupDirFor(url: string, env: NodeJS.ProcessEnv = process.env): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
  const base = env[BACKUP_DIR_ENV] || path.join(userDataDir(process.platform, env), 'backups');
  return path.join(base, `postgres-${name.replace(/[^A-Za-z0-9_.-]/g, '_')}`);
}

/** pg_dump on PATH, else the newest of Debian's /usr/lib/postgresql/<major>/bin; null when absent. */
export function findPgDump(env: NodeJS.ProcessEnv = process.env): string | null {
  const onPath = (env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, 'pg_dump'));
  let debian: string[] = [];
  try {
    debian = fs
      .readdirSync('/usr/lib/postgresql')
      .filter((major) => /^\d+$/.test(major))
      .sort((a, b) => Number(b) - Number(a))
      .map((major) => path.join('/usr/lib/postgresql', major, 'bin', 'pg_dump'));
  } catch {
    // not Debian's layout
  }
  return [...onPath, ...debian].find((file) => fs.existsSync(file)) ?? null;
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
}

async function recordOf(db: ServerDb, reason: string, now: Date): Promise<BackupRecord> {
  const instance = await sql<{ id: string }>`SELECT id FROM database_instance LIMIT 1`.execute(db.kysely);
  const district = await sql<{ value: string }>`SELECT value FROM setting WHERE key = 'programme'`.execute(db.kysely);
  const level = await sql<{ name: string | null }>`SELECT max(name) AS name FROM schema_migration`.execute(db.kysely);
  let districtName: string | null = null;
  try {
    const parsed = JSON.parse(district.rows[0]?.value ?? '{}') as { districtName?: unknown };
    districtName = typeof parsed.districtName === 'string' && parsed.districtName.trim() !== '' ? parsed.districtName.trim() : null;
  } catch {
    // settings that are not JSON
  }
  return {
    madeAt: now.toISOString(),
    reason,
    databasePath: db.label,
    databaseInstance: instance.rows[0]?.id ?? null,
    districtName,
    schemaLevel: level.rows[0]?.name ?? null,
    appVersion: APP_VERSION,
  };
}

/** Dumps the server database into its backups folder under a new name, then applies the retention. */
export async function dumpServerDatabase(db: ServerDb, reason: string, now: Date = new Date()): Promise<string> {
  const pgDump = findPgDump();
  if (!pgDump) {
    throw new AsuhanError(
      'IMPORT',
      'pg_dump tidak ditemukan: cadangan database server dibuat dengan alat PostgreSQL (paket postgresql-client). Tidak ada cadangan yang dibuat dan tidak ada yang diubah.',
      'pg_dump was not found: server database backups are made with the PostgreSQL tools (package postgresql-client). No backup was made and nothing was changed.',
    );
  }
  const folder = db.backupDir;
  try {
    fs.mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw fileSystemError(error, folder, 'folder');
  }
  const record = await recordOf(db, reason, now);
  const base = `asuhan-${stamp(now)}-${reason.replace(/[^a-z0-9-]/gi, '-').slice(0, 40)}`;
  const partial = path.join(folder, `${base}.${process.pid}-${Math.random().toString(36).slice(2, 10)}.partial`);
  try {
    await run(pgDump, ['--format=custom', '--no-owner', `--file=${partial}`, `--dbname=${db.url}`], { env: { ...process.env, PGCONNECT_TIMEOUT: '10' } });
  } catch (error) {
    fs.rmSync(partial, { force: true });
    const detail = (error as { stderr?: string }).stderr?.trim() || (error instanceof Error ? error.message : String(error));
    throw new AsuhanError('IMPORT', `pg_dump gagal; tidak ada yang diubah (${detail.slice(0, 300)}).`, `pg_dump failed; nothing was changed (${detail.slice(0, 300)}).`);
  }
  let file = '';
  for (let n = 1; ; n++) {
    file = path.join(folder, n === 1 ? `${base}.dump` : `${base}-${n}.dump`);
    if (!fs.existsSync(file)) break;
  }
  fs.writeFileSync(`${file}.json`, `${JSON.stringify(record, null, 2)}\n`);
  fs.renameSync(partial, file);
  pruneServerBackups(folder, new Date(Math.min(now.getTime(), Date.now())), file);
  return file;
}

function readRecord(file: string): BackupRecord | null {
  try {
    const record = JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as BackupRecord;
    return typeof record.madeAt === 'string' && !Number.isNaN(Date.parse(record.madeAt)) ? record : null;
  } catch {
    return null;
  }
}

/** The dumps in `dir`, newest first; with `instance`, only that database's. */
export function listServerBackups(dir: string, options: { now?: Date; instance?: string | null } = {}): BackupEntry[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((name) => DUMP_NAME.test(name));
  } catch {
    return [];
  }
  const now = options.now ?? new Date();
  return names
    .map((name): BackupEntry => {
      const file = path.join(dir, name);
      const stat = fs.statSync(file);
      const record = readRecord(file);
      const modified = stat.mtime.toISOString();
      const createdAt = record && record.madeAt < modified ? record.madeAt : modified;
      return {
        file,
        name,
        bytes: stat.size,
        modified,
        createdAt,
        reason: record?.reason ?? DUMP_NAME.exec(name)?.[3] ?? '',
        record,
        problem: Date.parse(createdAt) > now.getTime() + FUTURE_TOLERANCE_MS ? 'future' : record ? null : 'unreadable',
      };
    })
    .filter((entry) => !options.instance || !entry.record?.databaseInstance || entry.record.databaseInstance === options.instance)
    .sort((a, b) => (a.createdAt === b.createdAt ? (a.name < b.name ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1));
}

function pruneServerBackups(dir: string, now: Date, keep: string): void {
  const dated = listServerBackups(dir, { now }).filter((entry) => entry.problem === null);
  const kept = new Set(keptBackups(dated.map((e) => ({ id: e.file, at: Date.parse(e.createdAt) })), now.getTime()));
  for (const entry of dated) {
    if (entry.file === keep || kept.has(entry.file)) continue;
    fs.rmSync(entry.file, { force: true });
    fs.rmSync(`${entry.file}.json`, { force: true });
  }
}
