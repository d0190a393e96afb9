// Issue 13, points 3 and 6: hostile files and paths cannot hang the app. In the trial a 325 KB
// .xlsx that unpacks to 300 MB blocked the web shell for 50 s and took 1.9 GB; `--out
// /proc/forbidden` spun at 100% CPU forever; `log --file /dev/zero` reached 4.5 GB in 10 s;
// `solve /dev/zero` never ended; a folder given as a file "did not exist". Here each is refused
// clearly, quickly and in little memory, and the web shell keeps answering while a heavy (but
// honest) workbook is parsed in its worker.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_LIMITS } from '../../src/imports/zip-check';
import { startWebShell, type WebShell } from '../../src/server/web-shell';
import { createSqliteTestDb, type SqliteTestDb } from '../fixtures/temp-db';
import { contentDigest } from './db-digest';
import { heavyWorkbook, hiddenPartBomb, manyPartsWorkbook, zipBomb } from './support/hostile-files';
import { shellRequest } from './support/shell-request';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const MB = 1024 * 1024;

let t: SqliteTestDb;
let shell: WebShell;
beforeAll(async () => {
  t = await createSqliteTestDb({ demo: true });
  shell = await startWebShell({ api: t.api, staticDir: t.dir, port: 0 });
}, 60_000);
afterAll(async () => {
  await shell.close();
  await t.close();
});

const preview = (fileName: string, bytes: Buffer) => shellRequest(shell, 'POST', '/api/imports:preview', JSON.stringify({ kind: 'hospitals', fileName, base64: bytes.toString('base64') }));

describe('spreadsheet archives are checked before parsing (point 3)', () => {
  const bombs: [string, () => Promise<Buffer>, RegExp][] = [
    ['the trial\'s bomb: a small .xlsx that unpacks to 300 MB', () => zipBomb(300 * MB), /unpacks to more than 50 MB/],
    ['a bomb whose headers lie (say under 1 MB, unpack to 300 MB)', () => zipBomb(300 * MB, { lie: true }), /larger than the archive says/],
    ['a bomb hidden outside the archive directory', () => hiddenPartBomb(300 * MB), /hidden outside the archive directory/],
    ['thousands of parts', () => manyPartsWorkbook(5000), /holds 5016 parts/],
  ];

  it.each(bombs)('refuses %s over HTTP within a second, writing nothing', async (_what, make, why) => {
    const bytes = await make();
    expect(bytes.length).toBeLessThan(2 * MB);
    const before = contentDigest(t.db.sqlite);
    const started = performance.now();
    const reply = await preview('rumah-sakit.xlsx', bytes);
    const elapsed = performance.now() - started;
    expect(reply.status).toBe(422);
    const body = JSON.parse(reply.body) as { error: { code: string; message: string; messageEn: string } };
    expect(body.error.code).toBe('IMPORT');
    expect(body.error.messageEn).toMatch(why);
    expect(body.error.message).toMatch(/^Berkas Excel ditolak: .*Tidak ada yang diubah\.$/);
    expect(elapsed).toBeLessThan(5000); // milliseconds on a quiet machine; generous for a shared one
    expect(contentDigest(t.db.sqlite)).toBe(before);
  }, 60_000);

  it('the limits are those of the issue: 50 MB unpacked, a bounded ratio and part count', () => {
    expect(XLSX_LIMITS.maxUncompressedBytes).toBe(50 * MB);
    expect(XLSX_LIMITS.maxRatio).toBeLessThanOrEqual(200);
    expect(XLSX_LIMITS.maxEntries).toBeLessThanOrEqual(1000);
  });

  it('a heavy but honest workbook is parsed off the main thread: other calls keep being answered meanwhile', async () => {
    const bytes = await heavyWorkbook(20 * MB);
    let importDone = false;
    const started = performance.now();
    const importing = preview('berat.xlsx', bytes).then(
      (reply) => ({ reply, ms: performance.now() - started }),
      (error: unknown) => ({ reply: { status: 0, body: String(error), headers: {} }, ms: performance.now() - started }),
    );
    void importing.then(() => (importDone = true));
    const answered: number[] = [];
    while (!importDone) {
      const at = performance.now();
      const info = await shellRequest(shell, 'POST', '/api/app:info', '{}');
      expect(info.status).toBe(200);
      if (!importDone) answered.push(performance.now() - at);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const { reply, ms } = await importing;
    expect(reply.status, reply.body.slice(0, 300)).toBe(200);
    expect((JSON.parse(reply.body) as { data: { totalRows: number } }).data.totalRows).toBe(4899);
    // Answered again and again while the parse ran; each far sooner than the parse itself.
    expect(answered.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...answered)).toBeLessThan(ms / 3);
    console.info(`heavy workbook (${(bytes.length / MB).toFixed(1)} MB, 20 MB unpacked) parsed in ${ms.toFixed(0)} ms; app:info answered ${answered.length} times meanwhile, slowest ${Math.max(...answered).toFixed(0)} ms`);
  }, 300_000);
});

interface AttackRun {
  code: number;
  stderr: string;
  ms: number;
  /** Growth of the process's peak memory during the attack. */
  peakGrowthMb: number;
}

/**
 * Runs the real CLI on each attack, one after another, in one process of its own (starting one
 * per attack under tsx takes seconds on a shared machine): a spin or a memory blow-up ends at the
 * timeout and fails every attack after it.
 */
function runAttacks(attacks: string[][], timeoutMs = 180_000): AttackRun[] {
  const script = `import { register } from 'tsx/esm/api'; register();
    const { main } = await import(${JSON.stringify(path.join(ROOT, 'src/cli/main.ts'))});
    const results = [];
    for (const args of JSON.parse(process.argv[1])) {
      const err = [];
      const io = { out: () => {}, err: (l) => err.push(l), env: { ASUHAN_LANG: 'id' }, now: () => new Date() };
      const peak = process.resourceUsage().maxRSS;
      const started = performance.now();
      const code = await main(args, io);
      results.push({ code, stderr: err.join(' | '), ms: performance.now() - started, peakGrowthMb: (process.resourceUsage().maxRSS - peak) / 1024 });
    }
    process.stdout.write(JSON.stringify(results));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(attacks)], { cwd: ROOT, encoding: 'utf8', timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * MB });
  if (run.status !== 0) throw new Error(`attacks did not finish (status ${run.status}, signal ${run.signal}): ${(run.stderr ?? '').slice(0, 2000)}`);
  return JSON.parse(run.stdout) as AttackRun[];
}

describe('paths that used to spin or swallow memory (point 6)', () => {
  const folder = () => {
    const dir = path.join(t.dir, 'sebuah-folder');
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  };
  const attacks: [string, () => string[], RegExp][] = [
    ['export ics --out /proc/forbidden', () => ['export', 'ics', '--month', '2026-03', '--out', '/proc/forbidden', '--db', t.file], /Tidak bisa menulis ke folder \/proc\/forbidden/],
    ['export pdf --out /proc/forbidden', () => ['export', 'pdf', '--month', '2026-03', '--out', '/proc/forbidden', '--db', t.file], /Tidak bisa menulis ke folder \/proc\/forbidden/],
    ['import puskesmas --template /proc/forbidden', () => ['import', 'puskesmas', '--template', '/proc/forbidden', '--db', t.file], /Tidak bisa menulis ke folder \/proc\/forbidden/],
    ['log --file /dev/zero', () => ['log', '--file', '/dev/zero', '--db', t.file], /\/dev\/zero bukan berkas biasa/],
    ['solve /dev/zero', () => ['solve', '/dev/zero'], /\/dev\/zero bukan berkas biasa/],
    ['backup --out /proc/forbidden', () => ['backup', '--out', '/proc/forbidden', '--db', t.file], /folder \/proc/],
    ['export xlsx --out /dev/full', () => ['export', 'xlsx', '--month', '2026-03', '--out', '/dev/full', '--db', t.file], /\/dev\/full bukan folder/],
    ['import hospitals <a folder>', () => ['import', 'hospitals', folder(), '--db', t.file], /adalah folder, bukan berkas/],
    ['import hospitals /dev/zero', () => ['import', 'hospitals', '/dev/zero', '--db', t.file], /bukan berkas biasa/],
    ['restore /dev/zero', () => ['restore', '/dev/zero', '--db', t.file], /bukan berkas biasa/],
  ];

  let results: AttackRun[] = [];
  let before = '';
  beforeAll(() => {
    before = contentDigest(t.db.sqlite);
    results = runAttacks(attacks.map(([, args]) => args()));
  }, 200_000);

  it.each(attacks.map((attack, index) => [attack[0], index, attack[2]] as const))('%s: one clear line, exit code 2, quickly and in little memory', (_what, index, why) => {
    const run = results[index]!;
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr.split(' | ')).toHaveLength(1);
    expect(run.stderr).toMatch(/^asuhan: /);
    expect(run.stderr).toMatch(why);
    expect(run.stderr).not.toMatch(/internal|kesalahan internal|\bat .*\.ts:\d+/i);
    expect(run.stderr).not.toMatch(/\bE[A-Z]{3,}\b/); // no ENOENT and the like in the coordinator's words
    expect(run.ms).toBeLessThan(20_000); // milliseconds when quiet; the trial spun forever
    expect(run.peakGrowthMb).toBeLessThan(100); // the trial reached 4.5 GB
  });

  it('and nothing was written', () => {
    expect(contentDigest(t.db.sqlite)).toBe(before);
    console.info(`path attacks: ${attacks.map(([what], i) => `${what} ${results[i]!.ms.toFixed(0)} ms +${results[i]!.peakGrowthMb.toFixed(0)} MB`).join('; ')}`);
  });
});
