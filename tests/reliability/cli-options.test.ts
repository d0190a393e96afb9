// Every command's options are validated: unknown options and hostile values end with one line on
// stderr and exit code 2 (or succeed), never a stack trace, and a refused command writes nothing.
// Built over the command list, so commands added later are covered.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/command';
import { loadCommands } from '../../src/cli/commands/index';
import { main } from '../../src/cli/main';
import { TEST_TODAY, tempDir } from '../fixtures/temp-db';
import { fileDigest } from './db-digest';

/** Commands that run until stopped, or run a whole pipeline (demo: plan and rosters); only their option parsing is exercised here. */
const LONG_RUNNING = new Set(['serve', 'demo']);
const DATE_LIKE = /^(month|date|day|from|to|since|until|start-date|end-date|due)$/;
const BAD_DATES = ['2026-02-30', '2026-13', '2026-00', '26-03', 'Maret', '2026-03-01T00:00:00Z', ''];
const HOSTILE = ['', '-1', '0', 'NaN', "'; DROP TABLE visit; --", '../../../etc/passwd', 'x'.repeat(5000), '\u0000', '2026-02-30'];

let dir: string;
let db: string;
const cwd = process.cwd();
beforeAll(async () => {
  dir = tempDir();
  db = path.join(dir, 'asuhan.db');
  process.chdir(dir); // a command that writes files relative to the working folder writes here
  expect((await run(['init', '--demo', '--db', db])).code).toBe(0);
});
afterAll(() => {
  process.chdir(cwd);
  fs.rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), env: {}, now: () => TEST_TODAY };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err };
}

function expectOneLineFailure(result: { code: number; err: string[] }, label: string) {
  expect(result.code, label).toBe(2);
  expect(result.err, label).toHaveLength(1);
  expect(result.err[0], label).toMatch(/^asuhan: \S/);
  expect(result.err[0]!.length, label).toBeLessThan(20_000);
  expect(result.err[0], label).not.toMatch(/\n|\bat \S+ \(|\.ts:\d+/);
}

const COMMANDS = await loadCommands();
const STRING_OPTIONS = COMMANDS.flatMap((command) =>
  Object.entries(command.options)
    .filter(([, spec]) => spec.type === 'string')
    .map(([option]) => ({ command: command.name, option })),
);

describe('CLI options are validated for every command', () => {
  it.each(COMMANDS.map((c) => c.name))('%s refuses an unknown option and a database path that is a folder', async (name) => {
    expectOneLineFailure(await run([name, '--no-such-option', '--db', db]), `${name} --no-such-option`);
    expectOneLineFailure(await run([name, '--db', db, '--db-typo=1']), `${name} --db-typo`);
    if (name !== 'backups') expectOneLineFailure(await run([name, '--db', dir]), `${name} --db <folder>`);
  });

  it.each(STRING_OPTIONS.filter((o) => DATE_LIKE.test(o.option)).map((o) => [o.command, o.option]))('%s --%s refuses impossible dates and months', async (command, option) => {
    const before = fileDigest(db);
    for (const value of BAD_DATES) expectOneLineFailure(await run([command, `--${option}`, value, '--db', db]), `${command} --${option} ${JSON.stringify(value)}`);
    expect(fileDigest(db)).toBe(before);
  });

  it.each(STRING_OPTIONS.filter((o) => !LONG_RUNNING.has(o.command)).map((o) => [o.command, o.option]))('%s --%s takes hostile values without crashing', async (command, option) => {
    for (const value of HOSTILE) {
      const before = fileDigest(db);
      const result = await run([command, `--${option}`, value, '--db', db]);
      expect([0, 2], `${command} --${option} ${JSON.stringify(value.slice(0, 40))}`).toContain(result.code);
      if (result.code === 2) {
        expectOneLineFailure(result, `${command} --${option}`);
        expect(fileDigest(db)).toBe(before);
      }
    }
  });

  it('serve refuses a bad port before it starts', async () => {
    if (!COMMANDS.some((c) => c.name === 'serve')) return;
    for (const port of ['-1', '65536', 'abc', '80.5', '']) expectOneLineFailure(await run(['serve', '--port', port, '--db', db]), `serve --port ${port}`);
  });
});
