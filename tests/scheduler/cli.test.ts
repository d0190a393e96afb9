// asuhan plan / asuhan solve / asuhan demo: the saved problem solves to the same plan without a
// database, the demo plans next month, and bad options end with exit code 2 and one line.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/command';
import { main } from '../../src/cli/main';
import { freshPostgres, type TestPostgres } from '../fixtures/postgres';
import { ON_POSTGRES, TEST_TODAY, tempDir } from '../fixtures/temp-db';

const dir = tempDir();
const db = path.join(dir, 'asuhan.db');
// On the PostgreSQL pass every command reaches a server database through ASUHAN_DATABASE_URL.
let server: TestPostgres | undefined;
beforeAll(async () => {
  if (ON_POSTGRES) server = await freshPostgres({ template: null });
});
afterAll(async () => {
  await server?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), env: server ? { ASUHAN_DATABASE_URL: server.url, ASUHAN_BACKUP_DIR: path.join(dir, 'backups') } : {}, now: () => TEST_TODAY };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('asuhan demo, plan and solve', () => {
  it('demo sets up the district and saves next month with its summary', async () => {
    const demo = await run(['demo', '--db', db]);
    expect(demo.code).toBe(0);
    expect(demo.out).toContain('Rencana Maret 2026: 90 kunjungan, cakupan 90/90 (100%)');
    expect(demo.out).toMatch(/Solver: optimal \(terbukti\) · objektif [\d.]+ · batas bawah [\d.]+ · gap 0\.00% · \d+ ms/);
    expect(demo.out).toContain('Dokter asuh yang sama');
    const again = await run(['demo', '--db', db, '--json']);
    // Nothing changed since: the rerun plans nothing (no new plan, no backup) and says so.
    expect(JSON.parse(again.out).plan).toMatchObject({ planId: Number(/rencana #(\d+)/.exec(demo.out)![1]), unchanged: true });
  });

  it('plan --dry-run --save-problem writes a file that asuhan solve turns into the same plan', async () => {
    const file = path.join(dir, 'april.json');
    const planned = await run(['plan', '--month', '2026-04', '--dry-run', '--save-problem', file, '--db', db, '--json']);
    expect(planned.code).toBe(0);
    const dry = JSON.parse(planned.out);
    expect(dry.dryRun).toBe(true);
    const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(saved).toMatchObject({ format: 'asuhan-problem', version: 1, months: ['2026-04'] });
    expect(saved.solverView[0].candidates[0]).toHaveLength(4);
    const solved = await run(['solve', file, '--json']);
    expect(solved.code).toBe(0);
    const result = JSON.parse(solved.out);
    expect(result.objective).toBe(dry.objective);
    expect(result.visits).toEqual(dry.visits);
    const greedy = await run(['solve', file, '--greedy']);
    expect(greedy.out).toContain('heuristik greedy');
    expect((await run(['plan', '--month', '2026-04', '--dry-run', '--db', db])).out).toContain('Rencana April 2026');
  });

  it('plans and saves a range of months in turn', async () => {
    const range = await run(['plan', '--from', '2026-05', '--to', '2026-06', '--db', db]);
    expect(range.code).toBe(0);
    expect(range.out).toContain('Rencana Mei 2026: 90 kunjungan');
    expect(range.out).toContain('Rencana Juni 2026: 90 kunjungan');
    expect(range.out.match(/Disimpan sebagai rencana #\d+/g)).toHaveLength(2);
  });

  it('refuses bad options and files with exit code 2 and one line', async () => {
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ format: 'asuhan-problem', version: 1, months: ['2026-13'] }));
    fs.writeFileSync(path.join(dir, 'broken.json'), '{');
    const cases: [string[], RegExp][] = [
      [['plan', '--month', '2026-13', '--db', db], /--month harus bulan/],
      [['plan', '--month', '2026-03', '--from', '2026-03', '--to', '2026-04', '--db', db], /bukan keduanya/],
      [['plan', '--from', '2026-05', '--to', '2026-03', '--db', db], /--to tidak boleh sebelum --from/],
      [['plan', '--db', db], /Sebutkan --month/],
      [['solve'], /tepat satu berkas/],
      [['solve', path.join(dir, 'missing.json')], /Tidak dapat membaca/],
      [['solve', path.join(dir, 'broken.json')], /Tidak dapat membaca/],
      [['solve', bad], /Berkas masalah tidak valid di months\.0/],
      [['solve', bad, '--time-limit', 'x'], /--time-limit/],
    ];
    for (const [args, message] of cases) {
      const result = await run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.err.split('\n')).toHaveLength(1);
      expect(result.err).toMatch(message);
    }
  });
});
