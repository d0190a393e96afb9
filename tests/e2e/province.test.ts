// Several districts on one PostgreSQL server in Chromium (issue 15, point 2): a province viewer
// signs in, switches district in the side bar (the other district's own name, zone and data
// appear), opens the Provinsi screen whose rows add up to its totals, and a row opens its
// district; a coordinator of one district sees neither the switch nor the other district.
// axe-core clean at 1366×768.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/app/api';
import { LOCAL_CALLER } from '../../src/app/caller';
import { createContext } from '../../src/app/context';
import { openAnyDatabase, type AsuhanDb } from '../../src/db/connect';
import { createUser, shellAccounts } from '../../src/server/accounts';
import { serverDistrictRouter, type DistrictRouter } from '../../src/server/district-router';
import { startWebShell, type WebShell } from '../../src/server/web-shell';
import { ensureCoreSpecialties, seedDemo } from '../../src/seed/demo';
import { seedHolidays } from '../../src/seed/holidays';
import { seedMadeUpDistrict, setUpDistrict, WITA_DISTRICT } from '../fixtures/district';
import { freshPostgres, POSTGRES_TEST_URL, type TestPostgres } from '../fixtures/postgres';
import { TEST_TODAY, tempDir } from '../fixtures/temp-db';
import { TEST_COST } from '../server/fixtures';
import { CHROMIUM_PATH, SHOTS_DIR } from './support/app-harness';
import { axeReport } from './support/axe';
import { ensureRendererBuilt, RENDERER_DIST } from './support/renderer-build';

const PASSWORD = 'soto-lamongan-1';

describe.skipIf(!POSTGRES_TEST_URL)('several districts in the browser', () => {
  let server: TestPostgres;
  let db: AsuhanDb;
  let dir: string;
  let router: DistrictRouter;
  let shell: WebShell;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const now = () => TEST_TODAY;

  beforeAll(async () => {
    await ensureRendererBuilt();
    server = await freshPostgres({ template: null });
    dir = tempDir();
    db = await openAnyDatabase({ file: path.join(dir, 'unused.db'), url: server.url }, { backupDir: path.join(dir, 'backups') });
    await ensureCoreSpecialties(db.kysely);
    await seedHolidays(db.kysely);
    await seedDemo(db.kysely, '2026-02-18');
    router = serverDistrictRouter(db, now);
    const made = await (await router.apiFor('districts:create', LOCAL_CALLER, undefined)).client['districts:create']({ label: 'Kab. Lembah Kenari' });
    const kenari = await router.apiFor('settings:get', LOCAL_CALLER, String(made.id));
    await setUpDistrict(kenari, WITA_DISTRICT);
    await seedMadeUpDistrict(kenari);
    const plan = await kenari.client['plans:run']({ month: '2026-02', allowPast: true });
    await kenari.client['plans:apply']({ planId: plan.planId });
    const home = createApi(createContext(db, now));
    const homePlan = await home.client['plans:run']({ month: '2026-02', allowPast: true });
    await home.client['plans:apply']({ planId: homePlan.planId });
    await createUser(db.kysely, { login: 'provinsi', displayName: 'Ibu Provinsi', role: 'viewer', specialistId: null, password: PASSWORD }, { now: now(), cost: TEST_COST, districtIds: [1, made.id] });
    await createUser(db.kysely, { login: 'koor.kenari', displayName: 'Pak Kenari', role: 'coordinator', specialistId: null, password: PASSWORD }, { now: now(), cost: TEST_COST, districtIds: [made.id] });
    shell = await startWebShell({ api: home, router, staticDir: RENDERER_DIST, port: 0, accounts: shellAccounts(db.kysely, now) });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    fs.mkdirSync(SHOTS_DIR, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await shell?.close();
    await router?.close();
    await db?.close();
    await server?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function signIn(login: string): Promise<void> {
    await page.goto(shell.origin);
    await page.getByLabel('Nama pengguna').fill(login);
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForSelector('.fc-daygrid-day');
  }

  it('switches district in the side bar: the other district\'s name, zone and data', { timeout: 120_000 }, async () => {
    await signIn('provinsi');
    const switcher = page.getByLabel('Kabupaten/kota');
    await expect.poll(() => switcher.locator('option').allTextContents()).toEqual([expect.stringContaining('(WIB)'), `${WITA_DISTRICT.districtName.replace('Kabupaten', 'Kab.')} (WITA)`]);
    await page.screenshot({ path: path.join(SHOTS_DIR, 'province-switch-home.png') });
    await Promise.all([page.waitForEvent('load'), switcher.selectOption({ label: `${WITA_DISTRICT.districtName.replace('Kabupaten', 'Kab.')} (WITA)` })]);
    await page.waitForSelector('.fc-daygrid-day');
    await expect.poll(() => page.getByLabel('Kabupaten/kota').inputValue()).not.toBe('1');
    await page.goto(`${shell.origin}#/data`);
    await page.getByRole('tab', { name: 'Puskesmas', exact: true }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('Puskesmas Kenari Utara');
    expect(await page.locator('main').textContent()).not.toContain('Puskesmas Badean');
  });

  it('shows the province month whose rows add up, and a row opens its district', { timeout: 120_000 }, async () => {
    await page.goto(`${shell.origin}#/provinsi`);
    const table = page.getByTestId('province');
    await table.waitFor();
    await page.getByRole('heading', { name: /^Provinsi: Februari 2026/ }).waitFor();
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    const numbers = async (row: ReturnType<typeof table.locator>) => (await row.locator('td.num').allTextContents()).slice(0, 8).map(Number);
    const first = await numbers(rows.nth(0));
    const second = await numbers(rows.nth(1));
    const total = await numbers(table.locator('tfoot tr'));
    expect(total).toEqual(first.map((n, i) => n + second[i]!));
    expect(first[0]).toBe(45);
    expect(second[0]).toBe(6);
    await page.screenshot({ path: path.join(SHOTS_DIR, 'province-screen.png') });
    expect(await axeReport(page, 'Provinsi')).toBe('');
    await Promise.all([page.waitForEvent('load'), rows.nth(0).getByRole('button').click()]);
    await page.waitForSelector('.fc-daygrid-day');
    await expect.poll(() => page.getByLabel('Kabupaten/kota').inputValue()).toBe('1');
  });

  it('gives a coordinator of one district neither the switch nor the province', { timeout: 120_000 }, async () => {
    await page.getByRole('button', { name: 'Keluar' }).click();
    await signIn('koor.kenari');
    expect(await page.getByLabel('Kabupaten/kota').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Provinsi' }).count()).toBe(0);
    await page.goto(`${shell.origin}#/data`);
    await page.getByRole('tab', { name: 'Puskesmas', exact: true }).click();
    // The district remembered from the viewer (district 1) is not theirs: the app forgets it and opens theirs.
    await expect.poll(() => page.locator('main').textContent(), { timeout: 20_000 }).toContain('Puskesmas Kenari Utara');
    expect(pageErrors).toEqual([]);
  });
});
