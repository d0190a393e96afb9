import fs from 'node:fs';
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/command';
import { main } from '../../src/cli/main';
import { createTestDb, TEST_TODAY, type TestDb } from '../fixtures/temp-db';
import { seedMonthVisits, TEST_MONTH } from './fixtures';
import { parseWithIcalJs } from './ics-check';
import { pdfPages, pdfText } from './pdf-check';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb({ demo: true });
  await seedMonthVisits(t.db.kysely, TEST_MONTH, 20);
  // The CLI opens the file itself.
  await t.db.close();
});
afterEach(async () => {
  await t.close();
});

async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), env: { ...t.cliEnv, ...env }, now: () => TEST_TODAY };
  const code = await main([...args, ...t.cliArgs], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('asuhan export', () => {
  it('writes calendars, PDFs, spreadsheets and messages into the folder given', async () => {
    const out = path.join(t.dir, 'keluar');
    const ics = await run(['export', 'ics', '--month', TEST_MONTH, '--out', out]);
    expect(ics.code).toBe(0);
    const files = ics.out.split('\n');
    expect(files).toContain(path.join(out, `jadwal-${TEST_MONTH}-kabupaten.ics`));
    const district = parseWithIcalJs(fs.readFileSync(path.join(out, `jadwal-${TEST_MONTH}-kabupaten.ics`), 'utf8'));
    expect(district.events).toHaveLength(20);

    const unchanged = await run(['export', 'ics', '--month', TEST_MONTH, '--out', out, '--only-changes', '--specialist', '1']);
    expect(unchanged).toMatchObject({ code: 0, out: expect.stringMatching(/Tidak ada yang perlu dikirim/) });

    const history = await run(['export', 'history', '--month', TEST_MONTH]);
    expect(history.out).toMatch(/Waktu \(UTC\)\s+Bulan\s+Untuk/);
    expect(history.out).toMatch(new RegExp(`${TEST_MONTH}\\s+kabupaten\\s+\\s*20\\s+jadwal-${TEST_MONTH}-kabupaten\\.ics`));

    const pdf = await run(['export', 'pdf', '--month', TEST_MONTH, '--out', out, '--layout', 'by-puskesmas', '--json']);
    const written = JSON.parse(pdf.out) as { files: string[] };
    expect(pdfPages(written.files[0]!)).toBeGreaterThanOrEqual(1);
    const report = JSON.parse((await run(['export', 'pdf', '--month', TEST_MONTH, '--out', out, '--layout', 'report', '--json'])).out) as { files: string[] };
    expect(path.basename(report.files[0]!)).toBe(`laporan-bulanan-${TEST_MONTH}.pdf`);
    expect(pdfText(report.files[0]!, 1)).toContain('Laporan Bulanan Program Kunjungan Dokter Spesialis, Maret 2026');

    for (const format of ['xlsx', 'csv', 'text']) expect((await run(['export', format, '--month', TEST_MONTH, '--out', out])).code).toBe(0);
    expect(fs.readdirSync(out)).toEqual(expect.arrayContaining([`jadwal-${TEST_MONTH}.xlsx`, `jadwal-${TEST_MONTH}.csv`, `pesan-${TEST_MONTH}-dokter.txt`, `pesan-${TEST_MONTH}-puskesmas.txt`]));
    expect(fs.readFileSync(path.join(out, `pesan-${TEST_MONTH}-dokter.txt`), 'utf8')).toMatch(/^\*Jadwal kunjungan dr\. .* bulan Maret 2026:\*/);
  });

  it('ends bad usage with one line and exit code 2', async () => {
    expect(await run(['export'])).toMatchObject({ code: 2, err: expect.stringMatching(/^asuhan: Sebutkan satu format/) });
    expect(await run(['export', 'docx'])).toMatchObject({ code: 2, err: expect.stringMatching(/Format harus salah satu dari/) });
    expect(await run(['export', 'pdf', '--month', '03-2026'])).toMatchObject({ code: 2, err: expect.stringMatching(/--month harus bulan/) });
    expect(await run(['export', 'pdf', '--layout', 'x'], { ASUHAN_LANG: 'en' })).toMatchObject({ code: 2, err: expect.stringMatching(/--layout must be one of/) });
  });
});

describe('asuhan import', () => {
  it('previews with --dry-run, refuses a bad file, imports a good one and writes templates', async () => {
    const dir = path.join(t.dir, 'impor');
    fs.mkdirSync(dir);
    const good = path.join(dir, 'libur.csv');
    fs.writeFileSync(good, '\uFEFFTanggal;Keterangan;Jenis\r\n24/12/2027;Cuti bersama Natal;cuti bersama\r\n');
    const dry = await run(['import', 'holidays', good, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/Nama\s+<- "Keterangan"/);
    expect(dry.out).toMatch(/Baru: 1, berubah: 0, tetap: 0, tidak valid: 0/);

    const bad = path.join(dir, 'salah.csv');
    fs.writeFileSync(bad, 'Tanggal;Nama\r\n31/02/2027;Libur salah tanggal\r\n2027-12-25;Natal\r\n');
    const refused = await run(['import', 'holidays', bad]);
    expect(refused.code).toBe(2);
    expect(refused.out).toMatch(/baris 2, Tanggal \(kolom A\): Tanggal: "31\/02\/2027" bukan tanggal yang benar/);
    expect(refused.err).toMatch(/^asuhan: 1 dari 2 baris tidak valid, jadi tidak ada yang diimpor/);

    const partial = await run(['import', 'holidays', bad, '--only-valid']);
    expect(partial.code).toBe(0);
    expect(partial.out).toMatch(/Diimpor: 1 baru, 0 diubah, 0 tetap, 1 baris tidak valid dilewati\./);
    expect(partial.out).toMatch(/Cadangan sebelum impor: .*before-import/);

    const mapped = await run(['import', 'holidays', good, '--map', 'Keterangan=name,Tanggal=date', '--json']);
    expect(JSON.parse(mapped.out).result).toMatchObject({ created: 1 });

    const templates = await run(['import', 'leave', '--template', path.join(dir, 'templat')]);
    expect(templates.code).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'templat')).sort()).toEqual(['templat-leave.csv', 'templat-leave.xlsx']);

    expect(await run(['import', 'pasien', good])).toMatchObject({ code: 2, err: expect.stringMatching(/Sebutkan jenis impor/) });
    expect(await run(['import', 'holidays', path.join(dir, 'tidak-ada.csv')])).toMatchObject({ code: 2, err: expect.stringMatching(/tidak ada/) });
    expect(await run(['import', 'holidays', good, '--map', 'Keterangan'])).toMatchObject({ code: 2, err: expect.stringMatching(/kolom=field/) });
  });
});

describe('asuhan demo', () => {
  it('ends by writing the planned month’s rosters into the folder it names', async () => {
    const out: string[] = [];
    const io: CliIo = { out: (l) => out.push(l), err: () => {}, env: {}, now: () => TEST_TODAY };
    const db = path.join(t.dir, 'demo', 'asuhan.db');
    expect(await main(['demo', '--db', db], io)).toBe(0);
    const line = out.find((l) => l.startsWith('Jadwal 2026-03'))!;
    const dir = /ditulis ke: (.+)$/.exec(line)![1]!;
    expect(dir).toBe(path.join(t.dir, 'demo', 'ekspor', 'jadwal-2026-03'));
    const files = fs.readdirSync(dir);
    expect(files).toEqual(expect.arrayContaining(['jadwal-2026-03-per-tanggal.pdf', 'jadwal-2026-03-per-puskesmas.pdf', 'jadwal-2026-03-per-dokter.pdf', 'jadwal-2026-03-kabupaten.ics', 'jadwal-2026-03.xlsx', 'pesan-2026-03-dokter.txt', 'pesan-2026-03-puskesmas.txt']));
    const district = parseWithIcalJs(fs.readFileSync(path.join(dir, 'jadwal-2026-03-kabupaten.ics'), 'utf8'));
    const perSpecialist = files.filter((f) => f.endsWith('.ics') && !f.includes('kabupaten'));
    const specialistEvents = perSpecialist.flatMap((f) => parseWithIcalJs(fs.readFileSync(path.join(dir, f), 'utf8')).events);
    expect(district.events.length).toBeGreaterThan(0);
    expect(specialistEvents.map((e) => e.uid).sort()).toEqual(district.events.map((e) => e.uid).sort());
    expect(pdfPages(path.join(dir, 'jadwal-2026-03-per-tanggal.pdf'))).toBeGreaterThan(1);
  });

  it('run again with nothing changed, changes nothing and says so; after a change it plans again', async () => {
    const out: string[] = [];
    const io: CliIo = { out: (l) => out.push(l), err: () => {}, env: {}, now: () => TEST_TODAY };
    const db = path.join(t.dir, 'again', 'asuhan.db');
    const rosters = path.join(t.dir, 'again', 'ekspor', 'jadwal-2026-03');
    expect(await main(['demo', '--db', db], io)).toBe(0);
    const files = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => `${e.parentPath}/${e.name}:${fs.statSync(`${e.parentPath}/${e.name}`).mtimeMs}`).sort() : []);
    const counts = () => {
      const sqlite = new Database(db, { readonly: true });
      try {
        return ['plan', 'visit', 'audit_log', 'export_log', 'ics_sent'].map((table) => (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n);
      } finally {
        sqlite.close();
      }
    };
    const before = { counts: counts(), backups: files(path.join(t.dir, 'again', 'backups')), rosters: files(rosters) };

    out.length = 0;
    expect(await main(['demo', '--db', db], io)).toBe(0);
    expect(out.join('\n')).toMatch(/Tidak ada yang berubah sejak rencana #1 untuk Maret 2026 disimpan: tidak ada rencana baru dan tidak ada cadangan\./);
    expect(out.join('\n')).toContain(`Jadwal 2026-03 sudah ada di: ${rosters}`);
    expect({ counts: counts(), backups: files(path.join(t.dir, 'again', 'backups')), rosters: files(rosters) }).toEqual(before);

    // Something the planner reads changes (written behind the app's back, so no audit entry): it plans again.
    const sqlite = new Database(db);
    sqlite.prepare(`INSERT INTO unavailability (specialist_id, start_date, end_date, kind, reason) SELECT specialist_id, '2026-03-01', '2026-03-31', 'leave', 'Cuti' FROM visit WHERE date LIKE '2026-03-%' LIMIT 1`).run();
    sqlite.close();
    out.length = 0;
    expect(await main(['demo', '--db', db, '--json'], io)).toBe(0);
    const rerun = JSON.parse(out.join('\n')) as { plan: { planId: number; unchanged?: boolean } };
    expect(rerun.plan.planId).toBe(2);
    expect(rerun.plan.unchanged).toBeUndefined();
  }, 180_000);
});
