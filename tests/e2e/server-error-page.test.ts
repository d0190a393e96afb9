// The desktop app's page for a server that does not answer (electron/main/server-error-page.ts),
// in Chromium: readable in both languages, axe-clean, and its "try again" link leaves the local
// data: page for the server, whose sign-in screen then opens over HTTP without the preload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseServerAddress } from '../../electron/main/server-address';
import { notAnswering, openLocalLink, serverErrorPage } from '../../electron/main/server-error-page';
import { axeReport } from './support/axe';
import { startApp, type AppHarness } from './support/app-harness';

let app: AppHarness;
let page: Page;

describe('the desktop error page for an unreachable server', () => {
  beforeAll(async () => {
    app = await startApp({ accounts: true, demo: false });
    page = app.page;
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  it('names the address, is axe-clean, and tries the server again', async () => {
    const address = parseServerAddress(app.shell.origin);
    await page.goto(serverErrorPage(address, notAnswering('ERR_CONNECTION_REFUSED')));
    await page.getByRole('heading', { name: 'Server Asuhan tidak bisa dihubungi' }).waitFor();
    expect(await page.getByRole('heading', { name: 'The Asuhan server cannot be reached' }).count()).toBe(1);
    expect(await page.locator('main').textContent()).toContain(address.url);
    expect(await page.getByRole('link', { name: 'Buka file lokal / Open the local file' }).getAttribute('href')).toBe(openLocalLink(address));
    expect(await axeReport(page, 'server error page')).toBe('');
    await app.shot('desktop-server-error-page');

    await page.getByRole('link', { name: 'Coba lagi / Try again' }).click();
    await page.getByRole('heading', { name: 'Masuk ke Asuhan' }).waitFor();
    expect(page.url()).toBe(address.url);
    expect(await page.evaluate("typeof window.asuhan")).toBe('undefined');
  });
});
