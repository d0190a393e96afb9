// Hostile input (issue 13): how fast and in how much memory hostile files are refused, and how
// quickly the web shell answers other calls (app:info) while a hostile or heavy import runs.
// Prints a markdown section; docs/reliability.md quotes it. Run: node --import tsx scripts/bench/hostile.ts
import { performance } from 'node:perf_hooks';
import { readTableFile } from '../../src/imports/read-file';
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { WebShell } from '../../src/server/web-shell';
import { createTestDb } from '../../tests/fixtures/temp-db';
import { heavyWorkbook, hiddenPartBomb, manyPartsWorkbook, zipBomb } from '../../tests/reliability/support/hostile-files';
import { shellRequest } from '../../tests/reliability/support/shell-request';

const MB = 1024 * 1024;
const peakMb = () => process.resourceUsage().maxRSS / 1024;

interface Case {
  label: string;
  make: () => Promise<Buffer>;
}

const cases: Case[] = [
  { label: "the trial's bomb (unpacks to 300 MB)", make: () => zipBomb(300 * MB) },
  { label: 'a lying bomb (claims < 1 MB, unpacks to 1 GB)', make: () => zipBomb(1024 * MB, { lie: true }) },
  { label: 'a bomb hidden outside the directory (300 MB)', make: () => hiddenPartBomb(300 * MB) },
  { label: '5,000 parts', make: () => manyPartsWorkbook(5000) },
  { label: 'a file over the 10 MB limit', make: async () => Buffer.concat([await zipBomb(MB), Buffer.alloc(11 * MB)]) },
  { label: 'heavy but honest (40 MB unpacked, 4,900 rows)', make: () => heavyWorkbook(40 * MB) },
];

const lines: string[] = [];
lines.push('## Hostile input', '');
lines.push('Each file through `readTableFile` (the import path), then uploaded to `asuhan serve` (its own process) while `app:info` is called every 20 ms; the latency includes sending the upload itself. Figures from a shared 2-core machine (other engineers working): noisy.', '');
lines.push('| file | size | outcome | time | peak memory growth | app:info while it ran (n, median, p95, slowest) |', '| --- | ---: | --- | ---: | ---: | --- |');

// The app as its user meets it: `asuhan serve` in a process of its own (this one only sends).
const t = await createTestDb({ demo: true });
await t.db.close();
const root = path.resolve(import.meta.dirname, '..', '..');
const server = spawn(process.execPath, [path.join(root, 'bin', 'asuhan.mjs'), 'serve', '--db', t.file, '--port', '0', '--json'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
const shell = await new Promise<WebShell>((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const line = out.split('\n').find((l) => l.startsWith('{'));
    if (line) {
      const url = new URL((JSON.parse(line) as { url: string }).url);
      resolve({ port: Number(url.port), token: url.searchParams.get('token') ?? '' } as WebShell);
    }
  });
  server.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
});
try {
  // Warm up: the first import loads its modules.
  await shellRequest(shell, 'POST', '/api/imports:preview', JSON.stringify({ kind: 'hospitals', fileName: 'rs.csv', base64: Buffer.from('Nama\nRS A\n').toString('base64') }));
  for (const c of cases) {
    const bytes = await c.make();
    const peakBefore = peakMb();
    const started = performance.now();
    let outcome: string;
    try {
      const sheet = await readTableFile('x.xlsx', bytes);
      outcome = `read, ${sheet.rows.length} rows`;
    } catch (error) {
      outcome = `refused: ${(error as { messageEn?: string }).messageEn ?? String(error)}`.replace(/ Nothing was changed\.$/, '');
    }
    const ms = performance.now() - started;
    const growth = peakMb() - peakBefore;

    let done = false;
    const latencies: number[] = [];
    const importing = shellRequest(shell, 'POST', '/api/imports:preview', JSON.stringify({ kind: 'hospitals', fileName: 'x.xlsx', base64: bytes.toString('base64') })).finally(() => (done = true));
    while (!done) {
      const at = performance.now();
      await shellRequest(shell, 'POST', '/api/app:info', '{}');
      latencies.push(performance.now() - at);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await importing;
    latencies.sort((a, b) => a - b);
    const median = latencies[Math.floor(latencies.length / 2)] ?? 0;
    const slowest = latencies.at(-1) ?? 0;
    const p95 = latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.95))] ?? 0;
    lines.push(`| ${c.label} | ${(bytes.length / MB).toFixed(2)} MB | ${outcome} | ${ms.toFixed(0)} ms | ${growth.toFixed(0)} MB | ${latencies.length}, ${median.toFixed(0)} ms, ${p95.toFixed(0)} ms, ${slowest.toFixed(0)} ms |`);
  }
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  await t.close();
}
lines.push('', `Peak memory of the whole benchmark process: ${peakMb().toFixed(0)} MB (Node ${process.version}).`);
process.stdout.write(`${lines.join('\n')}\n`);
