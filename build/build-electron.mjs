// Bundles the Electron main process (ESM, our code only: packages stay in node_modules) and
// the sandboxed preload (one CommonJS file, the only kind a sandboxed preload can load).
// Files our code reads beside itself (holiday data, PDF fonts) are copied next to the bundle.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist-electron');
fs.rmSync(out, { recursive: true, force: true });

await build({
  entryPoints: [path.join(root, 'electron/main/index.ts')],
  outfile: path.join(out, 'main/index.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});

await build({
  entryPoints: [path.join(root, 'electron/preload/index.ts')],
  outfile: path.join(out, 'preload/index.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
  sourcemap: false,
  logLevel: 'warning',
});

const besideMain = [
  ['src/seed/data', 'main/data'],
  ['src/exports/fonts', 'main/fonts'],
];
for (const [from, to] of besideMain) {
  if (fs.existsSync(path.join(root, from))) fs.cpSync(path.join(root, from), path.join(out, to), { recursive: true });
}
console.log('dist-electron/main/index.mjs and dist-electron/preload/index.cjs built');
