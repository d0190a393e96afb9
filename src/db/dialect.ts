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
