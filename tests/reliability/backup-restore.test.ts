import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/command';
import { backupDatabase, backupDirFor, listBackups, readBackupRecord } from '../../src/db/backup';
import { openDatabase } from '../../src/db/connect';
import { restoreIntoOpenDatabase } from '../../src/db/restore';
import { TEST_TODAY, createSqliteTestDb, tempDir, type SqliteTestDb } from '../fixtures/temp-db';
import { contentDigest, fileDigest, integrity, tableCounts } from './db-digest';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function demoDb(): Promise<SqliteTestDb> {
  const t = await createSqliteTestDb({ demo: true });
  cleanups.push(() => t.close());
  return t;
}

function sha(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), env: {}, now: () => TEST_TODAY };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const HOSPITAL = { name: 'RS Sesudah Cadangan', kind: 'RSUD', town: 'Genteng' };

describe('backups', () => {
  it('are standalone, consistent copies (no -wal beside them) that record when, why and from where', async () => {
    const t = await demoDb();
    const dir = backupDirFor(t.file);
    expect(dir).toBe(path.join(t.dir, 'backups', 'asuhan'));
    const first = await backupDatabase(t.db.sqlite, dir, 'manual', TEST_TODAY);
    expect(fs.readdirSync(dir)).toEqual([path.basename(first)]);
    expect(fileDigest(first)).toBe(contentDigest(t.db.sqlite));
    const copy = new BetterSqlite3(first, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(integrity(copy)).toBe('ok');
    expect(readBackupRecord(copy)).toMatchObject({ madeAt: TEST_TODAY.toISOString(), reason: 'manual', databasePath: t.file, districtName: (await t.api.client['settings:get']({})).districtName, databaseInstance: expect.stringMatching(/^[0-9a-f]{32}$/) });
    copy.close();
    expect(fs.readdirSync(dir)).toEqual([path.basename(first)]);
    expect(listBackups(dir)[0]).toMatchObject({ createdAt: TEST_TODAY.toISOString(), reason: 'manual', problem: null });
  });

  it('hold only committed data, even while the app is in the middle of a transaction', async () => {
    const t = await demoDb();
    const before = contentDigest(t.db.sqlite);
    t.db.sqlite.exec('BEGIN IMMEDIATE');
    t.db.sqlite.prepare("INSERT INTO hospital (name) VALUES ('RS Belum Disimpan')").run();
    const file = await backupDatabase(t.db.sqlite, backupDirFor(t.file), 'manual', TEST_TODAY);
    t.db.sqlite.exec('ROLLBACK');
    expect(fileDigest(file)).toBe(before);
  });

  it('are taken daily when the app opens a database, not for new files or in memory', async () => {
    const dir = tempDir();
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'asuhan.db');
    await (await openDatabase(file, { create: true })).close();
    expect(listBackups(backupDirFor(file))).toHaveLength(0); // a brand-new file has nothing to keep

    await (await openDatabase(file)).close();
    const daily = listBackups(backupDirFor(file));
    expect(daily.map((b) => b.reason)).toEqual(['daily']);
    await (await openDatabase(file)).close();
    expect(listBackups(backupDirFor(file))).toHaveLength(1); // not due again the same day

    fs.rmSync(daily[0]!.file);
    const db = await openDatabase(file, { dailyBackup: false });
    await backupDatabase(db.sqlite, backupDirFor(file), 'daily', new Date(Date.now() - 25 * 3600_000));
    await db.close();
    await (await openDatabase(file)).close();
    expect(listBackups(backupDirFor(file)).map((b) => b.reason)).toEqual(['daily', 'daily']);

    await (await openDatabase(':memory:', { create: true })).close();
  });

  it('never keep the app from opening: a failed daily backup is only a warning; stale partial files are cleared', async () => {
    const dir = tempDir();
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'asuhan.db');
    await (await openDatabase(file, { create: true })).close();
    fs.mkdirSync(path.dirname(backupDirFor(file)), { recursive: true });
    fs.writeFileSync(backupDirFor(file), 'a file where the backups folder should be');
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      const db = await openDatabase(file);
      await db.close();
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.join()).toMatch(/daily backup failed/);

    fs.rmSync(backupDirFor(file));
    fs.mkdirSync(backupDirFor(file));
    const stale = path.join(backupDirFor(file), 'asuhan-20260101-000000-daily.db.partial');
    const fresh = path.join(backupDirFor(file), 'asuhan-20260218-000000-daily.db.partial');
    fs.writeFileSync(stale, 'half a backup');
    fs.writeFileSync(fresh, 'a backup being written right now');
    fs.utimesSync(stale, new Date(Date.now() - 3600_000), new Date(Date.now() - 3600_000));
    await (await openDatabase(file)).close();
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true);
    expect(listBackups(backupDirFor(file)).map((b) => b.reason)).toEqual(['daily']);
  });
});

describe('restore', () => {
  it('puts the backup back into the open database; other connections see it; the previous state is backed up first', async () => {
    const t = await demoDb();
    const backup = await backupDatabase(t.db.sqlite, backupDirFor(t.file), 'manual', TEST_TODAY);
    const atBackup = contentDigest(t.db.sqlite);
    const backupBytes = sha(backup);

    await t.api.client['hospitals:create'](HOSPITAL);
    const changed = contentDigest(t.db.sqlite);
    // A second connection, as the CLI or a second app window would hold.
    const other = await openDatabase(t.file, { dailyBackup: false });
    cleanups.push(() => other.close());

    const listed = await t.api.client['backups:list']({});
    expect(listed.folder).toBe(backupDirFor(t.file));
    const outcome = await t.api.client['backups:restore']({ file: path.basename(backup) });
    expect(outcome.restoredFrom).toBe(path.basename(backup));

    // The same handlers and Kysely instance keep working, on the restored content.
    const hospitals = await t.api.client['hospitals:list']({});
    expect(hospitals.some((h) => h.name === HOSPITAL.name)).toBe(false);
    expect(integrity(t.db.sqlite)).toBe('ok');
    expect(t.db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    const restoredRows = t.db.sqlite.prepare("SELECT count(*) AS n FROM hospital WHERE name = ?").get(HOSPITAL.name) as { n: number };
    expect(restoredRows.n).toBe(0);
    const otherSees = other.sqlite.prepare("SELECT count(*) AS n FROM hospital WHERE name = ?").get(HOSPITAL.name) as { n: number };
    expect(otherSees.n).toBe(0);
    // Everything but the audit row that records the restore equals the backup.
    const audit = t.db.sqlite.prepare("SELECT entity, action, after FROM audit_log ORDER BY id DESC LIMIT 1").get() as { entity: string; action: string; after: string };
    expect(audit).toMatchObject({ entity: 'database', action: 'restore' });
    t.db.sqlite.prepare("DELETE FROM audit_log WHERE action = 'restore'").run();
    expect(contentDigest(t.db.sqlite)).toBe(atBackup);

    // The state just before the restore was kept, and the restored file was not touched.
    expect(outcome.safetyBackup).toMatch(/before-restore/);
    expect(fileDigest(path.join(backupDirFor(t.file), outcome.safetyBackup!))).toBe(changed);
    expect(sha(backup)).toBe(backupBytes);

    // Writes keep working afterwards, from both connections.
    await t.api.client['hospitals:create']({ ...HOSPITAL, name: 'RS Setelah Pemulihan' });
    other.sqlite.prepare("UPDATE setting SET value = value WHERE key = 'timeZone'").run();
    expect(integrity(other.sqlite)).toBe('ok');
  });

  it('restores an uploaded copy (a file the coordinator picked) and refuses a bad one', async () => {
    const t = await demoDb();
    const copy = path.join(t.dir, 'salinan.db');
    await backupDatabase(t.db.sqlite, t.dir, 'x', TEST_TODAY).then((file) => fs.renameSync(file, copy));
    const expected = fileDigest(copy);
    await t.api.client['hospitals:create'](HOSPITAL);
    const outcome = await t.api.client['backups:restore']({ upload: { fileName: 'salinan.db', base64: fs.readFileSync(copy).toString('base64') } });
    expect(outcome).toMatchObject({ restoredFrom: 'salinan.db', safetyBackup: expect.stringMatching(/before-restore/) });
    t.db.sqlite.prepare("DELETE FROM audit_log WHERE action = 'restore'").run();
    expect(contentDigest(t.db.sqlite)).toBe(expected);

    const before = contentDigest(t.db.sqlite);
    const garbage = await t.api.invoke('backups:restore', { upload: { fileName: 'foto.db', base64: Buffer.from('bukan database'.repeat(500)).toString('base64') } });
    expect(garbage).toMatchObject({ ok: false, error: { code: 'IMPORT' } });
    const both = await t.api.invoke('backups:restore', { file: 'asuhan-20260101-000000-daily.db', upload: { fileName: 'a.db', base64: '' } });
    expect(both).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await t.api.invoke('backups:restore', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(contentDigest(t.db.sqlite)).toBe(before);
  });

  it('restores a backup with another page size (the backup API cannot copy across page sizes into WAL)', async () => {
    const t = await demoDb();
    const backup = await backupDatabase(t.db.sqlite, backupDirFor(t.file), 'manual', TEST_TODAY);
    const expected = fileDigest(backup);
    const other = new BetterSqlite3(backup);
    other.pragma('page_size = 8192');
    other.exec('VACUUM');
    expect(other.pragma('page_size', { simple: true })).toBe(8192);
    other.close();
    await t.api.client['hospitals:create'](HOSPITAL);
    await t.api.client['backups:restore']({ file: path.basename(backup) });
    expect(t.db.sqlite.pragma('page_size', { simple: true })).toBe(4096);
    t.db.sqlite.prepare("DELETE FROM audit_log WHERE action = 'restore'").run();
    expect(contentDigest(t.db.sqlite)).toBe(expected);
  });

  it('refuses a damaged, foreign or newer file before changing anything', async () => {
    const t = await demoDb();
    const dir = backupDirFor(t.file);
    const good = await backupDatabase(t.db.sqlite, dir, 'manual', TEST_TODAY);
    const before = contentDigest(t.db.sqlite);

    const garbage = path.join(t.dir, 'garbage.db');
    fs.writeFileSync(garbage, crypto.randomBytes(64 * 1024));

    const foreign = path.join(t.dir, 'foreign.db');
    const other = new BetterSqlite3(foreign);
    other.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    other.close();

    const newer = path.join(t.dir, 'newer.db');
    fs.copyFileSync(good, newer);
    const future = new BetterSqlite3(newer);
    future.prepare("INSERT INTO schema_migration (name, applied_at) VALUES ('9999_from_the_future', '2030-01-01')").run();
    future.close();

    const damaged = path.join(t.dir, 'damaged.db');
    fs.copyFileSync(good, damaged);
    const reader = new BetterSqlite3(good, { readonly: true });
    const { rootpage } = reader.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'puskesmas'").get() as { rootpage: number };
    reader.close();
    const bytes = fs.readFileSync(damaged);
    const pageSize = bytes.readUInt16BE(16);
    // Scribble over the puskesmas table's root page: the file header is fine, its content is not.
    for (let i = pageSize * (rootpage - 1); i < pageSize * (rootpage - 1) + 64; i++) bytes[i] = 0x5a;
    fs.writeFileSync(damaged, bytes);

    const expected: [string, string][] = [
      [garbage, 'IMPORT'],
      [foreign, 'IMPORT'],
      [newer, 'DB_TOO_NEW'],
      [damaged, 'IMPORT'],
      [path.join(t.dir, 'missing.db'), 'NOT_FOUND'],
    ];
    for (const [file, code] of expected) {
      const unchanged = fs.existsSync(file) ? sha(file) : null;
      const error = await restoreIntoOpenDatabase(t.db, file, { now: TEST_TODAY }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, file).toMatchObject({ code });
      expect((error as { messageEn: string }).messageEn).toMatch(/not changed|not found/);
      expect(fs.existsSync(file) ? sha(file) : null).toBe(unchanged);
    }
    expect(contentDigest(t.db.sqlite)).toBe(before);
    expect(listBackups(dir).map((b) => b.file)).toEqual([good]); // no safety backup for a refused file

    const viaApi = await t.api.invoke('backups:restore', { file: '../../etc/passwd' });
    expect(viaApi).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const unknown = await t.api.invoke('backups:restore', { file: 'asuhan-20200101-000000-manual.db' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('asuhan backup, backups, restore', () => {
  it('back up to a chosen file, list, restore by name, and refuse bad usage with exit code 2', async () => {
    const dir = tempDir();
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const db = path.join(dir, 'asuhan.db');
    expect((await cli(['init', '--demo', '--db', db])).code).toBe(0);

    const out = path.join(dir, 'usb', 'salinan.db');
    const missingFolder = await cli(['backup', '--db', db, '--out', out]);
    expect(missingFolder).toMatchObject({ code: 2 });
    fs.mkdirSync(path.dirname(out));
    expect((await cli(['backup', '--db', db, '--out', out])).code).toBe(0);
    expect(fileDigest(out)).toBe(fileDigest(db));
    expect((await cli(['backup', '--db', db, '--out', out])).code).toBe(2); // never overwrites

    const made = await cli(['backup', '--db', db, '--json']);
    expect(made.code).toBe(0);
    const { file } = JSON.parse(made.out) as { file: string };
    const listed = await cli(['backups', '--db', db, '--json']);
    expect(JSON.parse(listed.out).backups.map((b: { file: string }) => b.file)).toContain(file);
    expect((await cli(['backups', '--db', db])).out).toContain(path.basename(file));

    const snapshot = fileDigest(file);
    const sqlite = new BetterSqlite3(db);
    sqlite.prepare('DELETE FROM adoption').run();
    sqlite.close();
    const restored = await cli(['restore', path.basename(file), '--db', db, '--json']);
    expect(restored.code, restored.err).toBe(0);
    expect(JSON.parse(restored.out).safetyBackup).toMatch(/before-restore/);
    const after = new BetterSqlite3(db, { readonly: true });
    expect(tableCounts(after).adoption).toBeGreaterThan(0);
    after.close();
    expect(fileDigest(file)).toBe(snapshot);

    for (const bad of [['restore', '--db', db], ['restore', 'a.db', 'b.db', '--db', db], ['restore', path.join(dir, 'nope.db'), '--db', db], ['backup', '--db', db, '--out', ''], ['backup', '--db', db, '--bogus']]) {
      const result = await cli(bad);
      expect(result.code, bad.join(' ')).toBe(2);
      expect(result.err.split('\n')).toHaveLength(1);
    }
  });

  it('restore replaces a database too damaged to open, keeping the damaged file aside', async () => {
    const dir = tempDir();
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const db = path.join(dir, 'asuhan.db');
    expect((await cli(['init', '--demo', '--db', db])).code).toBe(0);
    const out = path.join(dir, 'salinan.db');
    expect((await cli(['backup', '--db', db, '--out', out])).code).toBe(0);
    const expected = fileDigest(out);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(db + suffix, { force: true });
    fs.writeFileSync(db, 'bukan database');
    expect((await cli(['status', '--db', db])).code).toBe(2);

    const restored = await cli(['restore', out, '--db', db, '--json']);
    expect(restored.code, restored.err).toBe(0);
    const result = JSON.parse(restored.out) as { setAside: string };
    expect(fs.readFileSync(result.setAside, 'utf8')).toBe('bukan database');
    const sqlite = new BetterSqlite3(db);
    sqlite.prepare("DELETE FROM audit_log WHERE action = 'restore'").run();
    expect(contentDigest(sqlite)).toBe(expected);
    sqlite.close();
    expect((await cli(['status', '--db', db])).code).toBe(0);
  });
});
