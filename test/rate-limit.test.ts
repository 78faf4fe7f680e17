/**
 * API rate limits: per secret key, per publishable key (keyed API and public endpoints share
 * its count) and per client IP for keyless public requests. Over the limit: 429
 * RATE_LIMIT_EXCEEDED with Retry-After and the error envelope. On PostgreSQL the counts live
 * in the database, so two instances (two pools) share them; a database that is away falls
 * back to counting in memory.
 */
// Low limits and a long window for this file only (test/setup.ts raises them for every other file).
process.env.API_RATE_LIMIT_PER_SECRET_KEY = "3";
process.env.API_RATE_LIMIT_PER_PUBLISHABLE_KEY = "2";
process.env.API_RATE_LIMIT_PER_IP = "2";
process.env.API_RATE_LIMIT_WINDOW_SECONDS = "60";
process.env.API_RATE_LIMIT_MULTIPLIER = "1";

import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiRateLimiter,
  closeApiRateLimiter,
  createMemoryRateLimiter,
  createPostgresRateLimiter,
  RATE_LIMIT_TABLE,
  type ApiRateLimiter,
  type RateLimitConfig,
} from "../app/api/rate-limit.server";
import { enableDefaultGateways } from "../app/gateways/settings.server";
import { createApiKey } from "../app/keys/keys.server";
import { resetEnvForTests } from "../app/lib/env.server";
import { rowsOf } from "../app/lib/db.server";
import { loader as getSession } from "../app/routes/v1.sessions.$sessionId";
import { loader as quotes } from "../app/routes/public.v1.onramp.quotes";
import { loader as supported } from "../app/routes/public.v1.onramp.supported";
import { action as createSessionRoute } from "../app/routes/v1.sessions";
import { call, type ApiCall } from "./api-client";
import { insertProject, type ProjectIds } from "./contexts";
import { createTestDatabase, TEST_DRIVER, type TestDatabase } from "./database";
import { sessionBody } from "./fixtures";

let database: TestDatabase;
let ids: ProjectIds;
let sessionId = "";

const newKey = async (kind: "secret" | "publishable") => (await createApiKey(database.db, { projectId: ids.projectId, mode: "test", kind })).token;
const readSession = (key: string) => call(getSession, { path: `/v1/sessions/${sessionId}`, key, params: { sessionId } });
const readSupported = (headers: Record<string, string>, key?: string) =>
  call(supported, { path: `/public/v1/onramp/supported?projectId=${ids.projectId}`, key, headers });

function expectRateLimited(result: ApiCall, windowSeconds = 60) {
  expect(result.status, JSON.stringify(result.body)).toBe(429);
  expect(result.body).toMatchObject({ success: false, error: { code: "RATE_LIMIT_EXCEEDED", message: expect.any(String) } });
  expect(result.body.error.requestId).toMatch(/^req_/);
  expect(result.headers.get("Request-Id")).toBe(result.body.error.requestId);
  const retryAfter = result.headers.get("Retry-After");
  expect(retryAfter).toMatch(/^\d+$/);
  expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  expect(Number(retryAfter)).toBeLessThanOrEqual(windowSeconds);
}

beforeAll(async () => {
  database = await createTestDatabase();
  if (TEST_DRIVER === "postgres") {
    // As an instance configured with DATABASE_URL: the app's limiter counts in PostgreSQL.
    process.env.DATABASE_URL = database.url;
    resetEnvForTests();
  }
  ids = await insertProject(database.db, "Rate shop");
  await enableDefaultGateways(database.db, ids.projectId);
  const setupKey = await newKey("secret");
  const created = await call(createSessionRoute, {
    path: "/v1/sessions",
    key: setupKey,
    body: sessionBody({ type: "onramp" }),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  sessionId = created.body.id;
});

afterAll(async () => {
  await closeApiRateLimiter();
  await database?.destroy();
});

describe("the app's limiter", () => {
  it(`counts in ${TEST_DRIVER === "postgres" ? "PostgreSQL" : "memory"} on the ${TEST_DRIVER} driver`, async () => {
    const limiter = await apiRateLimiter();
    expect(limiter.store).toBe(TEST_DRIVER === "postgres" ? "postgres" : "memory");
    expect(limiter.config).toEqual({ points: { secret: 3, publishable: 2, ip: 2 }, windowSeconds: 60 });
  });
});

describe("keyed API", () => {
  it("refuses a secret key's fourth request in the window with 429, Retry-After and the envelope; other keys go on", async () => {
    const key = await newKey("secret");
    for (let i = 1; i <= 3; i++) expect((await readSession(key)).status).toBe(200);
    expectRateLimited(await readSession(key));
    expectRateLimited(await readSession(key));

    // Another secret key of the same project, and the project's publishable key, have their own counts.
    expect((await readSession(await newKey("secret"))).status).toBe(200);
    expect((await readSession(await newKey("publishable"))).status).toBe(200);
  });

  it("counts a publishable key by its id, on the API and the public endpoints alike", async () => {
    const key = await newKey("publishable");
    expect((await readSession(key)).status).toBe(200);
    expect((await readSupported({ "x-ramp-client-ip": "198.51.100.1" }, key)).status).toBe(200);
    const limited = await readSession(key);
    expectRateLimited(limited);
    expect(limited.body.error.message).toMatch(/publishable key/);
    // The public endpoint refuses it too, readable from a browser (CORS exposes Retry-After).
    const fromBrowser = await readSupported({ "x-ramp-client-ip": "198.51.100.1" }, key);
    expectRateLimited(fromBrowser);
    expect(fromBrowser.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(fromBrowser.headers.get("Access-Control-Expose-Headers")).toMatch(/Retry-After/);
  });

  it("counts a publishable key that calls a secret-key endpoint (403s are not free)", async () => {
    const key = await newKey("publishable");
    const create = () => call(createSessionRoute, { path: "/v1/sessions", key, body: {} });
    expect((await create()).status).toBe(403);
    expect((await create()).status).toBe(403);
    expectRateLimited(await create());
  });

  it("does not count requests with a key that fails the check", async () => {
    const bad = `sk_test_${"x".repeat(43)}`;
    for (let i = 0; i < 5; i++) expect((await readSession(bad)).status).toBe(401);
  });
});

describe("public endpoints without a key", () => {
  it("count per client IP across endpoints; another address and a publishable key are not affected", async () => {
    const ip = { "x-ramp-client-ip": "203.0.113.10" };
    expect((await readSupported(ip)).status).toBe(200);
    const quote = await call(quotes, {
      path: `/public/v1/onramp/quotes?projectId=${ids.projectId}&fiatCurrency=USD&cryptoCurrency=ETH&network=ethereum&fiatAmount=100`,
      headers: ip,
    });
    expect(quote.status, JSON.stringify(quote.body)).toBe(200);
    const limited = await readSupported(ip);
    expectRateLimited(limited);
    expect(limited.body.error.message).toMatch(/publishable key for a higher limit/);

    expect((await readSupported({ "x-ramp-client-ip": "203.0.113.11" })).status).toBe(200);
    expect((await readSupported(ip, await newKey("publishable"))).status).toBe(200);
  });
});

const CONFIG: RateLimitConfig = { points: { secret: 3, publishable: 3, ip: 3 }, windowSeconds: 60 };

async function allowedCount(results: Promise<{ allowed: boolean }>[]) {
  return (await Promise.all(results)).filter((r) => r.allowed).length;
}

describe("limiter instances", () => {
  it("let a key in again when its window is over", async () => {
    const limiters: ApiRateLimiter[] = [createMemoryRateLimiter({ points: { secret: 1, publishable: 1, ip: 1 }, windowSeconds: 1 })];
    if (TEST_DRIVER === "postgres") {
      limiters.push(createPostgresRateLimiter({ points: { secret: 1, publishable: 1, ip: 1 }, windowSeconds: 1 }, { databaseUrl: database.url! }));
    }
    try {
      for (const limiter of limiters) {
        expect((await limiter.consume("secret", "key_window")).allowed).toBe(true);
        expect(await limiter.consume("secret", "key_window")).toEqual({ allowed: false, limit: 1, retryAfterSeconds: 1 });
      }
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      for (const limiter of limiters) expect((await limiter.consume("secret", "key_window")).allowed).toBe(true);
    } finally {
      await Promise.all(limiters.map((l) => l.close()));
    }
  });

  it("keep answering (in memory, per instance) when the database cannot be reached", async () => {
    const limiter = createPostgresRateLimiter(CONFIG, { databaseUrl: "postgres://postgres@127.0.0.1:1/nowhere" });
    try {
      const started = Date.now();
      expect(await allowedCount([1, 2, 3, 4].map(() => limiter.consume("secret", "key_offline")))).toBe(3);
      expect((await limiter.consume("secret", "key_offline")).allowed).toBe(false);
      expect((await limiter.consume("secret", "key_other")).allowed).toBe(true);
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await limiter.close();
    }
  });

  it.runIf(TEST_DRIVER === "postgres")("on PostgreSQL: two instances (two pools) create the table at once and share the count", async () => {
    const table = `rl_test_${crypto.randomBytes(4).toString("hex")}`;
    const a = createPostgresRateLimiter(CONFIG, { databaseUrl: database.url!, tableName: table });
    const b = createPostgresRateLimiter(CONFIG, { databaseUrl: database.url!, tableName: table });
    try {
      // Both start (and create the table) concurrently; the count is atomic across them.
      const first = [a, b, a, b, a].map((limiter) => limiter.consume("secret", "key_shared"));
      expect(await allowedCount(first)).toBe(3);
      expect((await a.consume("secret", "key_shared")).allowed).toBe(false);
      expect((await b.consume("secret", "key_shared")).allowed).toBe(false);
      // Another key, and the same id under another kind, count on their own.
      expect((await b.consume("secret", "key_other")).allowed).toBe(true);
      expect((await a.consume("publishable", "key_shared")).allowed).toBe(true);

      const [table_] = rowsOf<{ relpersistence: string }>(await database.db.execute(sql`select relpersistence from pg_class where relname = ${table}`));
      expect(table_?.relpersistence).toBe("u");
      const rows = rowsOf<{ key: string; points: number }>(await database.db.execute(sql.raw(`select key, points from "${table}" order by key`)));
      expect(rows.map((r) => r.key)).toEqual(["publishable:key_shared", "secret:key_other", "secret:key_shared"]);
      // 3 allowed + 2 refused by the store; the later refusals were answered from memory.
      expect(Number(rows.find((r) => r.key === "secret:key_shared")!.points)).toBeGreaterThanOrEqual(5);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it.runIf(TEST_DRIVER === "postgres")(
    "on PostgreSQL: a burst on one key counts once per event-loop turn and lets exactly the limit through, first come first served",
    async () => {
      const table = `rl_test_${crypto.randomBytes(4).toString("hex")}`;
      const limiter = createPostgresRateLimiter(CONFIG, { databaseUrl: database.url!, tableName: table });
      try {
        const decisions = await Promise.all(Array.from({ length: 10 }, () => limiter.consume("secret", "key_burst")));
        expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false, false, false, false, false, false, false]);
        expect(decisions.slice(0, 3).map((d) => (d.allowed ? d.remaining : -1))).toEqual([2, 1, 0]);
        expect(decisions[3]).toMatchObject({ allowed: false, limit: 3, retryAfterSeconds: expect.any(Number) });
        // One upsert of 10 points, not ten upserts of one.
        const rows = rowsOf<{ points: number }>(await database.db.execute(sql.raw(`select points from "${table}" where key = 'secret:key_burst'`)));
        expect(Number(rows[0]!.points)).toBe(10);
        expect((await limiter.consume("secret", "key_burst")).allowed).toBe(false);
      } finally {
        await limiter.close();
      }
    },
  );

  it.runIf(TEST_DRIVER === "postgres")("on PostgreSQL: the app's requests are counted in the shared table", async () => {
    const rows = rowsOf<{ n: number }>(await database.db.execute(sql.raw(`select count(*)::int as n from "${RATE_LIMIT_TABLE}"`)));
    expect(Number(rows[0]!.n)).toBeGreaterThan(0);
  });
});
