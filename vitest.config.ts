import os from 'node:os';
import path from 'node:path';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const common = {
  pool: 'forks',
  testTimeout: 30_000,
  hookTimeout: 120_000,
} as const;

// The service tests run a second time on PostgreSQL when a test cluster is named
// (ASUHAN_TEST_DATABASE_URL; .ci/run starts one): createTestDb() then opens a fresh database on it.
// Tests of the SQLite file itself (pragmas, copies, corruption, restore of .db files: tests/reliability,
// tests/db/migrations, scheduler/today-and-outcomes copying a planned file) and those without a
// database stay in the first pass only; see createSqliteTestDb in tests/fixtures/temp-db.ts.
export const POSTGRES_PASS = [
  'tests/db/{master-data,smoke,record-versions}.test.ts',
  'tests/server/{access,accounts,web-shell-accounts,web-shell-planner,districts}.test.ts',
  'tests/visit-log/*.test.ts',
  'tests/imports/*.test.ts',
  'tests/district/{holidays,cli,province-one-district}.test.ts',
  'tests/exports/*.test.ts',
  'tests/scheduler/{api,availability,balance,fresh-replan,plans-list,suggest,visit-times,cli}.test.ts',
];
const NOT_ON_POSTGRES = [
  'tests/exports/ics-rfc5545.test.ts', // no database
  'tests/imports/xlsx-reading.test.ts', // no database
];

const projects: TestProjectInlineConfiguration[] = [{ test: { ...common, name: 'sqlite', include: ['tests/**/*.test.ts'] } }];
if (process.env.ASUHAN_TEST_DATABASE_URL) {
  const env = {
    ASUHAN_TEST_ENGINE: 'postgres',
    // Dumps the CLI makes in-process go to a temp folder, never the user's data folder.
    ASUHAN_BACKUP_DIR: path.join(os.tmpdir(), 'asuhan-test-server-backups'),
  };
  projects.push({ test: { ...common, name: 'postgres', include: POSTGRES_PASS, exclude: NOT_ON_POSTGRES, env, globalSetup: ['tests/postgres-setup.ts'] } });
}

export default defineConfig({
  test: {
    // Builds dist/cli/ first: tests that spawn bin/asuhan.mjs run the compiled CLI, never a stale one.
    globalSetup: ['tests/global-setup.ts'],
    projects,
  },
});
