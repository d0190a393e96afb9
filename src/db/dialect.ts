// Kysely's SQLite driver opens transactions with a plain (deferred) BEGIN. In WAL mode a deferred
// transaction that reads and then writes cannot wait for another writer: SQLite answers
// "database is locked" at once, ignoring busy_timeout, whenever the app and the CLI (or a second
// process) write at the same moment. BEGIN IMMEDIATE takes the write lock up front, so the busy
// timeout applies and concurrent writers simply queue.
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  // After some errors (a full disk, SQLITE_FULL) SQLite has already rolled the transaction back;
  // Kysely's ROLLBACK then fails with "cannot rollback - no transaction is active", and that
  // error would hide the real one from the coordinator.
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.rollbackTransaction(connection);
    } catch (error) {
      if (!/no transaction is active/i.test(error instanceof Error ? error.message : String(error))) throw error;
    }
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}
