// The installed CLI runs the code compiled into dist/cli/ (built by tests/global-setup.ts as
// `npm ci` builds it) and loads a heavy package only when the command needs it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { WITA_DISTRICT } from '../fixtures/district';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index';
import { tempDir } from '../fixtures/temp-db';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin', 'asuhan.mjs');
const recorder = path.join(import.meta.dirname, 'support', 'record-packages.mjs');
const dir = tempDir();
const db = path.join(dir, 'asuhan.db');
const HEAVY = ['highs', 'pdfkit', 'exceljs'];
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs `asuhan ...args` and returns the packages (and any TypeScript source) the process loaded. */
function packagesLoadedBy(args: string[]): string[] {
  const record = path.join(dir, `record-${args[0]}-${args[1] ?? ''}.txt`);
  execFileSync(process.execPath, ['--import', recorder, bin, ...args], { env: { ...process.env, ASUHAN_RECORD_PACKAGES: record }, encoding: 'utf8' });
  return fs.existsSync(record) ? [...new Set(fs.readFileSync(record, 'utf8').split('\n').filter(Boolean))] : [];
}

describe('the command list', () => {
  it('names every command with the summary its module declares', async () => {
    for (const entry of COMMANDS) {
      const command = await entry.load();
      expect({ name: command.name, summary: command.summary }, entry.name).toEqual({ name: entry.name, summary: entry.summary });
    }
    expect(new Set(COMMANDS.map((c) => c.name)).size).toBe(COMMANDS.length);
  });
});

describe('the compiled CLI', () => {
  it('is what bin/asuhan.mjs runs: no tsx, no TypeScript source', () => {
    expect(fs.readFileSync(bin, 'utf8')).not.toMatch(/tsx/);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; scripts: Record<string, string> };
    expect(pkg.dependencies).not.toHaveProperty('tsx');
    expect(pkg.scripts.prepare).toMatch(/build-cli/);
    execFileSync(process.execPath, [bin, 'init', '--db', db], { encoding: 'utf8' });
    const loaded = packagesLoadedBy(['status', '--db', db]);
    expect(loaded).toContain('better-sqlite3');
    expect(loaded.filter((p) => p === 'tsx' || p.startsWith('typescript-source:'))).toEqual([]);
  }, 60_000);

  it('loads HiGHS, pdfkit and exceljs only for the commands that use them', () => {
    // A PDF needs the district's letterhead first.
    const setup = Object.entries(WITA_DISTRICT).map(([key, value]) => `${key}=${value}`);
    execFileSync(process.execPath, [bin, 'settings', 'set', ...setup, '--db', db], { encoding: 'utf8' });
    expect(packagesLoadedBy(['--help'])).toEqual([]);
    expect(packagesLoadedBy(['status', '--db', db]).filter((p) => HEAVY.includes(p))).toEqual([]);
    // Reports, since this district has no visits yet (an empty month's roster exports nothing).
    expect(packagesLoadedBy(['export', 'xlsx', '--kind', 'compliance', '--month', '2026-03', '--out', path.join(dir, 'out'), '--db', db])).toContain('exceljs');
    expect(packagesLoadedBy(['export', 'pdf', '--layout', 'report', '--month', '2026-03', '--out', path.join(dir, 'out'), '--db', db])).toContain('pdfkit');
  }, 60_000);
});
