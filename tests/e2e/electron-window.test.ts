// The real desktop window: Playwright's Electron support starts the built app (dist-electron,
// dist/renderer) with Electron itself and walks the web-shell test's steps through the preload,
// the IPC channels, the Content-Security-Policy and the save dialog (stubbed in the main process
// by test mode). It needs Electron's binary and better-sqlite3 rebuilt for Electron: the release
// workflow's `electron-window` job has both; everywhere else (ELECTRON_SKIP_BINARY_DOWNLOAD) it
// is skipped, and says so.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, firstDayOfMonth, lastDayOfMonth } from '../../src/domain/dates';
import { ensureRendererBuilt } from './support/renderer-build';

const root = path.resolve(import.meta.dirname, '..', '..');
const SHOTS_DIR = process.env.ASUHAN_SHOTS ?? '/tmp/asuhan-shots';
// Nothing here loads better-sqlite3 under Node: in the workflow it is rebuilt for Electron.

/** node_modules/electron/index.js without requiring it (it throws when the binary is absent). */
function electronBinary(): string | null {
  const pathFile = path.join(root, 'node_modules', 'electron', 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const binary = path.join(root, 'node_modules', 'electron', 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : null;
}

const BINARY = electronBinary();
if (!BINARY && process.env.ASUHAN_REQUIRE_ELECTRON === '1') {
  // The workflow's electron-window job sets this: there, a skip would be a silent pass.
  throw new Error('ASUHAN_REQUIRE_ELECTRON=1 but Electron\'s binary is not installed (node node_modules/electron/install.js)');
}
if (!BINARY) {
  console.warn("tests/e2e/electron-window.test.ts skipped: Electron's binary is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD). The release workflow's electron-window job runs it.");
}

const monthName = (month: string) => new Intl.DateTimeFormat('id-ID', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

let app: ElectronApplication;
let page: Page;
let saveDir: string;
let userData: string;
const pageErrors: string[] = [];
const consoleErrors: string[] = [];

/** Calls the API through the preload, as the screens do. */
function api<T>(method: string, input: unknown = {}): Promise<T> {
  return page.evaluate(([name, value]) => (globalThis as unknown as { asuhan: Record<string, (v: unknown) => Promise<unknown>> }).asuhan[name]!(value), [method, input] as const) as Promise<T>;
}

async function expectToast(text: string): Promise<void> {
  await page.locator('.toast', { hasText: text }).first().waitFor({ timeout: 20_000 });
}

async function shot(name: string): Promise<void> {
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS_DIR, `electron-${name}.png`) });
}

describe.skipIf(!BINARY)('the real Electron window (skipped without Electron’s binary)', () => {
  let today: string;
  let month: string;
  let holiday: string;

  beforeAll(async () => {
    await ensureRendererBuilt();
    const built = spawnSync(process.execPath, ['build/build-electron.mjs'], { cwd: root, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`build:electron failed: ${built.stderr}`);
    const base = fs.mkdtempSync(path.join(os.tmpdir(), "asuhan-electron Siti Nur'aini "));
    userData = path.join(base, 'AppData', 'Roaming', 'Asuhan');
    saveDir = path.join(base, 'Dokumen');
    fs.mkdirSync(saveDir, { recursive: true });
    app = await _electron.launch({
      executablePath: BINARY!,
      args: [root],
      cwd: root,
      env: { ...process.env, ASUHAN_TEST_MODE: '1', ASUHAN_TEST_USER_DATA: userData, ASUHAN_TEST_SAVE_DIR: saveDir, ASUHAN_TEST_DEMO: '1' },
      timeout: 90_000,
    });
    page = await app.firstWindow();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.waitForSelector('.fc-daygrid-day', { timeout: 60_000 });
    today = (await api<{ today: string }>('app:info')).today;
    month = addMonths(today.slice(0, 7), 1);
    // A holiday of our own on a weekday of next month, made before planning so no visit is on it.
    let candidate = addDays(firstDayOfMonth(month), 9);
    while (weekday(candidate) === 0 || weekday(candidate) === 6) candidate = addDays(candidate, 1);
    holiday = candidate;
    await api('holidays:create', { date: holiday, name: 'Libur uji Electron' });
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    if (userData) fs.rmSync(path.dirname(path.dirname(path.dirname(userData))), { recursive: true, force: true });
  });

  it('runs the screens in the locked-down renderer: only window.asuhan, no Node, the policy in force', async () => {
    expect(await page.evaluate('typeof window.process')).toBe('undefined');
    expect(await page.evaluate('typeof window.require')).toBe('undefined');
    expect(await page.evaluate("Object.keys(window.asuhan).includes('shell:save-file')")).toBe(true);
    // The policy refuses inline script: a page that could run injected code would say "ran".
    const inline = await page.evaluate(`(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
      return window.__inlineRan === true ? 'ran' : 'blocked';
    })()`);
    expect(inline).toBe('blocked');
    const info = await api<{ counts: { puskesmas: number } }>('app:info');
    expect(info.counts.puskesmas).toBe(45);
    await shot('01-jadwal');
  });

  it('plans next month and saves it', async () => {
    await page.locator('.fc-next-button').click();
    await expect.poll(() => page.locator('.fc-toolbar-title').textContent()).toContain(monthName(month));
    await page.getByRole('button', { name: /^Buat jadwal / }).click();
    await page.getByRole('button', { name: 'Susun jadwal' }).click();
    await page.getByTestId('plan-preview').waitFor({ timeout: 150_000 });
    await shot('02-pratinjau');
    await page.getByRole('button', { name: 'Simpan', exact: true }).click();
    await expectToast('Jadwal disimpan');
    const visits = await api<unknown[]>('visits:list', { from: firstDayOfMonth(month), to: lastDayOfMonth(month) });
    expect(visits.length).toBeGreaterThan(10);
    await expect.poll(() => page.locator('.visit-event').count()).toBeGreaterThan(10);
    await shot('03-jadwal-tersimpan');
  }, 180_000);

  it('refuses a visit dragged onto a holiday and says why', async () => {
    const visits = await api<{ id: number; date: string; pinned: boolean; specialistId: number }[]>('visits:list', { from: firstDayOfMonth(month), to: addDays(holiday, -1) });
    const visit = visits.find((v) => !v.pinned);
    if (!visit) throw new Error('no visit before the holiday to drag');
    await page.getByRole('combobox', { name: 'Dokter spesialis' }).selectOption(String(visit.specialistId));
    const event = page.locator(`[data-visit-id="${visit.id}"]`);
    await event.waitFor();
    const from = await event.boundingBox();
    const to = await page.locator(`td.fc-daygrid-day[data-date="${holiday}"]`).boundingBox();
    if (!from || !to) throw new Error('no boxes to drag between');
    await page.mouse.move(from.x + 10, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + 30, from.y + from.height / 2 + 10, { steps: 5 });
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 15 });
    await page.mouse.up();
    await expectToast('Tidak bisa dipindah');
    await shot('04-geser-ke-hari-libur');
    const after = (await api<{ id: number; date: string }[]>('visits:list', { from: visit.date, to: visit.date })).find((v) => v.id === visit.id);
    expect(after?.date).toBe(visit.date);
    await page.getByRole('combobox', { name: 'Dokter spesialis' }).selectOption('');
  });

  it('logs a past visit through the form', async () => {
    const adoption = (await api<{ specialistId: number; puskesmasId: number }[]>('adoptions:list'))[0];
    if (!adoption) throw new Error('no adoption');
    let date = addDays(today, -3);
    for (let tries = 0; tries < 30; tries++, date = addDays(date, -1)) {
      const check = await api<{ ok: boolean }>('visits:check', { specialistId: adoption.specialistId, puskesmasId: adoption.puskesmasId, date });
      if (check.ok) break;
    }
    const visit = await api<{ id: number }>('visits:create', { specialistId: adoption.specialistId, puskesmasId: adoption.puskesmasId, date });
    await page.evaluate(`window.location.hash = '#/kunjungan/${visit.id}'`);
    const form = page.getByRole('form', { name: 'Catatan kunjungan' });
    await form.waitFor();
    await form.getByLabel('Bidan').fill('4');
    await form.getByLabel('Dokter umum').fill('1');
    await form.locator('.topic-grid input[type=checkbox]').first().check();
    await form.getByRole('button', { name: 'Simpan catatan' }).click();
    await expectToast('Catatan kunjungan disimpan');
    const detail = await api<{ log: { outcome: string; attendance: number } | null }>('visit-log:get', { visitId: visit.id });
    expect(detail.log).toMatchObject({ outcome: 'done', attendance: 5 });
    await shot('05-catatan');
  });

  it('exports the PDF roster through the save dialog, written by the main process', async () => {
    await page.evaluate("window.location.hash = '#/ekspor'");
    await page.getByTestId('roster-preview').locator('tbody tr').first().waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Unduh PDF' }).click();
    await expect.poll(() => fs.readdirSync(saveDir).filter((name) => name.endsWith('.pdf')).length, { timeout: 30_000 }).toBe(1);
    const [pdf] = fs.readdirSync(saveDir).filter((name) => name.endsWith('.pdf'));
    expect(fs.readFileSync(path.join(saveDir, pdf!)).subarray(0, 5).toString()).toBe('%PDF-');
    await shot('06-ekspor');
  });

  it('raised no script errors, and no console errors but the inline-script refusal provoked above', () => {
    expect(pageErrors).toEqual([]);
    expect(consoleErrors.filter((text) => !(/inline script/i.test(text) && text.includes('Content Security Policy')))).toEqual([]);
  });
});

// The same app pointed at a server (ASUHAN_SERVER_URL): a stand-in HTTP server here, since this
// job's better-sqlite3 is built for Electron and no web shell can run under Node beside it.
describe.skipIf(!BINARY)('the real Electron window on a server (skipped without Electron’s binary)', () => {
  let base: string;
  let server: http.Server;
  let origin: string;
  const opened: ElectronApplication[] = [];

  function listen(handler: http.RequestListener): Promise<{ server: http.Server; origin: string }> {
    const made = http.createServer(handler);
    return new Promise((resolve) => made.listen(0, '127.0.0.1', () => resolve({ server: made, origin: `http://127.0.0.1:${(made.address() as AddressInfo).port}` })));
  }

  async function openOn(serverUrl: string, name: string): Promise<{ window: Page; electron: ElectronApplication; userData: string }> {
    const userData = path.join(base, name);
    const electron = await _electron.launch({ executablePath: BINARY!, args: [root], cwd: root, env: { ...process.env, ASUHAN_TEST_MODE: '1', ASUHAN_TEST_USER_DATA: userData, ASUHAN_SERVER_URL: serverUrl }, timeout: 90_000 });
    opened.push(electron);
    return { window: await electron.firstWindow(), electron, userData };
  }

  beforeAll(async () => {
    const built = spawnSync(process.execPath, ['build/build-electron.mjs'], { cwd: root, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`build:electron failed: ${built.stderr}`);
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'asuhan-electron-server '));
    ({ server, origin } = await listen((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html lang="id"><head><title>Server uji</title></head><body><h1>Server uji</h1></body></html>');
    }));
  }, 120_000);

  afterAll(async () => {
    for (const electron of opened) await electron.close().catch(() => {});
    server?.close();
    if (base) fs.rmSync(base, { recursive: true, force: true });
  });

  it('shows the server page without the bridge, locked to its origin, says so in the title, and opens no local file', async () => {
    const other = await listen((_req, res) => res.end('other'));
    try {
      const { window, electron, userData } = await openOn(origin, 'on-server');
      await window.getByRole('heading', { name: 'Server uji' }).waitFor({ timeout: 60_000 });
      expect(window.url()).toBe(`${origin}/`);
      expect(await window.evaluate('typeof window.asuhan')).toBe('undefined');
      expect(await window.evaluate('typeof window.require')).toBe('undefined');
      const elsewhere = await window.evaluate(`fetch(${JSON.stringify(`${other.origin}/`)}).then(() => 'reached', () => 'refused')`);
      expect(elsewhere).toBe('refused');
      const host = new URL(origin).host;
      await expect.poll(() => electron.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle())).toBe(`Server uji — server ${host}`);
      expect(fs.existsSync(path.join(userData, 'asuhan.db'))).toBe(false);
    } finally {
      other.server.close();
    }
  }, 120_000);

  it('shows the local error page when the server does not answer, and gets through on a retry', async () => {
    const gone = await listen(() => {});
    const port = (gone.server.address() as AddressInfo).port;
    await new Promise((done) => gone.server.close(done));
    const { window } = await openOn(gone.origin, 'unreachable');
    await window.getByRole('heading', { name: 'Server Asuhan tidak bisa dihubungi' }).waitFor({ timeout: 60_000 });
    expect(window.url().startsWith('data:text/html')).toBe(true);
    expect(await window.locator('main').textContent()).toContain(`${gone.origin}/`);
    await shot('07-server-tidak-menjawab');
    const back = http.createServer((_req, res) => res.end('<!doctype html><title>Kembali</title><h1>Server kembali</h1>'));
    await new Promise<void>((done) => back.listen(port, '127.0.0.1', () => done()));
    try {
      await window.getByRole('link', { name: 'Coba lagi / Try again' }).click();
      await window.getByRole('heading', { name: 'Server kembali' }).waitFor({ timeout: 30_000 });
    } finally {
      back.close();
    }
  }, 120_000);
});
