// Migration 0008: accounts for a shared server (issue 15). Users with a role, their login
// sessions, and the private links of calendar feeds. Secrets are never stored: a password as a
// slow salted hash, a session or feed token as its SHA-256 (64 hex digits). The single-PC app
// needs none of these rows. Frozen once released.
import { sql, type Kysely } from 'kysely';

const statements = [
  // "user" is a reserved word in PostgreSQL: app_user on both engines.
  `CREATE TABLE app_user (
     id INTEGER PRIMARY KEY,
     login TEXT NOT NULL UNIQUE CHECK (length(login) BETWEEN 2 AND 64 AND login GLOB '[a-z0-9]*' AND login NOT GLOB '*[^a-z0-9._-]*'),
     display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
     password_hash TEXT NOT NULL CHECK (length(password_hash) BETWEEN 20 AND 500),
     role TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'viewer', 'specialist')),
     specialist_id INTEGER REFERENCES specialist(id),
     disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
     failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
     locked_until TEXT,
     created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
     CHECK ((role = 'specialist') = (specialist_id IS NOT NULL))
   ) STRICT`,
  `CREATE TABLE user_session (
     token_hash TEXT PRIMARY KEY NOT NULL CHECK (length(token_hash) = 64),
     user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     last_seen_at TEXT NOT NULL
   ) STRICT`,
  `CREATE INDEX user_session_user ON user_session(user_id)`,
  // specialist_id null: the whole district's roster.
  `CREATE TABLE calendar_feed (
     id INTEGER PRIMARY KEY,
     token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
     specialist_id INTEGER REFERENCES specialist(id) ON DELETE CASCADE,
     created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
     revoked_at TEXT
   ) STRICT`,
  `CREATE INDEX calendar_feed_specialist ON calendar_feed(specialist_id)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
