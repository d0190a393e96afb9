// The Backups panel in Chromium (issue 10 point 5, issue 13 point 2): a backup dated in the
// future is shown with its warning, and a backup of another district's database, picked from a
// file, is restored only after a second confirmation that names both districts.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { backupDatabase, backupDirFor, backupToFile } from '../../src/db/backup';
import { createSqliteTestDb, type SqliteTestDb } from '../fixtures/temp-db';
import { startApp, type AppHarness } from './support/app-harness';

let app: AppHarness;
let page: Page;
let other: SqliteTestDb;
let otherBackup: string;
let ownDistrict: string;
const dialogs: string[] = [];

beforeAll(async () => {
  app = await startApp();
  page = app.page;
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.accept();
  });
  ownDistrict = (await app.testDb.api.client['settings:get']({})).districtName;
  // Another district's database, and a backup of it on a "USB stick".
  other = await createSqliteTestDb();
  await other.api.client['settings:update']({ changes: { districtName: 'Kota Lain Sekali' } });
  otherBackup = path.join(other.dir, 'dari-flashdisk.db');
  await backupToFile(other.db.sqlite, otherBackup);
  // A backup made while the PC's clock was a year ahead.
  const ahead = new Date(Date.now() + 365 * 86_400_000);
  const file = await backupDatabase(app.testDb.db.sqlite, backupDirFor(app.testDb.file), 'daily', ahead);
  const sqlite = new BetterSqlite3(file);
  sqlite.prepare('UPDATE asuhan_backup SET made_at = ?').run(ahead.toISOString());
  sqlite.close();
  fs.utimesSync(file, ahead, ahead);
}, 180_000);
afterAll(async () => {
  await app.close();
  await other.close();
});

describe('the Backups panel', () => {
  it('shows a backup dated in the future with its warning', async () => {
    await page.goto(`${app.shell.url}#/data`);
    await page.getByRole('tab', { name: 'Cadangan' }).click();
    await page.getByText('Bertanggal di masa depan (jam komputer salah?): disimpan, tidak dihitung').waitFor();
    await expect.poll(() => page.getByRole('cell', { name: ownDistrict }).count()).toBeGreaterThan(0);
    await app.shot('18-cadangan-masa-depan');
  });

  it("restores another district's backup from a file only after a confirmation naming both", async () => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Pulihkan dari berkas…' }).click();
    await (await chooser).setFiles(otherBackup);
    await page.locator('.toast', { hasText: 'Database dipulihkan' }).first().waitFor({ timeout: 30_000 });
    expect(dialogs[0]).toContain('Pulihkan database dari dari-flashdisk.db?');
    expect(dialogs[1]).toContain('berasal dari database lain: Kota Lain Sekali');
    expect(dialogs[1]).toContain(`Database ini: ${ownDistrict}`);
    expect(dialogs[1]).toContain('Tetap pulihkan cadangan dari database lain ini?');
    expect((await app.testDb.api.client['settings:get']({})).districtName).toBe('Kota Lain Sekali');
    // The state before it was kept, in this database's own folder.
    expect((await app.testDb.api.client['backups:list']({})).backups.some((b) => b.reason === 'before-restore' && b.district === ownDistrict)).toBe(true);
  });
});
