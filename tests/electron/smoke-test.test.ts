// The packaged app's `--smoke-test` sequence, run here under Node on real files: a fresh folder
// named like a Windows user's, the whole sequence, one line, nothing left behind; and each
// check refusing what a broken build would write.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIcs, checkPdf, checkXlsx, runSmokeTest, SMOKE_FAILED, SMOKE_FOLDER_PREFIX, SMOKE_OK } from '../../src/app/smoke-test';
import { openDatabase } from '../../src/db/connect';
import { tempDir, TEST_TODAY } from '../fixtures/temp-db';

const TEMP_VARS = ['TMPDIR', 'TEMP', 'TMP'] as const;
let privateTemp: string;
const savedTemp: Partial<Record<(typeof TEMP_VARS)[number], string | undefined>> = {};

beforeAll(() => {
  // os.tmpdir() reads these at each call: the smoke test's temp folder lands where we can see it.
  privateTemp = tempDir('asuhan-smoke-temp-');
  for (const name of TEMP_VARS) {
    savedTemp[name] = process.env[name];
    process.env[name] = privateTemp;
  }
});

afterAll(() => {
  for (const name of TEMP_VARS) {
    if (savedTemp[name] === undefined) delete process.env[name];
    else process.env[name] = savedTemp[name];
  }
  fs.rmSync(privateTemp, { recursive: true, force: true });
});

describe('smoke test sequence', () => {
  it('opens, migrates, seeds, plans next month, writes and checks PDF, ICS and Excel, and says so in one line', async () => {
    let seenFolder = '';
    const result = await runSmokeTest({
      now: () => TEST_TODAY,
      open: (file) => {
        seenFolder = path.dirname(file);
        return openDatabase(file, { create: true });
      },
    });
    expect(result.line.startsWith(SMOKE_OK), result.line).toBe(true);
    expect(result.ok).toBe(true);
    expect(result.line.split('\n')).toHaveLength(1);
    expect(result.month).toBe('2026-03');
    expect(result.visits).toBeGreaterThan(10);
    expect(result.line).toContain(`plan 2026-03: ${result.visits} visits`);
    expect(result.line).toContain(`Excel ${result.visits} rows`);
    // The folder had a space, an apostrophe and a non-ASCII letter in its name, and is gone now.
    expect(path.basename(seenFolder).startsWith(SMOKE_FOLDER_PREFIX)).toBe(true);
    expect(path.dirname(seenFolder)).toBe(privateTemp);
    expect(fs.readdirSync(privateTemp)).toEqual([]);
  }, 180_000);

  it('refuses a folder that already holds a database, and changes nothing in it', async () => {
    const dir = tempDir();
    try {
      const existing = path.join(dir, 'asuhan.db');
      fs.writeFileSync(existing, 'not touched');
      const result = await runSmokeTest({ userDataDir: dir });
      expect(result).toMatchObject({ ok: false, failedStep: 'folder' });
      expect(result.line).toMatch(new RegExp(`^${SMOKE_FAILED} at folder: .*already exists`));
      expect(fs.readFileSync(existing, 'utf8')).toBe('not touched');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the step that failed: a native module that does not load, a database left unmigrated', async () => {
    const abi = await runSmokeTest({
      open: () => Promise.reject(new Error('The module better_sqlite3.node was compiled against a different Node.js version')),
    });
    expect(abi).toMatchObject({ ok: false, failedStep: 'open' });
    expect(abi.line).toBe(`${SMOKE_FAILED} at open: The module better_sqlite3.node was compiled against a different Node.js version`);

    const unmigrated = await runSmokeTest({ open: (file) => openDatabase(file, { create: true, migrate: false }) });
    expect(unmigrated).toMatchObject({ ok: false, failedStep: 'migrate' });
    expect(unmigrated.line).toContain('migrations applied: none');
    expect(fs.readdirSync(privateTemp)).toEqual([]);
  });
});

describe('smoke test checks', () => {
  it('count PDF pages and refuse a file cut short or not a PDF', () => {
    const pdf = Buffer.from('%PDF-1.3\n1 0 obj << /Type /Pages /Count 2 >>\n2 0 obj << /Type /Page >>\n3 0 obj << /Type /Page >>\ntrailer\n%%EOF\n', 'latin1');
    expect(checkPdf(pdf)).toBe(2);
    expect(() => checkPdf(pdf.subarray(0, pdf.length - 7))).toThrow('%%EOF');
    expect(() => checkPdf(Buffer.from('<html>%%EOF'))).toThrow('%PDF-');
  });

  it('count calendar events and refuse bare LF line endings or a cut event', () => {
    const ics = ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:1', 'END:VEVENT', 'BEGIN:VEVENT', 'UID:2', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
    expect(checkIcs(ics, 'a.ics')).toBe(2);
    expect(() => checkIcs(ics.replace('UID:1\r\n', 'UID:1\n'), 'a.ics')).toThrow('without CR');
    expect(() => checkIcs(ics.replace('END:VEVENT\r\nBEGIN:VEVENT\r\nUID:2', 'BEGIN:VEVENT\r\nUID:2'), 'a.ics')).toThrow('2 BEGIN:VEVENT but 1 END:VEVENT');
    expect(() => checkIcs(ics.slice(0, 40), 'a.ics')).toThrow('END:VCALENDAR');
  });

  it('read an Excel file back and refuse one that is not', async () => {
    await expect(checkXlsx(Buffer.from('PK\u0003\u0004 not really a zip'))).rejects.toThrow('cannot be read');
  });
});
