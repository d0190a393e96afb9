// The bundles `npm run build:electron` makes, checked as the packaged app will use them: the
// files the code reads beside itself are there, the solver's worker is an ES module that loads,
// and the bundled main, run under Node with stand-ins for Electron, passes `--smoke-test` from
// its own folder (fonts, seed data, migrations all found from the bundle, not from src/).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMOKE_OK } from '../../src/app/smoke-test';
import { tempDir } from '../fixtures/temp-db';

const root = path.resolve(import.meta.dirname, '..', '..');
// Laid out as in the packaged app (app/package.json, app/dist-electron/...), inside the project so
// the bundle finds the project's node_modules as the packaged app finds its own.
const appDir = path.join(root, 'node_modules', '.cache', `asuhan-bundle-test-${process.pid}`);
const out = path.join(appDir, 'dist-electron');
const work: string[] = [];

beforeAll(() => {
  fs.mkdirSync(appDir, { recursive: true });
  fs.copyFileSync(path.join(root, 'package.json'), path.join(appDir, 'package.json'));
  const built = spawnSync(
    process.execPath,
    ['build/build-electron.mjs', '--out', out, '--alias', 'electron=tests/electron/support/electron-stand-in.ts', '--alias', 'electron-updater=tests/electron/support/electron-updater-stand-in.ts'],
    { cwd: root, encoding: 'utf8' },
  );
  if (built.status !== 0) throw new Error(`build failed: ${built.stderr}`);
}, 120_000);

afterAll(() => {
  fs.rmSync(appDir, { recursive: true, force: true });
  for (const dir of work) fs.rmSync(dir, { recursive: true, force: true });
});

describe('Electron bundles', () => {
  it('hold the main process, its worker, the preload and the files read beside the code', () => {
    for (const file of ['main/index.mjs', 'main/solve-worker.js', 'main/parse-worker.js', 'preload/index.cjs', 'main/fonts/DejaVuSans.ttf', 'main/fonts/DejaVuSans-Bold.ttf']) {
      expect(fs.existsSync(path.join(out, file)), file).toBe(true);
    }
    expect(fs.readdirSync(path.join(out, 'main/data')).length).toBeGreaterThan(0);
    expect(fs.readdirSync(path.join(out, 'main/templates')).some((name) => name.endsWith('.xlsx'))).toBe(true);
    // The preload is sandboxed: one file, nothing required but electron itself.
    const preload = fs.readFileSync(path.join(out, 'preload/index.cjs'), 'utf8');
    expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
  });

  it('make the solver worker an ES module whose imports all resolve', () => {
    const loaded = spawnSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(path.join(out, 'main/solve-worker.js')).href)}); console.log('loaded');`], { encoding: 'utf8' });
    expect(loaded.stderr).toBe('');
    expect(loaded.stdout.trim()).toBe('loaded');
  });

  it('run --smoke-test from the bundle: one line, a report, exit code 0', () => {
    const dir = tempDir("asuhan bundle Siti Nur'aini ");
    work.push(dir);
    const report = path.join(dir, 'smoke report.txt');
    const userData = path.join(dir, 'AppData', 'Roaming', 'Asuhan');
    const run = spawnSync(process.execPath, [path.join(out, 'main/index.mjs'), '--smoke-test', `--smoke-report=${report}`, `--smoke-user-data=${userData}`], { encoding: 'utf8', cwd: dir, timeout: 170_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.startsWith(SMOKE_OK)).toBe(true);
    expect(fs.readFileSync(report, 'utf8')).toBe(`${lines[0]}\n`);
    // A given folder is kept, with what the smoke test wrote, for a workflow to upload.
    expect(fs.readdirSync(path.join(userData, 'ekspor')).some((name) => name.endsWith('.pdf'))).toBe(true);
  }, 180_000);
});
