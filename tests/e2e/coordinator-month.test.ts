// A coordinator's month in Chromium at office-laptop and desktop sizes: one month across the
// screens, Catatan kunjungan as the month's to-do list, forms that forgive, undo, exports that
// fit, and an axe-core check of every screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { planMonths, startApp, type AppHarness } from './support/app-harness';

let app: AppHarness;
let page: Page;
const pageErrors: string[] = [];

async function go(hash: string): Promise<void> {
  const target = `${app.shell.url}#/${hash}`;
  if (page.url() === target) await page.reload();
  else await page.goto(target);
}

describe('a coordinator month', () => {
  beforeAll(async () => {
    app = await startApp();
    page = app.page;
    await page.setViewportSize({ width: 1366, height: 768 });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // January and February planned and not logged: the backlog a coordinator meets on 18 February.
    await planMonths(app, ['2026-01', '2026-02', '2026-03']);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  it('lists the past visits waiting for a log, with the Dasbor count', async () => {
    const dashboard = await app.testDb.api.client['reports:dashboard']({ month: '2026-02' });
    await go('kunjungan/tertunda');
    await page.getByTestId('log-counts').waitFor();
    await expect.poll(() => page.getByTestId('log-counts').textContent()).toContain(`${dashboard.unloggedPastVisits} kunjungan menunggu catatan`);
    await app.shot('12a-catatan-tertunda-1366');
  });

  it('shows one month\'s waiting visits, oldest first, and opens the next one after a save', async () => {
    const january = await app.testDb.api.client['visit-log:list']({ month: '2026-01' });
    expect(january.waitingCount).toBe(90);
    await go('kunjungan');
    await page.getByRole('group', { name: 'Pilih bulan' }).getByLabel('Bulan', { exact: true }).selectOption('1');
    await expect.poll(() => page.getByTestId('log-counts').textContent()).toContain('90 kunjungan menunggu catatan');
    const rows = page.locator('.log-list [data-visit]');
    await expect.poll(() => rows.count()).toBe(90);
    const [first, second] = january.visits;
    expect(await rows.first().getAttribute('data-visit')).toBe(String(first!.id));
    await rows.first().click();
    const form = page.locator('form.card');
    await form.waitFor();
    await form.getByLabel('Bidan').fill('3');
    await form.locator('.topic-grid input[type=checkbox]').first().check();
    await form.getByRole('button', { name: /Simpan/ }).click();
    await expect.poll(() => page.url()).toContain(`#/kunjungan/${second!.id}`);
    await expect.poll(() => page.getByTestId('log-counts').textContent()).toContain('89 kunjungan menunggu catatan');
    await app.shot('12a-catatan-januari-1366');
  });
});
