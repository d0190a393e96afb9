// Issue 13, point 5: a full disk was hidden behind "cannot rollback - no transaction is active".
// Here the database, its backups and the exports meet a really full file system (a small tmpfs
// in a private mount namespace, where the machine allows it), a read-only one, /dev/full, and a
// database that reaches its page limit inside a transaction (everywhere). Each time the
// coordinator reads "Disk penuh: ... tidak disimpan; tidak ada data yang hilang" (or the
// read-only twin), nothing half-written is left, and the data is as it was.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupToFile } from '../../src/db/backup';
import { writeFileSafely } from '../../src/files/guard';
import { createSqliteTestDb, tempDir, type SqliteTestDb } from '../fixtures/temp-db';
import { contentDigest, fileDigest } from './db-digest';
import { insertVisitBatch } from './rich-data';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const RUNNER = path.join(ROOT, 'tests', 'reliability', 'support', 'full-disk-run.ts');
const DISK_FULL = /^asuhan: Disk penuh(: | di ).*tidak disimpan; tidak ada data yang hilang/;

/** A private mount namespace with a tmpfs needs root (CAP_SYS_ADMIN); CI machines without it skip those cases. */
const CAN_MOUNT = (() => {
  if (process.platform !== 'linux') return false;
  const probe = spawnSync('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs -o size=64k none /mnt && umount /mnt'], { stdio: 'ignore' });
  return probe.status === 0;
})();

let t: SqliteTestDb;
let work: string;
let csv: string;
let source: string;
beforeAll(async () => {
  t = await createSqliteTestDb({ demo: true });
  insertVisitBatch(t.db.sqlite, '2026-03', 'full');
  work = tempDir('asuhan-full-');
  source = path.join(work, 'asuhan.db');
  await backupToFile(t.db.sqlite, source); // a standalone copy, no -wal
  const rows = Array.from({ length: 3000 }, (_, i) => `RS Penuh ${i} ${'x'.repeat(150)};RSUD;Kota ${i}`);
  csv = path.join(work, 'rumah-sakit.csv');
  fs.writeFileSync(csv, `Nama;Jenis;Kota\n${rows.join('\n')}\n`);
}, 60_000);
afterAll(async () => {
  await t.close();
  fs.rmSync(work, { recursive: true, force: true });
});

interface RunOutput {
  results: { args: string[]; code: number; err: string; out: string }[];
  facts: Record<string, unknown>;
}

/** Mounts a tmpfs of `sizeKb` at a fresh folder in a private namespace and runs `steps` there. */
function inMount(sizeKb: number, steps: (mount: string) => unknown[]): RunOutput {
  const mount = fs.mkdtempSync(path.join(work, 'mnt-'));
  const script = `mount -t tmpfs -o size=${sizeKb}k none "$1" && exec "$2" --import tsx "$3" "$1" "$4"`;
  const run = spawnSync('unshare', ['-m', 'sh', '-c', script, 'sh', mount, process.execPath, RUNNER, JSON.stringify(steps(mount))], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, maxBuffer: 16 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`runner failed (${run.status}): ${run.stderr.slice(0, 3000)}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as RunOutput;
}

const kb = (file: string) => Math.ceil(fs.statSync(file).size / 1024);

describe('a full disk is said in plain words (point 5)', () => {
  it('a write that fills the database inside a transaction: "Disk penuh", not "cannot rollback", and nothing written', async () => {
    const before = contentDigest(t.db.sqlite);
    const pages = t.db.sqlite.pragma('page_count', { simple: true }) as number;
    t.db.sqlite.pragma(`max_page_count = ${pages + 2}`);
    try {
      const rows = Array.from({ length: 2000 }, (_, i) => `RS Batas ${i} ${'y'.repeat(150)};RSUD;Kota`);
      const base64 = Buffer.from(`Nama;Jenis;Kota\n${rows.join('\n')}\n`).toString('base64');
      const result = await t.api.invoke('imports:commit', { kind: 'hospitals', fileName: 'rs.csv', base64, onlyValidRows: false });
      expect(result).toMatchObject({ ok: false, error: { code: 'IMPORT', message: 'Disk penuh: perubahan tidak disimpan; tidak ada data yang hilang. Kosongkan ruang disk lalu coba lagi.' } });
      expect(JSON.stringify(result)).not.toMatch(/cannot rollback|no transaction/);
      expect(contentDigest(t.db.sqlite)).toBe(before);
    } finally {
      t.db.sqlite.pragma('max_page_count = 4294967294');
    }
    // And the app carries on once there is room again.
    expect(await t.api.invoke('hospitals:create', { name: 'RS Sesudah Disk Penuh', kind: 'RSUD', town: 'Kota' })).toMatchObject({ ok: true });
  });

  it('a full device as the file to write (/dev/full): refused, and the device is never replaced', () => {
    // As root a device node of our own (the same device as /dev/full) stands in for it; without
    // root /dev/full itself cannot be replaced anyway.
    let device = '/dev/full';
    if (process.getuid?.() === 0) {
      device = path.join(work, 'full');
      expect(spawnSync('mknod', [device, 'c', '1', '7']).status).toBe(0);
    }
    expect(() => writeFileSafely(device, 'x')).toThrow(/bukan berkas biasa \(folder atau perangkat\); tidak ditimpa/);
    expect(fs.statSync(device).isCharacterDevice()).toBe(true);
    expect(fs.readdirSync(path.dirname(device)).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it.skipIf(!CAN_MOUNT)('the database on a full disk: an import is refused with "Disk penuh", the database unchanged, nothing half-written', { timeout: 180_000 }, () => {
    const outside = path.join(work, 'backups-outside');
    fs.mkdirSync(outside, { recursive: true });
    const size = kb(source) + 96;
    const output = inMount(size, (m) => [
      { copy: [source, `${m}/asuhan.db`] },
      { digest: `${m}/asuhan.db`, as: 'before' },
      // Backups elsewhere, so the failing write is the import's own transaction.
      { symlink: [outside, `${m}/backups`] },
      { run: ['import', 'hospitals', csv, '--db', `${m}/asuhan.db`] },
      { digest: `${m}/asuhan.db`, as: 'after' },
      { list: m, as: 'files' },
    ]);
    const [imported] = output.results;
    expect(imported!.code, imported!.err).toBe(2);
    expect(imported!.err).toMatch(DISK_FULL);
    expect(imported!.err).not.toMatch(/cannot rollback|internal/i);
    expect(output.facts.after).toBe(output.facts.before);
    expect((output.facts.files as string[]).filter((f) => /partial|\.tmp/.test(f))).toEqual([]);
  });

  it.skipIf(!CAN_MOUNT)('the backup folder on a full disk: the backup before the import fails clearly and the import does not run', { timeout: 180_000 }, () => {
    const output = inMount(kb(source) + 256, (m) => [
      { copy: [source, `${m}/asuhan.db`] },
      { digest: `${m}/asuhan.db`, as: 'before' },
      { run: ['backup', '--db', `${m}/asuhan.db`] },
      { run: ['import', 'hospitals', csv, '--db', `${m}/asuhan.db`] },
      { digest: `${m}/asuhan.db`, as: 'after' },
      { list: m, as: 'files' },
    ]);
    const [backup, imported] = output.results;
    for (const result of [backup!, imported!]) {
      expect(result.code, result.err).toBe(2);
      expect(result.err).toMatch(DISK_FULL);
      expect(result.err).toContain(`${'backups'}${path.sep}asuhan`);
    }
    expect(output.facts.after).toBe(output.facts.before);
    expect((output.facts.files as string[]).filter((f) => /\.db$/.test(f) && f.includes('backups'))).toEqual([]); // no half backup under a backup's name
    expect((output.facts.files as string[]).filter((f) => /partial|\.lock/.test(f))).toEqual([]);
  });

  it.skipIf(!CAN_MOUNT)('exports into a full folder: "Disk penuh: berkas ... tidak disimpan", no half file; a full folder is found before work starts', { timeout: 180_000 }, () => {
    const output = inMount(512, (m) => [
      { run: ['export', 'pdf', '--month', '2026-03', '--out', `${m}/jadwal`, '--db', source] },
      { fill: 'pengisi.bin', leaveKb: 8 },
      { run: ['export', 'pdf', '--month', '2026-03', '--layout', 'by-puskesmas', '--out', `${m}/jadwal`, '--db', source] },
      { fill: 'pengisi-2.bin', leaveKb: 0 },
      { run: ['export', 'xlsx', '--month', '2026-03', '--out', `${m}/jadwal-2`, '--db', source] },
      { list: m, as: 'files' },
    ]);
    const [fits, halfway, full] = output.results;
    expect(fits!.code, fits!.err).toBe(0);
    expect(halfway!.code).toBe(2);
    expect(halfway!.err).toMatch(/^asuhan: Disk penuh: berkas .*jadwal.*\.pdf tidak disimpan; tidak ada data yang hilang/);
    expect(full!.code).toBe(2);
    expect(full!.err).toMatch(DISK_FULL);
    const files = output.facts.files as string[];
    expect(files.filter((f) => /partial|asuhan-write-test/.test(f))).toEqual([]);
    expect(files.filter((f) => f.startsWith('jadwal-2'))).toEqual([]); // refused before anything was made
  });

  it.skipIf(!CAN_MOUNT)('a read-only place: exports, backups and the database itself say so, and nothing changes', { timeout: 180_000 }, () => {
    const output = inMount(kb(source) + 512, (m) => [
      { copy: [source, `${m}/asuhan.db`] },
      { run: ['status', '--db', `${m}/asuhan.db`] }, // makes the backups folder while it can
      { remountReadOnly: true },
      { run: ['export', 'xlsx', '--month', '2026-03', '--out', `${m}/jadwal`, '--db', source] },
      { run: ['backup', '--out', `${m}/salinan.db`, '--db', source] },
      { run: ['import', 'hospitals', csv, '--db', `${m}/asuhan.db`] },
      { digest: `${m}/asuhan.db`, as: 'after' },
    ]);
    const [, exported, backup, imported] = output.results;
    expect(exported!.code).toBe(2);
    expect(exported!.err).toMatch(/hanya bisa dibaca \(read-only\)|Tidak ada izin menulis/);
    expect(backup!.code).toBe(2);
    expect(backup!.err).toMatch(/hanya bisa dibaca \(read-only\)|Tidak ada izin menulis/);
    expect(imported!.code).toBe(2);
    expect(imported!.err).toMatch(/hanya bisa dibaca|read-only/);
    expect(imported!.err).not.toMatch(/rusak|internal/i);
    expect(output.facts.after).toBe(fileDigest(source));
  });
});

describe('the disk-full test tools', () => {
  it.skipIf(!CAN_MOUNT)('really fill the disk (the mount is private to the test process)', { timeout: 180_000 }, () => {
    const output = inMount(64, (m) => [{ fill: 'x.bin', leaveKb: 0 }, { list: m, as: 'files' }]);
    expect(output.facts.files).toEqual(['x.bin']);
    expect(fs.readdirSync(path.dirname(fs.mkdtempSync(path.join(work, 'probe-'))))).not.toContain('x.bin');
  });
});

