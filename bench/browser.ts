/**
 * npx tsx bench/browser.ts — the console's session browser and overview on PostgreSQL.
 * Prints figures; asserts nothing. Targets (issue 6): list loader p95 ≤ 50 ms, overview p95 ≤ 200 ms.
 *
 *   sessions page   the route loader of /projects/:id/test/sessions as a signed-in support agent
 *                   (session check, permission, URL parsing, the keyset query, serialisation),
 *                   limit=50, for each filter, first page and a page at 80% of the filtered list
 *   overview        the overview page's loader for 24 h / 7 / 30 / 90 days, roll-up current
 *                   (the steady state), and the one-off cost of building the roll-up from nothing
 *   search, export  a metadata search through the search loader; CSV export throughput
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres): the server.
 * BENCH_SESSIONS (default 200000): sessions seeded into a scratch database (dropped after).
 * BENCH_BROWSER_DATABASE: reuse this already seeded database instead (e.g. one seeded once with
 *   `DATABASE_URL=… npm run seed -- --sessions 1000000`); nothing is seeded or dropped.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { openDatabase, rowsOf } from "../db/client";
import { analyticsOrderDay, analyticsRollup, analyticsSessionDay } from "../db/schema";
import { DEMO_USER, ensureDemoOrganization } from "../app/demo/demo.server";
import { generateHistory } from "../app/demo/history.server";
import { getAuth } from "../app/lib/auth.server";
import { useDatabaseHandle } from "../app/lib/db.server";
import { loader as overviewLoader } from "../app/routes/_app.projects.$projectId.$mode._index";
import { loader as searchLoader } from "../app/routes/_app.projects.$projectId.$mode.search";
import { loader as sessionsLoader } from "../app/routes/_app.projects.$projectId.$mode.sessions._index";
import { loader as sessionsCsvLoader } from "../app/routes/projects.$projectId.$mode.sessions[.]csv";
import { percentile, sampleTimes } from "./timing";

process.env.APP_SECRET ??= "bench-secret-bench-secret-bench-secret-000000";
process.env.AUTH_RATE_LIMIT_PER_MINUTE ??= "100000";
const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const reuse = process.env.BENCH_BROWSER_DATABASE;
const size = Number(process.env.BENCH_SESSIONS ?? 200_000);

const ms = (n: number) => `${n.toFixed(2)} ms`;

async function time(run: () => Promise<unknown>, n = 100) {
  const times = await sampleTimes(run, { n });
  return `p50 ${ms(percentile(times, 50)).padStart(10)}  p95 ${ms(percentile(times, 95)).padStart(10)}`;
}

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;

async function main() {
  const name = reuse ?? `ramp_bench_browser_${Date.now()}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  if (!reuse) await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    const handle = await openDatabase({ databaseUrl: url.toString(), maxConnections: 10 });
    useDatabaseHandle(handle);
    const db = handle.db;
    const demo = await ensureDemoOrganization(db);
    const projectId = demo.projectIds[0]!;
    if (!reuse) {
      const started = performance.now();
      await generateHistory(db, { projectId, mode: "test", sessions: size, batchSize: 2500 });
      console.log(`seeded ${size.toLocaleString("en")} sessions in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    // A production database has autovacuum keeping the visibility map current (index-only scans
    // rely on it); a freshly seeded one is brought to that state here.
    await db.execute(sql`vacuum analyze`);
    const [{ count }] = rowsOf<{ count: number }>(
      await db.execute(sql`select count(*)::int as count from checkout_session where project_id = ${projectId} and mode = 'test'`),
    ) as [{ count: number }];

    const auth = await getAuth();
    const { headers } = await auth.api.signInEmail({ body: { email: DEMO_USER.email, password: DEMO_USER.password }, returnHeaders: true });
    const cookie = headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const call = async (loader: Loader, path: string) => {
      const request = new Request(`http://localhost:3000${path}`, { headers: { cookie } });
      const result = await loader({ request, params: { projectId, mode: "test" }, context: {} });
      // What Remix does with the loader's data before it leaves the server.
      return result instanceof Response ? result.text() : JSON.stringify(result);
    };
    const base = `/projects/${projectId}/test`;

    console.log(`\n== session browser at ${count.toLocaleString("en")} sessions (PostgreSQL) ==`);
    console.log("sessions page loader, limit=50 (target p95 ≤ 50 ms):");
    const now = Math.floor(Date.now() / 1000);
    const filters = [
      { label: "no filter", query: "", where: sql`true` },
      { label: "status=completed", query: "&status=completed", where: sql`status = 'completed'` },
      { label: "destination_currency=USDC", query: "&destination_currency=USDC", where: sql`destination_currency = 'USDC'` },
      { label: "destination_network=solana", query: "&destination_network=solana", where: sql`network = 'solana'` },
      {
        label: "created 60 to 7 days ago",
        query: `&created[gte]=${now - 60 * 86_400}&created[lt]=${now - 7 * 86_400}`,
        where: sql`created_at >= to_timestamp(${now - 60 * 86_400}) and created_at < to_timestamp(${now - 7 * 86_400})`,
      },
      {
        label: "status=failed & USDC & ethereum",
        query: "&status=failed&destination_currency=USDC&destination_network=ethereum",
        where: sql`status = 'failed' and destination_currency = 'USDC' and network = 'ethereum'`,
      },
    ];
    for (const filter of filters) {
      const scope = sql`project_id = ${projectId} and mode = 'test' and ${filter.where}`;
      const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from checkout_session where ${scope}`)) as [{ n: number }];
      // Setup only: the row at 80% of the filtered list is the deep page's cursor.
      const [deep] = rowsOf<{ id: string }>(
        await db.execute(sql`select id from checkout_session where ${scope} order by created_at desc, id desc offset ${Math.floor(n * 0.8)} limit 1`),
      );
      for (const page of [{ name: "first page", cursor: "" }, ...(deep ? [{ name: "page at 80%", cursor: `&starting_after=${deep.id}` }] : [])]) {
        const figures = await time(() => call(sessionsLoader as Loader, `${base}/sessions?limit=50${filter.query}${page.cursor}`));
        console.log(`  ${`${filter.label}, ${page.name}`.padEnd(46)} ${figures}   (${n.toLocaleString("en")} match)`);
      }
    }

    console.log("overview loader (keys, webhooks, gateways, recent sessions and charts; target p95 ≤ 200 ms):");
    // The one-off: a project whose roll-up was never built (first overview after an upgrade).
    await db.delete(analyticsSessionDay);
    await db.delete(analyticsOrderDay);
    await db.delete(analyticsRollup);
    const first = performance.now();
    await call(overviewLoader as Loader, `${base}?range=90d`);
    console.log(`  first overview ever (builds the roll-up of every settled day): ${ms(performance.now() - first)}`);
    for (const range of ["24h", "7d", "30d", "90d"]) {
      console.log(`  range=${range.padEnd(4)} ${await time(() => call(overviewLoader as Loader, `${base}?range=${range}`), 60)}`);
    }

    console.log("search loader:");
    const [meta] = rowsOf<{ ref: string }>(
      await db.execute(
        sql`select metadata->>'partnerOrderId' as ref from checkout_session where project_id = ${projectId} and mode = 'test' and metadata ? 'partnerOrderId' limit 1`,
      ),
    );
    const [addr] = rowsOf<{ address: string }>(
      await db.execute(sql`select destination_address as address from checkout_session where project_id = ${projectId} limit 1`),
    );
    for (const [label, q] of [
      ["metadata partnerOrderId=…", `partnerOrderId=${meta?.ref ?? "x"}`],
      ["wallet address", addr?.address ?? "0x0"],
      ["no match (every free-text lookup)", "nobody-at-all"],
    ] as const) {
      const figures = await time(async () => {
        try {
          return await call(searchLoader as Loader, `${base}/search?q=${encodeURIComponent(q)}`);
        } catch (redirect) {
          if (redirect instanceof Response) return redirect.status; // one match: a jump
          throw redirect;
        }
      }, 60);
      console.log(`  ${label.padEnd(46)} ${figures}`);
    }

    // The export read as a client would: chunk by chunk, counting lines, never holding the file.
    const exportStarted = performance.now();
    const rssBefore = process.memoryUsage().rss;
    const response = (await sessionsCsvLoader({
      request: new Request(`http://localhost:3000${base}/sessions.csv?created[gte]=${now - 30 * 86_400}`, { headers: { cookie } }),
      params: { projectId, mode: "test" },
      context: {},
    })) as Response;
    let lines = 0;
    let peakRss = 0;
    const reader = response.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (const byte of value) if (byte === 10) lines++;
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }
    const seconds = (performance.now() - exportStarted) / 1000;
    console.log(
      `CSV export, last 30 days: ${(lines - 1).toLocaleString("en")} rows in ${seconds.toFixed(1)} s (${Math.round((lines - 1) / seconds).toLocaleString("en")} rows/s), process RSS ${Math.round(rssBefore / 1e6)} MB before, peak ${Math.round(peakRss / 1e6)} MB during`,
    );
    await handle.close();
  } finally {
    if (!reuse) await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
