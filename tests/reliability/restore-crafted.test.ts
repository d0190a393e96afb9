// Issue 13, point 1 (and point 7's restore messages): a crafted restore cannot destroy the live
// database. In the trial a file holding only Asuhan's id rows left the live database with every
// table gone, and a real backup with one extra trigger was restored "ok" and then deleted every
// leave record. Each crafted file here is refused before anything is written, the live database
// stays byte-for-byte as it was (file and WAL), no safety backup or temporary copy is left, and
// the refusal names the file as the coordinator chose it, in plain words.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/command';
import { backupDatabase, backupDirFor } from '../../src/db/backup';
import { APPLICATION_ID } from '../../src/db/connect';
import { privateTempRoot } from '../../src/db/private-temp';
import { TEST_TODAY, createSqliteTestDb, type SqliteTestDb } from '../fixtures/temp-db';
import { contentDigest, fileDigest, integrity } from './db-digest';

let t: SqliteTestDb;
let good: string;
let crafted: string;
/** The demo's leave records (the trial's trigger took them from 8 to 0). */
let leaveRecords: number;

beforeAll(async () => {
  t = await createSqliteTestDb({ demo: true });
  leaveRecords = leaveCount(t.db.sqlite);
  good = await backupDatabase(t.db.sqlite, backupDirFor(t.file), 'manual', TEST_TODAY);
  crafted = path.join(t.dir, 'crafted');
  fs.mkdirSync(crafted);
});
afterAll(() => t.close());

const leaveCount = (sqlite: BetterSqlite3.Database) => (sqlite.prepare('SELECT count(*) AS n FROM unavailability').get() as { n: number }).n;

/** A copy of the genuine backup, changed by `change` (run with foreign keys off, as an attacker would). */
function tampered(name: string, change: (sqlite: BetterSqlite3.Database) => void): string {
  const file = path.join(crafted, name);
  fs.rmSync(file, { force: true });
  fs.copyFileSync(good, file);
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('foreign_keys = OFF');
  change(sqlite);
  sqlite.close();
  return file;
}

function onlyIdRows(name: string): string {
  const file = path.join(crafted, name);
  fs.rmSync(file, { force: true });
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma(`application_id = ${APPLICATION_ID}`);
  sqlite.exec('CREATE TABLE schema_migration (name TEXT PRIMARY KEY NOT NULL, applied_at TEXT NOT NULL) STRICT');
  for (const migration of Object.keys(migrations)) sqlite.prepare('INSERT INTO schema_migration VALUES (?, ?)').run(migration, '2026-01-01T00:00:00Z');
  sqlite.close();
  return file;
}

const CRAFTED: [string, () => string, RegExp][] = [
  ['only the id rows (application id and migration list)', () => onlyIdRows('hanya-id.db'), /hilang: tabel/],
  ['a real backup with an extra trigger that deletes every leave record', () => tampered('pemicu.db', (s) => s.exec('CREATE TRIGGER hapus_cuti AFTER INSERT ON hospital BEGIN DELETE FROM unavailability; END')), /tambahan: pemicu \(trigger\) hapus_cuti/],
  ['an extra view', () => tampered('view.db', (s) => s.exec('CREATE VIEW semua_dokter AS SELECT * FROM specialist')), /tambahan: tampilan \(view\) semua_dokter/],
  ['an extra table', () => tampered('tabel.db', (s) => s.exec('CREATE TABLE catatan_rahasia (x TEXT)')), /tambahan: tabel catatan_rahasia/],
  ['a dropped index', () => tampered('indeks.db', (s) => s.exec('DROP INDEX visit_date')), /hilang: indeks visit_date/],
  ['a changed column (renamed)', () => tampered('kolom.db', (s) => s.exec('ALTER TABLE hospital RENAME COLUMN town TO kota')), /berbeda: tabel hospital/],
  ['an added column', () => tampered('kolom-baru.db', (s) => s.exec('ALTER TABLE puskesmas ADD COLUMN nik_pasien TEXT')), /berbeda: tabel puskesmas/],
  ['a changed trigger body', () => tampered('pemicu-ubah.db', (s) => {
    const trigger = s.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name LIMIT 1").get() as { name: string; sql: string };
    s.exec(`DROP TRIGGER ${trigger.name}`);
    s.exec(trigger.sql.replace(/BEGIN/i, 'BEGIN DELETE FROM audit_log;'));
  }), /berbeda: pemicu \(trigger\)/],
  ['rows that break foreign keys', () => tampered('kunci.db', (s) => s.prepare('INSERT INTO adoption (specialist_id, puskesmas_id, role) VALUES (999999, 999999, ?)').run('primary')), /baris merujuk data yang tidak ada \(adoption\)/],
  ['a truncated file', () => {
    const file = path.join(crafted, 'terpotong.db');
    const bytes = fs.readFileSync(good);
    fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    return file;
  }, /rusak/],
  ['a file of a newer version', () => tampered('baru.db', (s) => s.prepare("INSERT INTO schema_migration VALUES ('9999_dari_masa_depan', '2030-01-01T00:00:00Z')").run()), /lebih baru \(migrasi 9999_dari_masa_depan\)/],
];

function liveBytes(): string {
  const hash = crypto.createHash('sha256');
  for (const suffix of ['', '-wal']) if (fs.existsSync(t.file + suffix)) hash.update(fs.readFileSync(t.file + suffix));
  return hash.digest('hex');
}

const backupFiles = () => fs.readdirSync(backupDirFor(t.file)).sort();

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), env: {}, now: () => TEST_TODAY };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('a crafted restore cannot destroy the live database', () => {
  it.each(CRAFTED)('refuses %s, through the app (upload), naming the file picked, changing nothing', async (_what, make, why) => {
    const file = make();
    const fileName = `kiriman-${path.basename(file)}`;
    const bytes = liveBytes();
    const content = contentDigest(t.db.sqlite);
    const backups = backupFiles();
    const result = await t.api.invoke('backups:restore', { upload: { fileName, base64: fs.readFileSync(file).toString('base64') } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(['IMPORT', 'DB_TOO_NEW']).toContain(result.error.code);
    expect(result.error.message).toContain(fileName);
    expect(result.error.message).toMatch(why);
    expect(result.error.message).toMatch(/database sekarang tidak diubah/i);
    expect(result.error.messageEn).toMatch(/current database was not changed/i);
    // Point 7: never the temporary copy's name.
    expect(`${result.error.message} ${result.error.messageEn}`).not.toMatch(/uploaded\.db|candidate\.db|\.tmp/);
    expect(liveBytes()).toBe(bytes);
    expect(contentDigest(t.db.sqlite)).toBe(content);
    expect(backupFiles()).toEqual(backups); // no safety backup for a refused file
    expect(fs.existsSync(privateTempRoot(t.file))).toBe(false); // no copy left behind
  });

  it.each(CRAFTED.slice(0, 3))('refuses %s on the command line too, naming the path typed', async (_what, make) => {
    const file = make();
    const given = path.relative(process.cwd(), file);
    const bytes = liveBytes();
    const result = await cli(['restore', given, '--db', t.file]);
    expect(result.code).toBe(2);
    expect(result.err.split('\n')).toHaveLength(1);
    expect(result.err).toContain(`Berkas ${given} tidak bisa dipulihkan`);
    expect(liveBytes()).toBe(bytes);
  });

  it('after the refusals the app works as before: writes land, no trigger deletes the leave records', async () => {
    expect(leaveRecords).toBeGreaterThan(0);
    expect(leaveCount(t.db.sqlite)).toBe(leaveRecords);
    await t.api.client['hospitals:create']({ name: 'RS Setelah Serangan', kind: 'RSUD', town: 'Kota' });
    expect(leaveCount(t.db.sqlite)).toBe(leaveRecords);
    expect(t.db.sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'hapus_cuti'").get()).toEqual({ n: 0 });
    expect(integrity(t.db.sqlite)).toBe('ok');
  });

  it('the genuine backup is still restored, schema and all, without its record table', async () => {
    const expected = fileDigest(good);
    const outcome = await t.api.client['backups:restore']({ upload: { fileName: 'salinan-asli.db', base64: fs.readFileSync(good).toString('base64') } });
    expect(outcome).toMatchObject({ restoredFrom: 'salinan-asli.db', otherDatabase: false, safetyBackup: expect.stringMatching(/before-restore/) });
    expect(t.db.sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'asuhan_backup'").get()).toEqual({ n: 0 });
    t.db.sqlite.prepare("DELETE FROM audit_log WHERE action = 'restore'").run();
    expect(contentDigest(t.db.sqlite)).toBe(expected);
    expect(leaveCount(t.db.sqlite)).toBe(leaveRecords);
  });

  it('a backup from an older level (before migration 0007) is restored and brought up to date', async () => {
    // The before-migration backup an upgrade leaves: the previous schema, no record table.
    const old = tampered('tingkat-lama.db', (s) => {
      s.exec(`DROP TABLE asuhan_backup; DROP TABLE database_instance; DELETE FROM schema_migration WHERE name = '0007_database_instance'`);
    });
    const instance = (t.db.sqlite.prepare('SELECT id FROM database_instance').get() as { id: string }).id;
    const outcome = await t.api.client['backups:restore']({ upload: { fileName: 'tingkat-lama.db', base64: fs.readFileSync(old).toString('base64') } });
    expect(outcome.migrated).toEqual(['0007_database_instance']);
    // Same district, no record: the same database as far as anyone can tell; it keeps its id.
    expect(outcome.otherDatabase).toBe(false);
    expect((t.db.sqlite.prepare('SELECT id FROM database_instance').get() as { id: string }).id).toBe(instance);
  });
});
