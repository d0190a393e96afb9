// ESM resolve hook for record-packages.mjs (runs on the loader thread).
import fs from 'node:fs';

const file = process.env.ASUHAN_RECORD_PACKAGES;

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(resolved.url);
  if (file && match) fs.appendFileSync(file, `${match[1]}\n`);
  if (file && resolved.url.endsWith('.ts')) fs.appendFileSync(file, `typescript-source:${resolved.url}\n`);
  return resolved;
}
