/**
 * npm run bench — prints figures; asserts nothing (targets are read by people, not tests).
 *
 *   cold start     node server.js to the first 200 from /healthz: new PGlite folder,
 *                  existing folder, PostgreSQL (needs a build: npm run build)
 *   bulk seed      sessions/s of `generateHistory` on PostgreSQL
 *   keyset page    newest-first page of 50 by (created_at, id) vs. OFFSET, first and deep page
 *   list endpoint  GET /v1/sessions?limit=100 through the route loader (secret key) for each
 *                  list filter (docs/api-contract.md#lists), first page and a page at 80%, beside its SQL run raw on postgres.js
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) is the server on which
 * a scratch database is created and dropped. BENCH_SESSIONS (default 200000) sizes the data set.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { and, desc, eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import { openDatabase, rowsOf } from "../db/client";
import * as schema from "../db/schema";
import { checkoutSession, type SessionStatus } from "../db/schema";
import { ensureDemoOrganization } from "../app/demo/demo.server";
import { generateHistory } from "../app/demo/history.server";
import { authenticateApiKey, clearKeyCheckCache } from "../app/keys/key-check.server";
import { createApiKey } from "../app/keys/keys.server";
import { useDatabaseHandle, type Database, type DatabaseHandle } from "../app/lib/db.server";
import { listSessions } from "../app/sessions/list.server";
import { loader as listSessionsLoader } from "../app/routes/v1.sessions";
import type { ListQuery } from "../app/api/list-params";
import { percentile, sampleTimes } from "./timing";

process.env.APP_SECRET ??= "bench-secret-bench-secret-bench-secret-000000";
// The list-endpoint section sends thousands of requests a second with one key: lift the API rate limit.
process.env.API_RATE_LIMIT_MULTIPLIER ??= "1000000";
const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
// BENCH_SESSIONS: one size; BENCH_SIZES: comma-separated sizes to grow through (default 10k, 100k, 1M).
const sizes = (process.env.BENCH_SESSIONS ?? process.env.BENCH_SIZES ?? "10000,100000,1000000").split(",").map(Number);

const ms = (n: number) => (n < 0.1 ? `${(n * 1000).toFixed(1)} µs` : `${n.toFixed(2)} ms`);

async function timeToHealthy(env: Record<string, string>): Promise<number> {
  const port = 3900 + Math.floor(Math.random() * 90);
  const started = performance.now();
  const child = spawn(process.execPath, ["server.js"], {
    env: { ...process.env, ...env, PORT: String(port), NODE_ENV: "production", LOG_REQUESTS: "false" },
    stdio: "ignore",
  });
  try {
    for (;;) {
      if (performance.now() - started > 120_000) throw new Error("server did not become healthy in 120 s");
      try {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (res.ok) return performance.now() - started;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
}

async function coldStart(scratchUrl: string) {
  if (!fs.existsSync("build/index.js")) {
    console.log("cold start: skipped (run `npm run build` first)");
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ramp-bench-"));
  const dataDir = path.join(dir, "data");
  const fresh = await timeToHealthy({ DATA_DIR: dataDir, DATABASE_URL: "", SEED_DEMO: "auto" });
  const existing = await timeToHealthy({ DATA_DIR: dataDir, DATABASE_URL: "" });
  const pg = await timeToHealthy({ DATABASE_URL: scratchUrl, SEED_DEMO: "never" });
  console.log(`cold start to first 200: new PGlite folder (migrate + demo seed) ${ms(fresh)}, existing folder ${ms(existing)}, PostgreSQL ${ms(pg)}`);
  fs.rmSync(dir, { recursive: true, force: true });
}

/** The API's key check per request: cached (the common case) and a cold lookup every time. */
async function keyCheck(db: Parameters<typeof authenticateApiKey>[0], projectId: string) {
  const { token } = await createApiKey(db, { projectId, mode: "test", kind: "secret", label: "bench" });
  // Other keys in the table, so the index lookup is not trivially small.
  for (let i = 0; i < 2000; i++) await createApiKey(db, { projectId, mode: "test", kind: "secret", label: `filler ${i}` });
  async function run(label: string, n: number, cache: boolean) {
    clearKeyCheckCache();
    const times: number[] = [];
    for (let i = 0; i < n + 50; i++) {
      const t = performance.now();
      const result = await authenticateApiKey(db, token, { cache });
      if (!result.ok) throw new Error(`key check failed: ${result.code}`);
      if (i >= 50) times.push(performance.now() - t);
    }
    console.log(`  ${label.padEnd(34)} p50 ${ms(percentile(times, 50))}  p99 ${ms(percentile(times, 99))}`);
  }
  console.log("API key check per request (PostgreSQL, 2,000 keys):");
  await run("with the 5 s cache", 20_000, true);
  await run("without cache (indexed lookup)", 2_000, false);
}

/**
 * GET /v1/sessions?limit=100 as a partner calls it: the exported route loader with a real
 * secret key (key check, parameter parsing, the keyset query, serialisation, JSON), beside
 * the very statement listSessions sends, run raw on postgres.js (captured once per variant).
 */
async function listEndpoint(handle: DatabaseHandle, url: string, projectId: string) {
  useDatabaseHandle(handle);
  const { token } = await createApiKey(handle.db, { projectId, mode: "test", kind: "secret", label: "bench list" });
  const raw = postgres(url, { max: 1, onnotice: () => {} });
  const captured: { text: string; params: unknown[] }[] = [];
  const spy = postgres(url, { max: 1, onnotice: () => {}, debug: (_c, text, params) => captured.push({ text, params: params as unknown[] }) });
  const spyScope = { db: drizzle({ client: spy, schema }) as unknown as Database, projectId, mode: "test" as const };
  const now = Math.floor(Date.now() / 1000);
  const variants: { label: string; query: string; params: ListQuery<SessionStatus>; where: ReturnType<typeof sql> }[] = [
    { label: "no filter", query: "", params: {}, where: sql`true` },
    { label: "status=completed", query: "&status=completed", params: { status: "completed" }, where: sql`status = 'completed'` },
    {
      label: "destination_currency=USDC",
      query: "&destination_currency=USDC",
      params: { destinationCurrency: "USDC" },
      where: sql`destination_currency = 'USDC'`,
    },
    { label: "destination_network=solana", query: "&destination_network=solana", params: { destinationNetwork: "solana" }, where: sql`network = 'solana'` },
    {
      label: "created 60 to 7 days ago",
      query: `&created[gte]=${now - 60 * 86_400}&created[lt]=${now - 7 * 86_400}`,
      params: { created: { gte: now - 60 * 86_400, lt: now - 7 * 86_400 } },
      where: sql`created_at >= ${new Date((now - 60 * 86_400) * 1000).toISOString()}::timestamptz and created_at < ${new Date((now - 7 * 86_400) * 1000).toISOString()}::timestamptz`,
    },
  ];
  /**
   * The loader and the raw statement timed in turns (loader, raw, loader, …), so a stall of the
   * machine or the database falls on both alike and the two columns stay comparable.
   */
  async function timePair(loader: () => Promise<unknown>, rawQuery: () => Promise<unknown>, n = 300) {
    // Steady state, as a running server is: the first variant measured must not pay for the
    // JIT warming up the loader path, nor for the bulk seed's garbage just before it.
    for (let i = 0; i < 50; i++) {
      await loader();
      await rawQuery();
    }
    const times = { loader: [] as number[], raw: [] as number[] };
    for (let i = 0; i < n; i++) {
      let t = performance.now();
      await loader();
      times.loader.push(performance.now() - t);
      t = performance.now();
      await rawQuery();
      times.raw.push(performance.now() - t);
    }
    const figures = (values: number[]) => `p50 ${ms(percentile(values, 50)).padStart(9)}  p95 ${ms(percentile(values, 95)).padStart(9)}`;
    return { loader: figures(times.loader), raw: figures(times.raw) };
  }
  console.log("GET /v1/sessions?limit=100 (PostgreSQL): route loader | same SQL raw on postgres.js");
  try {
    for (const variant of variants) {
      const scope = sql`project_id = ${projectId} and mode = 'test' and ${variant.where}`;
      const [{ count }] = rowsOf<{ count: number }>(await handle.db.execute(sql`select count(*)::int as count from checkout_session where ${scope}`)) as [
        { count: number },
      ];
      // Setup only: the row at 80% of this filtered list is the deep page's cursor.
      const [deep] = rowsOf<{ id: string }>(
        await handle.db.execute(
          sql`select id from checkout_session where ${scope} order by created_at desc, id desc offset ${Math.floor(count * 0.8)} limit 1`,
        ),
      );
      const pages = [{ name: "first page", cursor: undefined as string | undefined }, ...(deep ? [{ name: "page at 80%", cursor: deep.id }] : [])];
      for (const page of pages) {
        const path = `/v1/sessions?limit=100${variant.query}${page.cursor ? `&starting_after=${page.cursor}` : ""}`;
        const call = async () => {
          const response = await listSessionsLoader({
            request: new Request(`http://localhost:3000${path}`, { headers: { Authorization: `Bearer ${token}` } }),
            params: {},
            context: {},
          });
          const body = await response.text();
          if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${body.slice(0, 200)}`);
          return body;
        };
        captured.length = 0;
        await listSessions(spyScope, { ...variant.params, limit: 100, startingAfter: page.cursor });
        const statement = captured.find((s) => /order by/.test(s.text))!;
        const timed = await timePair(call, () => raw.unsafe(statement.text, statement.params as never[]));
        console.log(`  ${`${variant.label}, ${page.name}`.padEnd(42)} ${timed.loader}  |  ${timed.raw}   (${count.toLocaleString("en")} rows match)`);
      }
    }
  } finally {
    await raw.end();
    await spy.end();
  }
}

/** A page of 50 by keyset (first page, cursor at 80 %) against OFFSET, raw through drizzle. */
async function keysetPages(handle: Awaited<ReturnType<typeof openDatabase>>, projectId: string, total: number) {
  const scope = and(eq(checkoutSession.projectId, projectId), eq(checkoutSession.mode, "test"));
  const page = () =>
    handle.db
      .select({ id: checkoutSession.id, createdAt: checkoutSession.createdAt })
      .from(checkoutSession)
      .where(scope)
      .orderBy(desc(checkoutSession.createdAt), desc(checkoutSession.id))
      .limit(50);
  // A cursor deep in the list: the row at 80% of the data set.
  const [deep] = await handle.db
    .select({ id: checkoutSession.id, createdAt: checkoutSession.createdAt })
    .from(checkoutSession)
    .where(scope)
    .orderBy(desc(checkoutSession.createdAt), desc(checkoutSession.id))
    .offset(Math.floor(total * 0.8))
    .limit(1);
  const keysetAfter = (cursor: { id: string; createdAt: Date }) =>
    handle.db
      .select({ id: checkoutSession.id })
      .from(checkoutSession)
      .where(and(scope, sql`(${checkoutSession.createdAt}, ${checkoutSession.id}) < (${sql.param(cursor.createdAt, checkoutSession.createdAt)}, ${cursor.id})`))
      .orderBy(desc(checkoutSession.createdAt), desc(checkoutSession.id))
      .limit(50);
  const offsetPage = (offset: number) => page().offset(offset);

  async function measure(label: string, run: () => Promise<unknown>, n = 200) {
    const times = await sampleTimes(run, { n });
    console.log(`  ${label.padEnd(34)} p50 ${ms(percentile(times, 50))}  p95 ${ms(percentile(times, 95))}`);
  }
  console.log(`page of 50 at ${total.toLocaleString("en")} sessions (PostgreSQL):`);
  await measure("first page", page);
  await measure("keyset, cursor at 80%", () => keysetAfter(deep!));
  await measure("OFFSET at 80% (for comparison)", () => offsetPage(Math.floor(total * 0.8)), 20);
}

async function main() {
  const name = `ramp_bench_${Date.now()}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const scratch = new URL(adminUrl);
  scratch.pathname = `/${name}`;
  try {
    await coldStart(scratch.toString());
    const handle = await openDatabase({ databaseUrl: scratch.toString(), maxConnections: 4 });
    const demo = await ensureDemoOrganization(handle.db);
    const projectId = demo.projectIds[0]!;
    await keyCheck(handle.db, projectId);
    // Grow the data set step by step and measure at each size: flat from 10k to 1M is the target.
    let seeded = 0;
    for (const size of sizes) {
      const started = performance.now();
      await generateHistory(handle.db, { projectId, mode: "test", sessions: size - seeded, batchSize: 2500 });
      const seconds = (performance.now() - started) / 1000;
      console.log(`\n== ${size.toLocaleString("en")} sessions ==`);
      console.log(
        `bulk seed (PostgreSQL): ${(size - seeded).toLocaleString("en")} sessions in ${seconds.toFixed(1)} s = ${Math.round((size - seeded) / seconds).toLocaleString("en")} sessions/s`,
      );
      seeded = size;
      // Steady state, as a running database is once autovacuum has visited: measured right after
      // a bulk insert, autovacuum would start on these tables in the middle of the timings.
      await handle.db.execute(sql`vacuum analyze checkout_session`);
      await handle.db.execute(sql`vacuum analyze "order"`);
      await keysetPages(handle, projectId, size);
      await listEndpoint(handle, scratch.toString(), projectId);
    }
    await handle.close();
    // The console's session browser and overview (issue 6), on the same seeded database.
    console.log("");
    const browser = spawnSync(process.execPath, ["--import", "tsx", "bench/browser.ts"], {
      stdio: "inherit",
      env: { ...process.env, BENCH_DATABASE_URL: adminUrl, BENCH_BROWSER_DATABASE: name },
    });
    if (browser.status !== 0) console.log(`bench/browser.ts exited with ${browser.status}`);
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message.split("\n")[0] : error);
  process.exit(1);
});
