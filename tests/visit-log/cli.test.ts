import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/command';
import { parseAttendees, parseCase } from '../../src/cli/commands/log';
import { main } from '../../src/cli/main';
import { openAnyDatabase } from '../../src/db/connect';
import { freshPostgres, type TestPostgres } from '../fixtures/postgres';
import { ON_POSTGRES, TEST_TODAY, tempDir } from '../fixtures/temp-db';
import { insertVisit, primaryPairs } from './builders';

let dir: string;
let db: string;
let visits: number[];
// On the PostgreSQL pass every command reaches a server database through ASUHAN_DATABASE_URL.
let server: TestPostgres | undefined;

async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), env: server ? { ASUHAN_DATABASE_URL: server.url, ASUHAN_BACKUP_DIR: path.join(dir, 'backups'), ...env } : env, now: () => TEST_TODAY };
  const code = await main([...args, '--db', db], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  dir = tempDir();
  db = path.join(dir, 'asuhan.db');
  if (ON_POSTGRES) server = await freshPostgres({ template: null });
  expect((await run(['init', '--demo'])).code).toBe(0);
  const opened = await openAnyDatabase({ file: db, url: server?.url });
  const pairs = (await primaryPairs(opened.kysely)).filter((p) => p.puskesmasId === 1 || p.puskesmasId === 2);
  visits = [];
  for (const pair of pairs) visits.push(await insertVisit(opened.kysely, { ...pair, date: '2026-02-10' }));
  await opened.close();
});
afterAll(async () => {
  await server?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('asuhan log', () => {
  it('parses attendees and cases', () => {
    expect(parseAttendees('bidan:3, perawat ,dokter_umum=dr. Rina')).toEqual([
      { role: 'bidan', headcount: 3 },
      { role: 'perawat', headcount: 1 },
      { role: 'dokter_umum', name: 'dr. Rina' },
    ]);
    expect(parseCase('neonate|BBLR 1800 g|referred|3')).toEqual({ ageGroup: 'neonate', condition: 'BBLR 1800 g', decision: 'referred', hospitalId: 3, notes: '' });
    expect(() => parseAttendees('bidan:tiga')).toThrow(/peran:jumlah/);
  });

  it('records a done visit, refuses a second log, and --replace corrects it', async () => {
    const visit = String(visits[0]);
    const first = await run(['log', '--visit', visit, '--outcome', 'done', '--attendees', 'bidan:3,perawat:2', '--topics', 'anc,pre-eclampsia', '--followup', 'Lengkapi MgSO4|Kepala puskesmas|2026-03-15', '--json']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out).log).toMatchObject({ outcome: 'done', attendance: 5 });
    const second = await run(['log', '--visit', visit, '--outcome', 'done', '--attendees', 'bidan:1', '--topics', 'anc']);
    expect(second).toMatchObject({ code: 2, out: '' });
    expect(second.err).toMatch(/sudah dicatat.*--replace/);
    const fixed = await run(['log', '--visit', visit, '--outcome', 'done', '--attendees', 'bidan:1', '--topics', 'pph', '--replace']);
    expect(fixed.code).toBe(0);
    expect(fixed.out).toMatch(/Perdarahan pascapersalinan/);
    const shown = await run(['log', '--visit', visit]);
    expect(shown.out).toMatch(/Hasil: done/);
  });

  it('bad input ends with one bilingual line and exit code 2', async () => {
    const empty = await run(['log', '--visit', String(visits[1]), '--outcome', 'done'], { ASUHAN_LANG: 'en' });
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/^asuhan: Invalid input\. Attendees: a done visit needs at least one attendee/);
    expect((await run(['log', '--visit', 'abc', '--outcome', 'done'])).err).toMatch(/--visit perlu ID/);
    expect((await run(['log', '--visit', String(visits[1]), '--outcome', 'finished'])).err).toMatch(/hasil harus done, cancelled, missed atau moved/);
  });

  it('takes a JSON file of entries and reports each failure', async () => {
    const file = path.join(dir, 'entries.json');
    fs.writeFileSync(
      file,
      JSON.stringify([
        { visitId: visits[1], outcome: 'missed', reason: 'Dokter operasi cito' },
        { visitId: 999999, outcome: 'missed' },
      ]),
    );
    const result = await run(['log', '--file', file]);
    expect(result.code).toBe(2);
    expect(result.out).toMatch(/Tersimpan: 1 kunjungan\. Gagal: 1\./);
    expect(result.err).toMatch(/#999999 tidak ditemukan/);
  });
});

describe('asuhan report', () => {
  it('prints compliance, topics, follow-ups and the dashboard as tables or JSON', async () => {
    const compliance = await run(['report', 'compliance', '--month', '2026-02']);
    expect(compliance.code).toBe(0);
    expect(compliance.out).toMatch(/Kepatuhan kunjungan Februari 2026 · 0\/45 puskesmas terpenuhi · selesai 1 dari 90 wajib/);
    expect(compliance.out).toMatch(/tidak terlaksana: Dokter operasi cito/);
    const json = JSON.parse((await run(['report', 'compliance', '--month', '2026-02', '--json'])).out);
    expect(json.totals).toMatchObject({ required: 90, done: 1 });
    const topics = await run(['report', 'topics', '--from', '2026-01', '--to', '2026-02', '--window', '3']);
    expect(topics.out).toMatch(/pph\s+Perdarahan pascapersalinan\s+obgyn\s+ya\s+1\s+1/);
    expect(topics.out).toMatch(/Kehadiran: dokter_umum 0, bidan 1/);
    const followups = await run(['report', 'followups', '--status', 'all']);
    expect(followups.out).toMatch(/Tindak lanjut · terbuka 0 \(terlambat 0\) · selesai 0/);
    const dashboard = await run(['report', 'dashboard', '--month', '2026-02']);
    expect(dashboard.out).toMatch(/Cakupan: 1\/90/);
  });

  it('refuses an unknown report or a bad month before opening the database', async () => {
    expect((await run(['report', 'weather'])).err).toMatch(/Pilih laporan/);
    expect((await run(['report', 'compliance', '--month', '2026-2'])).err).toMatch(/--month harus bulan/);
    expect((await run(['report', 'followups', '--status', 'late'])).code).toBe(2);
  });
});
