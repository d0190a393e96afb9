// Reads the Electron fuses of a built executable and compares them with `electronFuses` in
// build/electron-builder.yml: `node --import tsx scripts/release-checks/check-fuses.ts release/win-unpacked/Asuhan.exe`.
// Exits 1 when any fuse differs or cannot be read, so the release workflow fails.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUILDER_CONFIG = path.join(root, 'build', 'electron-builder.yml');

/** electron-builder's option names in the order of @electron/fuses' FuseV1Options (the wire's order). */
export const FUSE_WIRE_ORDER = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;

/** What @electron/fuses' getCurrentFuseWire returns: the wire version and one byte per fuse. */
export type FuseWire = { version: string } & Record<number, number>;
export type FuseName = (typeof FUSE_WIRE_ORDER)[number];

// @electron/fuses' FuseState: the bytes on the wire.
const STATE: Record<number, string> = { 48: 'off', 49: 'on', 114: 'removed', 144: 'inherit' };

export interface FuseRow {
  name: string;
  expected: 'on' | 'off';
  actual: string;
  ok: boolean;
}

export function configuredFuses(configFile = BUILDER_CONFIG): Record<string, boolean> {
  const config = parse(fs.readFileSync(configFile, 'utf8')) as { electronFuses?: Record<string, boolean> };
  return config.electronFuses ?? {};
}

/** One row per configured fuse: what the binary has, and whether that is what was configured. */
export function compareFuses(expected: Record<string, boolean>, wire: FuseWire): FuseRow[] {
  return Object.entries(expected).map(([name, value]): FuseRow => {
    const want = value ? 'on' : 'off';
    const index = (FUSE_WIRE_ORDER as readonly string[]).indexOf(name);
    if (wire.version !== '1') return { name, expected: want, actual: `fuse wire version ${wire.version}`, ok: false };
    if (index === -1) return { name, expected: want, actual: 'no such fuse', ok: false };
    const byte = wire[index];
    const actual = byte === undefined ? 'missing from this binary' : (STATE[byte] ?? `byte ${byte}`);
    return { name, expected: want, actual, ok: actual === want };
  });
}

async function main(): Promise<void> {
  const app = process.argv[2];
  if (!app || !fs.existsSync(app)) {
    console.error(`Usage: check-fuses.ts <path to the built Electron executable> (not found: ${app ?? 'nothing given'})`);
    process.exit(2);
  }
  // @electron/fuses lives with the packaging tools (packaging/), not in the app's node_modules.
  const fuses = createRequire(path.join(root, 'packaging', 'package.json'))('@electron/fuses') as { getCurrentFuseWire(app: string): Promise<FuseWire> };
  const rows = compareFuses(configuredFuses(), await fuses.getCurrentFuseWire(app));
  for (const row of rows) console.log(`${row.ok ? 'ok  ' : 'FAIL'} ${row.name}: configured ${row.expected}, binary has ${row.actual}`);
  const failed = rows.filter((row) => !row.ok).length;
  if (rows.length === 0 || failed > 0) {
    console.error(`${rows.length === 0 ? 'No fuses configured' : `${failed} fuse(s) not as configured`} in build/electron-builder.yml: ${path.basename(app)} must not be released.`);
    process.exit(1);
  }
  console.log(`All ${rows.length} fuses of ${path.basename(app)} are as configured.`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
