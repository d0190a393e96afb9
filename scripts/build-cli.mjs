// Compiles the CLI and core (src/) into dist/cli/ once, at install (`prepare`), so `asuhan`
// starts without compiling TypeScript. Tests build first too (tests/global-setup.ts), so a
// spawned CLI never runs stale code. Plain JavaScript: it runs before anything else is built.
//
// Every output file sits in dist/cli/, two folders below the root like src/<area>/<file>.ts,
// so paths our code resolves beside itself keep working: ../../package.json, the renderer in
// ../../dist/renderer, and the data, fonts and templates copied next to the chunks.
// Each command is its own chunk (code splitting), loaded when that command runs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_DIST = path.join(root, 'dist', 'cli');

/** Packages left in node_modules: native code, or files they read beside themselves (WASM, font metrics). */
const EXTERNAL = ['better-sqlite3', 'exceljs', 'pdfkit', 'highs', '@node-rs/argon2'];

const BESIDE_CODE = [
  ['src/seed/data', 'data'],
  ['src/exports/fonts', 'fonts'],
  ['src/imports/templates', 'templates'],
];

export async function buildCli() {
  fs.rmSync(CLI_DIST, { recursive: true, force: true });
  await build({
    entryPoints: { main: path.join(root, 'src/cli/main.ts'), 'solve-worker': path.join(root, 'src/scheduler/solve-worker.ts'), 'parse-worker': path.join(root, 'src/imports/parse-worker.ts') },
    outdir: CLI_DIST,
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: EXTERNAL,
    // Bundled CommonJS packages (papaparse) call require(); give ESM chunks one.
    banner: { js: "import { createRequire as __asuhanCreateRequire } from 'node:module'; const require = __asuhanCreateRequire(import.meta.url);" },
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
  });
  for (const [from, to] of BESIDE_CODE) {
    if (fs.existsSync(path.join(root, from))) fs.cpSync(path.join(root, from), path.join(CLI_DIST, to), { recursive: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now();
  await buildCli();
  console.log(`dist/cli built in ${Math.round(performance.now() - started)} ms`);
}
