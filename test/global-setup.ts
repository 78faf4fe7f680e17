/**
 * Runs once before the test files: migrates one template database for the driver under test, so each
 * file's fresh database (test/database.ts) is a copy of it instead of a new cluster migrated from zero.
 * PGlite: a dump file that each file loads (skips initdb, the costliest step); PostgreSQL: a template
 * database that `create database … template` copies. Migrations still run on each copy (a no-op when
 * the template is current), so a stale template cannot hide a migration.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../db/client";

declare module "vitest" {
  export interface ProvidedContext {
    /** PGlite: path of the migrated dump. PostgreSQL: name of the migrated template database. */
    testDatabaseTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const driver = process.env.TEST_DRIVER ?? "pglite";
  if (driver === "postgres") {
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) throw new Error("TEST_DRIVER=postgres needs TEST_DATABASE_URL");
    const name = `ramp_template_${crypto.randomBytes(5).toString("hex")}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ databaseUrl: url.toString(), maxConnections: 1 });
    await handle.close();
    project.provide("testDatabaseTemplate", name);
    return async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  const handle = await openDatabase({ dataDir: "memory://" });
  const client = (handle.db as unknown as { $client: { dumpDataDir(c: "none"): Promise<Blob> } }).$client;
  const dump = await client.dumpDataDir("none");
  await handle.close();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ramp-test-template-")), "pglite.tar");
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("testDatabaseTemplate", file);
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
