// Issue 13, points 2 and 4, and issue 10, point 5: backups that keep working and belong to their
// database. In the trial one backup file dated in the future stopped the daily backups, and with
// 30 kept each new before-import or before-restore backup was deleted at once (a restore then
// left no copy of the state before it); parallel backups answered "disk I/O error", shared names
// or left 0-byte files; two databases in one folder listed, restored and pruned each other's.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/command';
import { backupDatabase, backupDirFor, dailyBackupCheck, listBackups, makeBackup, readBackupRecord, RETENTION } from '../../src/db/backup';
import { openDatabase } from '../../src/db/connect';
import { keptBackups } from '../../src/db/retention';
import { startWebShell } from '../../src/server/web-shell';
import { createSqliteTestDb, tempDir, TEST_TODAY, type SqliteTestDb } from '../fixtures/temp-db';
import { contentDigest, fileDigest, integrity } from './db-digest';
import { shellRequest } from './support/shell-request';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const DAY = 86_400_000;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function testDb(demo = false): Promise<SqliteTestDb> {
  const t = await createSqliteTestDb({ demo });
  cleanups.push(() => t.close());
  return t;
}

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), env: {}, now: () => new Date() };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Rewrites a backup file's record and file time, as a PC with a wrong clock (or a copy) would leave it. */
function redate(file: string, madeAt: Date, mtime: Date = madeAt): void {
  const sqlite = new BetterSqlite3(file);
  sqlite.prepare('UPDATE asuhan_backup SET made_at = ?').run(madeAt.toISOString());
  sqlite.close();
  fs.utimesSync(file, mtime, mtime);
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');

describe('backups that cannot silently stop (point 2)', () => {
  it('a backup dated in the future (a wrong clock) is reported, not obeyed: the daily backup still comes', async () => {
    const t = await testDb();
    const dir = backupDirFor(t.file);
    const future = new Date(Date.now() + 400 * DAY);
    // The trial's file: named, recorded and timed a year ahead.
    const ahead = await backupDatabase(t.db.sqlite, dir, 'daily', future);
    redate(ahead, future);
    expect(path.basename(ahead)).toContain(stamp(future).slice(0, 8));

    const check = dailyBackupCheck(dir);
    expect(check.due).toBe(true);
    expect(check.future.map((e) => e.file)).toEqual([ahead]);
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      await (await openDatabase(t.file)).close();
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.join('\n')).toContain(`backup ${ahead} is dated in the future`);
    const listed = listBackups(dir);
    expect(listed.filter((b) => b.reason === 'daily' && b.problem === null)).toHaveLength(1); // made today
    expect(listed.find((b) => b.file === ahead)?.problem).toBe('future');
    expect(dailyBackupCheck(dir).due).toBe(false);

    // The coordinator is told, in the list and on the command line.
    const shown = await cli(['backups', '--db', t.file]);
    expect(shown.out).toContain(`! Peringatan: cadangan ${path.basename(ahead)} bertanggal`);
    expect(shown.out).toContain('BERTANGGAL DI MASA DEPAN');
    const viaApi = await t.api.client['backups:list']({});
    expect(viaApi.backups.find((b) => b.name === path.basename(ahead))?.problem).toBe('future');
    // Never deleted by the rotation either: it may be the only copy of something.
    await makeBackup(t.db.sqlite, dir, 'manual');
    expect(fs.existsSync(ahead)).toBe(true);
  });

  it('with 35 future-named files, each new before-import and before-restore backup stays, and a restore leaves the state before it', async () => {
    const t = await testDb(true);
    const dir = backupDirFor(t.file);
    const first = await backupDatabase(t.db.sqlite, dir, 'manual');
    for (let i = 1; i <= 35; i++) {
      const when = new Date(Date.now() + i * 30 * DAY);
      const file = path.join(dir, `asuhan-${stamp(when)}-daily.db`);
      fs.copyFileSync(first, file);
      redate(file, when);
    }
    // An import: its backup is made and kept, and the path printed is a file that exists.
    const csv = Buffer.from('Nama;Jenis;Kota\nRS Sesudah Jam Salah;RSUD;Kota\n').toString('base64');
    const imported = await t.api.client['imports:commit']({ kind: 'hospitals', fileName: 'rs.csv', base64: csv, onlyValidRows: false });
    expect(imported.backupFile).toMatch(/before-import/);
    expect(fs.existsSync(imported.backupFile!)).toBe(true);
    const beforeRestore = contentDigest(t.db.sqlite);
    const outcome = await t.api.client['backups:restore']({ file: path.basename(first) });
    const safety = path.join(dir, outcome.safetyBackup!);
    expect(fs.existsSync(safety)).toBe(true);
    expect(fileDigest(safety)).toBe(beforeRestore);
    expect(fs.existsSync(imported.backupFile!)).toBe(true);
    // The newest real backup is the one just made, whatever the names say.
    const real = listBackups(dir).filter((b) => b.problem === null);
    expect(real[0]?.file).toBe(safety);
    expect(listBackups(dir).filter((b) => b.problem === 'future')).toHaveLength(35);
  });

  it('order and the daily check follow the time recorded inside, never the name; the file time only makes it earlier', async () => {
    const t = await testDb();
    const dir = backupDirFor(t.file);
    const file = await backupDatabase(t.db.sqlite, dir, 'manual', new Date(Date.now() - 3 * DAY));
    const misnamed = path.join(dir, 'asuhan-20991231-235959-manual.db');
    fs.renameSync(file, misnamed);
    fs.utimesSync(misnamed, new Date(Date.now() - 3 * DAY), new Date(Date.now() - 3 * DAY));
    expect(listBackups(dir)[0]).toMatchObject({ file: misnamed, problem: null, createdAt: expect.stringMatching(/^\d{4}-/) });
    expect(Date.now() - Date.parse(listBackups(dir)[0]!.createdAt)).toBeGreaterThan(2.9 * DAY);
    expect(dailyBackupCheck(dir).due).toBe(true); // three days old by its record, whatever its name says
    const made = await backupDatabase(t.db.sqlite, dir, 'daily');
    expect(listBackups(dir).map((b) => b.file)).toEqual([made, misnamed]);
    // A record that claims "now" on a file written three days ago counts from three days ago.
    redate(made, new Date(), new Date(Date.now() - 3 * DAY));
    expect(Date.now() - Date.parse(listBackups(dir).find((b) => b.file === made)!.createdAt)).toBeGreaterThan(2.9 * DAY);
  });
});

describe('retention: the last 14 days, one a week for two months, one a month for a year', () => {
  it('keeps exactly that over a year and a half of backups every six hours', () => {
    const now = Date.UTC(2026, 11, 2, 12);
    const items = Array.from({ length: 4 * 550 }, (_, i) => ({ id: String(i), at: now - i * 6 * 3600_000 }));
    const kept = new Set(keptBackups(items, now));
    const age = (i: number) => (now - items[i]!.at) / DAY;
    const keptAges = [...kept].map(Number).map(age);
    expect(keptAges.filter((a) => a <= 14)).toHaveLength(items.filter((_, i) => age(i) <= 14).length); // all of them
    const weekly = keptAges.filter((a) => a > 14 && a <= RETENTION.weeklyDays);
    expect(weekly.length).toBeGreaterThanOrEqual(6);
    expect(weekly.length).toBeLessThanOrEqual(8);
    const monthly = keptAges.filter((a) => a > RETENTION.weeklyDays);
    expect(monthly.length).toBeGreaterThanOrEqual(10);
    expect(monthly.length).toBeLessThanOrEqual(11);
    expect(Math.max(...keptAges)).toBeLessThanOrEqual(RETENTION.monthlyDays);
    // No two kept backups older than two months share a month, none between 14 days and two months a week.
    const months = monthly.map((a) => new Date(now - a * DAY).toISOString().slice(0, 7));
    expect(new Set(months).size).toBe(months.length);
    // A mistake found six weeks later can still be undone: a backup from 5-7 weeks ago exists.
    expect(keptAges.some((a) => a >= 35 && a <= 49)).toBe(true);
  });

  it('prunes real files by their records, and never the backup just made', async () => {
    const t = await testDb();
    const dir = backupDirFor(t.file);
    const seed = await backupDatabase(t.db.sqlite, dir, 'daily');
    const ages = [1, 5, 13, 15, 16, 17, 22, 23, 30, 45, 60, 62, 70, 95, 100, 130, 200, 300, 360, 370, 500];
    const files = ages.map((days) => {
      const when = new Date(Date.now() - days * DAY);
      const file = path.join(dir, `asuhan-${stamp(when)}-daily.db`);
      fs.copyFileSync(seed, file);
      redate(file, when, new Date()); // copied today: the file time is later, the record decides
      return { days, file };
    });
    fs.rmSync(seed);
    const expected = new Set(keptBackups(files.map((f) => ({ id: f.file, at: Date.now() - f.days * DAY })), Date.now()));
    const { file: made, removed } = await makeBackup(t.db.sqlite, dir, 'manual');
    const left = new Set(listBackups(dir).map((b) => b.file));
    expect(left.has(made)).toBe(true);
    for (const f of files) expect(left.has(f.file), `${f.days} days old`).toBe(expected.has(f.file));
    expect(removed.length).toBe(files.length - expected.size);
    expect(files.filter((f) => f.days <= 14).every((f) => left.has(f.file))).toBe(true);
    expect(files.filter((f) => f.days > 366).some((f) => left.has(f.file))).toBe(false);
    // The backup just made survives even a clock that says it is ancient.
    const ancient = new Date(Date.now() - 1000 * DAY);
    const { file: old } = await makeBackup(t.db.sqlite, dir, 'manual', ancient);
    expect(fs.existsSync(old)).toBe(true);
  });
});

describe('parallel backups (point 4)', () => {
  it('20 over HTTP and 3 processes x 3 at once: each its own name, each whole, none refused', async () => {
    const t = await testDb(true);
    const shell = await startWebShell({ api: t.api, staticDir: t.dir, port: 0 });
    cleanups.push(() => shell.close());
    const processes = Array.from({ length: 3 }, () =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const script = `import { register } from 'tsx/esm/api'; register(); const { main } = await import(${JSON.stringify(path.join(ROOT, 'src/cli/main.ts'))});
          const out = []; const io = { out: (l) => out.push(l), err: (l) => out.push('ERR ' + l), env: {}, now: () => new Date() };
          const codes = await Promise.all([1, 2, 3].map(() => main(['backup', '--db', ${JSON.stringify(t.file)}, '--json'], io)));
          console.log(JSON.stringify({ codes, out })); process.exit(codes.some((c) => c !== 0) ? 1 : 0);`;
        const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        child.stderr.on('data', (c: Buffer) => (err += c.toString()));
        child.on('exit', (code) => resolve({ code, out, err }));
      }),
    );
    const replies = await Promise.all(Array.from({ length: 20 }, () => shellRequest(shell, 'POST', '/api/backups:create', '{}')));
    const children = await Promise.all(processes);
    for (const reply of replies) expect(reply.status, reply.body).toBe(200);
    for (const child of children) expect(child.code, child.err.slice(0, 1000)).toBe(0);
    const httpNames = replies.map((r) => (JSON.parse(r.body) as { data: { name: string } }).data.name);
    const cliFiles = children.flatMap((c) => (JSON.parse(c.out.trim().split('\n').at(-1)!) as { out: string[] }).out.map((line) => (JSON.parse(line) as { file: string }).file));
    expect(new Set(httpNames).size).toBe(20);
    expect(new Set(cliFiles).size).toBe(9);
    const dir = backupDirFor(t.file);
    const all = [...httpNames.map((n) => path.join(dir, n)), ...cliFiles];
    expect(new Set(all).size).toBe(29);
    for (const file of all) {
      expect(fs.statSync(file).size, file).toBeGreaterThan(0);
      const copy = new BetterSqlite3(file, { readonly: true });
      expect(integrity(copy), file).toBe('ok');
      expect(readBackupRecord(copy)?.databasePath).toBe(t.file);
      copy.close();
    }
    expect(fs.readdirSync(dir).filter((n) => /partial|\.lock/.test(n))).toEqual([]);
  }, 120_000);
});

describe('backups belong to their database (issue 10, point 5)', () => {
  async function twoDistricts() {
    const dir = tempDir();
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const a = path.join(dir, 'a.db');
    const b = path.join(dir, 'b.db');
    for (const [file, district] of [[a, 'Kabupaten Satu'], [b, 'Kota Dua']] as const) {
      expect((await cli(['init', '--db', file])).code).toBe(0);
      const db = await openDatabase(file, { dailyBackup: false });
      db.sqlite.prepare("INSERT INTO setting (key, value) VALUES ('programme', json_object('districtName', ?)) ON CONFLICT (key) DO UPDATE SET value = json_set(value, '$.districtName', ?)").run(district, district);
      db.sqlite.prepare('INSERT INTO hospital (name) VALUES (?)').run(`RS ${district}`);
      await db.close();
    }
    return { dir, a, b };
  }

  it('each has its own folder and lists only its own; the record names database and district', async () => {
    const { dir, a, b } = await twoDistricts();
    const madeA = JSON.parse((await cli(['backup', '--db', a, '--json'])).out) as { file: string };
    const madeB = JSON.parse((await cli(['backup', '--db', b, '--json'])).out) as { file: string };
    expect(path.dirname(madeA.file)).toBe(path.join(dir, 'backups', 'a'));
    expect(path.dirname(madeB.file)).toBe(path.join(dir, 'backups', 'b'));
    const listedB = JSON.parse((await cli(['backups', '--db', b, '--json'])).out) as { folder: string; backups: { file: string; district: string }[] };
    expect(listedB.backups.map((x) => x.file)).toEqual([madeB.file]);
    expect(listedB.backups[0]?.district).toBe('Kota Dua');
    expect((await cli(['backups', '--db', b])).out).not.toContain(path.dirname(madeA.file));
    const record = new BetterSqlite3(madeA.file, { readonly: true });
    expect(readBackupRecord(record)).toMatchObject({ databasePath: a, districtName: 'Kabupaten Satu' });
    record.close();
    // A file of a copied into b's folder is still not b's.
    fs.copyFileSync(madeA.file, path.join(backupDirFor(b), 'asuhan-20260101-000000-manual.db'));
    const again = JSON.parse((await cli(['backups', '--db', b, '--json'])).out) as { backups: { file: string }[] };
    expect(again.backups.map((x) => x.file)).toEqual([madeB.file]);
  });

  it("restoring a's backup into b is refused naming both districts, unless --other-district; b keeps its identity", async () => {
    const { a, b } = await twoDistricts();
    const madeA = JSON.parse((await cli(['backup', '--db', a, '--json'])).out) as { file: string };
    const before = fileDigest(b);
    const refused = await cli(['restore', madeA.file, '--db', b]);
    expect(refused.code).toBe(2);
    expect(refused.err.split('\n')).toHaveLength(1);
    expect(refused.err).toContain('berasal dari database lain: Kabupaten Satu');
    expect(refused.err).toContain('Database ini: Kota Dua');
    expect(refused.err).toContain('--other-district');
    expect(fileDigest(b)).toBe(before);
    expect(listBackups(backupDirFor(b))).toHaveLength(0); // refused before any safety backup

    const instanceB = new BetterSqlite3(b, { readonly: true });
    const idB = (instanceB.prepare('SELECT id FROM database_instance').get() as { id: string }).id;
    instanceB.close();
    const confirmed = await cli(['restore', madeA.file, '--db', b, '--other-district', '--json']);
    expect(confirmed.code, confirmed.err).toBe(0);
    expect(JSON.parse(confirmed.out)).toMatchObject({ origin: { district: 'Kabupaten Satu', sameDatabase: false } });
    const after = new BetterSqlite3(b, { readonly: true });
    expect((after.prepare('SELECT id FROM database_instance').get() as { id: string }).id).toBe(idB);
    expect(after.prepare("SELECT name FROM hospital WHERE name LIKE 'RS %'").all()).toEqual([{ name: 'RS Kabupaten Satu' }]);
    after.close();
    // The state before it was kept, in b's own folder.
    expect(listBackups(backupDirFor(b)).map((x) => x.reason)).toContain('before-restore');
  });

  it('the app refuses with a confirmation naming both, and restores once confirmed', async () => {
    const { a, b } = await twoDistricts();
    const madeA = JSON.parse((await cli(['backup', '--db', a, '--json'])).out) as { file: string };
    const db = await openDatabase(b, { dailyBackup: false });
    const { createApi } = await import('../../src/app/api');
    const { createContext } = await import('../../src/app/context');
    const api = createApi(createContext(db, () => TEST_TODAY));
    cleanups.push(() => db.close());
    const upload = { fileName: 'dari-flashdisk.db', base64: fs.readFileSync(madeA.file).toString('base64') };
    const refused = await api.invoke('backups:restore', { upload });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: [{ path: 'otherDistrict' }], message: expect.stringContaining('dari-flashdisk.db berasal dari database lain: Kabupaten Satu') } });
    expect(refused.ok ? '' : refused.error.messageEn).toContain('This database: Kota Dua');
    const done = await api.invoke('backups:restore', { upload, otherDistrict: true });
    expect(done).toMatchObject({ ok: true, data: { fromDistrict: 'Kabupaten Satu', otherDatabase: true } });
  });

  it("retention counts per database: a's many backups never prune b's", async () => {
    const { a, b } = await twoDistricts();
    const old = JSON.parse((await cli(['backup', '--db', b, '--json'])).out) as { file: string };
    redate(old.file, new Date(Date.now() - 20 * DAY));
    const second = path.join(path.dirname(old.file), 'asuhan-20000101-000000-daily.db');
    fs.copyFileSync(old.file, second);
    redate(second, new Date(Date.now() - 20.5 * DAY)); // same week as the first: b's own retention would drop it
    const dbA = await openDatabase(a, { dailyBackup: false });
    cleanups.push(() => dbA.close());
    for (let i = 0; i < 5; i++) await makeBackup(dbA.sqlite, backupDirFor(a), 'manual');
    expect(fs.existsSync(old.file)).toBe(true);
    expect(fs.existsSync(second)).toBe(true);
    expect(listBackups(backupDirFor(a))).toHaveLength(5);
  });
});
