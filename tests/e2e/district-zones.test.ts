// Every screen in the district's own zone: for a made-up WITA district and a made-up WIT
// district, each screen (calendar views, a visit, the plan preview, dashboard, visit log and its
// form, every master-data tab, export) shows its times with that zone and never "WIB".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seedMadeUpDistrict, setUpDistrict, WIT_DISTRICT, WITA_DISTRICT, type DistrictSetup } from '../fixtures/district';
import { startApp, type AppHarness } from './support/app-harness';

const MONTH = '2026-03';

describe.each([
  ['WITA', WITA_DISTRICT],
  ['WIT', WIT_DISTRICT],
] as [string, DistrictSetup][])('a %s district', (zone, district) => {
  let app: AppHarness;
  let page: Page;
  const pageErrors: string[] = [];
  const seen: Record<string, string> = {};

  beforeAll(async () => {
    app = await startApp({ demo: false });
    page = app.page;
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const client = app.testDb.api.client;
    await setUpDistrict(app.testDb.api, district);
    await seedMadeUpDistrict(app.testDb.api);
    const plan = await client['plans:run']({ month: MONTH });
    await client['plans:apply']({ planId: plan.planId });
  }, 240_000);

  afterAll(async () => {
    await app?.close();
  });

  /** The screen's visible text, kept for the checks below, and a screenshot of it. */
  async function look(name: string): Promise<string> {
    const text = await page.locator('body').innerText();
    seen[name] = text;
    await app.shot(`zona-${zone}-${name}`);
    return text;
  }

  async function go(hash: string): Promise<void> {
    await page.goto(`${app.shell.url}#/${hash}`);
    await page.waitForSelector('main');
  }

  it('shows every screen with its times in the district’s zone', async () => {
    await go('jadwal');
    await page.waitForSelector('.fc-daygrid-day');
    await page.locator('.fc-next-button').click();
    await page.locator('.visit-event').first().waitFor({ timeout: 15_000 });
    expect(await look('jadwal')).toContain(`Jam dalam ${zone}`);
    await page.locator('.visit-event').first().click();
    await page.getByRole('dialog').waitFor();
    expect(await look('kunjungan-detail')).toMatch(new RegExp(`\\d{2}\\.\\d{2}–\\d{2}\\.\\d{2} ${zone}\\b`));
    await page.keyboard.press('Escape');
    await page.locator('.fc-listMonth-button').click();
    await page.locator('.fc-list-event').first().waitFor();
    await look('jadwal-daftar');
    await page.locator('.fc-dayGridWeek-button').click();
    await look('jadwal-minggu');
    await page.locator('.fc-dayGridMonth-button').click();

    // The plan preview (a fresh plan of the month, not saved).
    await page.getByRole('button', { name: /^Buat jadwal/ }).click();
    await page.getByRole('button', { name: 'Susun jadwal' }).click();
    await page.getByTestId('plan-preview').waitFor({ timeout: 120_000 });
    await look('rencana');
    await page.keyboard.press('Escape');

    await go('dasbor');
    await page.locator('.kpis').waitFor();
    await look('dasbor');

    const visit = (await app.testDb.api.client['visits:list']({ from: `${MONTH}-01`, to: `${MONTH}-31` }))[0]!;
    await go('kunjungan');
    await page.locator('.log-list').waitFor();
    await look('catatan');
    await go(`kunjungan/${visit.id}`);
    await page.getByRole('form', { name: 'Catatan kunjungan' }).waitFor();
    expect(await look('catatan-form')).toContain(`Jam mulai (${zone})`);

    await go('data');
    for (const tab of ['Dokter spesialis', 'Puskesmas', 'Rumah sakit', 'Adopsi', 'Cuti & tugas', 'Hari libur', 'Pengaturan', 'Cadangan']) {
      const button = page.getByRole('tab', { name: tab, exact: true });
      if ((await button.count()) === 0) continue;
      await button.click();
      await page.waitForTimeout(300);
      await look(`data-${tab.replace(/\W+/g, '-').toLowerCase()}`);
    }
    await page.getByRole('tab', { name: 'Puskesmas', exact: true }).click();
    await page.locator('table tbody tr').first().waitFor();
    expect(await look('data-puskesmas')).toContain(`07.30–14.00 ${zone}`);
    await page.getByRole('tab', { name: 'Pengaturan', exact: true }).click();
    await page.waitForTimeout(300);
    expect(await look('data-pengaturan')).toContain(`Zona waktu: ${zone}`);

    await go('ekspor');
    await page.getByTestId('roster-preview').locator('tbody tr').first().waitFor();
    expect(await look('ekspor')).toContain(`Semua jam dalam ${zone}`);

    for (const [name, text] of Object.entries(seen)) expect(text, name).not.toMatch(/\bWIB\b/);
    expect(Object.keys(seen).length).toBeGreaterThanOrEqual(15);
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
