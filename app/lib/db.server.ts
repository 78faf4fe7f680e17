/**
 * The process's one database handle (a globalThis singleton, so dev rebuilds and
 * parallel loaders share it: two PGlite instances on one folder lose data).
 */
import { openDatabase, type DatabaseHandle } from "~db/client";
import { env } from "./env.server";

export type { Database, DatabaseHandle, Executor, Tx } from "~db/client";
export { rowsOf } from "~db/client";
export * as schema from "~db/schema";

const globalForDb = globalThis as unknown as { __rampDb?: Promise<DatabaseHandle> };

export function databaseHandle(): Promise<DatabaseHandle> {
  if (!globalForDb.__rampDb) {
    const config = env();
    globalForDb.__rampDb = openDatabase({
      databaseUrl: config.DATABASE_URL,
      dataDir: config.DATA_DIR,
      maxConnections: config.DATABASE_POOL_SIZE,
    });
    // A failed open must not be cached forever (e.g. PostgreSQL not up yet).
    globalForDb.__rampDb.catch(() => {
      globalForDb.__rampDb = undefined;
    });
  }
  return globalForDb.__rampDb;
}

export async function getDb() {
  return (await databaseHandle()).db;
}

export async function closeDatabase() {
  const pending = globalForDb.__rampDb;
  globalForDb.__rampDb = undefined;
  if (pending) await (await pending).close();
}

/** Tests (and the seed script) hand in a handle they opened themselves. */
export function useDatabaseHandle(handle: DatabaseHandle) {
  globalForDb.__rampDb = Promise.resolve(handle);
}

/**
 * A drizzle prepared statement, built once per database (or transaction) object. On the
 * API's hottest paths building the SQL costs more CPU than the round trip
 * (bench/api-load.ts); parameters are `sql.placeholder(...)`s filled by `.execute({...})`.
 */
export function preparedPerDatabase<Db extends object, Statement>(build: (db: Db) => Statement): (db: Db) => Statement {
  const built = new WeakMap<Db, Statement>();
  return (db) => {
    let statement = built.get(db);
    if (!statement) {
      statement = build(db);
      built.set(db, statement);
    }
    return statement;
  };
}
