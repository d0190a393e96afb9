// A fingerprint of everything stored: every table's rows in rowid order. Two equal digests mean
// nothing was written in between (the fuzz, refused restores, refused upgrades). A backup's
// record table is left out, so a backup and its database have the same digest.
import crypto from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';

export function userTables(sqlite: BetterSqlite3.Database): string[] {
  return (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

export function tableCounts(sqlite: BetterSqlite3.Database): Record<string, number> {
  return Object.fromEntries(userTables(sqlite).map((t) => [t, (sqlite.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n]));
}

/** A backup's own record (when and where it was made) describes the file, not the data. */
const BACKUP_RECORD_TABLE = 'asuhan_backup';

export function contentDigest(sqlite: BetterSqlite3.Database): string {
  const hash = crypto.createHash('sha256');
  for (const table of userTables(sqlite).filter((name) => name !== BACKUP_RECORD_TABLE)) {
    hash.update(`\u0000${table}\u0000`);
    const withoutRowid = /WITHOUT\s+ROWID/i.test((sqlite.prepare("SELECT sql FROM sqlite_master WHERE name = ?").get(table) as { sql: string }).sql);
    for (const row of sqlite.prepare(`SELECT * FROM "${table}"${withoutRowid ? '' : ' ORDER BY rowid'}`).raw().iterate()) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

/** Same as contentDigest for a file, opened read-only and closed again. */
export function fileDigest(file: string): string {
  const sqlite = new BetterSqlite3(file, { readonly: true });
  try {
    return contentDigest(sqlite);
  } finally {
    sqlite.close();
  }
}

export function integrity(sqlite: BetterSqlite3.Database): string {
  return (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
}
