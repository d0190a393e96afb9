// One temporary database (the demo district unless told otherwise), one web shell on a free port, one Chromium.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { shellAccounts } from '../../../src/server/accounts';
import { feedByToken } from '../../../src/server/feeds';
import { startWebShell, type WebShell } from '../../../src/server/web-shell';
import { createSqliteTestDb, type SqliteTestDb } from '../../fixtures/temp-db';
import { findExecutable } from '../../fixtures/tools';
import { ensureRendererBuilt, RENDERER_DIST } from './renderer-build';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? findExecutable('chromium', 'chromium');
export const SHOTS_DIR = process.env.ASUHAN_SHOTS ?? '/tmp/asuhan-shots';

export interface AppHarness {
  testDb: SqliteTestDb;
  shell: WebShell;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Saves a screenshot of the window under SHOTS_DIR (outside the repository). */
  shot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** accounts: sign-in required, as `asuhan serve --accounts` (no secret cookie is set: the test signs in). */
export async function startApp(options: { language?: 'id' | 'en'; demo?: boolean; accounts?: boolean } = {}): Promise<AppHarness> {
  await ensureRendererBuilt();
  const testDb = await createSqliteTestDb({ demo: options.demo ?? true });
  const db = testDb.db.kysely;
  const shell = await startWebShell({
    api: testDb.api,
    staticDir: RENDERER_DIST,
    port: 0,
    ...(options.accounts ? { accounts: shellAccounts(db, testDb.ctx.now) } : {}),
    feeds: (token) => feedByToken(db, token, testDb.ctx.now()),
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  // The shell's secret, as opening the printed link (shell.url) would store it; shell.origin works too.
  if (!options.accounts) await context.addCookies([{ name: `asuhan-${shell.port}`, value: shell.token, domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Strict' }]);
  if (options.language === 'en') await context.addInitScript("localStorage.setItem('asuhan.lang', 'en')");
  const page = await context.newPage();
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  return {
    testDb,
    shell,
    browser,
    context,
    page,
    async shot(name) {
      const file = path.join(SHOTS_DIR, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    async close() {
      await browser.close();
      await shell.close();
      await testDb.close();
    },
  };
}

/**
 * Plans and saves these months as the scheduler would (past months as recorded history): the
 * state a coordinator meets on the demo's 18 February with January and February not yet logged.
 */
export async function planMonths(app: AppHarness, months: string[]): Promise<void> {
  for (const month of months) {
    const plan = await app.testDb.api.client['plans:run']({ month, allowPast: true });
    await app.testDb.api.client['plans:apply']({ planId: plan.planId });
  }
}
