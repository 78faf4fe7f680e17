/**
 * db/client.ts: migrations on open, the PGlite data-folder lock, and concurrent
 * migrations on PostgreSQL. Runs on the driver under test (TEST_DRIVER).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, getTableName, is, sql } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, TEST_DRIVER, type TestDatabase } from "../test/database";
import { DataFolderLockedError, openDatabase, rowsOf, type DatabaseHandle } from "./client";
import * as schema from "./schema";

const journal = JSON.parse(fs.readFileSync(path.resolve(__dirname, "migrations/meta/_journal.json"), "utf8")) as {
  entries: { tag: string }[];
};

const tables = (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable));

describe(`migrations (${TEST_DRIVER})`, () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase({ install: false });
  });
  afterAll(async () => {
    await handle?.destroy();
  });

  it("creates the domain tables, empty and queryable", async () => {
    for (const table of ["checkout_session", "order", "api_key", "project", "customer", "organization", "member", "user"]) {
      const result = await handle.db.execute(sql.raw(`select count(*)::int as n from "${table}"`));
      expect(rowsOf<{ n: number }>(result)[0]?.n, table).toBe(0);
    }
    expect(await handle.db.select().from(schema.checkoutSession)).toEqual([]);
    expect(await handle.db.select().from(schema.order)).toEqual([]);
    expect(await handle.db.select().from(schema.apiKey)).toEqual([]);
  });

  it("has every table and column of the drizzle schema", async () => {
    expect(tables.length).toBeGreaterThan(10);
    const result = await handle.db.execute(sql`select table_name, column_name from information_schema.columns where table_schema = 'public'`);
    const columns = new Set(rowsOf<{ table_name: string; column_name: string }>(result).map((r) => `${r.table_name}.${r.column_name}`));
    const missing: string[] = [];
    for (const table of tables) {
      const config = getTableConfig(table);
      for (const column of config.columns) {
        const key = `${getTableName(table)}.${column.name}`;
        if (!columns.has(key)) missing.push(key);
      }
    }
    expect(missing).toEqual([]);
  });

  it("records each migration exactly once", async () => {
    const result = await handle.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(rowsOf<{ n: number }>(result)[0]?.n).toBe(journal.entries.length);
  });

  it("enforces unique constraints atomically", async () => {
    await expect(handle.db.execute(sql`insert into organization (id, name, slug) values ('o1', 'One', 'one'), ('o2', 'Two', 'one')`)).rejects.toThrow();
    const [row] = await handle.db.select().from(schema.organization);
    expect(row).toBeUndefined();
  });

  it("pings", async () => {
    await expect(handle.ping(5000)).resolves.toBeUndefined();
    expect(handle.driver).toBe(TEST_DRIVER);
  });
});

describe.runIf(TEST_DRIVER === "pglite")("PGlite data folder", () => {
  let dataDir: string;
  const opened: DatabaseHandle[] = [];

  beforeAll(() => {
    dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ramp-client-test-")), "data");
  });
  afterAll(async () => {
    for (const handle of opened) await handle.close();
    fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
  });

  it("refuses a second open while the first is held, and keeps data across a reopen", async () => {
    const first = await openDatabase({ dataDir });
    opened.push(first);
    expect(first.driver).toBe("pglite");
    await first.db.insert(schema.organization).values({ id: "org_persist", name: "Persisted Org", slug: "persisted-org" });

    const second = openDatabase({ dataDir });
    await expect(second).rejects.toBeInstanceOf(DataFolderLockedError);
    await expect(openDatabase({ dataDir })).rejects.toThrow(/in use by another process/);
    // The first handle is unaffected by the refused attempts.
    await first.ping(5000);
    const [stillThere] = await first.db.select().from(schema.organization).where(eq(schema.organization.id, "org_persist"));
    expect(stillThere?.name).toBe("Persisted Org");

    await first.close();
    // Closing twice is harmless.
    await first.close();

    const reopened = await openDatabase({ dataDir });
    opened.push(reopened);
    const rows = await reopened.db.select().from(schema.organization);
    expect(rows.map((r) => ({ id: r.id, name: r.name, slug: r.slug }))).toEqual([{ id: "org_persist", name: "Persisted Org", slug: "persisted-org" }]);
    // Reopening does not re-apply migrations.
    const migrations = await reopened.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(rowsOf<{ n: number }>(migrations)[0]?.n).toBe(journal.entries.length);
    await reopened.close();
  });

  it("names the holder in the error", async () => {
    const holder = await openDatabase({ dataDir });
    opened.push(holder);
    try {
      const error = await openDatabase({ dataDir }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DataFolderLockedError);
      expect((error as Error).name).toBe("DataFolderLockedError");
      expect((error as Error).message).toContain(dataDir);
      expect((error as Error).message).toContain(`pid ${process.pid}`);
    } finally {
      await holder.close();
    }
  });
});

describe.runIf(TEST_DRIVER === "postgres")("PostgreSQL concurrent start", () => {
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `ramp_race_${crypto.randomBytes(5).toString("hex")}`;
  const handles: DatabaseHandle[] = [];

  beforeAll(async () => {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`create database ${name}`);
    } finally {
      await admin.end();
    }
  });
  afterAll(async () => {
    for (const handle of handles) await handle.close();
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
    } finally {
      await admin.end();
    }
  });

  it("two instances migrating a brand-new database at once both succeed, migrating once", async () => {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const results = await Promise.allSettled([
      openDatabase({ databaseUrl: url.toString(), maxConnections: 2 }),
      openDatabase({ databaseUrl: url.toString(), maxConnections: 2 }),
      openDatabase({ databaseUrl: url.toString(), maxConnections: 2 }),
    ]);
    for (const result of results) if (result.status === "fulfilled") handles.push(result.value);
    expect(results.map((r) => (r.status === "rejected" ? String(r.reason) : "ok"))).toEqual(["ok", "ok", "ok"]);

    for (const handle of handles) {
      expect(handle.driver).toBe("postgres");
      await handle.ping(5000);
      expect(await handle.db.select().from(schema.checkoutSession)).toEqual([]);
    }
    const migrations = await handles[0]!.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(rowsOf<{ n: number }>(migrations)[0]?.n).toBe(journal.entries.length);

    // Data written through one instance is seen by the other.
    await handles[0]!.db.insert(schema.organization).values({ id: "org_shared", name: "Shared", slug: "shared" });
    const seen = await handles[1]!.db.select().from(schema.organization);
    expect(seen.map((r) => r.id)).toEqual(["org_shared"]);
  });
});
