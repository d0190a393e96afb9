// Indonesia's official holidays shipped with the app (see data/SOURCES.md), seeded on init.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import Papa from 'papaparse';
import type { Database } from '../db/schema';
import type { HolidayKind } from '../domain/types';

export interface OfficialHoliday {
  date: string;
  name: string;
  kind: HolidayKind;
  source: string;
}

export function readSeedCsv<T>(file: string): T[] {
  const text = fs.readFileSync(fileURLToPath(new URL(`./data/${file}`, import.meta.url)), 'utf8');
  const parsed = Papa.parse<T>(text, { header: true, skipEmptyLines: true });
  return parsed.data;
}

export function officialHolidays(): OfficialHoliday[] {
  return readSeedCsv<OfficialHoliday>('holidays-id.csv');
}

/** Adds the official holidays that are missing; returns how many were added. */
export async function seedHolidays(db: Kysely<Database>): Promise<number> {
  let added = 0;
  for (const holiday of officialHolidays()) {
    const result = await db
      .insertInto('holiday')
      .values({ date: holiday.date, name: holiday.name, kind: holiday.kind })
      .onConflict((oc) => oc.columns(['date', 'name']).doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}
