// The whole app in Chromium through the web shell, against a temporary demo database:
// master data, planning a month, a refused drag onto a holiday, pinning and re-planning,
// logging a visit, exporting the PDF roster, and a screenshot of every screen.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type AppHarness } from './support/app-harness';

const PLAN_MONTH = '2026-03'; // the month after TEST_TODAY (2026-02-18)
const HOLIDAY = '2026-03-19'; // Hari Suci Nyepi

let app: AppHarness;
let page: Page;
const pageErrors: string[] = [];

/** Opens a screen fresh (a hash-only change to the same screen would keep its state). */
async function go(hash: string): Promise<void> {
  const target = `${app.shell.url}#/${hash}`;
  if (page.url() === target) await page.reload();
  else await page.goto(target);
}

/** Waits for a notification with this text (older ones may still be on screen). */
async function expectToast(text: string): Promise<void> {
  await page.locator('.toast', { hasText: text }).first().waitFor({ timeout: 15_000 });
}

async function openPlanMonth(): Promise<void> {
  await go('jadwal');
  await page.waitForSelector('.fc-daygrid-day');
  await page.locator('.fc-next-button').click();
  await expect.poll(() => page.locator('.fc-toolbar-title').textContent()).toContain('Maret 2026');
}

describe('Asuhan in the browser', () => {
  beforeAll(async () => {
    app = await startApp();
    page = app.page;
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  it('opens on the calendar with holidays in Indonesian', async () => {
    await go('jadwal');
    await page.waitForSelector('.fc-daygrid-day');
    expect(await page.locator('.fc-toolbar-title').textContent()).toBe('Februari 2026');
    expect(await page.locator('.sidebar').textContent()).toContain('Rabu, 18 Februari 2026');
    await expect.poll(() => page.locator('.fc-bg-event.holiday').count()).toBeGreaterThan(0);
    await app.shot('01-jadwal-kosong');
  });

  it('creates a specialist, with the validation message next to the field first', async () => {
    await go('data');
    await page.waitForSelector('table.data tbody tr');
    await page.getByRole('button', { name: 'Tambah dokter spesialis' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await expect.poll(() => dialog.locator('.field-error').first().textContent()).toContain('wajib diisi');
    await app.shot('02-data-validasi');

    await dialog.getByLabel('Nama lengkap dan gelar').fill('dr. Uji Coba, Sp.OG');
    await dialog.getByLabel('Telepon / WA').fill('0812 3456 7890');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await expectToast('ditambahkan');
    await page.getByRole('searchbox').fill('Uji Coba');
    await expect.poll(() => page.locator('table.data tbody tr').count()).toBe(1);
    const created = (await app.testDb.api.client['specialists:list']({})).find((s) => s.name === 'dr. Uji Coba, Sp.OG');
    expect(created?.phone).toBe('0812 3456 7890');
    await app.shot('03-data-dokter');
  });

  it('imports hospitals from a CSV file after a preview', async () => {
    await go('data');
    await page.getByRole('tab', { name: 'Rumah sakit' }).click();
    await page.getByRole('button', { name: 'Impor dari Excel/CSV' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Pilih berkas Excel atau CSV…' }).click();
    await (await chooser).setFiles({ name: 'rs.csv', mimeType: 'text/csv', buffer: Buffer.from('Nama;Jenis;Kota\nRS Uji Impor;RS swasta;Banyuwangi\n') });
    await page.getByTestId('import-preview').waitFor();
    await app.shot('04-impor-pratinjau');
    expect(await app.testDb.api.client['hospitals:list']({})).not.toContainEqual(expect.objectContaining({ name: 'RS Uji Impor' }));
    await page.getByRole('button', { name: 'Impor 1 baris' }).click();
    await expectToast('Impor selesai');
    expect(await app.testDb.api.client['hospitals:list']({})).toContainEqual(expect.objectContaining({ name: 'RS Uji Impor', town: 'Banyuwangi' }));
  });

  it('plans a month, shows the changes before saving, then saves', async () => {
    await openPlanMonth();
    await page.getByRole('button', { name: 'Buat jadwal Maret 2026' }).click();
    await page.getByRole('button', { name: 'Susun jadwal' }).click();
    const preview = page.getByTestId('plan-preview');
    await preview.waitFor({ timeout: 120_000 });
    expect(await app.testDb.api.client['visits:list']({ from: '2026-03-01', to: '2026-03-31' })).toHaveLength(0);
    expect(await page.getByRole('tab', { name: /^Perubahan \(\d+\)$/ }).textContent()).not.toBe('Perubahan (0)');
    await app.shot('04-rencana-pratinjau');
    await page.getByRole('tab', { name: /^Tidak terpenuhi/ }).click();
    await page.getByRole('tab', { name: /^Penjelasan/ }).click();
    await app.shot('05-rencana-penjelasan');
    await page.getByRole('button', { name: 'Simpan', exact: true }).click();
    await expectToast('Jadwal disimpan');
    await expect.poll(() => page.locator('.visit-event').count()).toBeGreaterThan(10);
    expect((await app.testDb.api.client['visits:list']({ from: '2026-03-01', to: '2026-03-31' })).length).toBeGreaterThan(10);
    await app.shot('06-jadwal-maret');
  });

  it('refuses a visit dragged onto a holiday and says why', async () => {
    const visits = await app.testDb.api.client['visits:list']({ from: '2026-03-01', to: '2026-03-13' });
    const visit = visits.find((v) => !v.pinned);
    if (!visit) throw new Error('no visit to drag');
    // One specialist's visits only, so the event is not folded into "+n lagi".
    await page.getByRole('combobox', { name: 'Dokter spesialis' }).selectOption(String(visit.specialistId));
    const event = page.locator(`[data-visit-id="${visit.id}"]`);
    await event.waitFor();
    const from = await event.boundingBox();
    const to = await page.locator(`td.fc-daygrid-day[data-date="${HOLIDAY}"]`).boundingBox();
    if (!from || !to) throw new Error('no boxes');
    await page.mouse.move(from.x + 10, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + 30, from.y + from.height / 2 + 10, { steps: 5 });
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 15 });
    await page.mouse.up();
    await expectToast('Tidak bisa dipindah');
    await app.shot('07-geser-ke-hari-libur');
    const after = (await app.testDb.api.client['visits:list']({ from: visit.date, to: visit.date })).find((v) => v.id === visit.id);
    expect(after?.date).toBe(visit.date);
    expect(after?.manual).toBe(false);
  });

  it('pins a visit and keeps it when the month is planned again', async () => {
    const visit = (await app.testDb.api.client['visits:list']({ from: '2026-03-01', to: '2026-03-31' })).find((v) => !v.pinned && v.status === 'planned');
    if (!visit) throw new Error('no visit to pin');
    await page.getByRole('combobox', { name: 'Dokter spesialis' }).selectOption(String(visit.specialistId));
    await page.locator(`[data-visit-id="${visit.id}"]`).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Sematkan' }).click();
    await expectToast('disematkan');
    await app.shot('08-disematkan');

    await page.getByRole('button', { name: 'Buat jadwal Maret 2026' }).click();
    await page.getByLabel(/Susun dari awal/).check();
    await page.getByRole('button', { name: 'Susun jadwal' }).click();
    await page.getByTestId('plan-preview').waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: 'Simpan', exact: true }).click();
    await expectToast('Jadwal disimpan');
    const kept = (await app.testDb.api.client['visits:list']({ from: visit.date, to: visit.date })).find((v) => v.id === visit.id);
    expect(kept).toMatchObject({ pinned: true, date: visit.date, specialistId: visit.specialistId, puskesmasId: visit.puskesmasId });
  });

  it('opens a visit from the keyboard and shows the week and list views', async () => {
    await page.getByRole('combobox', { name: 'Dokter spesialis' }).selectOption('');
    await page.locator('.visit-event').first().focus({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor({ timeout: 10_000 });
    await app.shot('09-kunjungan-detail');
    await page.keyboard.press('Escape');
    await page.locator('.fc-dayGridWeek-button').click();
    // The week view opens on the week of 1 March (23 Feb - 1 Mar); the visits start the week after.
    await page.locator('.fc-next-button').click();
    await page.locator('.fc-dayGridWeek-view .visit-event').first().waitFor({ timeout: 10_000 });
    await app.shot('09b-minggu');
    await page.locator('.fc-listMonth-button').click();
    await page.locator('.fc-list-event').first().waitFor({ timeout: 10_000 });
    await app.shot('09c-daftar');
    await page.locator('.fc-dayGridMonth-button').click();
  });

  it('moves a visit to a free day from its details, marked as changed by hand', async () => {
    const client = app.testDb.api.client;
    const visits = await client['visits:list']({ from: '2026-03-01', to: '2026-03-31' });
    const visit = visits.find((v) => !v.pinned && v.status === 'planned');
    if (!visit) throw new Error('no visit to move');
    let target: string | undefined;
    // The latest free day of the month (the calendar shows March's last weeks after "next").
    for (let day = 31; day >= 16 && !target; day--) {
      const date = `2026-03-${day}`;
      if (date === visit.date) continue;
      const check = await client['visits:check']({ specialistId: visit.specialistId, puskesmasId: visit.puskesmasId, date, excludeVisitId: visit.id });
      if (check.ok) target = date;
    }
    if (!target) throw new Error('no free day found');
    await go('jadwal');
    await page.locator('.fc-next-button').click();
    await page.getByRole('combobox', { name: 'Dokter spesialis' }).selectOption(String(visit.specialistId));
    await page.locator(`[data-visit-id="${visit.id}"]`).click();
    const dialog = page.getByRole('dialog');
    // Typed as an Indonesian coordinator writes it: dd/mm/yyyy.
    await dialog.getByLabel('Pindah ke tanggal').fill(target.split('-').reverse().join('/'));
    await dialog.getByRole('button', { name: 'Pindahkan' }).click();
    await expectToast('Kunjungan dipindah');
    const moved = (await client['visits:list']({ from: target, to: target })).find((v) => v.id === visit.id);
    expect(moved).toMatchObject({ date: target, manual: true });
    await expect.poll(() => page.locator(`[data-visit-id="${visit.id}"]`).evaluate((el) => el.classList.contains('manual'))).toBe(true);
  });

  it('logs a visit from the keyboard-friendly form', async () => {
    const adoption = (await app.testDb.api.client['adoptions:list']({}))[0];
    if (!adoption) throw new Error('no adoption');
    const visit = await app.testDb.api.client['visits:create']({ specialistId: adoption.specialistId, puskesmasId: adoption.puskesmasId, date: '2026-02-10' });
    await go(`kunjungan/${visit.id}`);
    const form = page.getByRole('form', { name: 'Catatan kunjungan' });
    await form.waitFor();
    await form.getByLabel('Bidan').fill('4');
    await form.getByLabel('Dokter umum').fill('1');
    await form.locator('.topic-grid input[type=checkbox]').first().check();
    await form.getByRole('button', { name: '+ Kasus' }).click();
    await form.getByLabel('Kondisi').fill('Ny. Sari, perdarahan');
    await form.getByLabel('Kondisi').press('Control+Enter');
    await expect.poll(() => form.locator('.field-error').first().textContent()).toContain('nama pasien');
    await app.shot('09-catatan-nama-pasien-ditolak');
    await form.getByLabel('Kondisi').fill('Perdarahan pascapersalinan, G2P1');
    await form.getByRole('button', { name: 'Simpan catatan' }).click();
    await expectToast('Catatan kunjungan disimpan');
    const detail = await app.testDb.api.client['visit-log:get']({ visitId: visit.id });
    expect(detail.log?.outcome).toBe('done');
    expect(detail.log?.attendance).toBe(5);
    expect(detail.log?.cases[0]?.condition).toBe('Perdarahan pascapersalinan, G2P1');
    await app.shot('10-catatan-tersimpan');
  });

  it('exports the PDF roster with a preview of the month', async () => {
    await go('ekspor');
    // A fresh window opens every screen on the district's month (February); the roster is March's.
    await page.getByRole('group', { name: 'Pilih bulan' }).getByLabel('Bulan', { exact: true }).selectOption('3');
    await page.getByTestId('roster-preview').locator('tbody tr').first().waitFor();
    // February's rows stay until March's arrive.
    await expect.poll(() => page.getByTestId('roster-preview').textContent()).toContain('Maret 2026');
    await app.shot('11-ekspor');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Unduh PDF' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.pdf$/);
    const saved = `${app.testDb.dir}/roster.pdf`;
    await file.saveAs(saved);
    expect(fs.readFileSync(saved).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('shows the dashboard, and everything in English after the switch', async () => {
    await go('dasbor');
    await page.locator('.kpis').waitFor();
    expect(await page.getByTestId('lacking').locator('tbody tr').count()).toBeGreaterThan(0);
    await app.shot('12-dasbor');
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Dashboard');
    expect(await page.locator('.sidebar').textContent()).toContain('18 February 2026');
    await app.shot('13-dashboard-en');
    await go('jadwal');
    await page.locator('.fc-daygrid-day').first().waitFor();
    await app.shot('14-schedule-en');
    await page.getByRole('button', { name: 'ID', exact: true }).click();
  });

  it('shows adoptions as a matrix of puskesmas and specialties', async () => {
    await go('data');
    await page.getByRole('tab', { name: 'Adopsi' }).click();
    await page.getByRole('button', { name: 'Matriks' }).click();
    const matrix = page.getByTestId('adoption-matrix');
    await matrix.waitFor();
    expect(await matrix.locator('tbody tr').count()).toBe(45);
    await app.shot('15-adopsi-matriks');
  });

  it('edits the programme settings, with the error next to the field', async () => {
    await go('data');
    await page.getByRole('tab', { name: 'Pengaturan' }).click();
    const start = page.getByLabel('Jam mulai kunjungan');
    await start.fill('9 pagi');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await expect.poll(() => page.locator('.field-invalid .field-error').first().textContent()).toBeTruthy();
    await app.shot('16-pengaturan-galat');
    await start.fill('08:30');
    await page.getByLabel('Bobot: jarak tempuh').fill('5');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await expectToast('Pengaturan disimpan');
    const settings = await app.testDb.api.client['settings:get']({});
    expect(settings.visitStart).toBe('08:30');
    expect(settings.weights.travel).toBe(5);
  });

  it('lists backups and makes one on demand', async () => {
    await go('data');
    await page.getByRole('tab', { name: 'Cadangan' }).click();
    const before = (await app.testDb.api.client['backups:list']({})).backups.length;
    await page.getByRole('button', { name: 'Buat cadangan sekarang' }).click();
    await expectToast('Cadangan dibuat');
    expect((await app.testDb.api.client['backups:list']({})).backups.length).toBe(before + 1);
    await app.shot('17-cadangan');
  });

  it('raised no script errors on any screen', () => {
    expect(pageErrors).toEqual([]);
  });
});
