// Runs a built Asuhan's `--smoke-test` the way the release workflow needs it on every platform:
//   node build/run-smoke.mjs [--label NAME] -- <executable> [arguments...]
// The user-data folder sits under a user name like a coordinator's ("Siti Nur'aini"), the
// verdict is read from the report file (a Windows GUI program's stdout can get lost), and the
// exit code is 0 only when the app exited 0 and reported ASUHAN SMOKE OK.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const SMOKE_TIMEOUT_MS = 5 * 60 * 1000;

export function runSmoke({ label, command, args, baseDir, timeout = SMOKE_TIMEOUT_MS }) {
  const work = path.join(baseDir, "Siti Nur'aini", label);
  fs.rmSync(work, { recursive: true, force: true });
  const userData = path.join(work, 'AppData', 'Roaming', 'Asuhan');
  const report = path.join(work, 'smoke report.txt');
  const result = spawnSync(command, [...args, '--smoke-test', `--smoke-report=${report}`, `--smoke-user-data=${userData}`], { encoding: 'utf8', timeout });
  const line = fs.existsSync(report) ? fs.readFileSync(report, 'utf8').trim() : '';
  const problems = [];
  if (result.error) problems.push(`could not run ${command}: ${result.error.message}`);
  if (result.status !== 0) problems.push(`exit code ${result.status ?? `none (signal ${result.signal})`}`);
  if (!line) problems.push('no report written');
  else if (!line.startsWith('ASUHAN SMOKE OK')) problems.push(line);
  if (line.startsWith('ASUHAN SMOKE OK') && !fs.existsSync(path.join(userData, 'asuhan.db'))) problems.push(`no database in ${userData}`);
  return { ok: problems.length === 0, line, problems, stdout: result.stdout ?? '', stderr: result.stderr ?? '', userData };
}

function main() {
  const { values, positionals } = parseArgs({ options: { label: { type: 'string', default: 'smoke' } }, allowPositionals: true });
  const [command, ...args] = positionals;
  if (!command) {
    console.error('Usage: node build/run-smoke.mjs [--label NAME] -- <executable> [arguments...]');
    process.exit(2);
  }
  const outcome = runSmoke({ label: values.label, command, args, baseDir: process.env.RUNNER_TEMP || os.tmpdir() });
  if (outcome.stdout.trim()) console.log(outcome.stdout.trim());
  if (outcome.stderr.trim()) console.error(outcome.stderr.trim());
  if (outcome.ok) {
    console.log(`smoke test (${values.label}) passed: ${outcome.line}`);
    return;
  }
  console.error(`smoke test (${values.label}) FAILED: ${outcome.problems.join('; ')} (user data: ${outcome.userData})`);
  process.exit(1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
