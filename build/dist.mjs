// `npm run dist:win` / `npm run dist:linux`: runs electron-builder from packaging/, the separate
// package that holds the packaging tools (installed here on first use, never by the root
// `npm ci`, whose users run Node 20 while electron-builder's rebuild tools need Node >= 22.12).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const packaging = path.join(root, 'packaging');
const TARGETS = {
  win: ['--win', 'nsis', '--x64'],
  linux: ['--linux', 'AppImage', '--x64'],
};

export const PACKAGING_NODE = [22, 12];

export function nodeIsRecentEnough(version = process.versions.node) {
  const [major, minor] = version.split('.').map(Number);
  return major > PACKAGING_NODE[0] || (major === PACKAGING_NODE[0] && minor >= PACKAGING_NODE[1]);
}

function run(command, args, options = {}) {
  // npm is npm.cmd on Windows, which only a shell can start.
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, shell: process.platform === 'win32' && command === 'npm', ...options });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function main() {
  const target = process.argv[2];
  if (!(target in TARGETS)) {
    console.error(`Usage: node build/dist.mjs ${Object.keys(TARGETS).join('|')} [electron-builder options]`);
    process.exit(2);
  }
  if (!nodeIsRecentEnough()) {
    console.error(`Packaging needs Node ${PACKAGING_NODE.join('.')} or newer (electron-builder's @electron/rebuild); this is Node ${process.versions.node}. The app, the CLI and the tests run on Node 20.`);
    process.exit(1);
  }
  const cli = path.join(packaging, 'node_modules', 'electron-builder', 'cli.js');
  if (!fs.existsSync(cli)) run('npm', ['ci', '--prefix', 'packaging', '--no-audit', '--no-fund']);
  run(process.execPath, [cli, '--projectDir', root, '--config', 'build/electron-builder.yml', ...TARGETS[target], '--publish', 'never', ...process.argv.slice(3)]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
