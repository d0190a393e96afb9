// Migration 0001: the foundation's data model. Frozen: never edit after release; add a new file.
import { sql, type Kysely } from 'kysely';

const statements = [
  // Marks the file as an Asuhan database ('ASUN'), so a restore can refuse other SQLite files.
  `PRAGMA application_id = 1095980366`,
  `CREATE TABLE setting (
     key TEXT PRIMARY KEY NOT NULL,
     value TEXT NOT NULL CHECK (json_valid(value))
   ) STRICT`,
  `CREATE TABLE specialty (
     id INTEGER PRIMARY KEY,
     code TEXT NOT NULL UNIQUE CHECK (code GLOB '[a-z]*' AND length(code) <= 40),
     name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
     title TEXT NOT NULL DEFAULT '',
     color TEXT NOT NULL DEFAULT '#607d8b',
     active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
   ) STRICT`,
  `CREATE TABLE hospital (
     id INTEGER PRIMARY KEY,
     name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
     kind TEXT NOT NULL DEFAULT '',
     town TEXT NOT NULL DEFAULT '',
     address TEXT NOT NULL DEFAULT '',
     lat REAL CHECK (lat IS NULL OR lat BETWEEN -90 AND 90),
     lon REAL CHECK (lon IS NULL OR lon BETWEEN -180 AND 180),
     active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
   ) STRICT`,
  `CREATE TABLE specialist (
     id INTEGER PRIMARY KEY,
     name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
     specialty_id INTEGER NOT NULL REFERENCES specialty(id),
     hospital_id INTEGER REFERENCES hospital(id),
     phone TEXT NOT NULL DEFAULT '',
     email TEXT NOT NULL DEFAULT '',
     max_visits_per_month INTEGER NOT NULL DEFAULT 4 CHECK (max_visits_per_month BETWEEN 0 AND 62),
     usual_weekdays TEXT NOT NULL DEFAULT '[1,2,3,4,5]' CHECK (json_valid(usual_weekdays)),
     preferred_weekdays TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(preferred_weekdays)),
     notes TEXT NOT NULL DEFAULT '',
     active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
   ) STRICT`,
  `CREATE INDEX specialist_specialty ON specialist(specialty_id)`,
  `CREATE TABLE unavailability (
     id INTEGER PRIMARY KEY,
     specialist_id INTEGER NOT NULL REFERENCES specialist(id) ON DELETE CASCADE,
     start_date TEXT NOT NULL CHECK (date(start_date) = start_date),
     end_date TEXT NOT NULL CHECK (date(end_date) = end_date),
     kind TEXT NOT NULL CHECK (kind IN ('leave', 'duty', 'training', 'other')),
     reason TEXT NOT NULL DEFAULT '',
     CHECK (end_date >= start_date)
   ) STRICT`,
  `CREATE INDEX unavailability_specialist ON unavailability(specialist_id, start_date)`,
  `CREATE TABLE puskesmas (
     id INTEGER PRIMARY KEY,
     code TEXT UNIQUE,
     name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
     kecamatan TEXT NOT NULL DEFAULT '',
     address TEXT NOT NULL DEFAULT '',
     lat REAL CHECK (lat IS NULL OR lat BETWEEN -90 AND 90),
     lon REAL CHECK (lon IS NULL OR lon BETWEEN -180 AND 180),
     opening_hours TEXT NOT NULL CHECK (json_valid(opening_hours)),
     poned INTEGER NOT NULL DEFAULT 0 CHECK (poned IN (0, 1)),
     inpatient INTEGER NOT NULL DEFAULT 0 CHECK (inpatient IN (0, 1)),
     notes TEXT NOT NULL DEFAULT '',
     active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
   ) STRICT`,
  `CREATE TABLE adoption (
     id INTEGER PRIMARY KEY,
     specialist_id INTEGER NOT NULL REFERENCES specialist(id) ON DELETE CASCADE,
     puskesmas_id INTEGER NOT NULL REFERENCES puskesmas(id) ON DELETE CASCADE,
     role TEXT NOT NULL CHECK (role IN ('primary', 'backup')),
     UNIQUE (specialist_id, puskesmas_id)
   ) STRICT`,
  `CREATE INDEX adoption_puskesmas ON adoption(puskesmas_id)`,
  `CREATE TABLE holiday (
     id INTEGER PRIMARY KEY,
     date TEXT NOT NULL CHECK (date(date) = date),
     name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
     kind TEXT NOT NULL CHECK (kind IN ('libur', 'cuti_bersama')),
     UNIQUE (date, name)
   ) STRICT`,
  `CREATE TABLE programme_requirement (
     specialty_id INTEGER PRIMARY KEY REFERENCES specialty(id) ON DELETE CASCADE,
     visits_per_month INTEGER NOT NULL CHECK (visits_per_month BETWEEN 0 AND 31)
   ) STRICT`,
  `CREATE TABLE puskesmas_requirement (
     puskesmas_id INTEGER NOT NULL REFERENCES puskesmas(id) ON DELETE CASCADE,
     specialty_id INTEGER NOT NULL REFERENCES specialty(id) ON DELETE CASCADE,
     visits_per_month INTEGER NOT NULL CHECK (visits_per_month BETWEEN 0 AND 31),
     PRIMARY KEY (puskesmas_id, specialty_id)
   ) STRICT`,
  `CREATE TABLE distance (
     hospital_id INTEGER NOT NULL REFERENCES hospital(id) ON DELETE CASCADE,
     puskesmas_id INTEGER NOT NULL REFERENCES puskesmas(id) ON DELETE CASCADE,
     km REAL NOT NULL CHECK (km >= 0),
     minutes REAL CHECK (minutes IS NULL OR minutes >= 0),
     PRIMARY KEY (hospital_id, puskesmas_id)
   ) STRICT`,
  `CREATE TABLE plan (
     id INTEGER PRIMARY KEY,
     month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
     created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
     status TEXT NOT NULL CHECK (status IN ('draft', 'saved')),
     objective REAL,
     bound REAL,
     gap REAL,
     solve_ms REAL,
     summary TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(summary))
   ) STRICT`,
  `CREATE INDEX plan_month ON plan(month)`,
  `CREATE TABLE visit (
     id INTEGER PRIMARY KEY,
     uid TEXT NOT NULL UNIQUE,
     date TEXT NOT NULL CHECK (date(date) = date),
     start_time TEXT NOT NULL CHECK (start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
     end_time TEXT NOT NULL CHECK (end_time GLOB '[0-2][0-9]:[0-5][0-9]'),
     specialist_id INTEGER NOT NULL REFERENCES specialist(id),
     puskesmas_id INTEGER NOT NULL REFERENCES puskesmas(id),
     specialty_id INTEGER NOT NULL REFERENCES specialty(id),
     status TEXT NOT NULL CHECK (status IN ('planned', 'confirmed', 'done', 'cancelled', 'missed')),
     pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
     manual INTEGER NOT NULL DEFAULT 0 CHECK (manual IN (0, 1)),
     plan_id INTEGER REFERENCES plan(id) ON DELETE SET NULL,
     sequence INTEGER NOT NULL DEFAULT 0,
     notes TEXT NOT NULL DEFAULT '',
     created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
     updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
     CHECK (end_time > start_time)
   ) STRICT`,
  `CREATE INDEX visit_date ON visit(date)`,
  `CREATE INDEX visit_specialist_date ON visit(specialist_id, date)`,
  `CREATE INDEX visit_puskesmas_date ON visit(puskesmas_id, date)`,
  `CREATE TABLE audit_log (
     id INTEGER PRIMARY KEY,
     at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
     actor TEXT NOT NULL DEFAULT 'koordinator',
     entity TEXT NOT NULL,
     entity_id TEXT NOT NULL,
     action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'import', 'plan', 'restore')),
     before TEXT CHECK (before IS NULL OR json_valid(before)),
     after TEXT CHECK (after IS NULL OR json_valid(after))
   ) STRICT`,
  `CREATE INDEX audit_entity ON audit_log(entity, entity_id)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
