// A new coordinator's first day, in Chromium, from a blank database for a made-up WITA district:
// the setup screen, the district's own messy lists imported through the import dialog (note
// rows, a kabupaten/kota column, prefixes, a typo taken from the suggestions, Excel phones,
// everyday specialty words), a planned month, and the PDF roster checked: the district's
// letterhead and signatory, times in WITA, no other district anywhere.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { WITA_DISTRICT } from '../fixtures/district';
import { pdfText } from '../exports/pdf-check';
import { csv, xlsx } from '../imports/helpers';
import { SHOTS_DIR, startApp, type AppHarness } from './support/app-harness';

let app: AppHarness;
let page: Page;
const pageErrors: string[] = [];

async function expectToast(text: string): Promise<void> {
  await page.locator('.toast', { hasText: text }).first().waitFor({ timeout: 15_000 });
}

/** Opens the import dialog on a master-data tab, gives it the file, and returns the preview. */
async function importThrough(tab: string, name: string, bytes: Buffer) {
  await page.goto(`${app.shell.url}#/data`);
  await page.getByRole('tab', { name: tab, exact: true }).click();
  await page.getByRole('button', { name: 'Impor dari Excel/CSV' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Pilih berkas Excel atau CSV…' }).click();
  await (await chooser).setFiles({ name, mimeType: name.endsWith('.csv') ? 'text/csv' : 'application/octet-stream', buffer: bytes });
  const preview = page.getByTestId('import-preview');
  await preview.waitFor();
  return preview;
}

async function commitShown(rows: number): Promise<void> {
  await page.getByRole('button', { name: `Impor ${rows} baris` }).click();
  await expectToast('Impor selesai');
}

describe('a new WITA district, from a blank database to a signed roster', () => {
  beforeAll(async () => {
    app = await startApp({ demo: false });
    page = app.page;
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  it('opens on the setup screen and will not go further until the district is filled in', async () => {
    await page.goto(app.shell.url);
    await page.getByRole('heading', { name: 'Selamat datang di Asuhan' }).waitFor();
    expect(await page.locator('.sidebar').count()).toBe(0);
    await app.shot('baru-01-setup');
    await page.getByRole('button', { name: 'Simpan dan mulai' }).click();
    await page.getByText('Masih perlu diisi').waitFor();
    await app.shot('baru-02-setup-belum-lengkap');

    // Start from another district's programme: its name, rules and weights come along.
    const programme = JSON.parse(Buffer.from((await app.testDb.api.client['programme:export']({})).base64, 'base64').toString('utf8'));
    programme.settings = { ...programme.settings, programmeName: WITA_DISTRICT.programmeName, visitMinutes: 150, weights: { ...programme.settings.weights, travel: 3 } };
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Pilih berkas program…' }).click();
    await (await chooser).setFiles({ name: 'program-kabupaten-lain.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(programme)) });
    await page.getByText('Program diterapkan:').waitFor();
    expect(await page.locator('input[name="programmeName"]').inputValue()).toBe(WITA_DISTRICT.programmeName);
    expect((await app.testDb.api.client['settings:get']({})).weights.travel).toBe(3);

    const fill = (name: string, value: string) => page.locator(`input[name="${name}"]`).fill(value);
    await fill('districtName', WITA_DISTRICT.districtName);
    // The office and the signatory's title follow the district's name.
    expect(await page.locator('input[name="officeName"]').inputValue()).toBe('Dinas Kesehatan Kabupaten Lembah Kenari');
    await page.locator('select[name="province"]').selectOption(WITA_DISTRICT.province);
    await page.getByText('Zona waktu: WITA (Asia/Makassar)').waitFor();
    await fill('officeAddress', WITA_DISTRICT.officeAddress);
    await fill('city', WITA_DISTRICT.city);
    await fill('signatoryName', WITA_DISTRICT.signatoryName);
    await fill('signatoryNip', WITA_DISTRICT.signatoryNip);
    await app.shot('baru-03-setup-terisi');
    await page.getByRole('button', { name: 'Simpan dan mulai' }).click();
    await page.getByRole('heading', { name: 'Jadwal kunjungan' }).waitFor();
    expect(await page.locator('.content').textContent()).toContain('Jam dalam WITA');
    const settings = await app.testDb.api.client['settings:get']({});
    expect(settings).toMatchObject({ ...WITA_DISTRICT, timeZone: 'Asia/Makassar' });
  }, 120_000);

  it('imports the district’s own messy lists', async () => {
    const hospitals = await importThrough('Rumah sakit', 'rs-provinsi.csv', csv([
      'DAFTAR RUMAH SAKIT PROVINSI (contoh)',
      'No;Nama RS;Kelas;Kabupaten/Kota',
      '1;RSUD Kenari Sehat;C;KAB. LEMBAH KENARI',
      '2;RSIA Al-Marrah;D;Lembah Kenari',
      '3;RSUD Teluk Jauh;C;Kabupaten Teluk Jauh',
      '4;(rumah sakit baru - nama belum ada);;Lembah Kenari',
    ]));
    expect(await hospitals.textContent()).toContain('1 baris dari kabupaten/kota lain dilewati: Kabupaten Teluk Jauh (1).');
    await app.shot('baru-04-impor-rs');
    await commitShown(2);

    await importThrough('Puskesmas', 'puskesmas.csv', csv([
      'Nama Puskesmas;Kecamatan;Lintang;Bujur;Kabupaten',
      'PKM Kenari Utara;Kenari Utara;-4,10;122,50;Lembah Kenari',
      'UPTD Puskesmas Kenari Selatan;Kenari Selatan;-4,16;122,52;Lembah Kenari',
      'Puskesmas Lawa Deman;Lawa;-4,13;122,56;Lembah Kenari',
      'Puskesmas Teluk Biru;Teluk Biru;-4,05;122,48;Lembah Kenari',
      '(17th puskesmas - name not found);;;;Lembah Kenari',
    ]));
    await commitShown(4);

    const specialists = await importThrough('Dokter spesialis', 'dokter.xlsx', await xlsx([
      ['Nama Dokter', 'Keahlian', 'RS Asal', 'No HP'],
      ['dr. Rahmi Contoh, Sp.OG', 'Kandungan', 'RSUD Kenari Sehat', 81299112345],
      ['dr. Yusuf Contoh, Sp.OG(K)', 'Sp.OG(K)', 'RSIA Almarah', '0812-9911-2346'],
      ['dr. Sitti Contoh, Sp.A', 'Anak', 'rsud kenari sehat', '+62 812 9911 2347'],
      ['dr. Ilham Contoh, Sp.A', 'Spesialis Anak', 'Al-Marrah', '0812 9911 2348'],
    ]));
    expect(await specialists.textContent()).toContain('RSIA Almarah tidak ditemukan; maksud Anda RSIA Al-Marrah?');
    await app.shot('baru-05-impor-dokter-saran');
    await page.getByRole('button', { name: 'Terima saran' }).click();
    await page.getByTestId('import-row-warnings').getByText('dibaca sebagai RSIA Al-Marrah (saran diterima)').waitFor();
    expect(await page.getByTestId('import-row-warnings').textContent()).toContain('ditulis 081299112345');
    await app.shot('baru-06-impor-dokter-diterima');
    await commitShown(4);

    await importThrough('Adopsi', 'adopsi.csv', csv([
      'Dokter;Puskesmas Binaan;Peran',
      'dr. Rahmi Contoh, Sp.OG;PKM Kenari Utara;utama',
      'dr. Rahmi Contoh, Sp.OG;Kenari Selatan;utama',
      'dr. Yusuf Contoh, Sp.OG(K);Puskesmas Lawa Deman;utama',
      'dr. Yusuf Contoh, Sp.OG(K);pkm teluk biru;utama',
      'dr. Sitti Contoh, Sp.A;Kenari Utara;utama',
      'dr. Sitti Contoh, Sp.A;Kenari Selatan;utama',
      'dr. Ilham Contoh, Sp.A;Lawa Deman;utama',
      'dr. Ilham Contoh, Sp.A;Teluk Biru;utama',
    ]));
    await commitShown(8);

    const client = app.testDb.api.client;
    expect((await client['hospitals:list']({})).map((h) => h.name)).toEqual(['RSIA Al-Marrah', 'RSUD Kenari Sehat']);
    expect((await client['puskesmas:list']({})).map((p) => p.name)).toEqual(['Puskesmas Kenari Selatan', 'Puskesmas Kenari Utara', 'Puskesmas Lawa Deman', 'Puskesmas Teluk Biru'].map((n) => n.replace('Puskesmas Kenari Utara', 'PKM Kenari Utara').replace('Puskesmas Kenari Selatan', 'UPTD Puskesmas Kenari Selatan')).sort());
    const phones = (await client['specialists:list']({})).map((s) => s.phone);
    expect(phones).toContain('081299112345');
    expect(await client['adoptions:list']({})).toHaveLength(8);
  }, 180_000);

  it('plans the month and prints the roster with the district’s letterhead, signed, in WITA', async () => {
    await page.goto(`${app.shell.url}#/jadwal`);
    await page.waitForSelector('.fc-daygrid-day');
    await page.locator('.fc-next-button').click();
    await page.getByRole('button', { name: 'Buat jadwal Maret 2026' }).click();
    await page.getByRole('button', { name: 'Susun jadwal' }).click();
    await page.getByTestId('plan-preview').waitFor({ timeout: 120_000 });
    await app.shot('baru-07-rencana');
    await page.getByRole('button', { name: 'Simpan', exact: true }).click();
    await expectToast('Jadwal disimpan');
    await expect.poll(() => page.locator('.visit-event').count()).toBe(8);
    await app.shot('baru-08-jadwal');

    await page.goto(`${app.shell.url}#/ekspor`);
    // A fresh window opens on the district's month (February); the roster planned is March's.
    await page.getByRole('group', { name: 'Pilih bulan' }).getByLabel('Bulan', { exact: true }).selectOption('3');
    await page.getByTestId('roster-preview').locator('tbody tr').first().waitFor();
    expect(await page.locator('.content').textContent()).toContain('Semua jam dalam WITA (Asia/Makassar).');
    await app.shot('baru-09-ekspor');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Unduh PDF' }).click();
    const pdf = path.join(app.testDb.dir, 'jadwal.pdf');
    await (await download).saveAs(pdf);
    const text = pdfText(pdf);
    expect(text).toContain('PEMERINTAH KABUPATEN LEMBAH KENARI');
    expect(text).toContain('DINAS KESEHATAN KABUPATEN LEMBAH KENARI');
    expect(text).toContain('Jl. Poros Kenari No. 7, Kenari');
    expect(text).toContain(WITA_DISTRICT.programmeName);
    expect(text).toMatch(/Kenari, 18 Februari 2026/);
    expect(text).toContain(WITA_DISTRICT.signatoryName);
    expect(text).toContain(`NIP. ${WITA_DISTRICT.signatoryNip}`);
    // 150-minute visits: the programme file's visit length.
    // (09.00 as a rule; a short day starts at its opening time.)
    const ranges = [...text.matchAll(/(\d{2})\.(\d{2})-(\d{2})\.(\d{2}) WITA/g)].map(([, h1, m1, h2, m2]) => Number(h2) * 60 + Number(m2) - (Number(h1) * 60 + Number(m1)));
    expect(ranges).toEqual(Array(8).fill(150));
    expect(text.match(/09\.00-11\.30 WITA/g)?.length).toBeGreaterThanOrEqual(6);
    expect(text).not.toMatch(/\bWIB\b|Banyuwangi|Jawa Timur/);
    // Names kept as the district writes them, not doubled ("Puskesmas PKM ...").
    expect(text).toContain('PKM Kenari Utara');
    expect(text).not.toMatch(/Puskesmas (PKM|UPTD)/);
    // The page as a reader sees it, next to the screenshots.
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', pdf, path.join(SHOTS_DIR, 'baru-10-roster')]);
    expect(fs.readdirSync(SHOTS_DIR).some((f) => f.startsWith('baru-10-roster'))).toBe(true);
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
