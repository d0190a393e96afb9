// Online backups (SQLite's backup API through better-sqlite3): a consistent copy even while
// the app writes. Kept in a `backups` folder beside the database, newest 30 retained.
import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';

export const BACKUPS_KEPT = 30;

export function backupDirFor(dbPath: string): string {
  return path.join(path.dirname(path.resolve(dbPath)), 'backups');
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
}

export async function backupDatabase(
  sqlite: BetterSqlite3.Database,
  dir: string,
  reason: string,
  now: Date = new Date(),
): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  const safeReason = reason.replace(/[^a-z0-9-]/gi, '-').slice(0, 40);
  let target = path.join(dir, `asuhan-${stamp(now)}-${safeReason}.db`);
  for (let n = 2; fs.existsSync(target); n++) target = path.join(dir, `asuhan-${stamp(now)}-${safeReason}-${n}.db`);
  const partial = `${target}.partial`;
  await sqlite.backup(partial);
  fs.renameSync(partial, target);
  pruneBackups(dir);
  return target;
}

export function listBackups(dir: string): { file: string; bytes: number; modified: string }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => /^asuhan-.*\.db$/.test(name))
    .map((name) => {
      const stat = fs.statSync(path.join(dir, name));
      return { file: path.join(dir, name), bytes: stat.size, modified: stat.mtime.toISOString() };
    })
    .sort((a, b) => (a.file < b.file ? 1 : -1));
}

export function pruneBackups(dir: string, keep = BACKUPS_KEPT): void {
  for (const old of listBackups(dir).slice(keep)) fs.rmSync(old.file, { force: true });
}
