// The Backups panel on a server database (issue 15 point 5), in Chromium through the web shell:
// "Back up now" makes a pg_dump, and "Restore" on it brings back exactly that data after the
// one confirmation, with the state before it kept as a before-restore dump.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/app/api';
import { createContext } from '../../src/app/context';
import { openAnyDatabase, type AsuhanDb } from '../../src/db/connect';
import { findPgDump } from '../../src/db/server-backup';
import { startWebShell, type WebShell } from '../../src/server/web-shell';
import { seedDemo } from '../../src/seed/demo';
import { databaseDigest } from '../fixtures/database-digest';
import { freshPostgres, POSTGRES_TEST_URL, type TestPostgres } from '../fixtures/postgres';
import { TEST_TODAY, tempDir } from '../fixtures/temp-db';
import { CHROMIUM_PATH, SHOTS_DIR } from './support/app-harness';
import { ensureRendererBuilt, RENDERER_DIST } from './support/renderer-build';

describe.skipIf(!POSTGRES_TEST_URL || !findPgDump())('the Backups panel on a server database', () => {
  let server: TestPostgres;
  let db: AsuhanDb;
  let dir: string;
  let shell: WebShell;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  beforeAll(async () => {
    await ensureRendererBuilt();
    server = await freshPostgres({ template: null });
    dir = tempDir();
    db = await openAnyDatabase({ file: path.join(dir, 'unused.db'), url: server.url }, { backupDir: path.join(dir, 'backups') });
    await seedDemo(db.kysely, '2026-02-18');
    const api = createApi(createContext(db, () => TEST_TODAY));
    shell = await startWebShell({ api, staticDir: RENDERER_DIST, port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
    await context.addCookies([{ name: `asuhan-${shell.port}`, value: shell.token, domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Strict' }]);
    page = await context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
    fs.mkdirSync(SHOTS_DIR, { recursive: true });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await shell?.close();
    await db?.close();
    await server?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('backs up with pg_dump and restores that dump from its row', async () => {
    await page.goto(`${shell.url}#/data`);
    await page.getByRole('tab', { name: 'Cadangan' }).click();
    await page.getByRole('button', { name: 'Buat cadangan sekarang' }).click();
    await page.locator('.toast', { hasText: 'Cadangan dibuat' }).first().waitFor({ timeout: 30_000 });
    const digest = await databaseDigest(db);
    await sql`UPDATE puskesmas SET name = name || ' (diubah)'`.execute(db.kysely);

    await page.getByRole('row', { name: /manual/ }).getByRole('button', { name: 'Pulihkan' }).click();
    await page.locator('.toast', { hasText: 'Database dipulihkan' }).first().waitFor({ timeout: 60_000 });
    expect(dialogs).toHaveLength(1);
    expect(dialogs[0]).toMatch(/Pulihkan database dari asuhan-\d{8}-\d{6}-manual\.dump\?/);
    await sql`DELETE FROM audit_log WHERE entity = 'database' AND action = 'restore'`.execute(db.kysely);
    expect(await databaseDigest(db)).toBe(digest);
    // After the reload the list shows the dump made just before the restore.
    await page.getByRole('row', { name: /Sebelum pemulihan|before-restore/i }).first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(SHOTS_DIR, '15-5-server-cadangan-dipulihkan.png') });
  }, 180_000);
});
