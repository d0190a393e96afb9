// A shared server with accounts in Chromium (issue 15): the sign-in screen comes before the app,
// a wrong password is said in Indonesian, a viewer sees the screens but finds no way to change
// anything (and the server refuses a write sent anyway), and signing out brings the sign-in back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createUser } from '../../src/server/accounts';
import { contentDigest } from '../reliability/db-digest';
import { seedVisits, TEST_COST, type SeededVisits } from '../server/fixtures';
import { TEST_TODAY } from '../fixtures/temp-db';
import { startApp, type AppHarness } from './support/app-harness';

const PASSWORD = 'nasi-goreng-kampung';
let app: AppHarness;
let page: Page;
let seeded: SeededVisits;
const pageErrors: string[] = [];

describe('accounts in the browser', () => {
  beforeAll(async () => {
    app = await startApp({ accounts: true });
    page = app.page;
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const db = app.testDb.db.kysely;
    seeded = await seedVisits(db);
    await createUser(db, { login: 'dr.a', displayName: 'Dokter A', role: 'specialist', specialistId: seeded.specialistA, password: PASSWORD }, { now: TEST_TODAY, cost: TEST_COST });
    await createUser(db, { login: 'pemantau', displayName: 'Ibu Pemantau', role: 'viewer', specialistId: null, password: PASSWORD }, { now: TEST_TODAY, cost: TEST_COST });
    await createUser(db, { login: 'admin', displayName: 'Admin Dinkes', role: 'admin', specialistId: null, password: PASSWORD }, { now: TEST_TODAY, cost: TEST_COST });
    await createUser(db, { login: 'koor', displayName: 'Pak Koordinator', role: 'coordinator', specialistId: null, password: PASSWORD }, { now: TEST_TODAY, cost: TEST_COST });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  it('shows the sign-in screen first, labelled, in Indonesian; a wrong password is refused', async () => {
    await page.goto(app.shell.url);
    await page.getByRole('heading', { name: 'Masuk ke Asuhan' }).waitFor();
    expect(await page.locator('.sidebar').count()).toBe(0);
    const login = page.getByLabel('Nama pengguna');
    const password = page.getByLabel('Kata sandi');
    expect(await login.evaluate((el) => el.matches(':focus'))).toBe(true);
    expect(await password.getAttribute('type')).toBe('password');
    await app.shot('login-screen');

    await login.fill('pemantau');
    await password.fill('bukan-kata-sandinya');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Nama pengguna atau kata sandi salah.');
    expect(await password.inputValue()).toBe('');
    // Focus is visible: the focused field has the accent outline.
    await password.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    expect(await password.evaluate((el) => el.matches(':focus-visible'))).toBe(true);
    const outline = await password.evaluate((el) => (el.ownerDocument.defaultView as unknown as { getComputedStyle(e: unknown): { outlineStyle: string } }).getComputedStyle(el).outlineStyle);
    expect(outline).toBe('solid');
    await app.shot('login-screen-wrong-password');

    await page.getByRole('button', { name: 'EN' }).click();
    await page.getByRole('heading', { name: 'Sign in to Asuhan' }).waitFor();
    expect(await page.getByLabel('Login name').count()).toBe(1);
    await page.getByRole('button', { name: 'ID' }).click();
  });

  it('a viewer signs in, sees the screens, and finds no way to change anything', { timeout: 90_000 }, async () => {
    await page.getByLabel('Nama pengguna').fill('pemantau');
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForSelector('.fc-daygrid-day');
    const sidebar = page.locator('.sidebar');
    await expect.poll(() => sidebar.textContent()).toContain('Ibu Pemantau');
    expect(await sidebar.textContent()).toContain('Pemantau (hanya lihat)');
    expect(await sidebar.textContent()).toContain('Hanya lihat: perubahan tidak tersedia untuk peran ini.');
    const before = contentDigest(app.testDb.db.sqlite);

    // Calendar: no planning, and a visit opens read-only.
    expect(await page.getByRole('button', { name: /^Buat jadwal/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Riwayat perubahan' }).count()).toBe(0);
    await page.locator('.fc-event[data-visit-id]').first().click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    for (const name of ['Pindahkan', 'Batalkan kunjungan', 'Sematkan', 'Catat hasil kunjungan']) expect(await dialog.getByRole('button', { name }).count(), name).toBe(0);
    expect(await dialog.getByRole('link', { name: 'Catat hasil kunjungan' }).count()).toBe(0);
    expect(await dialog.textContent()).toContain('Hanya lihat: peran Anda tidak bisa mengubah kunjungan.');
    await app.shot('viewer-calendar-visit');
    await dialog.getByRole('button', { name: 'Tutup' }).first().click();

    // Master data: the lists are there, no add, edit, import or deactivate.
    await page.goto(`${app.shell.origin}#/data`);
    await page.locator('table.data tbody tr').first().waitFor();
    for (const name of [/^Tambah/, /^Ubah$/, /^Nonaktifkan$/, /^Impor/]) expect(await page.getByRole('button', { name }).count(), String(name)).toBe(0);
    await app.shot('viewer-master-data');

    // Export: reading exports work; the recorded calendar export is disabled.
    await page.goto(`${app.shell.origin}#/ekspor`);
    expect(await page.getByRole('button', { name: 'Unduh ICS' }).isDisabled()).toBe(true);

    expect(contentDigest(app.testDb.db.sqlite)).toBe(before);
  });

  it('the server refuses a write sent from the viewer\'s page anyway, in both languages', async () => {
    const before = contentDigest(app.testDb.db.sqlite);
    const answer = await page.evaluate(async () => {
      const response = await fetch('./api/hospitals:create', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'RS Coba' }) });
      return { status: response.status, body: (await response.json()) as { error: { code: string; message: string; messageEn: string } } };
    });
    expect(answer.status).toBe(403);
    expect(answer.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/^Tidak diizinkan/), messageEn: expect.stringMatching(/^Not allowed/) });
    expect(contentDigest(app.testDb.db.sqlite)).toBe(before);
  });

  it('a coordinator makes a specialist\'s calendar link on screen, shown once, served without a session, then revokes it', { timeout: 90_000 }, async () => {
    const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'id-ID' });
    try {
      const koor = await context.newPage();
      await koor.goto(app.shell.url);
      await koor.getByLabel('Nama pengguna').fill('koor');
      await koor.getByLabel('Kata sandi').fill(PASSWORD);
      await koor.getByRole('button', { name: 'Masuk' }).click();
      await koor.waitForSelector('.fc-daygrid-day');
      expect(await koor.getByRole('button', { name: /^Buat jadwal/ }).count()).toBe(1); // a coordinator plans
      await koor.goto(`${app.shell.origin}#/data`);
      await koor.getByRole('tab', { name: 'Kalender langganan' }).click();
      const specialist = await app.testDb.db.kysely.selectFrom('specialist').select(['id', 'name']).orderBy('name').executeTakeFirstOrThrow();
      await koor.getByLabel('Untuk').selectOption(String(specialist.id));
      await koor.getByRole('button', { name: 'Buat tautan kalender' }).click();
      const address = (await koor.locator('.feed-address').textContent()) ?? '';
      expect(address).toMatch(new RegExp(`^${app.shell.origin}feeds/[A-Za-z0-9_-]{43}\\.ics$`));
      await koor.screenshot({ path: `${process.env.ASUHAN_SHOTS ?? '/tmp/asuhan-shots'}/coordinator-calendar-links.png` });
      const served = await fetch(address);
      expect(served.status).toBe(200);
      expect(await served.text()).toMatch(/^BEGIN:VCALENDAR/);
      await koor.getByRole('row', { name: new RegExp(specialist.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).getByRole('button', { name: 'Cabut' }).click();
      await koor.getByRole('dialog').getByRole('button', { name: 'Cabut' }).click();
      await expect.poll(async () => (await fetch(address)).status).toBe(404);
    } finally {
      await context.close();
    }
  });

  it('a specialist signs in to their own visits only', { timeout: 90_000 }, async () => {
    const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'id-ID' });
    try {
      const own = await context.newPage();
      await own.goto(app.shell.url);
      await own.getByLabel('Nama pengguna').fill('dr.a');
      await own.getByLabel('Kata sandi').fill(PASSWORD);
      await own.getByRole('button', { name: 'Masuk' }).click();
      await own.getByRole('heading', { name: 'Kunjungan saya' }).waitFor();
      const rows = own.locator('table.data tbody tr');
      await expect.poll(() => rows.count()).toBe(3);
      const text = (await own.locator('table.data').textContent()) ?? '';
      expect(text).toContain('Kamis, 19 Februari 2026');
      expect(text).toContain('Dibatalkan');
      expect(text).not.toContain('Jumat, 20 Februari 2026'); // B's visit
      expect(await own.locator('.sidebar').count()).toBe(0);
      await own.screenshot({ path: `${process.env.ASUHAN_SHOTS ?? '/tmp/asuhan-shots'}/specialist-own-visits.png` });
    } finally {
      await context.close();
    }
  });

  it('an admin adds a user on screen, who can then sign in; disabling ends that', { timeout: 90_000 }, async () => {
    const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'id-ID' });
    try {
      const admin = await context.newPage();
      await admin.goto(app.shell.url);
      await admin.getByLabel('Nama pengguna').fill('admin');
      await admin.getByLabel('Kata sandi').fill(PASSWORD);
      await admin.getByRole('button', { name: 'Masuk' }).click();
      await admin.waitForSelector('.fc-daygrid-day');
      await admin.goto(`${app.shell.origin}#/data`);
      await admin.getByRole('tab', { name: 'Pengguna' }).click();
      await admin.getByRole('button', { name: 'Tambah pengguna' }).click();
      const dialog = admin.getByRole('dialog');
      await dialog.getByLabel('Nama pengguna').fill('kepala.dinas');
      await dialog.getByLabel('Nama', { exact: true }).fill('Kepala Dinas');
      await dialog.getByLabel('Peran').selectOption('viewer');
      await dialog.getByLabel(/Kata sandi awal/).fill('pendek');
      await dialog.getByRole('button', { name: 'Buat pengguna' }).click();
      await expect.poll(() => dialog.locator('.field-error').textContent()).toMatch(/minimal 10 karakter/);
      await dialog.getByLabel(/Kata sandi awal/).fill('rujak-cingur-2026');
      await dialog.getByRole('button', { name: 'Buat pengguna' }).click();
      const row = admin.getByRole('row', { name: /kepala\.dinas/ });
      await row.waitFor();
      expect(await row.textContent()).toContain('Pemantau (hanya lihat)');
      await admin.screenshot({ path: `${process.env.ASUHAN_SHOTS ?? '/tmp/asuhan-shots'}/admin-users.png` });
      const signIn = (password: string) => fetch(`${app.shell.origin}auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login: 'kepala.dinas', password }) });
      expect((await signIn('rujak-cingur-2026')).status).toBe(200);
      await row.getByRole('button', { name: 'Nonaktifkan' }).click();
      await expect.poll(() => row.textContent()).toContain('Nonaktif');
      expect((await signIn('rujak-cingur-2026')).status).toBe(401);
      const log = await app.testDb.db.kysely.selectFrom('audit_log').select(['actor', 'action']).where('entity', '=', 'user').orderBy('id').execute();
      expect(log.slice(-2)).toEqual([{ actor: 'admin', action: 'create' }, { actor: 'admin', action: 'update' }]);
    } finally {
      await context.close();
    }
  });

  it('signing out brings the sign-in screen back, and the session no longer opens the API', async () => {
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.getByRole('heading', { name: 'Masuk ke Asuhan' }).waitFor();
    const status = await page.evaluate(async () => (await fetch('./api/app:info', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status);
    expect(status).toBe(401);
    expect(pageErrors).toEqual([]);
  });
});
