// Two coordinators, one web shell, the same visit (issue 15, point 4): the first one's change is
// saved; the second one's, made on the copy they opened before, is refused with the conflict
// message (who changed it and when) and their calendar reloads: a conflict, not a lost update.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { SHOTS_DIR, startApp, type AppHarness } from './support/app-harness';

let app: AppHarness;
let second: BrowserContext;
let first: Page;
let other: Page;
const pageErrors: string[] = [];

async function openMarch(page: Page, specialistId: number): Promise<void> {
  await page.goto(`${app.shell.url}#/jadwal`);
  await page.getByRole('group', { name: 'Pilih bulan' }).getByLabel('Bulan', { exact: true }).selectOption('3');
  await page.getByRole('combobox', { name: 'Dokter spesialis' }).selectOption(String(specialistId));
}

describe('two coordinators editing the same visit', () => {
  beforeAll(async () => {
    app = await startApp();
    const plan = await app.testDb.api.client['plans:run']({ month: '2026-03' });
    await app.testDb.api.client['plans:apply']({ planId: plan.planId });
    first = app.page;
    // The second coordinator: another browser context (own cookies, own tabs) with the shell's same secret.
    second = await app.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
    await second.addCookies(await app.context.cookies());
    other = await second.newPage();
    for (const page of [first, other]) {
      await page.setViewportSize({ width: 1366, height: 768 });
      page.on('pageerror', (error) => pageErrors.push(error.message));
    }
  }, 180_000);

  afterAll(async () => {
    await second?.close();
    await app?.close();
  });

  it('the second save shows the conflict, keeps the first change, and reloads the calendar', async () => {
    const client = app.testDb.api.client;
    const visit = (await client['visits:list']({ from: '2026-03-09', to: '2026-03-31' })).find((v) => v.status === 'planned' && !v.pinned)!;
    let target: string | undefined;
    for (let day = 31; day >= 9 && !target; day--) {
      const date = `2026-03-${String(day).padStart(2, '0')}`;
      if (date === visit.date) continue;
      if ((await client['visits:check']({ specialistId: visit.specialistId, puskesmasId: visit.puskesmasId, date, excludeVisitId: visit.id })).ok) target = date;
    }
    if (!target) throw new Error('no free day to move to');

    // Both open the same visit.
    for (const page of [first, other]) {
      await openMarch(page, visit.specialistId);
      await page.locator(`[data-visit-id="${visit.id}"]`).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Sematkan' }).waitFor();
    }

    // The first pins it.
    await first.getByRole('dialog').getByRole('button', { name: 'Sematkan' }).click();
    await expect.poll(() => first.locator('.toast').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('disematkan')]));

    // The second, still looking at the unpinned copy, moves it.
    const dialog = other.getByRole('dialog');
    await dialog.getByLabel('Pindah ke tanggal').fill(target.split('-').reverse().join('/'));
    await dialog.getByRole('button', { name: 'Pindahkan' }).click();
    const toast = other.locator('.toast-error');
    await toast.waitFor({ timeout: 10_000 });
    const text = (await toast.textContent()) ?? '';
    expect(text).toMatch(/^Kunjungan ini sudah diubah oleh koordinator pada (Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d{1,2} \S+ 2026 \d{2}\.\d{2} WIB/);
    expect(text).toContain('Perubahan Anda tidak disimpan');
    // The dialog closed (a toast would sit under it) and the calendar reloaded: the pin shows.
    expect(await other.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => other.locator(`[data-visit-id="${visit.id}"] .mark-pinned`).count()).toBe(1);
    await other.screenshot({ path: `${SHOTS_DIR}/15-konflik-kunjungan.png` });

    // Nothing lost: the first change stands, the second was not applied, and nothing else was written.
    const now = (await client['visits:list']({ from: visit.date, to: visit.date })).find((v) => v.id === visit.id)!;
    expect(now).toMatchObject({ date: visit.date, pinned: true, version: visit.version + 1 });

    // Reloaded, the second can act on the fresh copy: unpinning it now works.
    await other.locator(`[data-visit-id="${visit.id}"]`).click();
    await other.getByRole('dialog').getByRole('button', { name: 'Lepas sematan' }).click();
    await expect.poll(async () => (await client['visits:list']({ from: visit.date, to: visit.date })).find((v) => v.id === visit.id)?.pinned).toBe(false);
    expect(pageErrors).toEqual([]);
  });

  it('a puskesmas saved from a form opened before the other change is refused; the form closes and the table shows theirs', async () => {
    const client = app.testDb.api.client;
    const [puskesmas] = await client['puskesmas:list']({});
    for (const page of [first, other]) {
      await page.goto(`${app.shell.url}#/data`);
      await page.getByRole('tab', { name: 'Puskesmas' }).click();
      await page.getByRole('searchbox').fill(puskesmas!.name);
      await expect.poll(() => page.locator('table.data tbody tr').count()).toBe(1);
      await page.locator('table.data tbody tr').getByRole('button', { name: 'Ubah' }).click();
    }
    const firstForm = first.getByRole('dialog');
    await firstForm.getByLabel('Catatan').fill('Ambulans desa siaga 24 jam');
    await firstForm.getByRole('button', { name: 'Simpan' }).click();
    await expect.poll(() => first.locator('.toast').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('disimpan')]));

    const otherForm = other.getByRole('dialog');
    await otherForm.getByLabel('Catatan').fill('Jalan ke puskesmas rusak');
    await otherForm.getByRole('button', { name: 'Simpan' }).click();
    const toast = other.locator('.toast-error');
    await toast.waitFor({ timeout: 10_000 });
    expect(await toast.textContent()).toMatch(/^Puskesmas ini sudah diubah oleh koordinator pada .* WIB/);
    expect(await other.getByRole('dialog').count()).toBe(0);
    await other.screenshot({ path: `${SHOTS_DIR}/15-konflik-puskesmas.png` });
    expect((await client['puskesmas:get']({ id: puskesmas!.id })).notes).toBe('Ambulans desa siaga 24 jam');
  });

  it('a draft saved after the other changed a visit of its month says what changed and offers to plan again', async () => {
    const client = app.testDb.api.client;
    await other.goto(`${app.shell.url}#/jadwal`);
    await other.getByRole('group', { name: 'Pilih bulan' }).getByLabel('Bulan', { exact: true }).selectOption('3');
    await other.getByRole('button', { name: 'Buat jadwal Maret 2026' }).click();
    await other.getByRole('button', { name: 'Susun jadwal' }).click();
    await other.getByTestId('plan-preview').waitFor({ timeout: 120_000 });
    // Meanwhile the first coordinator pins a visit of March.
    const visit = (await client['visits:list']({ from: '2026-03-01', to: '2026-03-31' })).find((v) => v.status === 'planned' && !v.pinned)!;
    await client['visits:pin']({ id: visit.id, version: visit.version, pinned: true });

    await other.getByRole('button', { name: 'Simpan', exact: true }).click();
    const banner = other.getByTestId('plan-stale');
    await banner.waitFor({ timeout: 10_000 });
    const text = (await banner.textContent()) ?? '';
    expect(text).toContain('Rencana tidak disimpan: 1 kunjungan Maret 2026 berubah sejak rencana disusun');
    expect(text).toContain(`${visit.specialistName} di ${visit.puskesmasName}`);
    expect(await other.getByRole('button', { name: 'Simpan', exact: true }).isDisabled()).toBe(true);
    await other.screenshot({ path: `${SHOTS_DIR}/15-konflik-rencana.png` });

    await banner.getByRole('button', { name: 'Susun ulang' }).click();
    await other.getByTestId('plan-preview').waitFor({ timeout: 120_000 });
    await expect.poll(() => banner.count()).toBe(0);
    await other.getByRole('button', { name: 'Simpan', exact: true }).click();
    await expect.poll(() => other.locator('.toast').allTextContents(), { timeout: 30_000 }).toEqual(expect.arrayContaining([expect.stringContaining('Jadwal disimpan')]));
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
