// The calendar read at a glance: chips without the usual start time, the specialist's full name
// in the week view, marks with a legend, holiday names in their day cell, and a pinned visit that
// says why it does not move.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type AppHarness } from './support/app-harness';

let app: AppHarness;
let page: Page;
const pageErrors: string[] = [];

describe('calendar at a glance', () => {
  beforeAll(async () => {
    app = await startApp();
    page = app.page;
    await page.setViewportSize({ width: 1366, height: 768 });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const plan = await app.testDb.api.client['plans:run']({ month: '2026-03' });
    await app.testDb.api.client['plans:apply']({ planId: plan.planId });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  it('shows chips without the usual start time, marks with a legend, and holiday names in the day cells', async () => {
    const client = app.testDb.api.client;
    const visits = await client['visits:list']({ from: '2026-03-01', to: '2026-03-31' });
    const [pinned, other] = visits.filter((v) => v.status === 'planned');
    await client['visits:pin']({ id: pinned!.id, pinned: true });
    await page.goto(`${app.shell.url}#/jadwal`);
    await page.getByRole('group', { name: 'Pilih bulan' }).getByLabel('Bulan', { exact: true }).selectOption('3');
    await page.locator('.visit-chip').first().waitFor({ timeout: 15_000 });
    const usual = (await client['settings:get']({})).visitStart;
    const usualText = usual.replace(':', '.');
    const chips = await page.locator('.fc-daygrid-event .visit-chip').allTextContents();
    expect(chips.length).toBeGreaterThan(10);
    expect(chips.filter((c) => c.includes(usualText))).toEqual([]);
    expect(await page.locator(`[data-visit-id="${pinned!.id}"] .mark-pinned`).count()).toBe(1);
    // Legend: every mark in words.
    const legend = await page.getByRole('list', { name: 'Tanda pada kunjungan' }).textContent();
    for (const word of ['Terlaksana', 'Tidak terlaksana', 'Dibatalkan', 'Disematkan', 'Diatur manual']) expect(legend).toContain(word);
    // Holiday names stand in their day cells, above any leave bar.
    const holidays = (await client['holidays:effective']({ from: '2026-03-01', to: '2026-03-31' })).holidays;
    expect(holidays.length).toBeGreaterThan(0);
    for (const h of holidays) {
      const cell = page.locator(`td.fc-daygrid-day[data-date="${h.date}"] .day-holiday`);
      expect(await cell.textContent()).toContain(h.name);
      expect(await cell.isVisible()).toBe(true);
    }
    await app.shot('12b-jadwal-maret-1366');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await app.shot('12b-jadwal-maret-1920');
    await page.setViewportSize({ width: 1366, height: 768 });
    void other;
  });

  it('says why a pinned visit does not move when dragged', async () => {
    const client = app.testDb.api.client;
    const pinned = (await client['visits:list']({ from: '2026-03-01', to: '2026-03-31' })).find((v) => v.pinned)!;
    await page.getByRole('combobox', { name: 'Dokter spesialis' }).selectOption(String(pinned.specialistId));
    const event = page.locator(`[data-visit-id="${pinned.id}"]`);
    await event.waitFor();
    const from = await event.boundingBox();
    if (!from) throw new Error('no box');
    await page.mouse.move(from.x + 10, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + 40, from.y + from.height / 2 + 60, { steps: 8 });
    await page.mouse.move(from.x + 160, from.y + from.height / 2 + 100, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => page.locator('.toast').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('disematkan, jadi tidak dipindah')]));
    const after = (await client['visits:list']({ from: pinned.date, to: pinned.date })).find((v) => v.id === pinned.id);
    expect(after?.date).toBe(pinned.date);
  });

  it('lights the days a dragged visit may land on and dims the others', async () => {
    const client = app.testDb.api.client;
    const visit = (await client['visits:list']({ from: '2026-03-01', to: '2026-03-31' })).find((v) => !v.pinned && v.status === 'planned')!;
    const availability = await client['visits:availability']({ id: visit.id });
    // The previous step's toast sits over the calendar's lower right corner for a few seconds.
    await expect.poll(() => page.locator('.toast').count(), { timeout: 15_000 }).toBe(0);
    await page.getByRole('combobox', { name: 'Dokter spesialis' }).selectOption(String(visit.specialistId));
    const event = page.locator(`[data-visit-id="${visit.id}"]`);
    await event.waitFor();
    const from = await event.boundingBox();
    if (!from) throw new Error('no box');
    await page.mouse.move(from.x + 10, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + 30, from.y + from.height / 2 + 20, { steps: 6 });
    await expect.poll(() => page.locator('td.drop-ok').count()).toBe(availability.days.filter((d) => d.ok).length);
    expect(await page.locator('td.drop-no').count()).toBe(availability.days.filter((d) => !d.ok).length);
    expect(await page.locator('td[data-date="2026-03-19"]').getAttribute('class')).toContain('drop-no');
    await app.shot('12b-geser-hari-yang-boleh-1366');
    await page.mouse.move(from.x + 10, from.y + from.height / 2, { steps: 6 });
    await page.mouse.up();
    await expect.poll(() => page.locator('td.drop-ok, td.drop-no').count()).toBe(0);
  });

  it('writes the specialist in full in the week view', async () => {
    await page.getByRole('combobox', { name: 'Dokter spesialis' }).selectOption('');
    await page.locator('.fc-dayGridWeek-button').click();
    await page.locator('.fc-dayGridWeek-view .visit-chip').first().waitFor({ timeout: 10_000 });
    const chip = page.locator('.fc-dayGridWeek-view .visit-chip').first();
    const who = chip.locator('.chip-who');
    const fits = await who.evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
    expect(fits).toBe(true);
    await app.shot('12b-jadwal-minggu-1366');
    await page.locator('.fc-dayGridMonth-button').click();
    expect(pageErrors).toEqual([]);
  });
});
