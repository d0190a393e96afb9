// Benchmark: start-up. Standalone: `node --import tsx scripts/bench/startup.ts [--rounds N]`
// prints a markdown section. Builds dist/cli/ as `npm ci` does, then times the compiled CLI
// beside a bare `node -e 0` in the same run, interleaved round by round so that load on a
// shared machine hits every row alike; the ratio to bare Node is the steadier figure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { buildCli } from '../build-cli.mjs';

const root = path.resolve(import.meta.dirname, '..', '..');
const bin = path.join(root, 'bin', 'asuhan.mjs');
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '21' } } });
const rounds = Number(values.rounds);

interface Case {
  label: string;
  args: string[];
  targetMs: number | null;
}

function runOnce(args: string[], env: NodeJS.ProcessEnv): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const elapsed = performance.now() - start;
  if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return elapsed;
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

await buildCli();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asuhan-bench-startup-'));
try {
  const db = path.join(dir, 'demo.db');
  const env = { ...process.env, ASUHAN_DB: db };
  runOnce([bin, 'init', '--demo', '--db', db], env);
  const cases: Case[] = [
    { label: '`node -e 0` (bare Node)', args: ['-e', '0'], targetMs: null },
    { label: '`asuhan --help`', args: [bin, '--help'], targetMs: 300 },
    { label: '`asuhan status` (demo database)', args: [bin, 'status', '--db', db], targetMs: 400 },
  ];
  const times = cases.map(() => [] as number[]);
  const loadBefore = os.loadavg()[0]!;
  for (let round = 0; round <= rounds; round++) {
    cases.forEach((c, i) => {
      const elapsed = runOnce(c.args, env);
      if (round > 0) times[i]!.push(elapsed); // round 0 warms the file cache
    });
  }
  const loadAfter = os.loadavg()[0]!;
  const bare = median(times[0]!);
  const lines = [
    '## Start-up',
    '',
    `The compiled CLI (\`dist/cli/\`, built at install by \`prepare\`), wall-clock time from spawn to exit, median and fastest of ${rounds} interleaved rounds.`,
    'Targets: `asuhan --help` under 300 ms, `asuhan status` under 400 ms, each under 4 × bare Node.',
    '',
    '| Command | Median | Fastest | × bare Node | Target | Met: time / ratio |',
    '|---|---:|---:|---:|---|---|',
    ...cases.map((c, i) => {
      const m = median(times[i]!);
      const ratio = m / bare;
      const yes = (ok: boolean) => (ok ? 'yes' : 'no');
      const met = c.targetMs === null ? '' : `${yes(m < c.targetMs)} / ${yes(ratio < 4)}`;
      return `| ${c.label} | ${m.toFixed(0)} ms | ${Math.min(...times[i]!).toFixed(0)} ms | ${ratio.toFixed(2)} | ${c.targetMs === null ? '' : `< ${c.targetMs} ms, < 4 ×`} | ${met} |`;
    }),
    '',
    'HiGHS, pdfkit and exceljs are not loaded by either command (tests/cli/compiled-cli.test.ts checks it): each command is its own chunk and those packages are required on first use.',
    'On a loaded machine every row slows alike and the times miss while the ratios hold; compare the ratios, or rerun when the load average is low.',
    '',
    `Load average (1 min) on this ${os.cpus().length}-core machine, shared with other work: ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end.`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
