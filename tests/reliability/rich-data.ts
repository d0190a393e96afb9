// Fills a demo database with the kinds of records a district collects over months: visits in
// several months (one transaction per batch, as a plan save does), and where the visit-log API
// exists, logged outcomes with topics, anonymous cases and follow-ups.
import type BetterSqlite3 from 'better-sqlite3';
import type { Api } from '../../src/app/api';
import { METHOD_NAMES } from '../../src/contract/index';

export const FILL_MONTHS = ['2025-12', '2026-01', '2026-02'];

/** Inserts one visit per primary adoption in `month`, all in one transaction; returns the batch tag. */
export function insertVisitBatch(sqlite: BetterSqlite3.Database, month: string, tag: string, day = 10): number {
  const adoptions = sqlite
    .prepare("SELECT a.specialist_id AS specialistId, a.puskesmas_id AS puskesmasId, s.specialty_id AS specialtyId FROM adoption a JOIN specialist s ON s.id = a.specialist_id WHERE a.role = 'primary' ORDER BY a.id")
    .all() as { specialistId: number; puskesmasId: number; specialtyId: number }[];
  const insert = sqlite.prepare(
    `INSERT INTO visit (uid, date, start_time, end_time, specialist_id, puskesmas_id, specialty_id, status, notes)
     VALUES (?, ?, '09:00', '11:00', ?, ?, ?, 'planned', ?)`,
  );
  const write = sqlite.transaction(() => {
    adoptions.forEach((a, index) => {
      const date = `${month}-${String(1 + ((day + index) % 27)).padStart(2, '0')}`;
      insert.run(`${tag}-${index}`, date, a.specialistId, a.puskesmasId, a.specialtyId, `batch ${tag}`);
    });
  });
  write.immediate();
  return adoptions.length;
}

export async function fillRichData(sqlite: BetterSqlite3.Database, api: Api, options: { plansAndExports?: boolean } = {}): Promise<{ visits: number; logged: number }> {
  let visits = 0;
  for (const month of FILL_MONTHS) visits += insertVisitBatch(sqlite, month, `fill-${month}`);
  let logged = 0;
  if ((METHOD_NAMES as string[]).includes('visit-log:save')) {
    const past = sqlite.prepare("SELECT id FROM visit WHERE date < '2026-02-01' ORDER BY id LIMIT 12").all() as { id: number }[];
    const hospital = sqlite.prepare('SELECT id FROM hospital ORDER BY id LIMIT 1').get() as { id: number } | undefined;
    const topics = await api.invoke('topics:list', {});
    const topicCodes = topics.ok ? (topics.data as { code: string }[]).slice(0, 2).map((t) => t.code) : [];
    for (const [index, { id }] of past.entries()) {
      const result = await api.invoke('visit-log:save', {
        visitId: id,
        outcome: index % 4 === 3 ? 'cancelled' : 'done',
        reason: index % 4 === 3 ? 'Dokter sakit' : '',
        topics: index % 4 === 3 ? [] : topicCodes,
        attendees: index % 4 === 3 ? [] : [{ role: 'bidan', headcount: 3 }, { role: 'dokter_umum', headcount: 1 }],
        cases: index % 2 === 0 && hospital ? [{ ageGroup: 'adult', condition: 'Preeklamsia berat', decision: 'referred', hospitalId: hospital.id }] : [],
        followups: index % 3 === 0 ? [{ action: 'Latih ulang bidan tentang KPD', owner: 'Kepala puskesmas', dueDate: '2026-03-15' }] : [],
        notes: `Catatan kunjungan ${index}`,
      });
      if (result.ok) logged++;
    }
  }
  if (options.plansAndExports) {
    // A saved plan for a future month, then the calendar files (which record what was sent).
    if ((METHOD_NAMES as string[]).includes('plans:apply')) {
      const preview = await api.invoke('plans:run', { month: '2026-03' });
      if (preview.ok) await api.invoke('plans:apply', { planId: (preview.data as { planId: number }).planId });
    }
    if ((METHOD_NAMES as string[]).includes('exports:ics')) await api.invoke('exports:ics', { month: '2026-03' });
    // The last tables of the foundation: travel distances and per-puskesmas requirements.
    sqlite.exec(`INSERT OR IGNORE INTO distance (hospital_id, puskesmas_id, km, minutes) SELECT h.id, p.id, 3.5 + h.id + p.id / 10.0, 20 + p.id FROM hospital h, puskesmas p WHERE h.id <= 3 AND p.id <= 20`);
    sqlite.exec(`INSERT OR IGNORE INTO puskesmas_requirement (puskesmas_id, specialty_id, visits_per_month) SELECT p.id, s.id, 2 FROM puskesmas p, specialty s WHERE s.code = 'obgyn' AND p.id <= 3`);
  }
  return { visits, logged };
}
