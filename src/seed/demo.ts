// The demo district: Banyuwangi's real puskesmas and hospitals (Kemenkes 2019 data) with
// invented specialists, adoptions and leave. Idempotent: every row is matched on its natural
// key, so running it twice adds nothing.
import type { Kysely } from 'kysely';
import { audit } from '../db/audit';
import { inTransaction } from '../db/tx';
import type { Database } from '../db/schema';
import { updateSettings } from '../db/settings.repository';
import { addMonths, type IsoWeekday } from '../domain/dates';
import { haversineKm } from '../domain/geo';
import type { OpeningHours } from '../domain/types';
import { readSeedCsv, seedHolidays } from './holidays';

export interface SeedSummary {
  specialties: number;
  hospitals: number;
  specialists: number;
  puskesmas: number;
  adoptions: number;
  unavailability: number;
  holidays: number;
}

/** The two specialties every database starts with, and the words coordinators write for them. */
export const CORE_SPECIALTIES = [
  {
    code: 'obgyn',
    name: 'Obstetri dan Ginekologi',
    title: 'Sp.OG',
    color: '#c2185b',
    aliases: ['Obgyn', 'Obsgin', 'Obsgyn', 'OBGYN', 'Kandungan', 'Kebidanan dan Kandungan', 'Kebidanan', 'Sp.OG', 'Sp.OG(K)', 'SpOG', 'Spesialis Obstetri dan Ginekologi', 'Spesialis Kandungan', 'Obstetri dan Ginekologi'],
  },
  {
    code: 'pediatric',
    name: 'Anak',
    title: 'Sp.A',
    color: '#1565c0',
    aliases: ['Anak', 'Sp.A', 'Sp.A(K)', 'SpA', 'Pediatri', 'Pediatrik', 'Spesialis Anak', 'Dokter Anak', 'Ilmu Kesehatan Anak'],
  },
] as const;

/** Approximate positions by town (the CSV has towns, not coordinates); null where unknown. */
const HOSPITAL_POSITIONS: Record<string, [number, number] | null> = {
  'RSUD Blambangan': [-8.2191, 114.3691],
  'RSUD Genteng': [-8.3627, 114.149],
  'RS Islam Fatimah': [-8.27, 114.327],
  'RS Nahdlatul Ulama Banyuwangi': [-8.304, 114.289],
  'RS Yasmin': [-8.221, 114.37],
  'RS Al Huda': [-8.4, 114.17],
  'RSU Bhakti Husada (IHC Krikilan)': [-8.364, 114.095],
  'RS Graha Medika': [-8.404, 114.163],
  'RSIA Rahayu Medika': [-8.395, 114.253],
  'RSIA Abdhi Famili': [-8.42, 114.18],
  'RS Al-Rohmah': [-8.441, 114.179],
  'RSU PKU Muhammadiyah Rogojampi': [-8.308, 114.292],
  'RS Islam Banyuwangi': null,
  'RSU Bakti Mulia (MMC)': [-8.43, 114.33],
};

/** How many specialists (obgyn, pediatric) each hospital lends to the programme. */
const HOSPITAL_STAFF: [string, number, number][] = [
  ['RSUD Blambangan', 4, 4],
  ['RSUD Genteng', 4, 4],
  ['RS Islam Fatimah', 1, 2],
  ['RS Nahdlatul Ulama Banyuwangi', 2, 1],
  ['RS Yasmin', 2, 1],
  ['RS Al Huda', 1, 1],
  ['RSU Bhakti Husada (IHC Krikilan)', 1, 1],
  ['RS Graha Medika', 0, 1],
  ['RSIA Rahayu Medika', 1, 1],
  ['RSIA Abdhi Famili', 1, 1],
  ['RS Al-Rohmah', 1, 0],
  ['RSU PKU Muhammadiyah Rogojampi', 0, 1],
  ['RSU Bakti Mulia (MMC)', 1, 1],
];

// Invented names: no real doctor is meant.
const OBGYN_NAMES = [
  'dr. Ayu Kartika Sari', 'dr. Bambang Setiawan', 'dr. Citra Maharani', 'dr. Dewi Anggraini', 'dr. Eko Prasetyo',
  'dr. Fitri Handayani', 'dr. Gilang Ramadhan', 'dr. Hana Pertiwi', 'dr. Indra Kusuma', 'dr. Joko Santoso',
  'dr. Kurnia Wulandari', 'dr. Lukman Hakim', 'dr. Maya Puspitasari', 'dr. Nugroho Adi', 'dr. Oktaviani Rahayu',
  'dr. Putu Wirawan', 'dr. Rina Marlina', 'dr. Surya Darmawan', 'dr. Tri Utami',
];
const PEDIATRIC_NAMES = [
  'dr. Agus Salim', 'dr. Bella Safitri', 'dr. Candra Wijaya', 'dr. Dian Novitasari', 'dr. Erlangga Putra',
  'dr. Farah Amalia', 'dr. Galih Saputra', 'dr. Hendra Gunawan', 'dr. Intan Permatasari', 'dr. Kadek Ariani',
  'dr. Laila Fauziah', 'dr. Made Suardana', 'dr. Nadia Paramitha', 'dr. Oki Firmansyah', 'dr. Ratna Juwita',
  'dr. Sekar Arum', 'dr. Taufik Hidayat', 'dr. Wahyu Nugraha', 'dr. Yulia Kusumawati',
];

const WEEKDAY_PATTERNS: IsoWeekday[][] = [
  [1, 2, 3, 4, 5],
  [1, 2, 3, 4, 5],
  [1, 2, 3, 4, 5, 6],
  [2, 3, 4],
  [1, 3, 5],
];

const WEEKDAY_HOURS = { open: '07:30', close: '14:00' };
const FRIDAY_HOURS = { open: '07:30', close: '11:00' };
const SATURDAY_HOURS = { open: '07:30', close: '12:30' };

function openingHoursFor(index: number): OpeningHours {
  const hours: OpeningHours = { '1': WEEKDAY_HOURS, '2': WEEKDAY_HOURS, '3': WEEKDAY_HOURS, '4': WEEKDAY_HOURS, '5': FRIDAY_HOURS };
  if (index % 3 !== 0) hours['6'] = SATURDAY_HOURS;
  return hours;
}

// PONED puskesmas in the demo (a plausible selection, not the district's official list).
const PONED = new Set(['Puskesmas Sobo', 'Puskesmas Genteng Kulon', 'Puskesmas Jajag', 'Puskesmas Kabat', 'Puskesmas Kalibaru Kulon', 'Puskesmas Kedungrejo', 'Puskesmas Pesanggaran', 'Puskesmas Purwoharjo', 'Puskesmas Gitik', 'Puskesmas Songgon', 'Puskesmas Tegaldlimo', 'Puskesmas Wongsorejo', 'Puskesmas Sempu', 'Puskesmas Licin', 'Puskesmas Tulungrejo']);

interface PuskesmasCsv { name: string; kecamatan: string; address: string; lat: string; lon: string; kemenkes_code: string; note: string }
interface HospitalCsv { name: string; town: string; kind: string }

export async function seedDemo(db: Kysely<Database>, today: string): Promise<SeedSummary> {
  return inTransaction(db, async (trx) => {
    const summary: SeedSummary = { specialties: 0, hospitals: 0, specialists: 0, puskesmas: 0, adoptions: 0, unavailability: 0, holidays: 0 };
    summary.holidays = await seedHolidays(trx);
    const specialtyIds = await ensureCoreSpecialties(trx);

    await updateSettings(trx, {
      programmeName: 'Puskesmas Asuhan Spesialistik (PAS)',
      districtName: 'Kabupaten Banyuwangi',
      province: 'Jawa Timur',
      timeZone: 'Asia/Jakarta',
      city: 'Banyuwangi',
      officeName: 'Dinas Kesehatan Kabupaten Banyuwangi',
      officeAddress: 'Jl. Letkol Istiqlah No. 42, Banyuwangi, Jawa Timur',
      officePhone: '(0333) 000000',
      signatoryTitle: 'Kepala Dinas Kesehatan Kabupaten Banyuwangi',
      signatoryName: 'dr. Contoh Pejabat, M.Kes',
      signatoryNip: '19700101 199803 1 001',
      coordinatorName: 'Koordinator PAS (contoh)',
      coordinatorPhone: '0812-0000-0000',
      coordinatorEmail: 'pas@contoh.dinkes.go.id',
    });

    const hospitalIds = new Map<string, number>();
    for (const h of readSeedCsv<HospitalCsv>('banyuwangi-hospitals.csv')) {
      const position = HOSPITAL_POSITIONS[h.name] ?? null;
      const existing = await trx.selectFrom('hospital').select('id').where('name', '=', h.name).executeTakeFirst();
      if (existing) {
        hospitalIds.set(h.name, existing.id);
        continue;
      }
      const row = await trx
        .insertInto('hospital')
        .values({ name: h.name, kind: h.kind, town: h.town, address: h.town, lat: position?.[0] ?? null, lon: position?.[1] ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      hospitalIds.set(h.name, row.id);
      summary.hospitals++;
    }

    const puskesmas: { id: number; name: string; lat: number; lon: number }[] = [];
    const rows = readSeedCsv<PuskesmasCsv>('banyuwangi-puskesmas.csv');
    for (const [index, p] of rows.entries()) {
      const lat = Number(p.lat);
      const lon = Number(p.lon);
      let id = (await trx.selectFrom('puskesmas').select('id').where('name', '=', p.name).executeTakeFirst())?.id;
      if (id === undefined) {
        id = (
          await trx
            .insertInto('puskesmas')
            .values({
              code: p.kemenkes_code || null,
              name: p.name,
              kecamatan: p.kecamatan,
              address: p.address,
              lat,
              lon,
              opening_hours: JSON.stringify(openingHoursFor(index)),
              poned: PONED.has(p.name) ? 1 : 0,
              inpatient: PONED.has(p.name) ? 1 : 0,
              notes: p.note ?? '',
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
        summary.puskesmas++;
      }
      puskesmas.push({ id, name: p.name, lat, lon });
    }

    const specialists: { id: number; specialty: 'obgyn' | 'pediatric'; lat: number; lon: number; capacity: number }[] = [];
    const names = { obgyn: [...OBGYN_NAMES], pediatric: [...PEDIATRIC_NAMES] };
    let serial = 0;
    for (const [hospital, obgyn, pediatric] of HOSPITAL_STAFF) {
      const hospitalId = hospitalIds.get(hospital) ?? null;
      const position = HOSPITAL_POSITIONS[hospital] ?? [-8.3, 114.25];
      for (const [specialty, count] of [['obgyn', obgyn], ['pediatric', pediatric]] as const) {
        for (let n = 0; n < count; n++) {
          const base = names[specialty].shift();
          if (!base) continue;
          const title = specialty === 'obgyn' ? 'Sp.OG' : 'Sp.A';
          const name = `${base}, ${title}`;
          const weekdays = WEEKDAY_PATTERNS[serial % WEEKDAY_PATTERNS.length] as IsoWeekday[];
          const maxVisits = serial % 7 === 3 ? 3 : serial % 11 === 5 ? 6 : 4;
          serial++;
          let id = (await trx.selectFrom('specialist').select('id').where('name', '=', name).executeTakeFirst())?.id;
          if (id === undefined) {
            const slug = base.replace(/^dr\. /, '').toLowerCase().replace(/[^a-z]+/g, '.');
            id = (
              await trx
                .insertInto('specialist')
                .values({
                  name,
                  specialty_id: specialtyIds[specialty],
                  hospital_id: hospitalId,
                  phone: `0812-${String(3300 + serial).padStart(4, '0')}-${String(1000 + serial * 37).slice(0, 4)}`,
                  email: `${slug}@contoh.id`,
                  max_visits_per_month: maxVisits,
                  usual_weekdays: JSON.stringify(weekdays),
                  preferred_weekdays: JSON.stringify(weekdays.length > 3 ? [weekdays[1]] : []),
                  notes: '',
                })
                .returning('id')
                .executeTakeFirstOrThrow()
            ).id;
            summary.specialists++;
          }
          specialists.push({ id, specialty, lat: position?.[0] ?? -8.3, lon: position?.[1] ?? 114.25, capacity: Math.min(maxVisits, 3) });
        }
      }
    }

    summary.adoptions = await seedAdoptions(trx, puskesmas, specialists);
    summary.unavailability = await seedLeave(trx, specialists.map((s) => s.id), today);
    if (summary.specialists > 0) await audit(trx, { entity: 'demo', entityId: 'banyuwangi', action: 'import', after: summary });
    return summary;
  });
}

export async function ensureCoreSpecialties(db: Kysely<Database>): Promise<Record<'obgyn' | 'pediatric', number>> {
  const ids = {} as Record<'obgyn' | 'pediatric', number>;
  for (const specialty of CORE_SPECIALTIES) {
    let id = (await db.selectFrom('specialty').select('id').where('code', '=', specialty.code).executeTakeFirst())?.id;
    if (id === undefined) {
      id = (await db.insertInto('specialty').values({ ...specialty, aliases: JSON.stringify(specialty.aliases) }).returning('id').executeTakeFirstOrThrow()).id;
      await db.insertInto('programme_requirement').values({ specialty_id: id, visits_per_month: 1 }).onConflict((oc) => oc.doNothing()).execute();
    }
    ids[specialty.code] = id;
  }
  return ids;
}

/** Nearest specialist with spare adoption capacity becomes primary; the next nearest is backup. */
async function seedAdoptions(
  db: Kysely<Database>,
  puskesmas: { id: number; lat: number; lon: number }[],
  specialists: { id: number; specialty: string; lat: number; lon: number; capacity: number }[],
): Promise<number> {
  let added = 0;
  for (const specialty of ['obgyn', 'pediatric']) {
    const team = specialists.filter((s) => s.specialty === specialty);
    const load = new Map(team.map((s) => [s.id, 0]));
    const pairs = puskesmas
      .flatMap((p) => team.map((s) => ({ p, s, km: haversineKm(p.lat, p.lon, s.lat, s.lon) + s.id * 1e-6 })))
      .sort((a, b) => a.km - b.km);
    const primary = new Map<number, number>();
    for (const { p, s } of pairs) {
      if (primary.has(p.id) || (load.get(s.id) ?? 0) >= s.capacity) continue;
      primary.set(p.id, s.id);
      load.set(s.id, (load.get(s.id) ?? 0) + 1);
    }
    for (const p of puskesmas) {
      const primaryId = primary.get(p.id);
      const backup = pairs.find((pair) => pair.p.id === p.id && pair.s.id !== primaryId);
      for (const [specialistId, role] of [[primaryId, 'primary'], [backup?.s.id, 'backup']] as const) {
        if (!specialistId) continue;
        const result = await db
          .insertInto('adoption')
          .values({ specialist_id: specialistId, puskesmas_id: p.id, role })
          .onConflict((oc) => oc.columns(['specialist_id', 'puskesmas_id']).doNothing())
          .executeTakeFirst();
        added += Number(result.numInsertedOrUpdatedRows ?? 0);
      }
    }
  }
  return added;
}

/** Leave, training and hospital duty in the next two months, so plans have something to work around. */
async function seedLeave(db: Kysely<Database>, specialistIds: number[], today: string): Promise<number> {
  const next = addMonths(today.slice(0, 7), 1);
  const after = addMonths(next, 1);
  const plan: [number, string, string, 'leave' | 'duty' | 'training', string][] = [
    [0, `${next}-02`, `${next}-13`, 'leave', 'Cuti tahunan'],
    [5, `${next}-09`, `${next}-11`, 'training', 'Pelatihan PONEK di Surabaya'],
    [9, `${next}-16`, `${next}-27`, 'leave', 'Cuti tahunan'],
    [13, `${next}-01`, `${next}-07`, 'duty', 'Jaga IGD rumah sakit'],
    [20, `${next}-20`, `${next}-24`, 'training', 'Simposium IDAI'],
    [24, `${next}-05`, `${next}-19`, 'leave', 'Cuti melahirkan (sebagian)'],
    [30, `${after}-03`, `${after}-14`, 'leave', 'Cuti tahunan'],
    [35, `${after}-10`, `${after}-12`, 'duty', 'Akreditasi rumah sakit'],
  ];
  let added = 0;
  for (const [index, start, end, kind, reason] of plan) {
    const specialistId = specialistIds[index];
    if (specialistId === undefined) continue;
    const exists = await db
      .selectFrom('unavailability')
      .select('id')
      .where('specialist_id', '=', specialistId)
      .where('start_date', '=', start)
      .where('end_date', '=', end)
      .executeTakeFirst();
    if (exists) continue;
    await db.insertInto('unavailability').values({ specialist_id: specialistId, start_date: start, end_date: end, kind, reason }).execute();
    added++;
  }
  return added;
}
