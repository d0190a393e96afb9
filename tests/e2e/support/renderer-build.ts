// The e2e tests run against the built renderer; they build it when it is missing or older than
// its sources, so `npm test` works on a fresh clone. A lock folder keeps parallel files from building twice.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const RENDERER_DIST = path.join(ROOT, 'dist', 'renderer');
const SOURCE_DIRS = ['renderer', 'src/contract', 'src/domain'].map((dir) => path.join(ROOT, dir));
const LOCK = path.join(ROOT, 'dist', '.renderer-build.lock');
// Written after a production build: a bundle built under vitest's NODE_ENV=test carried React's
// development build (several times slower), so one without this stamp is built again.
const STAMP = path.join(RENDERER_DIST, '.production-build');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') newest = Math.max(newest, newestSource(full));
    } else newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  const index = path.join(RENDERER_DIST, 'index.html');
  if (!fs.existsSync(index) || !fs.existsSync(STAMP)) return false;
  const built = fs.statSync(index).mtimeMs;
  const config = path.join(ROOT, 'vite.config.ts');
  return fs.statSync(config).mtimeMs <= built && SOURCE_DIRS.every((dir) => !fs.existsSync(dir) || newestSource(dir) <= built);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function ensureRendererBuilt(): Promise<void> {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  for (let waited = 0; ; waited += 200) {
    if (isFresh()) return;
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch {
      // Another file is building; a lock older than two minutes is a leftover from a killed run.
      if (waited > 120_000 || Date.now() - fs.statSync(LOCK).mtimeMs > 120_000) fs.rmSync(LOCK, { recursive: true, force: true });
      await sleep(200);
    }
  }
  try {
    if (isFresh()) return;
    const { build } = await import('vite');
    // Vite takes NODE_ENV over the mode, and vitest sets it to "test".
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
    } finally {
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
    }
    fs.writeFileSync(STAMP, `${new Date().toISOString()}\n`);
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}
