// The few expressions whose SQL differs between SQLite and PostgreSQL, for code that only holds a
// Kysely instance. Everything else is written once in SQL both engines read the same way.
import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';

export function isPostgres(db: Kysely<never> | Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** The number of rows where `condition` holds (SQLite sums booleans; PostgreSQL does not). */
export function countWhere(condition: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`sum(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
}
