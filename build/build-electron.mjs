// Bundles the Electron main process (ESM, our code only: packages stay in node_modules), the
// solver's worker thread beside it (src/scheduler/worker.ts loads ./solve-worker.js next to the
// main bundle) and the sandboxed preload (one CommonJS file, the only kind a sandboxed preload
// can load). Files our code reads beside itself (seed and holiday data, PDF fonts, import
// templates) are copied too.
//
//   node build/build-electron.mjs [--out DIR] [--alias NAME=FILE ...]
// --out: another folder than dist-electron/; --alias: a stand-in for a package (tests run the
// bundled main under Node with stand-ins for `electron` and `electron-updater`).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { out: { type: 'string' }, alias: { type: 'string', multiple: true } } });
const out = path.resolve(root, values.out ?? 'dist-electron');
const alias = Object.fromEntries((values.alias ?? []).map((pair) => pair.split('=')).map(([name, file]) => [name, path.resolve(root, file)]));
fs.rmSync(out, { recursive: true, force: true });

const mainOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  alias,
  sourcemap: true,
  logLevel: 'warning',
};

await build({ ...mainOptions, entryPoints: [path.join(root, 'electron/main/index.ts')], outfile: path.join(out, 'main/index.mjs') });
await build({ ...mainOptions, entryPoints: [path.join(root, 'src/scheduler/solve-worker.ts')], outfile: path.join(out, 'main/solve-worker.js') });
// Big spreadsheets are parsed off the main thread (src/imports/parse-off-thread.ts loads ./parse-worker.js beside it).
await build({ ...mainOptions, entryPoints: [path.join(root, 'src/imports/parse-worker.ts')], outfile: path.join(out, 'main/parse-worker.js') });
// The worker is a .js file: this says it is an ES module wherever the folder is.
fs.writeFileSync(path.join(out, 'package.json'), `${JSON.stringify({ type: 'module' })}\n`);

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
  ['src/imports/templates', 'main/templates'],
];
for (const [from, to] of besideMain) {
  if (fs.existsSync(path.join(root, from))) fs.cpSync(path.join(root, from), path.join(out, to), { recursive: true });
}
console.log(`${path.relative(root, out) || '.'}: main/index.mjs, main/solve-worker.js, main/parse-worker.js and preload/index.cjs built`);
