/**
 * One typed drizzle `db` over either driver:
 * - no DATABASE_URL: PGlite (embedded PostgreSQL) in DATA_DIR, guarded by a lock so a
 *   second process gets a clear error instead of silently losing data;
 * - DATABASE_URL: PostgreSQL through postgres.js with a connection pool.
 * Migrations in db/migrations are applied on open (serialised by an advisory lock on
 * PostgreSQL so several instances starting together do not race).
 */
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import lockfile from "proper-lockfile";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle: use it (never the outer `db`) inside a transaction. */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type Executor = Database | Tx;
export type DriverName = "pglite" | "postgres";

export interface DatabaseHandle {
  db: Database;
  driver: DriverName;
  /** Answers within `timeoutMs` or throws. */
  ping(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… ; when absent the embedded PGlite database is used. */
  databaseUrl?: string;
  /** PGlite data folder (default ./.data); "memory://" keeps it in memory (tests). */
  dataDir?: string;
  /** Pool size for postgres.js. */
  maxConnections?: number;
  migrationsFolder?: string;
  /** Skip migrations (the caller applies them). */
  migrate?: boolean;
  /**
   * PGlite only: start from this dump (`PGlite.dumpDataDir`) instead of an empty cluster. The test suite
   * opens dozens of fresh databases: loading one migrated dump skips initdb and the migrations each time.
   */
  template?: Blob;
}

export const DEFAULT_MIGRATIONS_FOLDER = path.resolve(process.cwd(), "db/migrations");
/** Arbitrary constant: the advisory lock id that serialises migrations. */
const MIGRATION_LOCK_ID = 727_001;

/** Rows of a raw `db.execute` result on either driver (PGlite: `{ rows }`, postgres.js: an array). */
export function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export class DataFolderLockedError extends Error {
  constructor(dataDir: string, owner: string | null) {
    super(
      `The embedded database in ${dataDir} is in use by another process${owner ? ` (${owner})` : ""}. ` +
        `PGlite allows one process per data folder: stop that process first (the seed script runs while the app is stopped), ` +
        `or use PostgreSQL by setting DATABASE_URL.`,
    );
    this.name = "DataFolderLockedError";
  }
}

export async function openDatabase(options: OpenOptions = {}): Promise<DatabaseHandle> {
  const migrationsFolder = options.migrationsFolder ?? DEFAULT_MIGRATIONS_FOLDER;
  const handle = options.databaseUrl
    ? await openPostgres(options.databaseUrl, options.maxConnections ?? 10, migrationsFolder, options.migrate !== false)
    : await openPglite(
        options.dataDir?.startsWith("memory://") ? options.dataDir : path.resolve(options.dataDir ?? ".data"),
        migrationsFolder,
        options.migrate !== false,
        options.template,
      );
  return handle;
}

async function openPostgres(url: string, max: number, migrationsFolder: string, runMigrations: boolean): Promise<DatabaseHandle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  if (runMigrations) {
    // A single dedicated connection holds the session-level advisory lock while migrating.
    const migrationClient = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await migrationClient`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
      const { migrate } = await import("drizzle-orm/postgres-js/migrator");
      await migrate(drizzle({ client: migrationClient }), { migrationsFolder });
      await migrationClient`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
    } finally {
      await migrationClient.end({ timeout: 5 });
    }
  }
  const client = postgres(url, { max, onnotice: () => {}, idle_timeout: 60 });
  const db = drizzle({ client, schema }) as unknown as Database;
  return {
    db,
    driver: "postgres",
    ping: (timeoutMs = 2000) => withTimeout(db.execute(sql`select 1`), timeoutMs).then(() => undefined),
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(dataDir: string, migrationsFolder: string, runMigrations: boolean, template?: Blob): Promise<DatabaseHandle> {
  const inMemory = dataDir.startsWith("memory://");
  if (!inMemory) fs.mkdirSync(dataDir, { recursive: true });
  const release = inMemory ? async () => {} : await lockDataFolder(dataDir);
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const { drizzle } = await import("drizzle-orm/pglite");
    const client = await PGlite.create(dataDir, template ? { loadDataDir: template } : undefined);
    const db = drizzle({ client, schema }) as unknown as Database;
    if (runMigrations) {
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      await migrate(db as never, { migrationsFolder });
    }
    let closed = false;
    return {
      db,
      driver: "pglite",
      ping: (timeoutMs = 2000) => withTimeout(db.execute(sql`select 1`), timeoutMs).then(() => undefined),
      close: async () => {
        if (closed) return;
        closed = true;
        await client.close();
        await release();
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}

/** Takes the data folder for this process; throws DataFolderLockedError when another holds it. */
async function lockDataFolder(dataDir: string): Promise<() => Promise<void>> {
  const ownerFile = `${dataDir}.owner`;
  let unlock: () => Promise<void>;
  try {
    unlock = await lockfile.lock(dataDir, {
      realpath: false,
      stale: 15_000,
      update: 5_000,
      retries: 0,
      // A lost lock means another process may now write the folder: stop rather than corrupt it.
      onCompromised: (error) => {
        console.error(`Lost the lock on ${dataDir}: ${error.message}. Exiting to protect the data.`);
        process.exit(70);
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOCKED") {
      let owner: string | null = null;
      try {
        owner = fs.readFileSync(ownerFile, "utf8").trim();
      } catch {
        /* no owner note */
      }
      throw new DataFolderLockedError(dataDir, owner);
    }
    throw error;
  }
  fs.writeFileSync(ownerFile, `pid ${process.pid}: ${path.basename(process.argv[1] ?? "node")}`);
  return async () => {
    try {
      fs.rmSync(ownerFile, { force: true });
      await unlock();
    } catch {
      /* already released */
    }
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`database did not answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
