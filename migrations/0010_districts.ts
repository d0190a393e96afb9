// Migration 0010: many districts on one server (issue 15). The server's own database keeps the
// register of its districts and which users may work in which. The first district is the
// database's own tables (schema 'main' here, 'public' on PostgreSQL); on PostgreSQL each further
// district is a schema of its own with the whole set of tables, so every record belongs to
// exactly one district and a query can never mix two. In a district's own schema these two
// tables stay as created. Every existing user keeps the district they had. Frozen once released.
import { sql, type Kysely } from 'kysely';

const statements = [
  `CREATE TABLE district (
     id INTEGER PRIMARY KEY,
     schema_name TEXT NOT NULL UNIQUE CHECK (length(schema_name) BETWEEN 1 AND 63),
     label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
     created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
   )`,
  `CREATE TABLE user_district (
     user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
     district_id INTEGER NOT NULL REFERENCES district(id) ON DELETE CASCADE,
     PRIMARY KEY (user_id, district_id)
   )`,
  `CREATE INDEX user_district_district ON user_district(district_id)`,
  `INSERT INTO district (id, schema_name, label) VALUES (1, 'main', 'Kabupaten/kota pertama')`,
  `INSERT INTO user_district (user_id, district_id) SELECT id, 1 FROM app_user`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
