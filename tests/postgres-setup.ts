// Once before the PostgreSQL pass: one database migrated and seeded with what every test starts
// from (core specialties, holidays), which each test's fresh database is then copied from
// (CREATE DATABASE ... TEMPLATE): a copy takes a fraction of running the migrations again.
import { openPostgresDatabase } from '../src/db/postgres';
import { ensureCoreSpecialties } from '../src/seed/demo';
import { seedHolidays } from '../src/seed/holidays';
import { freshPostgres, TEMPLATE_ENV, type TestPostgres } from './fixtures/postgres';

let template: TestPostgres | undefined;

export async function setup(): Promise<void> {
  if (!process.env.ASUHAN_TEST_DATABASE_URL) return;
  template = await freshPostgres({ template: null });
  const db = await openPostgresDatabase(template.url);
  try {
    await ensureCoreSpecialties(db.kysely);
    await seedHolidays(db.kysely);
  } finally {
    await db.close();
  }
  // The test workers are forked after this and inherit the environment.
  process.env[TEMPLATE_ENV] = template.name;
}

export async function teardown(): Promise<void> {
  await template?.drop();
}
