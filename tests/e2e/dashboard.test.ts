// The Dasbor a coordinator can trust: every figure named for its month and agreeing with the
// others, each card opening the list behind it, and the monthly report printed from it.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { planMonths, startApp, type AppHarness } from './support/app-harness';

let app: AppHarness;
let page: Page;
const pageErrors: string[] = [];

describe('Dasbor', () => {
  beforeAll(async () => {
    app = await startApp();
    page = app.page;
    await page.setViewportSize({ width: 1366, height: 768 });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await planMonths(app, ['2026-01', '2026-02', '2026-03']);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  it('names every figure for its month and keeps the counts consistent', async () => {
    const report = await app.testDb.api.client['reports:dashboard']({ month: '2026-02' });
    await page.goto(`${app.shell.url}#/dasbor`);
    await page.getByText('Cakupan Februari 2026', { exact: true }).waitFor();
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).not.toMatch(/bulan ini/i);
    expect(body).toContain(`${report.coverage.done} terlaksana dari ${report.coverage.required} kunjungan wajib; ${report.coverage.planned} direncanakan`);
    expect(body).toContain('Cakupan per puskesmas, Februari 2026');
    // The legend's counts add up to the puskesmas counted in the figure beside it.
    const legend = await page.locator('.legend-row').first().textContent();
    const counts = [...(legend ?? '').matchAll(/\((\d+)\)/g)].map((m) => Number(m[1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(report.coverage.puskesmasCount);
    expect(legend).toContain(`Terpenuhi (${report.coverage.puskesmasCompliant})`);
    await app.shot('12b-dasbor-1366');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await app.shot('12b-dasbor-1920');
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('draws the district from its coordinates, marked by coverage, and lists what has no position', async () => {
    const client = app.testDb.api.client;
    const [first] = await client['puskesmas:list']({});
    await client['puskesmas:update']({ id: first!.id, changes: { lat: null, lon: null } });
    await page.reload();
    const map = page.getByRole('img', { name: /Peta kabupaten, cakupan Februari 2026/ });
    await map.waitFor();
    const puskesmas = (await client['puskesmas:list']({})).filter((p) => p.active);
    const hospitals = (await client['hospitals:list']({})).filter((h) => h.active && h.lat !== null);
    expect(await map.locator('circle[r="7"]').count()).toBe(puskesmas.length - 1);
    expect(await map.locator('rect[width="12"]').count()).toBe(hospitals.length);
    expect(await map.locator('line').count()).toBeGreaterThan(puskesmas.length);
    expect(await page.getByTestId('map-unplaced').textContent()).toContain(first!.name);
    await page.getByRole('img', { name: /Peta kabupaten/ }).scrollIntoViewIfNeeded();
    await app.shot('12b-peta-1366');
  });

  it('opens the visits waiting for a log from its card', async () => {
    const report = await app.testDb.api.client['reports:dashboard']({ month: '2026-02' });
    await page.getByRole('link', { name: 'Buka daftar kunjungan yang belum dicatat' }).click();
    await expect.poll(() => page.url()).toContain('#/kunjungan/tertunda');
    await expect.poll(() => page.getByTestId('log-counts').textContent()).toContain(`${report.unloggedPastVisits} kunjungan menunggu catatan`);
  });

  it('jumps to the search field with "/" from anywhere on the screen', async () => {
    await page.goto(`${app.shell.url}#/data`);
    await page.getByRole('searchbox', { name: 'Cari' }).waitFor();
    await page.getByRole('heading', { name: 'Data master' }).click();
    await page.keyboard.press('/');
    expect(await page.getByRole('searchbox', { name: 'Cari' }).evaluate((el) => el.matches(':focus'))).toBe(true);
    // Typing in a field keeps the slash.
    await page.keyboard.type('Bad/');
    expect(await page.getByRole('searchbox', { name: 'Cari' }).inputValue()).toBe('Bad/');
  });

  it('prints the monthly programme report of the month shown', async () => {
    await page.goto(`${app.shell.url}#/dasbor`);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Cetak laporan bulanan' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('laporan-bulanan-2026-02.pdf');
    const saved = await file.path();
    expect(fs.readFileSync(saved).subarray(0, 5).toString()).toBe('%PDF-');
    expect(pageErrors).toEqual([]);
  });
});
