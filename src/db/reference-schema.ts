// What Asuhan's own migrations create at a given level: tables, columns, indexes, triggers and
// views, built by applying the migrations to an in-memory database. A file to be restored must
// have exactly this schema (plus a backup's own record table), nothing more and nothing less:
// an extra trigger could delete records after the restore, a dropped index or changed column
// would break the app later.
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, sql, SqliteDialect } from 'kysely';
import { migrations } from '../../migrations/index';
import { BACKUP_RECORD_SQL, BACKUP_RECORD_TABLE } from './backup';

/** The statement migrateToLatest runs first; the reference runs the same. */
export const SCHEMA_MIGRATION_SQL = 'CREATE TABLE IF NOT EXISTS schema_migration (name TEXT PRIMARY KEY NOT NULL, applied_at TEXT NOT NULL) STRICT';

export interface SchemaObject {
  type: string;
  name: string;
  table: string;
  /** The CREATE statement, normalised (case, quotes, spacing) so only meaning is compared. */
  sql: string;
}

/** Lower case, identifier quotes removed, spacing collapsed (string literals are kept). */
export function normaliseSql(text: string | null): string {
  if (text === null) return '';
  let out = '';
  let literal = false;
  for (const ch of text) {
    if (ch === "'") literal = !literal;
    if (literal || ch === "'") {
      out += ch;
      continue;
    }
    if (ch === '"' || ch === '`' || ch === '[' || ch === ']') continue;
    out += /\s/.test(ch) ? ' ' : ch.toLowerCase();
  }
  return out
    .replace(/\s+/g, ' ')
    .replace(/\s*([(),;=<>])\s*/g, '$1')
    .replace(/^create table if not exists /, 'create table ')
    .trim();
}

/** Every schema object of a database except SQLite's own (sqlite_sequence, sqlite_stat1, autoindexes). */
export function schemaOf(sqlite: BetterSqlite3.Database): SchemaObject[] {
  const rows = sqlite.prepare("SELECT type, name, tbl_name AS tbl, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name").all() as {
    type: string;
    name: string;
    tbl: string;
    sql: string | null;
  }[];
  return rows.map((row) => ({ type: row.type, name: row.name, table: row.tbl, sql: normaliseSql(row.sql) }));
}

const cache = new Map<string, Promise<SchemaObject[]>>();

/** The schema a database has right after exactly these migrations (its schema_migration rows). */
export function referenceSchemaOf(applied: string[]): Promise<SchemaObject[]> {
  const key = [...applied].sort().join(',');
  let built = cache.get(key);
  if (!built) {
    built = buildReference([...applied].sort());
    cache.set(key, built);
    built.catch(() => cache.delete(key));
  }
  return built;
}

async function buildReference(applied: string[]): Promise<SchemaObject[]> {
  const unknown = applied.filter((name) => !(name in migrations));
  if (unknown.length > 0) throw new Error(`unknown migrations ${unknown.join(', ')}`);
  const sqlite = new BetterSqlite3(':memory:');
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await sql.raw(SCHEMA_MIGRATION_SQL).execute(db);
    for (const name of applied) await db.transaction().execute((trx) => migrations[name]!.up(trx));
    return schemaOf(sqlite);
  } finally {
    await db.destroy();
  }
}

const BACKUP_RECORD: SchemaObject = { type: 'table', name: BACKUP_RECORD_TABLE, table: BACKUP_RECORD_TABLE, sql: normaliseSql(BACKUP_RECORD_SQL) };

export interface SchemaDifferences {
  extra: SchemaObject[];
  missing: SchemaObject[];
  changed: SchemaObject[];
}

/** How `actual` differs from `expected` (a backup's record table is allowed). */
export function schemaDifferences(actual: SchemaObject[], expected: SchemaObject[]): SchemaDifferences {
  const key = (o: SchemaObject) => `${o.type}\u0000${o.name}`;
  const wanted = new Map([...expected, BACKUP_RECORD].map((o) => [key(o), o]));
  const have = new Map(actual.map((o) => [key(o), o]));
  const extra: SchemaObject[] = [];
  const changed: SchemaObject[] = [];
  for (const object of actual) {
    const reference = wanted.get(key(object));
    if (!reference) extra.push(object);
    else if (reference.sql !== object.sql || reference.table !== object.table) changed.push(object);
  }
  const missing = expected.filter((o) => !have.has(key(o)));
  return { extra, missing, changed };
}

export function hasDifferences(d: SchemaDifferences): boolean {
  return d.extra.length + d.missing.length + d.changed.length > 0;
}

/** Tables first: what a coordinator (or support) recognises. */
const KIND_ORDER = ['table', 'view', 'trigger', 'index'];
const KIND_ID: Record<string, string> = { table: 'tabel', index: 'indeks', trigger: 'pemicu (trigger)', view: 'tampilan (view)' };

/** "tambahan: pemicu (trigger) x; hilang: indeks y; berbeda: tabel z" and its English twin. */
export function describeDifferences(d: SchemaDifferences): { id: string; en: string } {
  const list = (objects: SchemaObject[], language: 'id' | 'en') =>
    [...objects]
      .sort((a, b) => KIND_ORDER.indexOf(a.type) - KIND_ORDER.indexOf(b.type) || (a.name < b.name ? -1 : 1))
      .slice(0, 5)
      .map((o) => `${language === 'id' ? (KIND_ID[o.type] ?? o.type) : o.type} ${o.name}`)
      .join(', ') + (objects.length > 5 ? (language === 'id' ? ` dan ${objects.length - 5} lagi` : ` and ${objects.length - 5} more`) : '');
  const id: string[] = [];
  const en: string[] = [];
  if (d.extra.length) {
    id.push(`tambahan: ${list(d.extra, 'id')}`);
    en.push(`extra: ${list(d.extra, 'en')}`);
  }
  if (d.missing.length) {
    id.push(`hilang: ${list(d.missing, 'id')}`);
    en.push(`missing: ${list(d.missing, 'en')}`);
  }
  if (d.changed.length) {
    id.push(`berbeda: ${list(d.changed, 'id')}`);
    en.push(`changed: ${list(d.changed, 'en')}`);
  }
  return { id: id.join('; '), en: en.join('; ') };
}
