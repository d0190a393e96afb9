import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportIcs } from '../../src/exports/ics-export';
import { buildCalendar, type CalendarEvent } from '../../src/exports/ics';
import { fileBytes } from '../../src/exports/export-file';
import { createTestDb, TEST_TODAY, type TestDb } from '../fixtures/temp-db';
import { seedMonthVisits, TEST_MONTH } from './fixtures';
import { parseWithIcalJs, parseWithPython } from './ics-check';
import { rfc5545Problems } from './ics-rfc5545';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb({ demo: true });
});
afterEach(async () => {
  await t.close();
});

const text = (file: { base64: string }) => fileBytes({ fileName: '', mimeType: '', base64: file.base64 }).toString('utf8');

describe('ICS export', () => {
  it('writes one file per specialist and one for the district, read back by ical.js and python-icalendar', async () => {
    const seeded = await seedMonthVisits(t.db.kysely);
    const db = t.db.kysely;
    const result = await exportIcs(db, { month: TEST_MONTH, now: TEST_TODAY });
    const specialists = await db.selectFrom('visit').select('specialist_id').distinct().execute();
    expect(result.files).toHaveLength(specialists.length + 1);
    const district = result.files.find((f) => f.fileName === `jadwal-${TEST_MONTH}-kabupaten.ics`);
    expect(district).toBeDefined();

    const parsed = parseWithIcalJs(text(district!));
    expect(parsed.method).toBe('PUBLISH');
    expect(parsed.timezones).toEqual(['Asia/Jakarta']);
    expect(parsed.events).toHaveLength(seeded);
    for (const stamp of parsed.stamps) expect(stamp).toBe('DTSTAMP:20260218T030000Z');

    const visits = await db.selectFrom('visit').innerJoin('puskesmas', 'puskesmas.id', 'visit.puskesmas_id').select(['visit.uid', 'visit.date', 'visit.start_time', 'visit.end_time', 'puskesmas.name', 'puskesmas.kecamatan']).execute();
    const byUid = new Map(visits.map((v) => [`${v.uid}@asuhan`, v]));
    for (const event of parsed.events) {
      const visit = byUid.get(event.uid);
      expect(visit, event.uid).toBeDefined();
      expect(event.tzid).toBe('Asia/Jakarta');
      expect(event.localStart).toBe(`${visit!.date}T${visit!.start_time}`);
      expect(event.localEnd).toBe(`${visit!.date}T${visit!.end_time}`);
      // WIB is UTC+7 all year: 09:00 local is 02:00Z on the same day.
      const [h, m] = visit!.start_time.split(':').map(Number) as [number, number];
      expect(event.utcStart).toBe(new Date(Date.UTC(...(visit!.date.split('-').map(Number) as [number, number, number]).map((x, i) => (i === 1 ? x - 1 : x)) as [number, number, number], h - 7, m)).toISOString());
      expect(event.location).toContain(visit!.name);
      expect(event.location).toContain(visit!.kecamatan);
      expect(event.description).toMatch(/Koordinator: /);
      expect(event.description).toMatch(/pengampu utama/);
      expect(event.alarmTriggers).toEqual(['-P1D']);
      // Planned, not yet confirmed: the status, the title and the description say so alike.
      expect(event.status).toBe('TENTATIVE');
      expect(event.summary).toMatch(/^Rencana kunjungan dr\. /);
      expect(event.description).toContain('Status: Direncanakan');
    }

    for (const file of result.files) expect(rfc5545Problems(fileBytes(file)), file.fileName).toEqual([]);

    const python = parseWithPython(t.dir, result.files);
    expect(python).toHaveLength(result.files.length);
    const pythonEvents = python.flatMap((c) => c.events);
    expect(python.every((c) => c.method === 'PUBLISH')).toBe(true);
    expect(pythonEvents).toHaveLength(seeded * 2);
    for (const event of pythonEvents) {
      const visit = byUid.get(event.uid)!;
      expect(event.start).toBe(`${visit.date}T${visit.start_time}:00+07:00`);
      expect(event.tz).toBe('Asia/Jakarta');
    }
  });

  it('sends only what changed: moved, cancelled, reassigned and new visits', async () => {
    await seedMonthVisits(t.db.kysely, TEST_MONTH, 12);
    const db = t.db.kysely;
    await exportIcs(db, { month: TEST_MONTH, now: TEST_TODAY });
    const again = await exportIcs(db, { month: TEST_MONTH, onlyChanges: true, now: TEST_TODAY });
    expect(again.files.filter((f) => !f.fileName.includes('kabupaten'))).toHaveLength(0);
    expect(again.unchanged.length).toBeGreaterThan(0);

    const visits = await db.selectFrom('visit').selectAll().orderBy('id').execute();
    const [moved, cancelled, reassigned] = visits as [typeof visits[0], typeof visits[0], typeof visits[0]];
    await db.updateTable('visit').set({ date: '2026-03-31', sequence: moved.sequence + 1 }).where('id', '=', moved.id).execute();
    await db.updateTable('visit').set({ status: 'cancelled', sequence: cancelled.sequence + 1 }).where('id', '=', cancelled.id).execute();
    const other = await db.selectFrom('specialist').select('id').where('specialty_id', '=', reassigned.specialty_id).where('id', '!=', reassigned.specialist_id).orderBy('id').executeTakeFirstOrThrow();
    await db.updateTable('visit').set({ specialist_id: other.id, sequence: reassigned.sequence + 1 }).where('id', '=', reassigned.id).execute();

    const changes = await exportIcs(db, { month: TEST_MONTH, onlyChanges: true, now: new Date('2026-02-20T01:00:00Z') });
    const events = changes.files.filter((f) => !f.fileName.includes('kabupaten')).flatMap((f) => parseWithIcalJs(text(f)).events.map((e) => ({ ...e, file: f.fileName })));
    const find = (uid: string) => events.filter((e) => e.uid === `${uid}@asuhan`);

    const movedEvents = find(moved.uid);
    expect(movedEvents).toHaveLength(1);
    expect(movedEvents[0]!.localStart).toBe(`2026-03-31T${moved.start_time}`);
    expect(movedEvents[0]!.sequence).toBe(moved.sequence + 1);

    expect(find(cancelled.uid).map((e) => e.status)).toEqual(['CANCELLED']);

    // The old owner gets a cancellation, the new owner the event.
    const reassignedEvents = find(reassigned.uid);
    expect(reassignedEvents.map((e) => e.status).sort()).toEqual(['CANCELLED', 'TENTATIVE']);
    expect(events).toHaveLength(4);
    for (const file of changes.files) expect(rfc5545Problems(fileBytes(file)), file.fileName).toEqual([]);

    const log = await db.selectFrom('export_log').selectAll().where('only_changes', '=', 1).where('specialist_id', 'is not', null).execute();
    expect(log.length).toBe(changes.summary.filter((s) => s.specialistId !== null).length);
    // Nothing left to send afterwards.
    const after = await exportIcs(db, { month: TEST_MONTH, onlyChanges: true, now: TEST_TODAY });
    expect(after.files.filter((f) => !f.fileName.includes('kabupaten'))).toHaveLength(0);
  });

  it('follows a visit moved to next month and withdraws a deleted one', async () => {
    await seedMonthVisits(t.db.kysely, TEST_MONTH, 6);
    const db = t.db.kysely;
    await exportIcs(db, { month: TEST_MONTH, now: TEST_TODAY });
    const [movedOut, deleted] = await db.selectFrom('visit').selectAll().orderBy('id').limit(2).execute();
    await db.updateTable('visit').set({ date: '2026-04-07', sequence: movedOut!.sequence + 1 }).where('id', '=', movedOut!.id).execute();
    await db.deleteFrom('visit').where('id', '=', deleted!.id).execute();

    const changes = await exportIcs(db, { month: TEST_MONTH, onlyChanges: true, now: TEST_TODAY });
    const events = changes.files.filter((f) => !f.fileName.includes('kabupaten')).flatMap((f) => parseWithIcalJs(text(f)).events);
    const moved = events.find((e) => e.uid === `${movedOut!.uid}@asuhan`);
    expect(moved).toMatchObject({ localStart: `2026-04-07T${movedOut!.start_time}`, status: 'TENTATIVE', sequence: movedOut!.sequence + 1 });
    const withdrawn = events.find((e) => e.uid === `${deleted!.uid}@asuhan`);
    expect(withdrawn).toMatchObject({ status: 'CANCELLED', sequence: 1, localStart: `${deleted!.date}T${deleted!.start_time}` });
    expect(events).toHaveLength(2);
    for (const file of changes.files) expect(rfc5545Problems(fileBytes(file)), file.fileName).toEqual([]);
  });

  it('confirming a planned visit sends it again as CONFIRMED with a higher SEQUENCE; logging it done or missed says so', async () => {
    await seedMonthVisits(t.db.kysely, TEST_MONTH, 6);
    const db = t.db.kysely;
    await exportIcs(db, { month: TEST_MONTH, now: TEST_TODAY });
    const [confirmed, done, missed] = await db.selectFrom('visit').selectAll().orderBy('id').limit(3).execute();
    await db.updateTable('visit').set({ status: 'confirmed' }).where('id', '=', confirmed!.id).execute();

    const changes = await exportIcs(db, { month: TEST_MONTH, onlyChanges: true, now: TEST_TODAY });
    const events = changes.files.filter((f) => !f.fileName.includes('kabupaten')).flatMap((f) => parseWithIcalJs(text(f)).events);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ uid: `${confirmed!.uid}@asuhan`, status: 'CONFIRMED', sequence: confirmed!.sequence + 1 });
    expect(events[0]!.summary).toMatch(/^Kunjungan dr\. /);
    expect(events[0]!.description).toContain('Status: Dikonfirmasi');
    expect(events[0]!.alarmTriggers).toEqual(['-P1D']);

    await db.updateTable('visit').set({ status: 'done' }).where('id', '=', done!.id).execute();
    await db.updateTable('visit').set({ status: 'missed' }).where('id', '=', missed!.id).execute();
    const all = await exportIcs(db, { month: TEST_MONTH, now: TEST_TODAY });
    const district = parseWithIcalJs(text(all.files.find((f) => f.fileName.includes('kabupaten'))!)).events;
    const byUid = (uid: string) => district.find((e) => e.uid === `${uid}@asuhan`)!;
    expect(byUid(done!.uid)).toMatchObject({ status: 'CONFIRMED' });
    expect(byUid(done!.uid).description).toContain('Status: Terlaksana');
    expect(byUid(missed!.uid)).toMatchObject({ status: 'CANCELLED', alarmTriggers: [] });
    expect(byUid(missed!.uid).summary).toMatch(/^TIDAK TERLAKSANA: Kunjungan /);
    expect(byUid(missed!.uid).description).toContain('Status: Tidak terlaksana');
    for (const file of all.files) expect(rfc5545Problems(fileBytes(file)), file.fileName).toEqual([]);
  });

  it('keeps wall-clock times whatever the zone of the machine that makes the file', () => {
    const original = process.env.TZ;
    try {
      fc.assert(
        fc.property(
          fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }),
          fc.integer({ min: 6 * 60, max: 15 * 60 }),
          fc.constantFrom('America/New_York', 'Europe/London', 'Asia/Jakarta', 'Australia/Lord_Howe', 'Pacific/Kiritimati'),
          fc.constantFrom('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'),
          (day, minutes, machineZone, districtZone) => {
            process.env.TZ = machineZone;
            const date = day.toISOString().slice(0, 10);
            const start = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
            const event: CalendarEvent = { uid: 'x@asuhan', sequence: 0, cancelled: false, tentative: false, date, startTime: start, endTime: '16:00', summary: 's', location: 'l', description: 'd', reminder: 'r' };
            const parsed = parseWithIcalJs(buildCalendar([event], { name: 'n', timeZone: districtZone, stamp: TEST_TODAY }));
            expect(parsed.events[0]!.localStart).toBe(`${date}T${start}`);
            expect(parsed.events[0]!.tzid).toBe(districtZone);
            expect(parsed.stamps[0]).toBe('DTSTAMP:20260218T030000Z');
          },
        ),
        { numRuns: 60 },
      );
    } finally {
      process.env.TZ = original;
    }
  });
});
