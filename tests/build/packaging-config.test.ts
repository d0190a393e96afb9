// The packaging configuration as electron-builder will read it: the Electron fuses that close
// the doors to code injection, where updates come from, and the release-only packaging package.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import semver from 'semver';
import { parse } from 'yaml';
import { BUILDER_CONFIG, compareFuses, configuredFuses, FUSE_WIRE_ORDER, type FuseWire } from '../../scripts/release-checks/check-fuses';

const root = path.resolve(import.meta.dirname, '..', '..');
const config = parse(fs.readFileSync(BUILDER_CONFIG, 'utf8')) as Record<string, unknown>;
const ON = 49;
const OFF = 48;

function wireOf(states: Partial<Record<(typeof FUSE_WIRE_ORDER)[number], boolean>>): FuseWire {
  const wire: FuseWire = { version: '1' };
  FUSE_WIRE_ORDER.forEach((name, index) => {
    wire[index] = states[name] === undefined ? 144 : states[name] ? ON : OFF;
  });
  return wire;
}

describe('Electron fuses in build/electron-builder.yml', () => {
  it('turn off running as Node, NODE_OPTIONS and --inspect, and load only a verified app.asar', () => {
    expect(configuredFuses()).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('set every fuse of the wire explicitly, with names electron-builder knows', () => {
    const fuses = configuredFuses();
    expect(Object.keys(fuses).sort()).toEqual([...FUSE_WIRE_ORDER].sort());
    expect(Object.values(fuses).every((value) => typeof value === 'boolean')).toBe(true);
  });

  it('are only meaningful with the app in an asar archive', () => {
    expect(config.asar ?? true).toBe(true);
    expect(config.files).toContain('dist-electron/**');
  });

  it('are checked against a binary: a match passes, any flipped or unset fuse fails', () => {
    const expected = configuredFuses();
    const rows = compareFuses(expected, wireOf(expected));
    expect(rows.every((row) => row.ok)).toBe(true);
    expect(rows).toHaveLength(FUSE_WIRE_ORDER.length);

    const flipped = compareFuses(expected, wireOf({ ...expected, runAsNode: true }));
    expect(flipped.filter((row) => !row.ok)).toEqual([{ name: 'runAsNode', expected: 'off', actual: 'on', ok: false }]);

    const unset = compareFuses(expected, wireOf({ ...expected, onlyLoadAppFromAsar: undefined }));
    expect(unset.find((row) => row.name === 'onlyLoadAppFromAsar')).toMatchObject({ actual: 'inherit', ok: false });

    const shortWire: FuseWire = { version: '1', 0: OFF };
    expect(compareFuses({ runAsNode: false, grantFileProtocolExtraPrivileges: true }, shortWire)[1]).toMatchObject({ actual: 'missing from this binary', ok: false });
    expect(compareFuses({ runAsNode: false }, { version: '2', 0: OFF })[0]?.ok).toBe(false);
    expect(compareFuses({ runAsNod: false }, wireOf(expected))[0]).toMatchObject({ actual: 'no such fuse', ok: false });
  });
});

describe('updates and packaging tools', () => {
  it('publish to GitHub releases, which electron-updater reads', () => {
    expect(config.publish).toEqual([expect.objectContaining({ provider: 'github' })]);
  });

  it('keep electron-builder out of what `npm ci` installs: it lives in packaging/, for Node >= 22.12', () => {
    const app = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
    const packaging = JSON.parse(fs.readFileSync(path.join(root, 'packaging', 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
    expect({ ...app.dependencies, ...app.devDependencies }).not.toHaveProperty('electron-builder');
    expect(app.dependencies).toHaveProperty('electron-updater');
    expect(packaging.devDependencies).toHaveProperty('electron-builder');
    expect(packaging.engines?.node).toBe('>=22.12');
    expect(fs.existsSync(path.join(root, 'packaging', 'package-lock.json'))).toBe(true);
  });

  it('lock only packages that run on Node 20 at the root (no EBADENGINE on `npm ci`)', () => {
    const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { engines?: { node?: string } | string[] }> };
    const wanting = Object.entries(lock.packages)
      .map(([name, entry]) => [name, Array.isArray(entry.engines) ? undefined : entry.engines?.node] as const)
      .filter(([, range]) => range !== undefined && !semver.satisfies('20.19.0', range));
    expect(wanting).toEqual([]);
  });

  it.skipIf(Number(process.versions.node.split('.')[0]) >= 22)('refuse to package on Node 20, saying why', () => {
    const result = spawnSync(process.execPath, [path.join(root, 'build', 'dist.mjs'), 'win'], { encoding: 'utf8', cwd: root });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Packaging needs Node 22.12 or newer');
  });
});
