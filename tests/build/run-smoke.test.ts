// build/run-smoke.mjs, the workflow's judge of a built app's --smoke-test, against stand-in apps
// that pass, fail, stay silent or exit 0 while reporting a failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../fixtures/temp-db';

const root = path.resolve(import.meta.dirname, '..', '..');
const work = tempDir('asuhan-run-smoke-');
const fakeApp = path.join(work, 'fake app.mjs');
fs.writeFileSync(
  fakeApp,
  `import fs from 'node:fs';
import path from 'node:path';
const value = (name) => process.argv.find((a) => a.startsWith('--' + name + '='))?.split('=').slice(1).join('=');
const mode = process.env.FAKE_MODE;
if (!process.argv.includes('--smoke-test')) process.exit(3);
const dir = value('smoke-user-data');
fs.mkdirSync(dir, { recursive: true });
if (mode !== 'no-db') fs.writeFileSync(path.join(dir, 'asuhan.db'), '');
const line = mode === 'fail' || mode === 'exit-0-failed' ? 'ASUHAN SMOKE FAILED at plan: HiGHS did not load' : 'ASUHAN SMOKE OK · test';
if (mode !== 'silent') fs.writeFileSync(value('smoke-report'), line + '\\n');
console.log(line);
process.exit(mode === 'fail' || mode === 'exit-1-ok' ? 1 : 0);
`,
);

function judge(mode: string) {
  return spawnSync(process.execPath, ['build/run-smoke.mjs', '--label', `fake-${mode}`, '--', process.execPath, fakeApp], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, FAKE_MODE: mode, RUNNER_TEMP: work },
  });
}

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('build/run-smoke.mjs', () => {
  it('passes an app that exits 0 and reports OK, from a folder under a Windows-like user name', () => {
    const result = judge('ok');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('smoke test (fake-ok) passed: ASUHAN SMOKE OK · test');
    expect(fs.existsSync(path.join(work, "Siti Nur'aini", 'fake-ok', 'AppData', 'Roaming', 'Asuhan', 'asuhan.db'))).toBe(true);
  });

  it.each([
    ['fail', 'ASUHAN SMOKE FAILED at plan: HiGHS did not load'],
    ['silent', 'no report written'],
    ['exit-1-ok', 'exit code 1'],
    ['exit-0-failed', 'ASUHAN SMOKE FAILED at plan'],
    ['no-db', 'no database in'],
  ])('fails an app in mode %s, saying why', (mode, reason) => {
    const result = judge(mode);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`smoke test (fake-${mode}) FAILED`);
    expect(result.stderr).toContain(reason);
  });

  it('fails when the executable does not exist', () => {
    const result = spawnSync(process.execPath, ['build/run-smoke.mjs', '--', path.join(work, 'missing.exe')], { cwd: root, encoding: 'utf8', env: { ...process.env, RUNNER_TEMP: work } });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('could not run');
  });
});
