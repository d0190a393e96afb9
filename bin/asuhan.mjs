#!/usr/bin/env node
// Runs the CLI compiled into dist/cli/ at install (`npm ci` runs `prepare`: scripts/build-cli.mjs).
import fs from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!fs.existsSync(entry)) {
  process.stderr.write('asuhan: dist/cli/ belum dibangun; jalankan "npm run build" (dist/cli/ is not built; run "npm run build").\n');
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
