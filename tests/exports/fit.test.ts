// Exports that fit: every specialist's calendar in one ZIP, Indonesian file names, and an empty
// month answered with EMPTY instead of a file.
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileBytes } from '../../src/exports/export-file';
import { createTestDb, type TestDb } from '../fixtures/temp-db';
import { seedMonthVisits, TEST_MONTH } from './fixtures';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ demo: true });
  await seedMonthVisits(t.db.kysely);
});
afterAll(async () => t.close());

describe('exports that fit', () => {
  it('puts one .ics per specialist into one ZIP', async () => {
    const separate = await t.api.client['exports:ics']({ month: TEST_MONTH });
    const zipped = await t.api.client['exports:ics']({ month: TEST_MONTH, zip: true });
    expect(zipped.files).toHaveLength(1);
    expect(zipped.files[0]!.fileName).toBe(`kalender-${TEST_MONTH}-semua-dokter.zip`);
    const inside = unzipSync(fileBytes(zipped.files[0]!));
    expect(Object.keys(inside).sort()).toEqual(separate.files.map((f) => f.fileName).sort());
    expect(Object.keys(inside).length).toBeGreaterThan(1);
    expect(Buffer.from(Object.values(inside)[0]!).toString('utf8')).toContain('BEGIN:VCALENDAR');
  });

  it('names files in Indonesian', async () => {
    expect((await t.api.client['exports:pdf']({ month: TEST_MONTH, layout: 'by-date' })).fileName).toBe(`jadwal-${TEST_MONTH}-per-tanggal.pdf`);
  });

  it('says an empty month has nothing to export, for every format', async () => {
    const empty = '2027-07';
    for (const call of [
      () => t.api.client['exports:xlsx']({ month: empty, kind: 'roster' }),
      () => t.api.client['exports:csv']({ month: empty, kind: 'roster' }),
      () => t.api.client['exports:pdf']({ month: empty, layout: 'by-date' }),
      () => t.api.client['exports:ics']({ month: empty, zip: true }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'EMPTY', message: expect.stringContaining('Tidak ada kunjungan di Juli 2027') });
    }
  });
});
