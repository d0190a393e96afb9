// `npm run bench`: runs every scripts/bench/<area>.ts in turn (each prints a markdown section)
// and writes them into docs/benchmarks.md. `--only <area>` reruns one area and keeps the
// other sections as they were.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const root = path.resolve(import.meta.dirname, '..');
const benchDir = path.join(root, 'scripts', 'bench');
const output = path.join(root, 'docs', 'benchmarks.md');

const { values } = parseArgs({ options: { only: { type: 'string' } } });
const areas = fs
  .readdirSync(benchDir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .sort();
if (values.only && !areas.includes(values.only)) {
  process.stderr.write(`bench: unknown area "${values.only}"; known: ${areas.join(', ')}\n`);
  process.exit(2);
}

const marker = (area: string) => [`<!-- bench:${area} -->`, `<!-- /bench:${area} -->`] as const;

function previousSection(area: string): string | null {
  if (!fs.existsSync(output)) return null;
  const text = fs.readFileSync(output, 'utf8');
  const [open, close] = marker(area);
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  return start >= 0 && end > start ? text.slice(start + open.length, end).trim() : null;
}

const sections: string[] = [];
let failed = false;
for (const area of areas) {
  let body: string | null;
  if (values.only && values.only !== area) body = previousSection(area);
  else {
    process.stderr.write(`bench: ${area} ...\n`);
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(benchDir, `${area}.ts`)], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
    if (run.status !== 0) {
      failed = true;
      body = `_${area}: the benchmark failed (exit ${run.status})._`;
    } else body = run.stdout.trim();
  }
  if (body) sections.push(`${marker(area)[0]}\n${body}\n${marker(area)[1]}`);
}

const header = [
  '# Benchmarks',
  '',
  `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ${os.platform()}.`,
  'Each area\'s section is produced by `scripts/bench/<area>.ts`; rerun one with `npm run bench -- --only <area>`.',
  '',
].join('\n');
fs.mkdirSync(path.dirname(output), { recursive: true });
fs.writeFileSync(output, `${header}\n${sections.join('\n\n')}\n`);
process.stdout.write(`${header}\n${sections.join('\n\n')}\n`);
process.exit(failed ? 1 : 0);
