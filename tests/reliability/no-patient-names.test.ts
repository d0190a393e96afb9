// The programme records mentoring, not patients: no table may hold a patient's identity. Scans
// every column of the latest schema, so a migration that adds one fails here.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connect';
import { tempDir } from '../fixtures/temp-db';
import { userTables } from './db-digest';

/** Column names that would identify a patient (English and Bahasa Indonesia); `inpatient` (a puskesmas with beds) is not one. */
const PATIENT_IDENTIFYING = /(^|_)(patient|pasien)|^nik$|_nik$|^nik_|no_?rm|rekam_?medi|medical_?record|mrn|birth|lahir|bpjs|ktp|jkn|mother_?name|nama_?ibu|child_?name|nama_?anak|guardian|wali|national_?id|identity|identitas/i;
/** Tables about clinical cases: no column there may be a name or contact of any person. */
const CLINICAL_TABLE = /case|consult|referral|rujuk|kasus/i;
const PERSONAL = /name|nama|phone|telp|email|address|alamat/i;

describe('no patient names stored anywhere', () => {
  it('no column of any table identifies a patient', async () => {
    const dir = tempDir();
    try {
      const file = path.join(dir, 'asuhan.db');
      await (await openDatabase(file, { create: true })).close();
      const sqlite = new BetterSqlite3(file, { readonly: true });
      const columns = userTables(sqlite).flatMap((table) =>
        (sqlite.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map((c) => ({ table, column: c.name })),
      );
      sqlite.close();
      expect(columns.length).toBeGreaterThan(50);
      expect(columns.filter((c) => PATIENT_IDENTIFYING.test(c.column) || PATIENT_IDENTIFYING.test(c.table))).toEqual([]);
      expect(columns.filter((c) => CLINICAL_TABLE.test(c.table) && PERSONAL.test(c.column))).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
