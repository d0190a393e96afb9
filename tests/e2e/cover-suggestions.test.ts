// "Siapa yang bisa menggantikan?" in the Jadwal: the visit dialog lists who could take a planned
// visit and applies one through visits:move (with "Urungkan"); the uncovered list beside the
// calendar finds cover for a reopened requirement, adds the visit through visits:create, and
// shows the remedies where nobody can go.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatLongDate, formatTimeRange } from '../../src/domain/format-id';
import { planMonths, startApp, type AppHarness } from './support/app-harness';

let app: AppHarness;
let page: Page;
const pageErrors: string[] = [];
const MARCH = { from: '2026-03-01', to: '2026-03-31' };

async function openMarch() {
  await page.goto(`${app.shell.url}#/jadwal`);
  await page.getByRole('group', { name: 'Pilih bulan' }).getByLabel('Bulan', { exact: true }).selectOption('3');
  await page.locator('.visit-chip').first().waitFor({ timeout: 15_000 });
}

describe('who can cover', () => {
  beforeAll(async () => {
    app = await startApp();
    page = app.page;
    await page.setViewportSize({ width: 1366, height: 768 });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await planMonths(app, ['2026-03']);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  it('lists who can take a planned visit, applies one like a drag, and undoes it', async () => {
    const client = app.testDb.api.client;
    const zone = (await client['settings:get']({})).timeZone;
    const visit = (await client['visits:list'](MARCH)).find((v) => v.status === 'planned' && !v.pinned)!;
    const expected = await client['plans:suggest']({ visitId: visit.id, limit: 12, perSpecialist: 2 });
    const other = expected.suggestions.find((s) => s.specialistId !== visit.specialistId)!;
    expect(other).toBeDefined();

    await openMarch();
    await page.getByRole('combobox', { name: 'Dokter spesialis' }).selectOption(String(visit.specialistId));
    await page.locator(`[data-visit-id="${visit.id}"]`).click();
    const dialog = page.getByRole('dialog', { name: 'Kunjungan' });
    const section = dialog.getByRole('region', { name: 'Siapa yang bisa menggantikan?' });
    const rows = section.getByTestId('cover-suggestion');
    await rows.first().waitFor({ timeout: 15_000 });
    expect(await rows.count()).toBe(expected.suggestions.length);
    const first = expected.suggestions[0]!;
    const firstText = (await rows.first().textContent()) ?? '';
    expect(firstText).toContain(first.specialistName);
    expect(firstText).toContain(formatLongDate(first.date));
    expect(firstText).toContain(formatTimeRange(first.startTime, first.endTime, zone));
    expect(firstText).toContain(first.message);
    await app.shot('11-siapa-menggantikan-1366');

    // By keyboard: only the others, then Tab to the best of them and apply it.
    await section.getByLabel(/Hanya dokter selain/).focus();
    await page.keyboard.press('Space');
    const row = section.getByTestId('cover-suggestion').first();
    await expect.poll(() => row.textContent()).toContain(other.specialistName);
    expect(await row.textContent()).toContain(`${other.costChange > 0 ? '+' : other.costChange < 0 ? '−' : '±'}${Math.abs(other.costChange).toFixed(2)}`);
    await page.keyboard.press('Tab');
    const apply = row.getByRole('button', { name: 'Terapkan' });
    expect(await apply.evaluate((el) => el.matches(':focus:focus-visible'))).toBe(true);
    await app.shot('11-siapa-menggantikan-keyboard-1366');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(async () => (await client['visits:list'](MARCH)).find((v) => v.id === visit.id)).toMatchObject({ specialistId: other.specialistId, date: other.date, startTime: other.startTime, manual: true });
    const toast = page.locator('.toast').filter({ hasText: other.specialistName });
    await toast.waitFor();
    await app.shot('11-pengganti-diterapkan-1366');
    await toast.getByRole('button', { name: 'Urungkan' }).click();
    await expect.poll(async () => (await client['visits:list'](MARCH)).find((v) => v.id === visit.id)).toMatchObject({ specialistId: visit.specialistId, date: visit.date, startTime: visit.startTime });

    // In English too.
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.locator(`[data-visit-id="${visit.id}"]`).click();
    const english = page.getByRole('dialog', { name: 'Visit' }).getByRole('region', { name: 'Who can cover?' });
    await english.getByTestId('cover-suggestion').first().waitFor({ timeout: 15_000 });
    expect(await english.textContent()).toContain(first.messageEn);
    expect(await english.getByRole('button', { name: 'Apply' }).count()).toBe(expected.suggestions.length);
    await app.shot('11-who-can-cover-en-1366');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'ID', exact: true }).click();
  }, 120_000);

  it('shows a refusal from the core and keeps the visit', async () => {
    const client = app.testDb.api.client;
    const visit = (await client['visits:list'](MARCH)).find((v) => v.status === 'planned' && !v.pinned)!;
    const [suggestion] = (await client['plans:suggest']({ visitId: visit.id, limit: 12, perSpecialist: 2 })).suggestions;
    await openMarch();
    await page.getByRole('combobox', { name: 'Dokter spesialis' }).selectOption(String(visit.specialistId));
    await page.locator(`[data-visit-id="${visit.id}"]`).click();
    const section = page.getByRole('region', { name: 'Siapa yang bisa menggantikan?' });
    await section.getByTestId('cover-suggestion').first().waitFor({ timeout: 15_000 });
    // The specialist takes leave on the suggested day after the list was shown: the move is refused.
    await client['unavailability:create']({ specialistId: suggestion!.specialistId, startDate: suggestion!.date, endDate: suggestion!.date, kind: 'leave' });
    await section.getByTestId('cover-suggestion').first().getByRole('button', { name: 'Terapkan' }).click();
    await section.getByRole('alert').waitFor();
    expect(await section.getByRole('alert').textContent()).toMatch(/cuti|tidak/i);
    await app.shot('11-pengganti-ditolak-1366');
    expect((await client['visits:list'](MARCH)).find((v) => v.id === visit.id)).toMatchObject({ specialistId: visit.specialistId, date: visit.date });
    await page.keyboard.press('Escape');
  }, 60_000);

  it('finds cover for a reopened requirement beside the calendar, and the remedies where nobody can go', async () => {
    const client = app.testDb.api.client;
    const zone = (await client['settings:get']({})).timeZone;
    const march = await client['visits:list'](MARCH);
    const cancelled = march.find((v) => v.status === 'planned' && !v.pinned && v.specialistId !== march[0]!.specialistId)!;
    await client['visits:delete']({ id: cancelled.id });
    const [open] = await client['plans:uncovered']({ month: '2026-03' });
    expect(open).toMatchObject({ puskesmasId: cancelled.puskesmasId, specialtyId: cancelled.specialtyId, missing: 1 });
    const expected = await client['plans:suggest']({ puskesmasId: cancelled.puskesmasId, specialtyId: cancelled.specialtyId, month: '2026-03', limit: 10, perSpecialist: 2 });
    expect(expected.suggestions.length).toBeGreaterThan(0);

    await openMarch();
    const panel = page.getByTestId('uncovered-panel');
    await panel.waitFor();
    expect(await panel.textContent()).toContain(cancelled.puskesmasName.replace(/^Puskesmas\s+/i, ''));
    await app.shot('11-belum-terpenuhi-1366');
    await panel.getByRole('button', { name: `Cari pengganti untuk ${cancelled.puskesmasName}, ${cancelled.specialtyName}` }).click();
    const dialog = page.getByRole('dialog', { name: `Cari pengganti: ${cancelled.puskesmasName}` });
    const rows = dialog.getByTestId('cover-suggestion');
    await rows.first().waitFor({ timeout: 15_000 });
    expect(await rows.count()).toBe(expected.suggestions.length);
    const best = expected.suggestions[0]!;
    expect(await rows.first().textContent()).toContain(formatTimeRange(best.startTime, best.endTime, zone));
    await app.shot('11-cari-pengganti-1366');
    await rows.first().getByRole('button', { name: 'Terapkan' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    const added = (await client['visits:list'](MARCH)).find((v) => v.status === 'planned' && v.puskesmasId === cancelled.puskesmasId && v.specialistId === best.specialistId && v.date === best.date);
    expect(added).toMatchObject({ startTime: best.startTime, manual: true });
    await expect.poll(() => client['plans:uncovered']({ month: '2026-03' })).toEqual([]);
    await expect.poll(() => panel.count()).toBe(0);

    // Nobody left: every specialist of the specialty is at their maximum. The remedies say what would help.
    const again = (await client['visits:list'](MARCH)).find((v) => v.status === 'planned' && !v.pinned && v.specialtyId === cancelled.specialtyId && v.id !== added!.id)!;
    await client['visits:delete']({ id: again.id });
    const now = await client['visits:list'](MARCH);
    for (const s of (await client['specialists:list']({})).filter((x) => x.specialtyId === again.specialtyId)) {
      const planned = now.filter((v) => v.specialistId === s.id && v.status !== 'cancelled' && v.status !== 'missed').length;
      await client['specialists:update']({ id: s.id, changes: { maxVisitsPerMonth: planned } });
    }
    const stuck = await client['plans:suggest']({ puskesmasId: again.puskesmasId, specialtyId: again.specialtyId, month: '2026-03', limit: 10, perSpecialist: 2 });
    expect(stuck.suggestions).toEqual([]);
    expect(stuck.remedies.length).toBeGreaterThan(0);
    await openMarch();
    await panel.getByRole('button', { name: `Cari pengganti untuk ${again.puskesmasName}, ${again.specialtyName}` }).click();
    const stuckDialog = page.getByRole('dialog', { name: `Cari pengganti: ${again.puskesmasName}` });
    await stuckDialog.getByTestId('cover-remedy').first().waitFor({ timeout: 15_000 });
    expect(await stuckDialog.textContent()).toContain('Tidak ada pengganti yang memenuhi semua aturan wajib.');
    const remedies = stuckDialog.getByTestId('cover-remedy');
    expect(await remedies.count()).toBe(Math.min(5, stuck.remedies.length));
    const cheapest = stuck.remedies[0]!;
    const cheapestText = await remedies.first().textContent();
    expect(cheapestText).toContain(cheapest.message.slice(0, cheapest.message.length - cheapest.suggestion.message.length - 2));
    expect(cheapestText).toContain(cheapest.suggestion.message);
    await app.shot('11-tidak-ada-pengganti-1366');
    if (stuck.remedies.length > 5) {
      await stuckDialog.getByRole('button', { name: `Tampilkan semua (${stuck.remedies.length})` }).click();
      expect(await remedies.count()).toBe(stuck.remedies.length);
    }
    await stuckDialog.getByRole('button', { name: 'Tutup' }).last().click();

    // The draft plan's "Tidak terpenuhi" tab says where to look for cover once it is saved.
    await page.getByRole('button', { name: 'Buat jadwal Maret 2026' }).click();
    await page.getByRole('button', { name: 'Susun jadwal' }).click();
    await page.getByTestId('plan-preview').waitFor({ timeout: 60_000 });
    await page.getByRole('tab', { name: /Tidak terpenuhi/ }).click();
    expect(await page.getByTestId('plan-preview').textContent()).toContain('"Cari pengganti" di sana');
    await app.shot('11-draf-tidak-terpenuhi-1366');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.locator('.toast').filter({ hasText: 'kebutuhan belum terpenuhi: lihat "Belum terpenuhi" di samping kalender' }).waitFor();
    await panel.getByRole('button', { name: `Cari pengganti untuk ${again.puskesmasName}, ${again.specialtyName}` }).waitFor();

    // A month already past lists what it lacked, without a search that cannot find anyone.
    await page.getByRole('group', { name: 'Pilih bulan' }).getByLabel('Bulan', { exact: true }).selectOption('1');
    await panel.waitFor();
    expect(await panel.textContent()).toContain('sudah lewat');
    expect(await panel.getByRole('button', { name: /Cari pengganti/ }).count()).toBe(0);
    await panel.getByText('Tampilkan daftar').click();
    expect(await panel.locator('.uncovered-list li').count()).toBe((await client['plans:uncovered']({ month: '2026-01' })).length);
    await app.shot('11-bulan-lewat-1366');

    // In English: the same remedies, headed in English.
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.getByRole('group', { name: 'Choose the month' }).getByLabel('Month', { exact: true }).selectOption('3');
    await panel.getByRole('button', { name: `Find cover for ${again.puskesmasName}, ${again.specialtyName}` }).click();
    const englishDialog = page.getByRole('dialog', { name: `Find cover: ${again.puskesmasName}` });
    await englishDialog.getByTestId('cover-remedy').first().waitFor({ timeout: 15_000 });
    const englishText = (await englishDialog.textContent()) ?? '';
    for (const words of ['Nobody can cover while keeping every hard rule.', 'What would make it coverable', 'Raise a monthly maximum by 1', cheapest.suggestion.messageEn]) expect(englishText).toContain(words);
    await app.shot('11-find-cover-en-1366');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'ID', exact: true }).click();
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
