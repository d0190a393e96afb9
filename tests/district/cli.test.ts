// A new district from the command line: a blank database names no district and says what to
// fill in; `asuhan settings set` fills it through the API (all pairs or none); a programme file
// carries rules but never the letterhead, people or zone; global options go anywhere.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/command';
import { main } from '../../src/cli/main';
import { freshPostgres, type TestPostgres } from '../fixtures/postgres';
import { ON_POSTGRES, TEST_TODAY, tempDir } from '../fixtures/temp-db';
import { WITA_DISTRICT } from '../fixtures/district';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir;
}

// On the PostgreSQL pass each database file the test names stands for a server database of its
// own, which every command reaches through ASUHAN_DATABASE_URL.
const servers = new Map<string, TestPostgres>();
afterAll(async () => {
  for (const server of servers.values()) await server.drop();
});

async function serverFor(file: string): Promise<TestPostgres | undefined> {
  if (!ON_POSTGRES) return undefined;
  if (!servers.has(file)) servers.set(file, await freshPostgres({ template: null }));
  return servers.get(file);
}

function dbArg(args: string[]): string | undefined {
  const at = args.indexOf('--db');
  return at >= 0 ? args[at + 1] : args.find((a) => a.startsWith('--db='))?.slice('--db='.length);
}

async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const file = dbArg(args);
  const server = file ? await serverFor(file) : undefined;
  const serverEnv = server && file ? { ASUHAN_DATABASE_URL: server.url, ASUHAN_BACKUP_DIR: path.join(path.dirname(file), 'backups') } : {};
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), env: { ...serverEnv, ...env }, now: () => TEST_TODAY };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const districtPairs = Object.entries(WITA_DISTRICT).map(([key, value]) => `${key}=${value}`);

describe('a blank database', () => {
  it('knows no district, says what to fill in, and refuses a roster until the letterhead is filled', async () => {
    const db = path.join(folder(), 'baru.db');
    // Global options before the command, as the README promises.
    expect((await run(['--db', db, 'init'])).code).toBe(0);
    const status = JSON.parse((await run(['--json', 'status', '--db', db])).out);
    expect(status.districtName).toBe('');
    expect(status.setup).toEqual({ needed: true, missing: ['programmeName', 'districtName', 'province', 'officeName', 'officeAddress', 'city', 'signatoryTitle', 'signatoryName'] });
    const settings = JSON.parse((await run(['settings', '--db', db, '--json'])).out);
    for (const key of ['programmeName', 'districtName', 'city', 'officeName', 'officeAddress', 'signatoryTitle', 'signatoryName']) expect(settings[key], key).toBe('');
    const listed = (await run(['settings', '--db', db])).out;
    expect(listed).toMatch(/^! districtName +\(kosong\)/m);

    const refused = await run(['export', 'pdf', '--month', '2026-03', '--out', folder(), '--db', db]);
    expect(refused.code).toBe(2);
    expect(refused.err).toBe('asuhan: PDF dengan kop surat belum bisa dibuat: isi dulu Kabupaten/kota, Nama kantor, Alamat kantor, Kota surat, Jabatan penanda tangan, Nama penanda tangan di Pengaturan (atau asuhan settings set districtName=...).');
    const calendars = await run(['export', 'ics', '--month', '2026-03', '--out', folder(), '--db', db], { ASUHAN_LANG: 'en' });
    expect(calendars.err).toMatch(/^asuhan: The calendar cannot be made yet: first fill in Programme name, District, Office name/);
  });
});

describe('asuhan settings set', () => {
  it('sets every kind of value through the API, derives the zone from the province, and writes nothing on any bad pair', async () => {
    const db = path.join(folder(), 'kab.db');
    await run(['init', '--db', db]);
    const set = await run(['settings', 'set', ...districtPairs, 'weights.continuity=5', 'allowTwoVisitsPerDay=ya', 'visitMinutes=150', 'defaultOpeningHours=Senin-Kamis 07.30-14.00, Jumat 07.30-11.00', '--db', db]);
    expect(set.code, set.err).toBe(0);
    const after = JSON.parse((await run(['settings', '--json', '--db', db])).out);
    expect(after).toMatchObject({ ...WITA_DISTRICT, timeZone: 'Asia/Makassar', allowTwoVisitsPerDay: true, visitMinutes: 150 });
    expect(after.weights).toMatchObject({ continuity: 5, travel: 1 });
    expect(after.defaultOpeningHours).toEqual({ '1': { open: '07:30', close: '14:00' }, '2': { open: '07:30', close: '14:00' }, '3': { open: '07:30', close: '14:00' }, '4': { open: '07:30', close: '14:00' }, '5': { open: '07:30', close: '11:00' } });
    const status = JSON.parse((await run(['status', '--json', '--db', db])).out);
    expect(status).toMatchObject({ timeZone: 'Asia/Makassar', zone: 'WITA', setup: { needed: false, missing: [] } });

    for (const bad of [['visitMinutes=abc'], ['weights.unknown=1'], ['noSuchKey=1'], ['visitMinutes=120', 'timeZone=Asia/Jakarta'], ['province=Atlantis'], ['nopair']]) {
      const result = await run(['settings', 'set', 'districtName=Kabupaten Lain', ...bad, '--db', db]);
      expect(result.code, bad.join(' ')).toBe(2);
      expect(result.err.split('\n'), bad.join(' ')).toHaveLength(1);
    }
    const unchanged = JSON.parse((await run(['settings', '--json', '--db', db])).out);
    expect(unchanged).toEqual(after);
    expect((await run(['settings', 'set', 'timeZone=Asia/Jakarta', '--db', db])).err).toBe('asuhan: Zona waktu: provinsi Sulawesi Tenggara memakai WITA (Asia/Makassar), bukan Asia/Jakarta.');
  });
});

describe('a programme file', () => {
  it('starts a new district from another’s rules, specialties and topics, never its letterhead, people or zone', async () => {
    const dir = folder();
    const demo = path.join(dir, 'contoh.db');
    await run(['init', '--demo', '--db', demo]);
    await run(['settings', 'set', 'weights.travel=7', 'visitMinutes=150', '--db', demo]);
    const file = path.join(dir, 'program.json');
    expect((await run(['programme', 'export', file, '--db', demo])).code).toBe(0);
    const programme = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(programme).toMatchObject({ format: 'asuhan-programme', version: 1 });
    const demoSettings = JSON.parse((await run(['settings', '--json', '--db', demo])).out);
    const text = fs.readFileSync(file, 'utf8');
    for (const key of ['districtName', 'officeName', 'officeAddress', 'signatoryName', 'signatoryNip', 'coordinatorName', 'city']) expect(text, key).not.toContain(demoSettings[key]);
    expect(Object.keys(programme.settings)).not.toContain('timeZone');
    expect(programme.specialties.find((s: { code: string }) => s.code === 'obgyn').aliases).toContain('Kandungan');

    const fresh = path.join(dir, 'baru.db');
    const init = await run(['init', '--programme', file, '--db', fresh]);
    expect(init.code, init.err).toBe(0);
    expect(init.out).toMatch(/Program diterapkan: \d+ pengaturan/);
    const settings = JSON.parse((await run(['settings', '--json', '--db', fresh])).out);
    expect(settings).toMatchObject({ visitMinutes: 150, programmeName: demoSettings.programmeName, districtName: '', signatoryName: '', province: '' });
    expect(settings.weights.travel).toBe(7);
    const topics = JSON.parse((await run(['status', '--json', '--db', fresh])).out);
    expect(topics.setup.needed).toBe(true);

    // Applied to a district that is set up, it brings the programme (and its name) but leaves the
    // district's letterhead, people and zone alone.
    const other = path.join(dir, 'lain.db');
    await run(['init', '--db', other]);
    await run(['settings', 'set', ...districtPairs, '--db', other]);
    expect((await run(['programme', 'import', file, '--db', other])).code).toBe(0);
    expect(JSON.parse((await run(['settings', '--json', '--db', other])).out)).toMatchObject({ ...WITA_DISTRICT, programmeName: demoSettings.programmeName, timeZone: 'Asia/Makassar', visitMinutes: 150 });

    // A damaged or foreign file is refused, changing nothing.
    fs.writeFileSync(path.join(dir, 'rusak.json'), '{"format":"asuhan-programme","version":9}');
    const bad = await run(['programme', 'import', path.join(dir, 'rusak.json'), '--db', other]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/versi berkas program harus 1/);
    fs.writeFileSync(path.join(dir, 'bukan.json'), 'bukan json');
    expect((await run(['programme', 'import', path.join(dir, 'bukan.json'), '--db', other])).err).toMatch(/bukan berkas program/);
  });
});

describe('status', () => {
  it('counts active and inactive records apart', async () => {
    const db = path.join(folder(), 'kab.db');
    await run(['init', '--demo', '--db', db]);
    const before = JSON.parse((await run(['status', '--json', '--db', db])).out);
    expect(before.counts.inactive).toEqual({ specialties: 0, hospitals: 0, specialists: 0, puskesmas: 0, adoptions: 0 });
    const { openAnyDatabase } = await import('../../src/db/connect');
    const handle = await openAnyDatabase({ file: db, url: (await serverFor(db))?.url });
    await handle.kysely.updateTable('puskesmas').set({ active: 0 }).where('id', 'in', [1, 2]).execute();
    await handle.kysely.updateTable('hospital').set({ active: 0 }).where('id', '=', 1).execute();
    await handle.close();
    const after = JSON.parse((await run(['status', '--json', '--db', db])).out);
    expect(after.counts.puskesmas).toBe(before.counts.puskesmas - 2);
    expect(after.counts.hospitals).toBe(before.counts.hospitals - 1);
    expect(after.counts.inactive.puskesmas).toBe(2);
    expect(after.counts.inactive.hospitals).toBe(1);
    expect(after.counts.inactive.adoptions).toBeGreaterThan(0);
    expect(after.counts.adoptions + after.counts.inactive.adoptions).toBe(before.counts.adoptions);
    expect((await run(['status', '--db', db])).out).toMatch(/Puskesmas +\d+ +\(nonaktif: 2\)/);
  });
});

describe('global options', () => {
  it('work before or after the command', async () => {
    const db = path.join(folder(), 'kab.db');
    expect((await run(['--db', db, '--json', 'init'])).code).toBe(0);
    const a = JSON.parse((await run(['--db', db, 'status', '--json'])).out);
    const b = JSON.parse((await run(['status', `--db=${db}`, '--json'])).out);
    expect(a.databasePath).toBe(b.databasePath);
    expect((await run(['--help', 'status'])).out).toMatch(/^Pemakaian: asuhan status/);
    expect((await run(['--help'])).code).toBe(0);
    expect((await run(['--db', db])).code).toBe(2);
  });
});
