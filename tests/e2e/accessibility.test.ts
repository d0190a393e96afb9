// axe-core on every screen and every dialog a coordinator opens, with no serious or critical
// violation; and a visible focus ring on each control reached with Tab, the calendar toolbar too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeReport } from './support/axe';
import { stopsWithoutRing, tabStops } from './support/focus';
import { planMonths, startApp, type AppHarness } from './support/app-harness';

let app: AppHarness;
let page: Page;
const pageErrors: string[] = [];

async function go(hash: string): Promise<void> {
  const target = `${app.shell.url}#/${hash}`;
  if (page.url() === target) await page.reload();
  else await page.goto(target);
}

describe('accessibility of every screen', () => {
  beforeAll(async () => {
    app = await startApp();
    page = app.page;
    await page.setViewportSize({ width: 1366, height: 768 });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await planMonths(app, ['2026-01', '2026-02']);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  it('Jadwal in month, week and list view, and the visit dialog', async () => {
    await go('jadwal');
    await page.locator('.visit-chip').first().waitFor({ timeout: 15_000 });
    const reports = [await axeReport(page, 'Jadwal, bulan')];
    await page.locator('.fc-dayGridWeek-button').click();
    await page.locator('.fc-dayGridWeek-view').waitFor();
    reports.push(await axeReport(page, 'Jadwal, minggu'));
    await page.locator('.fc-listMonth-button').click();
    await page.locator('.fc-list').waitFor();
    reports.push(await axeReport(page, 'Jadwal, daftar'));
    await page.locator('.fc-dayGridMonth-button').click();
    await page.locator('.visit-event').first().click();
    await page.getByRole('dialog').waitFor();
    reports.push(await axeReport(page, 'Jadwal, dialog kunjungan'));
    // The in-app confirmation names the visit.
    await page.getByRole('dialog').getByRole('button', { name: 'Batalkan kunjungan' }).click();
    await page.getByRole('alertdialog').or(page.getByRole('dialog', { name: 'Batalkan kunjungan' })).first().waitFor();
    reports.push(await axeReport(page, 'Jadwal, konfirmasi pembatalan'));
    await page.getByRole('button', { name: 'Jangan batalkan' }).click();
    // The date picker of the move-date field.
    await page.getByRole('button', { name: 'Pilih tanggal di kalender' }).click();
    await page.getByRole('dialog', { name: 'Kalender' }).waitFor();
    reports.push(await axeReport(page, 'Jadwal, pemilih tanggal'));
    // Escape closes the picker, then the visit.
    for (let i = 0; i < 3 && (await page.getByRole('dialog').count()) > 0; i++) {
      await page.keyboard.press('Escape');
      await page.waitForTimeout(150);
    }
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.getByRole('button', { name: /^Buat jadwal/ }).click();
    await page.getByRole('dialog').waitFor();
    reports.push(await axeReport(page, 'Jadwal, dialog buat jadwal'));
    await page.keyboard.press('Escape');
    expect(reports.filter(Boolean).join('\n\n')).toBe('');
  }, 120_000);

  it('Dasbor with its map', async () => {
    await go('dasbor');
    await page.getByRole('img', { name: /Peta kabupaten/ }).waitFor();
    expect(await axeReport(page, 'Dasbor')).toBe('');
  });

  it('Catatan kunjungan, its list and the log form', async () => {
    await go('kunjungan');
    await page.getByTestId('log-counts').waitFor();
    const reports = [await axeReport(page, 'Catatan kunjungan')];
    await page.locator('.log-list [data-visit]').first().click();
    await page.locator('form.card').waitFor();
    reports.push(await axeReport(page, 'Catatan kunjungan, formulir'));
    expect(reports.filter(Boolean).join('\n\n')).toBe('');
  });

  it('every Data master tab, and the add dialog', async () => {
    await go('data');
    await page.locator('table.data tbody tr').first().waitFor();
    const reports: string[] = [];
    for (const tab of await page.getByRole('tab').allTextContents()) {
      await page.getByRole('tab', { name: tab, exact: true }).click();
      await page.waitForLoadState('networkidle');
      await page.locator('.spinner').waitFor({ state: 'detached' }).catch(() => undefined);
      reports.push(await axeReport(page, `Data master, ${tab}`));
    }
    await page.getByRole('tab', { name: 'Dokter spesialis', exact: true }).click();
    await page.getByRole('button', { name: 'Tambah dokter spesialis' }).click();
    await page.getByRole('dialog').waitFor();
    reports.push(await axeReport(page, 'Data master, dialog tambah'));
    await page.keyboard.press('Escape');
    // The import dialog with its preview.
    await page.getByRole('tab', { name: 'Rumah sakit', exact: true }).click();
    await page.getByRole('button', { name: 'Impor dari Excel/CSV' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Pilih berkas Excel atau CSV…' }).click();
    await (await chooser).setFiles({ name: 'rs.csv', mimeType: 'text/csv', buffer: Buffer.from('Nama;Jenis;Kota\nRS Uji Impor;RS swasta;Kota Uji\nRS Tanpa Jenis;;\n') });
    await page.getByTestId('import-preview').waitFor();
    reports.push(await axeReport(page, 'Data master, pratinjau impor'));
    await page.keyboard.press('Escape');
    expect(reports.filter(Boolean).join('\n\n')).toBe('');
  }, 90_000);

  it('Ekspor', async () => {
    await go('ekspor');
    await page.getByTestId('roster-preview').locator('tbody tr').first().waitFor();
    expect(await axeReport(page, 'Ekspor')).toBe('');
  });

  it('Riwayat perubahan', async () => {
    await page.getByRole('button', { name: 'Riwayat perubahan' }).click();
    await page.getByRole('dialog').waitFor();
    expect(await axeReport(page, 'Riwayat perubahan')).toBe('');
    await page.keyboard.press('Escape');
  });

  it('shows a focus ring on every control reached with Tab, the calendar toolbar too', async () => {
    await go('jadwal');
    await page.locator('.visit-chip').first().waitFor({ timeout: 15_000 });
    const stops = await tabStops(page, 45);
    expect(stops.filter((s) => !s.ring).map((s) => s.element).join('\n')).toBe('');
    // The stops include the toolbar and the visits themselves.
    expect(stops.map((s) => s.element).join('\n')).toMatch(/fc-prev-button/);
    expect(stops.map((s) => s.element).join('\n')).toMatch(/visit-event/);
    await page.locator('.fc-prev-button').focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await app.shot('12c-fokus-toolbar-1366');
    for (const screen of ['dasbor', 'kunjungan', 'data', 'ekspor']) {
      await go(screen);
      await page.locator('main h1').waitFor();
      await page.waitForLoadState('networkidle');
      expect(await stopsWithoutRing(page, 30), screen).toBe('');
    }
  }, 120_000);

  it('in English too', async () => {
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await expect.poll(() => page.evaluate('document.documentElement.lang')).toBe('en');
    await go('jadwal');
    await page.locator('.visit-chip').first().waitFor({ timeout: 15_000 });
    const reports = [await axeReport(page, 'Schedule')];
    await go('dasbor');
    await page.getByRole('img', { name: /map/i }).first().waitFor();
    reports.push(await axeReport(page, 'Dashboard'));
    await page.getByRole('button', { name: 'ID', exact: true }).click();
    expect(reports.filter(Boolean).join('\n\n')).toBe('');
  }, 90_000);

  it('no script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});

describe('accessibility of the setup screen of a blank database', () => {
  let blank: AppHarness;
  beforeAll(async () => {
    blank = await startApp({ demo: false });
  }, 180_000);
  afterAll(async () => {
    await blank?.close();
  });

  it('has no serious violation, before and after a refused save', async () => {
    await blank.page.goto(blank.shell.url);
    await blank.page.getByRole('heading', { name: 'Selamat datang di Asuhan' }).waitFor();
    const reports = [await axeReport(blank.page, 'Penyiapan')];
    await blank.page.getByRole('button', { name: 'Simpan dan mulai' }).click();
    await blank.page.getByText('Masih perlu diisi').waitFor();
    reports.push(await axeReport(blank.page, 'Penyiapan, belum lengkap'));
    expect(reports.filter(Boolean).join('\n\n')).toBe('');
  });
});
