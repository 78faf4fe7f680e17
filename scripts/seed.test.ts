/**
 * scripts/seed.ts as a user runs it: a child process on the driver under test.
 * pglite: a fresh DATA_DIR (never opened by this test while the script runs);
 * postgres: this file's own database through DATABASE_URL.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, rowsOf, type DatabaseHandle } from "../db/client";
import { apiKey, checkoutSession, organization } from "../db/schema";
import { sha256Hex } from "../app/lib/crypto.server";
import { createTestDatabase, TEST_DRIVER, type TestDatabase } from "../test/database";

const ROOT = path.resolve(__dirname, "..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const CHILD_TIMEOUT = 60_000;

interface SeedOutput {
  email: string;
  password: string;
  organizationId: string;
  projectId: string;
  testPublishableKey: string;
  testSecretKey: string;
}

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

let database: TestDatabase | undefined;
let dataDir: string | undefined;

function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Vitest's own variables (BASE_URL="/", MODE, …) must not leak into the script.
  for (const name of ["BASE_URL", "DATABASE_URL", "DATA_DIR", "VITEST", "VITEST_POOL_ID", "VITEST_WORKER_ID", "MODE", "DEV", "PROD", "SSR"]) {
    delete env[name];
  }
  env.NODE_ENV = "test";
  env.APP_SECRET = process.env.APP_SECRET ?? "test-secret-test-secret-test-secret-0123456789";
  env.BASE_URL = "http://localhost:3000";
  env.LOG_REQUESTS = "false";
  if (TEST_DRIVER === "postgres") env.DATABASE_URL = database!.url;
  else env.DATA_DIR = dataDir;
  return env;
}

function runSeed(args: string[]): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ["scripts/seed.ts", ...args], {
      cwd: ROOT,
      env: childEnv(),
      stdio: ["ignore", "pipe", "pipe"],
      timeout: CHILD_TIMEOUT,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

function parseSeedOutput(result: RunResult): SeedOutput {
  expect(result.code, `seed failed: ${result.stderr}`).toBe(0);
  const lines = result.stdout.split("\n").filter((line) => line.trim() !== "");
  expect(lines, "stdout carries exactly one line: the JSON object").toHaveLength(1);
  const parsed = JSON.parse(lines[0]!) as SeedOutput;
  expect(typeof parsed).toBe("object");
  expect(Object.keys(parsed).sort()).toEqual(["email", "organizationId", "password", "projectId", "testPublishableKey", "testSecretKey"].sort());
  return parsed;
}

/** Runs `check` against the seeded database: the test's own connection (postgres) or the folder, opened only now (pglite). */
async function withSeededDatabase<T>(check: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  if (TEST_DRIVER === "postgres") return check(database!);
  const handle = await openDatabase({ dataDir: dataDir! });
  try {
    return await check(handle);
  } finally {
    await handle.close();
  }
}

beforeAll(async () => {
  if (TEST_DRIVER === "postgres") {
    database = await createTestDatabase({ install: false });
    expect(database.url).toBeTruthy();
  } else {
    dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ramp-seed-test-")), "data");
  }
});

afterAll(async () => {
  await database?.destroy();
  if (dataDir) fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
});

describe(`seed script (${TEST_DRIVER})`, () => {
  let first: SeedOutput;

  it(
    "prints one JSON object with the demo login, ids and test keys",
    async () => {
      first = parseSeedOutput(await runSeed(["--json"]));
      expect(first.email).toBe("demo@ramp.test");
      expect(first.password.length).toBeGreaterThanOrEqual(10);
      expect(first.organizationId).toBeTruthy();
      expect(first.projectId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
      expect(first.testPublishableKey).toMatch(/^pk_test_[0-9A-Za-z]{43,}$/);
      expect(first.testSecretKey).toMatch(/^sk_test_[0-9A-Za-z]{43,}$/);
    },
    CHILD_TIMEOUT + 10_000,
  );

  it(
    "reuses the demo organization and issues a new secret key on a second run",
    async () => {
      const second = parseSeedOutput(await runSeed(["--json"]));
      expect(second.organizationId).toBe(first.organizationId);
      expect(second.projectId).toBe(first.projectId);
      expect(second.testPublishableKey).toBe(first.testPublishableKey);
      expect(second.testSecretKey).not.toBe(first.testSecretKey);

      await withSeededDatabase(async (handle) => {
        const orgs = await handle.db.select().from(organization).where(eq(organization.slug, "acme-games"));
        expect(orgs.map((o) => o.id)).toEqual([first.organizationId]);
        for (const token of [first.testSecretKey, second.testSecretKey]) {
          const rows = await handle.db
            .select()
            .from(apiKey)
            .where(eq(apiKey.tokenHash, sha256Hex(token)));
          expect(rows).toHaveLength(1);
          expect(rows[0]!.projectId).toBe(first.projectId);
          expect(rows[0]!.kind).toBe("secret");
          expect(rows[0]!.mode).toBe("test");
          expect(rows[0]!.revokedAt).toBeNull();
        }
        // The secret keys' plaintext is not stored.
        const dump = JSON.stringify(rowsOf(await handle.db.execute(sql`select * from api_key`)));
        expect(dump).not.toContain(first.testSecretKey);
        expect(dump).not.toContain(second.testSecretKey);
        expect(dump).toContain(first.testPublishableKey);
      });
    },
    CHILD_TIMEOUT + 30_000,
  );

  it(
    "--sessions 300 inserts 300 sessions into the demo project",
    async () => {
      const before = await withSeededDatabase(
        async (handle) =>
          (await handle.db.select({ id: checkoutSession.id }).from(checkoutSession).where(eq(checkoutSession.projectId, first.projectId))).length,
      );
      const result = await runSeed(["--json", "--sessions", "300"]);
      const output = parseSeedOutput(result);
      expect(output.projectId).toBe(first.projectId);
      // Progress goes to stderr so stdout stays machine-readable.
      expect(result.stderr).toMatch(/300/);
      await withSeededDatabase(async (handle) => {
        const rows = await handle.db
          .select({ id: checkoutSession.id, mode: checkoutSession.mode })
          .from(checkoutSession)
          .where(eq(checkoutSession.projectId, first.projectId));
        expect(rows.length - before).toBe(300);
        expect(rows.every((r) => r.mode === "test")).toBe(true);
        const total = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from checkout_session`))[0]?.n;
        expect(total).toBe(before + 300);
      });
    },
    CHILD_TIMEOUT + 30_000,
  );

  it(
    "rejects a bad --sessions value with a non-zero exit",
    async () => {
      const result = await runSeed(["--json", "--sessions", "lots"]);
      expect(result.code).not.toBe(0);
      expect(result.stdout.trim()).toBe("");
      expect(result.stderr).toMatch(/--sessions/);
    },
    CHILD_TIMEOUT + 10_000,
  );

  it.runIf(TEST_DRIVER === "pglite")(
    "refuses to run while another process holds the data folder",
    async () => {
      const holder = await openDatabase({ dataDir: dataDir! });
      let result: RunResult;
      try {
        result = await runSeed(["--json"]);
      } finally {
        await holder.close();
      }
      expect(result.signal).toBeNull();
      expect(result.code).not.toBe(0);
      expect(result.stdout.trim()).toBe("");
      expect(result.stderr).toContain("in use by another process");
      // Nothing was lost: the folder opens again afterwards with the earlier data.
      await withSeededDatabase(async (handle) => {
        const orgs = await handle.db.select().from(organization).where(eq(organization.slug, "acme-games"));
        expect(orgs.map((o) => o.id)).toEqual([first.organizationId]);
      });
    },
    CHILD_TIMEOUT + 10_000,
  );
});
