import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/command';
import { TEST_TODAY, tempDir } from '../fixtures/temp-db';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function dbPath(): string {
  const dir = tempDir();
  dirs.push(dir);
  return path.join(dir, 'asuhan.db');
}

async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), env, now: () => TEST_TODAY };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('asuhan init and status', () => {
  it('creates the demo district once, however often it runs', async () => {
    const db = dbPath();
    const first = await run(['init', '--demo', '--db', db, '--json']);
    expect(first.code).toBe(0);
    const status = JSON.parse(first.out);
    expect(status.counts).toMatchObject({ puskesmas: 45, specialists: 38, hospitals: 14 });
    expect(status.counts.specialistsBySpecialty).toEqual({ obgyn: 19, pediatric: 19 });
    expect(status.counts.holidays).toBeGreaterThanOrEqual(55);
    const second = await run(['init', '--demo', '--db', db, '--json']);
    const again = JSON.parse(second.out);
    expect(again.counts).toEqual(status.counts);
    expect(again.added).toMatchObject({ puskesmas: 0, specialists: 0, adoptions: 0, unavailability: 0 });
  });

  it('gives every demo puskesmas a primary OB-GYN and a primary pediatrician', async () => {
    const db = dbPath();
    await run(['init', '--demo', '--db', db]);
    const BetterSqlite3 = (await import('better-sqlite3')).default;
    const sqlite = new BetterSqlite3(db, { readonly: true });
    const lacking = sqlite
      .prepare(
        `SELECT p.name, s.code FROM puskesmas p CROSS JOIN specialty s
         WHERE NOT EXISTS (SELECT 1 FROM adoption a JOIN specialist sp ON sp.id = a.specialist_id
                           WHERE a.puskesmas_id = p.id AND a.role = 'primary' AND sp.specialty_id = s.id)`,
      )
      .all();
    sqlite.close();
    expect(lacking).toEqual([]);
  });

  it('prints a readable summary in Bahasa Indonesia', async () => {
    const db = dbPath();
    const { code, out } = await run(['init', '--demo', '--db', db]);
    expect(code).toBe(0);
    expect(out).toContain('Puskesmas        45');
    expect(out).toContain('Obstetri dan Ginekologi (obgyn): 19');
    const status = await run(['status', '--db', db]);
    expect(status.out).toContain('Dokter spesialis 38');
  });
});

describe('errors end with one line and exit code 2', () => {
  it('for an unknown option', async () => {
    const { code, err, out } = await run(['status', '--bogus']);
    expect(code).toBe(2);
    expect(err.split('\n')).toHaveLength(1);
    expect(err).toMatch(/^asuhan: Opsi tidak valid untuk "status"/);
    expect(out).toBe('');
  });

  it('for an unknown command, in English when asked', async () => {
    const { code, err } = await run(['plant'], { ASUHAN_LANG: 'en' });
    expect(code).toBe(2);
    expect(err).toBe('asuhan: Unknown command: plant. See "asuhan --help".');
  });

  it('for a missing database', async () => {
    const { code, err } = await run(['status', '--db', path.join(tempDir(), 'none.db')]);
    expect(code).toBe(2);
    expect(err).toMatch(/belum ada\. Jalankan "asuhan init"/);
  });

  it('for a corrupt database', async () => {
    const db = dbPath();
    fs.writeFileSync(db, Buffer.alloc(8192, 7));
    const { code, err } = await run(['status', '--db', db]);
    expect(code).toBe(2);
    expect(err).toMatch(/tidak bisa dibuka sebagai database Asuhan/);
    expect(err).not.toMatch(/at .*\.ts:\d+/);
  });

  it('for a value given to a flag', async () => {
    const { code } = await run(['init', '--demo=yes', '--db', dbPath()]);
    expect(code).toBe(2);
  });
});

describe('help', () => {
  it('is there for the program and every subcommand', async () => {
    const top = await run(['--help']);
    expect(top.code).toBe(0);
    const names = [...top.out.matchAll(/^ {2}([a-z][a-z-]*) {2,}/gm)].map((m) => m[1] as string);
    expect(names).toEqual(expect.arrayContaining(['init', 'status', 'demo']));
    for (const name of names) {
      const help = await run([name, '--help']);
      expect(help.code, name).toBe(0);
      expect(help.out, name).toMatch(/^Pemakaian: asuhan /);
    }
  });
});

describe('the installed bin', () => {
  it('runs through npx-style node bin/asuhan.mjs (the CLI compiled at install)', () => {
    const db = dbPath();
    const root = path.resolve(__dirname, '../..');
    execFileSync(process.execPath, [path.join(root, 'bin/asuhan.mjs'), 'init', '--db', db], { encoding: 'utf8' });
    const status = JSON.parse(execFileSync(process.execPath, [path.join(root, 'bin/asuhan.mjs'), 'status', '--db', db, '--json'], { encoding: 'utf8' }));
    expect(status.counts.specialties).toBe(2);
    const bad = spawnSync(process.execPath, [path.join(root, 'bin/asuhan.mjs'), 'status', '--db', path.join(path.dirname(db), 'missing.db')], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  }, 120_000);
});
