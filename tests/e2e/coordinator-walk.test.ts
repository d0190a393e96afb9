// Issue 12's "Done when", walked once at an office laptop's size and once at a desktop's: plan
// March, adjust it by drag and by keyboard, undo, log January's visits from Catatan, read the
// Dasbor, print the monthly report, export every specialist's calendar as one ZIP, with axe-core
// clean on every screen and no script error. Today is 18 February 2026 (TEST_TODAY).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { VisitView } from '../../src/domain/types';
import { axeReport } from './support/axe';
import { SHOTS_DIR, planMonths, startApp, type AppHarness } from './support/app-harness';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

describe.each(SIZES)('the coordinator month walk at $width×$height', ({ width, height }) => {
  let app: AppHarness;
  let page: Page;
  const pageErrors: string[] = [];
  const axe: string[] = [];
  const shot = (name: string) => app.shot(`walk-${width}-${name}`);
  const client = () => app.testDb.api.client;
  const toast = (text: string | RegExp) => page.locator('.toast', { hasText: text }).first();
  const pickMonth = async (monthNumber: number) => {
    await page.getByRole('group', { name: 'Pilih bulan' }).getByLabel('Bulan', { exact: true }).selectOption(String(monthNumber));
  };
  const visitOf = async (id: number): Promise<VisitView | undefined> => (await client()['visits:list']({ from: '2026-03-01', to: '2026-03-31' })).find((v) => v.id === id);

  beforeAll(async () => {
    app = await startApp();
    page = app.page;
    await page.setViewportSize({ width, height });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // January and February planned as the programme ran them, and not yet logged.
    await planMonths(app, ['2026-01', '2026-02']);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  it('plans March from the calendar, with a preview before saving', async () => {
    await page.goto(`${app.shell.url}#/jadwal`);
    await page.locator('.fc-daygrid-day').first().waitFor();
    await pickMonth(3);
    await expect.poll(() => page.locator('.fc-toolbar-title').textContent()).toBe('Maret 2026');
    await page.getByRole('button', { name: 'Buat jadwal Maret 2026' }).click();
    await page.getByRole('button', { name: 'Susun jadwal' }).click();
    await page.getByTestId('plan-preview').waitFor({ timeout: 120_000 });
    axe.push(await axeReport(page, 'pratinjau jadwal'));
    await shot('01-pratinjau');
    await page.getByRole('button', { name: 'Simpan', exact: true }).click();
    await toast('Jadwal disimpan').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator('.visit-event').count()).toBeGreaterThan(10);
    expect((await client()['visits:list']({ from: '2026-03-01', to: '2026-03-31' })).length).toBeGreaterThan(40);
    axe.push(await axeReport(page, 'Jadwal Maret'));
    await shot('02-jadwal-maret');
  }, 180_000);

  it('drags a visit to a lit day, then takes it back with "Urungkan"', async () => {
    const visits = await client()['visits:list']({ from: '2026-03-01', to: '2026-03-31' });
    const visit = visits.find((v) => v.status === 'planned' && !v.pinned && v.date >= '2026-03-09' && v.date <= '2026-03-20')!;
    const availability = await client()['visits:availability']({ id: visit.id });
    // The allowed day nearest to the visit, so both stay on screen.
    const distance = (d: string) => Math.abs(Date.parse(d) - Date.parse(visit.date));
    const target = availability.days.filter((d) => d.ok && d.date !== visit.date).sort((a, b) => distance(a.date) - distance(b.date))[0]!.date;
    await page.getByRole('combobox', { name: 'Dokter spesialis' }).selectOption(String(visit.specialistId));
    const event = page.locator(`[data-visit-id="${visit.id}"]`);
    await event.waitFor();
    await event.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const from = (await event.boundingBox())!;
    const to = (await page.locator(`td.fc-daygrid-day[data-date="${target}"]`).boundingBox())!;
    await page.mouse.move(from.x + 10, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + 30, from.y + from.height / 2 + 10, { steps: 5 });
    await expect.poll(() => page.locator('td.drop-ok').count()).toBeGreaterThan(0);
    await page.mouse.move(to.x + to.width / 2, to.y + to.height - 12, { steps: 12 });
    await shot('03-geser');
    await page.mouse.up();
    const moved = toast(/dipindah ke/);
    await moved.waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await visitOf(visit.id))?.date).toBe(target);
    expect((await visitOf(visit.id))?.manual).toBe(true);
    await shot('04-dipindah-urungkan');
    await moved.getByRole('button', { name: 'Urungkan' }).click();
    await toast('Diurungkan').waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await visitOf(visit.id))?.date).toBe(visit.date);
    expect((await visitOf(visit.id))?.manual).toBe(false);
    await expect.poll(() => page.locator(`td[data-date="${visit.date}"] [data-visit-id="${visit.id}"]`).count()).toBe(1);
  });

  it('moves a visit with the keyboard alone, and undoes it from the change history', async () => {
    const visits = await client()['visits:list']({ from: '2026-03-01', to: '2026-03-31' });
    const visit = visits.find((v) => v.status === 'planned' && !v.pinned && v.date >= '2026-03-02' && v.date <= '2026-03-13')!;
    const availability = await client()['visits:availability']({ id: visit.id });
    const target = availability.days.filter((d) => d.ok && d.date !== visit.date).at(-1)!.date;
    await page.getByRole('combobox', { name: 'Dokter spesialis' }).selectOption(String(visit.specialistId));
    const event = page.locator(`[data-visit-id="${visit.id}"]`);
    await event.waitFor();
    await event.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    axe.push(await axeReport(page, 'dialog kunjungan'));
    await dialog.getByLabel('Pindah ke tanggal').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(target.split('-').reverse().join('/'));
    await page.keyboard.press('Enter');
    await toast('Kunjungan dipindah').waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await visitOf(visit.id))?.date).toBe(target);
    await page.getByRole('button', { name: 'Riwayat perubahan' }).click();
    const history = page.getByRole('dialog', { name: 'Riwayat perubahan' });
    const row = history.locator('li', { hasText: visit.puskesmasName }).first();
    await row.waitFor();
    axe.push(await axeReport(page, 'riwayat perubahan'));
    await shot('05-riwayat');
    await row.getByRole('button', { name: 'Urungkan' }).click();
    await expect.poll(async () => (await visitOf(visit.id))?.date).toBe(visit.date);
    await page.keyboard.press('Escape');
    await page.getByRole('combobox', { name: 'Dokter spesialis' }).selectOption('');
  });

  it('reads the calendar in week and list view', async () => {
    await page.locator('.fc-dayGridWeek-button').click();
    await page.locator('.fc-dayGridWeek-view .visit-chip').first().waitFor({ timeout: 10_000 });
    axe.push(await axeReport(page, 'Jadwal minggu'));
    await shot('06-minggu');
    await page.locator('.fc-listMonth-button').click();
    await page.locator('.fc-list-event').first().waitFor({ timeout: 10_000 });
    axe.push(await axeReport(page, 'Jadwal daftar'));
    await shot('07-daftar');
    await page.locator('.fc-dayGridMonth-button').click();
  });

  it('logs last month\'s visits from Catatan, oldest first, the next one opening after each save', async () => {
    const january = await client()['visit-log:list']({ month: '2026-01' });
    await page.getByRole('link', { name: 'Catatan kunjungan' }).click();
    await page.getByTestId('log-counts').waitFor();
    await pickMonth(1);
    await expect.poll(() => page.getByTestId('log-counts').textContent()).toContain(`${january.waitingCount} kunjungan menunggu catatan`);
    axe.push(await axeReport(page, 'Catatan kunjungan'));
    const rows = page.locator('.log-list [data-visit]');
    await rows.first().click();
    for (const [index, visit] of january.visits.slice(0, 2).entries()) {
      await expect.poll(() => page.url()).toContain(`#/kunjungan/${visit.id}`);
      const form = page.locator('form.card');
      await form.waitFor();
      if (index === 0) {
        axe.push(await axeReport(page, 'formulir catatan'));
        await shot('08-formulir-catatan');
      }
      await form.getByLabel('Bidan').fill('3');
      await form.locator('.topic-grid input[type=checkbox]').first().check();
      await form.getByRole('button', { name: /Simpan/ }).click();
      await expect.poll(() => page.getByTestId('log-counts').textContent()).toContain(`${january.waitingCount - index - 1} kunjungan menunggu catatan`);
    }
    await expect.poll(() => page.url()).toContain(`#/kunjungan/${january.visits[2]!.id}`);
    const logged = await client()['visit-log:get']({ visitId: january.visits[0]!.id });
    expect(logged.log?.outcome).toBe('done');
  });

  it('reads the Dasbor of the same month, its figures agreeing with the logs', async () => {
    const report = await client()['reports:dashboard']({ month: '2026-01' });
    expect(report.coverage.done).toBeGreaterThanOrEqual(2);
    await page.getByRole('link', { name: 'Dasbor' }).click();
    await page.getByText('Cakupan Januari 2026', { exact: true }).waitFor();
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).toContain(`${report.coverage.done} terlaksana dari ${report.coverage.required} kunjungan wajib`);
    await page.getByRole('img', { name: /Peta kabupaten/ }).waitFor();
    axe.push(await axeReport(page, 'Dasbor'));
    await shot('09-dasbor');
  });

  it('prints the monthly programme report, an A4 PDF that opens', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Cetak laporan bulanan' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('laporan-bulanan-2026-01.pdf');
    const saved = path.join(app.testDb.dir, file.suggestedFilename());
    await file.saveAs(saved);
    expect(fs.readFileSync(saved).subarray(0, 5).toString()).toBe('%PDF-');
    expect(execFileSync('pdfinfo', [saved], { encoding: 'utf8' })).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    // The first page as a picture, to look at (and proof that the PDF renders).
    const png = path.join(SHOTS_DIR, `walk-${width}-10-laporan-halaman-1`);
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', saved, png]);
    expect(fs.statSync(`${png}.png`).size).toBeGreaterThan(10_000);
    expect(execFileSync('pdftotext', ['-f', '1', '-l', '1', saved, '-'], { encoding: 'utf8' })).toContain('Januari 2026');
  });

  it('exports March for every specialist as one ZIP, one calendar file each', async () => {
    await page.getByRole('link', { name: 'Ekspor' }).click();
    await pickMonth(3);
    await page.getByTestId('roster-preview').locator('tbody tr').first().waitFor();
    axe.push(await axeReport(page, 'Ekspor'));
    await shot('11-ekspor');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Unduh ICS' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('kalender-2026-03-semua-dokter.zip');
    const entries = unzipSync(new Uint8Array(fs.readFileSync(await file.path())));
    const names = Object.keys(entries);
    const march = await client()['visits:list']({ from: '2026-03-01', to: '2026-03-31' });
    const specialists = new Set(march.filter((v) => v.status !== 'cancelled').map((v) => v.specialistId));
    // One calendar per specialist with visits, and the district's whole roster as one more.
    expect(names.every((n) => n.endsWith('.ics'))).toBe(true);
    expect(names.filter((n) => n.endsWith('-kabupaten.ics'))).toEqual(['jadwal-2026-03-kabupaten.ics']);
    expect(names.filter((n) => !n.endsWith('-kabupaten.ics'))).toHaveLength(specialists.size);
    for (const name of names) expect(Buffer.from(entries[name]!).toString('utf8')).toMatch(/^BEGIN:VCALENDAR[\s\S]*BEGIN:VEVENT[\s\S]*END:VCALENDAR\s*$/);
  });

  it('met no serious or critical axe violation and no script error on the way', () => {
    expect(axe.filter(Boolean).join('\n\n')).toBe('');
    expect(pageErrors).toEqual([]);
  });
});
