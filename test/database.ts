/**
 * A fresh, migrated database for one test file, on the driver under test:
 * TEST_DRIVER=pglite (default): in-memory PGlite.
 * TEST_DRIVER=postgres: a new database created on TEST_DATABASE_URL's server, dropped afterwards.
 * Both start as a copy of the migrated template that test/global-setup.ts made for this run.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import postgres from "postgres";
import { inject } from "vitest";
import { openDatabase, type DatabaseHandle } from "../db/client";
import { useDatabaseHandle } from "../app/lib/db.server";

export const TEST_DRIVER = (process.env.TEST_DRIVER ?? "pglite") as "pglite" | "postgres";

export interface TestDatabase extends DatabaseHandle {
  /** For postgres: the URL of this file's own database. */
  url?: string;
  destroy(): Promise<void>;
}

export async function createTestDatabase(options: { install?: boolean } = {}): Promise<TestDatabase> {
  let handle: DatabaseHandle;
  let url: string | undefined;
  let dropDatabase = async () => {};
  if (TEST_DRIVER === "postgres") {
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) throw new Error("TEST_DRIVER=postgres needs TEST_DATABASE_URL");
    const name = `ramp_test_${crypto.randomBytes(5).toString("hex")}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    const template = inject("testDatabaseTemplate");
    await admin.unsafe(`create database ${name}${template ? ` template ${template}` : ""}`);
    await admin.end();
    const parsed = new URL(adminUrl);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
    handle = await openDatabase({ databaseUrl: url, maxConnections: 5 });
    dropDatabase = async () => {
      const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    };
  } else {
    const template = inject("testDatabaseTemplate");
    handle = await openDatabase({ dataDir: "memory://", template: template ? new Blob([fs.readFileSync(template)]) : undefined });
  }
  // App code (better-auth, guards) reaches the database through the process singleton.
  if (options.install !== false) useDatabaseHandle(handle);
  return {
    ...handle,
    url,
    destroy: async () => {
      await handle.close();
      await dropDatabase();
    },
  };
}
