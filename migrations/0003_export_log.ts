// Migration 0003: what was exported when, and which version of each visit each specialist's
// calendar has received, so an export can send only what changed. Frozen once released.
import { sql, type Kysely } from 'kysely';

const statements = [
  `CREATE TABLE export_log (
     id INTEGER PRIMARY KEY,
     at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
     kind TEXT NOT NULL CHECK (kind IN ('ics', 'pdf', 'xlsx', 'csv', 'text')),
     month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
     specialist_id INTEGER REFERENCES specialist(id) ON DELETE CASCADE,
     only_changes INTEGER NOT NULL DEFAULT 0 CHECK (only_changes IN (0, 1)),
     file_name TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
     events INTEGER NOT NULL DEFAULT 0 CHECK (events >= 0)
   ) STRICT`,
  `CREATE INDEX export_log_month ON export_log(month, kind)`,
  // The last version of a visit sent to a specialist. Kept after the visit is deleted or given
  // to someone else, so the next export can cancel it in that specialist's calendar.
  `CREATE TABLE ics_sent (
     specialist_id INTEGER NOT NULL REFERENCES specialist(id) ON DELETE CASCADE,
     visit_uid TEXT NOT NULL CHECK (length(visit_uid) BETWEEN 1 AND 200),
     sequence INTEGER NOT NULL CHECK (sequence >= 0),
     cancelled INTEGER NOT NULL CHECK (cancelled IN (0, 1)),
     date TEXT NOT NULL CHECK (date(date) = date),
     start_time TEXT NOT NULL CHECK (start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
     end_time TEXT NOT NULL CHECK (end_time GLOB '[0-2][0-9]:[0-5][0-9]'),
     summary TEXT NOT NULL,
     location TEXT NOT NULL,
     export_id INTEGER NOT NULL REFERENCES export_log(id) ON DELETE CASCADE,
     PRIMARY KEY (specialist_id, visit_uid)
   ) STRICT`,
  `CREATE INDEX ics_sent_export ON ics_sent(export_id)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
