// Runs once before the test files: compiles src/ into dist/cli/ with the same step `npm ci`
// runs (`prepare`), so a test that spawns bin/asuhan.mjs after a source edit tests that edit.
import { buildCli } from '../scripts/build-cli.mjs';

export async function setup(): Promise<void> {
  await buildCli();
}
