// Migration 0002: what happened at each visit (outcome, attendance, topics, anonymous cases,
// follow-ups) and the mentoring topic catalogue, seeded here so every database has it.
// Frozen: never edit after release; add a new file.
import { sql, type Kysely } from 'kysely';

const statements = [
  // A visit the coordinator recorded as moved keeps a link both ways to its replacement.
  `ALTER TABLE visit ADD COLUMN moved_to_visit_id INTEGER REFERENCES visit(id) ON DELETE SET NULL`,
  `ALTER TABLE visit ADD COLUMN moved_from_visit_id INTEGER REFERENCES visit(id) ON DELETE SET NULL`,
  `CREATE INDEX visit_moved_to ON visit(moved_to_visit_id) WHERE moved_to_visit_id IS NOT NULL`,
  `CREATE INDEX visit_moved_from ON visit(moved_from_visit_id) WHERE moved_from_visit_id IS NOT NULL`,
  // Covers the reports' scans of done visits by date (puskesmas included: no table lookups).
  `CREATE INDEX visit_status_date ON visit(status, date, puskesmas_id)`,
  `CREATE TABLE visit_log (
     visit_id INTEGER PRIMARY KEY REFERENCES visit(id) ON DELETE CASCADE,
     outcome TEXT NOT NULL CHECK (outcome IN ('done', 'cancelled', 'missed', 'moved')),
     actual_date TEXT CHECK (actual_date IS NULL OR date(actual_date) = actual_date),
     start_time TEXT CHECK (start_time IS NULL OR start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
     end_time TEXT CHECK (end_time IS NULL OR end_time GLOB '[0-2][0-9]:[0-5][0-9]'),
     reason TEXT NOT NULL DEFAULT '',
     notes TEXT NOT NULL DEFAULT '',
     logged_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
     updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
     CHECK (outcome <> 'done' OR (actual_date IS NOT NULL AND start_time IS NOT NULL AND end_time IS NOT NULL AND end_time > start_time))
   ) STRICT`,
  `CREATE INDEX visit_log_outcome ON visit_log(outcome, actual_date)`,
  // Either one named attendee (headcount 1) or a quick count for a role (name empty).
  `CREATE TABLE visit_attendee (
     id INTEGER PRIMARY KEY,
     visit_id INTEGER NOT NULL REFERENCES visit_log(visit_id) ON DELETE CASCADE,
     role TEXT NOT NULL CHECK (role IN ('dokter_umum', 'bidan', 'perawat', 'gizi', 'kader', 'other')),
     name TEXT NOT NULL DEFAULT '' CHECK (length(name) <= 200),
     headcount INTEGER NOT NULL DEFAULT 1 CHECK (headcount BETWEEN 1 AND 500),
     CHECK (name = '' OR headcount = 1)
   ) STRICT`,
  `CREATE INDEX visit_attendee_visit ON visit_attendee(visit_id, role, headcount)`,
  `CREATE TABLE topic (
     id INTEGER PRIMARY KEY,
     code TEXT NOT NULL UNIQUE CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9-]*' AND length(code) <= 40),
     name_id TEXT NOT NULL CHECK (length(name_id) BETWEEN 1 AND 200),
     name_en TEXT NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
     specialty_code TEXT CHECK (specialty_code IS NULL OR (specialty_code GLOB '[a-z]*' AND length(specialty_code) <= 40)),
     programme TEXT NOT NULL DEFAULT 'other' CHECK (programme IN ('PAS', 'ILP', 'other')),
     required INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
     active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
     created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
   ) STRICT`,
  `CREATE TABLE visit_topic (
     visit_id INTEGER NOT NULL REFERENCES visit_log(visit_id) ON DELETE CASCADE,
     topic_id INTEGER NOT NULL REFERENCES topic(id),
     PRIMARY KEY (visit_id, topic_id)
   ) STRICT, WITHOUT ROWID`,
  `CREATE INDEX visit_topic_topic ON visit_topic(topic_id, visit_id)`,
  // Anonymous by design: there is no column a patient's name could go into.
  `CREATE TABLE case_consult (
     id INTEGER PRIMARY KEY,
     visit_id INTEGER NOT NULL REFERENCES visit_log(visit_id) ON DELETE CASCADE,
     age_group TEXT NOT NULL CHECK (age_group IN ('neonate', 'infant', 'toddler', 'child', 'adolescent', 'adult', 'adult_35_plus')),
     condition TEXT NOT NULL CHECK (length(condition) BETWEEN 1 AND 300),
     decision TEXT NOT NULL CHECK (decision IN ('managed', 'referred', 'follow_up')),
     hospital_id INTEGER REFERENCES hospital(id),
     notes TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 1000),
     CHECK ((decision = 'referred') = (hospital_id IS NOT NULL))
   ) STRICT`,
  `CREATE INDEX case_consult_visit ON case_consult(visit_id, decision)`,
  `CREATE TABLE followup (
     id INTEGER PRIMARY KEY,
     visit_id INTEGER NOT NULL REFERENCES visit(id) ON DELETE CASCADE,
     action TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 500),
     owner TEXT NOT NULL CHECK (length(owner) BETWEEN 1 AND 200),
     due_date TEXT NOT NULL CHECK (date(due_date) = due_date),
     status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
     closed_visit_id INTEGER REFERENCES visit(id) ON DELETE SET NULL,
     closed_on TEXT CHECK (closed_on IS NULL OR date(closed_on) = closed_on),
     closed_note TEXT NOT NULL DEFAULT '',
     created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
     CHECK ((status = 'closed') = (closed_on IS NOT NULL))
   ) STRICT`,
  `CREATE INDEX followup_status_due ON followup(status, due_date)`,
  `CREATE INDEX followup_visit ON followup(visit_id)`,
  `CREATE INDEX followup_closed_visit ON followup(closed_visit_id) WHERE closed_visit_id IS NOT NULL`,
];

type SeedTopic = [code: string, nameId: string, nameEn: string, specialtyCode: string | null, programme: 'PAS' | 'ILP' | 'other', required: 0 | 1];

// PAS mentoring themes (maternal and newborn care) and ILP (Integrasi Layanan Primer) life-cycle themes.
const TOPICS: SeedTopic[] = [
  ['anc', 'Pelayanan antenatal terpadu (ANC)', 'Antenatal care', 'obgyn', 'PAS', 1],
  ['pre-eclampsia', 'Preeklampsia dan eklampsia', 'Pre-eclampsia and eclampsia', 'obgyn', 'PAS', 1],
  ['pph', 'Perdarahan pascapersalinan', 'Postpartum haemorrhage', 'obgyn', 'PAS', 1],
  ['normal-delivery', 'Persalinan normal (APN)', 'Normal delivery', 'obgyn', 'PAS', 1],
  ['high-risk-pregnancy', 'Deteksi kehamilan risiko tinggi', 'High-risk pregnancy screening', 'obgyn', 'PAS', 0],
  ['obstetric-usg', 'USG pada kehamilan', 'Obstetric ultrasound', 'obgyn', 'PAS', 0],
  ['anaemia-pregnancy', 'Anemia pada ibu hamil', 'Anaemia in pregnancy', 'obgyn', 'PAS', 0],
  ['maternal-sepsis', 'Infeksi dan sepsis maternal', 'Maternal infection and sepsis', 'obgyn', 'PAS', 0],
  ['postnatal-care', 'Pelayanan nifas', 'Postnatal care', 'obgyn', 'PAS', 0],
  ['postpartum-fp', 'KB pascapersalinan', 'Postpartum family planning', 'obgyn', 'PAS', 0],
  ['obstetric-emergency', 'Kegawatdaruratan obstetri', 'Obstetric emergencies', 'obgyn', 'PAS', 0],
  ['neonatal-resuscitation', 'Resusitasi neonatus', 'Neonatal resuscitation', 'pediatric', 'PAS', 1],
  ['lbw-kangaroo', 'BBLR dan perawatan metode kanguru', 'Low birth weight and kangaroo care', 'pediatric', 'PAS', 1],
  ['immunisation', 'Imunisasi', 'Immunisation', 'pediatric', 'PAS', 1],
  ['stunting', 'Stunting dan pemantauan pertumbuhan', 'Stunting and growth monitoring', 'pediatric', 'PAS', 1],
  ['child-infections', 'Infeksi pada anak (MTBS: pneumonia, diare)', 'Child infections (IMCI: pneumonia, diarrhoea)', 'pediatric', 'PAS', 1],
  ['neonatal-jaundice', 'Ikterus neonatorum', 'Neonatal jaundice', 'pediatric', 'PAS', 0],
  ['neonatal-sepsis', 'Sepsis neonatorum', 'Neonatal sepsis', 'pediatric', 'PAS', 0],
  ['breastfeeding', 'ASI eksklusif dan MP-ASI', 'Breastfeeding and complementary feeding', 'pediatric', 'PAS', 0],
  ['malnutrition', 'Gizi buruk pada balita', 'Severe acute malnutrition', 'pediatric', 'PAS', 0],
  ['child-development', 'Stimulasi, deteksi dan intervensi dini tumbuh kembang (SDIDTK)', 'Child development screening', 'pediatric', 'PAS', 0],
  ['dengue-child', 'Demam berdarah dengue pada anak', 'Dengue in children', 'pediatric', 'PAS', 0],
  ['tb-child', 'Tuberkulosis anak', 'Childhood tuberculosis', 'pediatric', 'PAS', 0],
  ['referral-protocol', 'Protokol rujukan', 'Referral protocol', null, 'PAS', 1],
  ['poned-readiness', 'Kesiapan PONED', 'PONED (basic emergency obstetric and newborn care) readiness', null, 'PAS', 1],
  ['maternal-perinatal-audit', 'Audit maternal perinatal (AMP)', 'Maternal and perinatal death review', null, 'PAS', 0],
  ['emergency-drill', 'Simulasi kegawatdaruratan (drill)', 'Emergency drills', null, 'PAS', 0],
  ['infection-prevention', 'Pencegahan dan pengendalian infeksi (PPI)', 'Infection prevention and control', null, 'other', 0],
  ['recording-reporting', 'Pencatatan dan pelaporan', 'Recording and reporting', null, 'other', 0],
  ['ilp-maternal-child', 'ILP klaster ibu dan anak', 'ILP maternal and child cluster', null, 'ILP', 0],
  ['ilp-adolescent', 'ILP kesehatan remaja (anemia remaja, gizi)', 'ILP adolescent health (anaemia, nutrition)', null, 'ILP', 0],
  ['ilp-posyandu', 'ILP posyandu dan kunjungan rumah', 'ILP posyandu and home visits', null, 'ILP', 0],
  ['ilp-pws', 'ILP pemantauan wilayah setempat (PWS)', 'ILP local area monitoring dashboard', null, 'ILP', 0],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
  for (const [code, nameId, nameEn, specialtyCode, programme, required] of TOPICS) {
    await db
      .insertInto('topic')
      .values({ code, name_id: nameId, name_en: nameEn, specialty_code: specialtyCode, programme, required })
      .execute();
  }
}
