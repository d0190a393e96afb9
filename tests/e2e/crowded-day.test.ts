// A province-sized day in the month grid: more than 30 visits show as one count per specialty,
// which opens the list of that day (a chip per visit made a province's month take seconds to draw).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeReport } from './support/axe';
import { startApp, type AppHarness } from './support/app-harness';

const DAY = '2026-03-10';
let app: AppHarness;
let page: Page;
const pageErrors: string[] = [];

describe('a crowded day in the calendar', () => {
  beforeAll(async () => {
    app = await startApp();
    page = app.page;
    await page.setViewportSize({ width: 1366, height: 768 });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // Every adoption visited on one day, written straight to the table: what a province's day holds.
    app.testDb.db.sqlite
      .prepare(
        `INSERT INTO visit (uid, date, start_time, end_time, specialist_id, puskesmas_id, specialty_id, status)
         SELECT 'padat-' || a.id, ?, '09:00', '12:00', a.specialist_id, a.puskesmas_id, s.specialty_id, 'planned'
         FROM adoption a JOIN specialist s ON s.id = a.specialist_id WHERE a.role = 'primary'`,
      )
      .run(DAY);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  it('shows counts per specialty that add up to the day, and opens the day\'s list from them', async () => {
    const visits = await app.testDb.api.client['visits:list']({ from: DAY, to: DAY });
    expect(visits.length).toBeGreaterThan(30);
    await page.goto(`${app.shell.url}#/jadwal`);
    await page.getByRole('group', { name: 'Pilih bulan' }).getByLabel('Bulan', { exact: true }).selectOption('3');
    const counts = page.locator(`td[data-date="${DAY}"] .day-summary`);
    await counts.first().waitFor({ timeout: 15_000 });
    const texts = await counts.allTextContents();
    const total = texts.map((text) => Number(/(\d+) kunjungan/.exec(text)?.[1])).reduce((a, b) => a + b, 0);
    expect(total).toBe(visits.length);
    expect(texts.length).toBe(new Set(visits.map((v) => v.specialtyId)).size);
    expect(await page.locator(`td[data-date="${DAY}"] .visit-event`).count()).toBe(0);
    expect(await axeReport(page, 'Jadwal, hari padat')).toBe('');
    await app.shot('12d-hari-padat-1366');
    // From the keyboard: the count takes focus and Enter opens the day.
    await counts.first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.fc-toolbar-title').textContent()).toBe('10 Maret 2026');
    await expect.poll(() => page.locator('.fc-list-event.visit-event').count()).toBe(visits.length);
    await app.shot('12d-hari-padat-daftar-1366');
    await page.locator('.fc-dayGridMonth-button').click();
    await expect.poll(() => page.locator('.fc-toolbar-title').textContent()).toBe('Maret 2026');
    expect(pageErrors).toEqual([]);
  });
});
