/**
 * npx tsx bench/request-log.ts — the console's Logs page loader with 1,000,000 logged requests
 * (issue 16; target p95 ≤ 50 ms for any filter, first page and deep page). Prints figures,
 * asserts nothing. The rows are bulk-inserted with generate_series into a scratch database
 * (dropped after), spread over the 30 days of retention, 90 % in the measured project and
 * mode, with realistic mixes of status, method, endpoint, key, IP and error code.
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres): the server.
 * BENCH_REQUEST_LOGS (default 1000000): rows inserted.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, rowsOf } from "../db/client";
import { DEMO_USER, ensureDemoOrganization } from "../app/demo/demo.server";
import { getAuth } from "../app/lib/auth.server";
import { useDatabaseHandle } from "../app/lib/db.server";
import { rebuildErrorHours } from "../app/request-logs/error-hours.server";
import { listRequestLogs, parseRequestLogParams } from "../app/request-logs/list.server";
import { ensurePartitions } from "../app/request-logs/partitions.server";
import { loader as logsLoader } from "../app/routes/_app.projects.$projectId.$mode.logs._index/route";
import { loader as errorsLoader } from "../app/routes/_app.projects.$projectId.$mode.logs.errors";
import { percentile, sampleTimes } from "./timing";

process.env.APP_SECRET ??= "bench-secret-bench-secret-bench-secret-000000";
process.env.AUTH_RATE_LIMIT_PER_MINUTE ??= "100000";
const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const size = Number(process.env.BENCH_REQUEST_LOGS ?? 1_000_000);
const DAYS = 30;
const ms = (n: number) => `${n.toFixed(2)} ms`;
type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;

const ENDPOINTS = [
  ["POST", "/v1/sessions", "POST /v1/sessions"],
  ["GET", "/v1/sessions/sess_X", "GET /v1/sessions/:id"],
  ["POST", "/v1/sessions/sess_X/order", "POST /v1/sessions/:id/order"],
  ["POST", "/v1/sessions/sess_X/confirm", "POST /v1/sessions/:id/confirm"],
  ["GET", "/v1/sessions", "GET /v1/sessions"],
  ["GET", "/v1/orders", "GET /v1/orders"],
  ["GET", "/v1/orders/ord_X", "GET /v1/orders/:id"],
  ["GET", "/public/v1/onramp/quotes", "GET /public/v1/onramp/quotes"],
  ["POST", "/v1/orders/ord_X/refund", "POST /v1/orders/:id/refund"],
  ["DELETE", "/v1/webhook_endpoints/we_X", "DELETE /v1/webhook_endpoints/:id"],
] as const;

async function main() {
  const name = `ramp_bench_reqlog_${Date.now()}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    const handle = await openDatabase({ databaseUrl: url.toString(), maxConnections: 10 });
    useDatabaseHandle(handle);
    const db = handle.db;
    const demo = await ensureDemoOrganization(db);
    const projectId = demo.projectIds[0]!;
    const otherProject = demo.projectIds[1] ?? projectId;
    const now = Date.now();
    await ensurePartitions(
      db,
      Array.from({ length: DAYS + 1 }, (_, i) => new Date(now - i * 86_400_000)),
    );

    const started = performance.now();
    const chunk = 100_000;
    // Endpoint i picks method, path and pattern; status mostly 2xx, some 4xx, a few 5xx.
    const endpoints = sql.raw(`(array[${ENDPOINTS.map((e) => `'${e[2]}'`).join(",")}])`);
    const paths = sql.raw(`(array[${ENDPOINTS.map((e) => `'${e[1]}'`).join(",")}])`);
    const methods = sql.raw(`(array[${ENDPOINTS.map((e) => `'${e[0]}'`).join(",")}])`);
    for (let from = 1; from <= size; from += chunk) {
      const to = Math.min(size, from + chunk - 1);
      await db.execute(sql`
        insert into request_log (id, created_at, project_id, mode, source, method, path, endpoint, status, latency_ms, key_id, key_kind, ip, user_agent,
                                 idempotency_key, error_code, error_message, request_headers, response_headers, request_body, response_body, object_ids)
        select 'req_' || substr(md5(g::text), 1, 24),
               to_timestamp(${now / 1000} - (g::float8 / ${size}) * ${DAYS * 86_400} - 60),
               case when g % 10 = 0 then ${otherProject}::uuid else ${projectId}::uuid end,
               'test', case when g % 200 = 3 then 'callback' else 'api' end,
               ${methods}[e], ${paths}[e], ${endpoints}[e], st, (g % 90) + 3,
               'key_bench' || (g % 5), case when g % 5 = 0 then 'publishable' else 'secret' end,
               '198.51.' || (g % 7) || '.' || (g % 200), 'bench-client/1.0',
               case when e in (1, 3, 9) and g % 3 = 0 then 'idem_' || g else null end,
               case st when 400 then 'VALIDATION_ERROR' when 401 then 'INVALID_API_KEY' when 404 then 'NOT_FOUND' when 409 then 'INVALID_STATE'
                       when 429 then 'RATE_LIMIT_EXCEEDED' when 500 then 'INTERNAL_ERROR' else null end,
               case when st >= 400 then 'Something about this request.' else null end,
               '{"content-type":"application/json","user-agent":"bench-client/1.0","authorization":"Bearer sk_test_[redacted]"}',
               '{"content-type":"application/json; charset=utf-8"}',
               case when ${methods}[e] = 'POST' then '{"externalCustomerId":"player_' || (g % 5000) || '","sourceAmount":"100","sourceCurrency":"USD","destinationCurrency":"ETH"}' else null end,
               '{"type":"session","id":"sess_' || substr(md5(g::text), 1, 20) || '","attributes":{"status":"pending","sourceAmount":"100"}}',
               array['sess_' || substr(md5((g / 4)::text), 1, 20)] || case when e in (7, 9) then array['ord_' || substr(md5((g / 4)::text), 1, 20)] else array[]::text[] end
        from (
          select g,
                 -- Endpoint mix: sessions and orders reads dominate, the DELETE is rare.
                 case when g % 100 < 30 then 1 when g % 100 < 55 then 2 when g % 100 < 65 then 3 when g % 100 < 72 then 4 when g % 100 < 80 then 5
                      when g % 100 < 87 then 6 when g % 100 < 93 then 7 when g % 100 < 98 then 8 when g % 1000 < 995 then 9 else 10 end as e,
                 -- Status drawn independently of the endpoint (another stride through g).
                 case when (g::bigint * 7919) % 100 < 86 then (case when g % 2 = 0 then 200 else 201 end) when (g::bigint * 7919) % 100 < 93 then 400
                      when (g::bigint * 7919) % 100 < 95 then 404 when (g::bigint * 7919) % 100 < 97 then 401 when (g::bigint * 7919) % 100 < 98 then 409
                      when (g::bigint * 7919) % 1000 < 993 then 429 else 500 end as st
          from generate_series(${from}::int, ${to}::int) g
        ) s`);
    }
    console.log(`inserted ${size.toLocaleString("en")} logged requests in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    // The app counts failed requests per hour as it writes them; a bulk insert has to recount.
    const counted = performance.now();
    await rebuildErrorHours(db);
    console.log(`counted failed requests per hour (the Errors view's table) in ${((performance.now() - counted) / 1000).toFixed(1)} s`);
    await db.execute(sql`vacuum analyze request_log`);
    await db.execute(sql`vacuum analyze request_log_error_hours`);
    const [{ count }] = rowsOf<{ count: number }>(
      await db.execute(sql`select count(*)::int as count from request_log where project_id = ${projectId} and mode = 'test'`),
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
      return result instanceof Response ? result.text() : JSON.stringify(result);
    };
    const base = `/projects/${projectId}/test`;
    const nowSeconds = Math.floor(now / 1000);
    const [sample] = rowsOf<{ id: string; object: string; idem: string }>(
      await db.execute(
        sql`select id, object_ids[1] as object, (select idempotency_key from request_log where project_id = ${projectId} and idempotency_key is not null limit 1) as idem
            from request_log where project_id = ${projectId} and mode = 'test' order by created_at desc limit 1 offset 5000`,
      ),
    );
    const filters: { label: string; query: string; where: ReturnType<typeof sql> }[] = [
      { label: "no filter", query: "", where: sql`true` },
      { label: "status=4xx", query: "&status=4xx", where: sql`status >= 400 and status < 500` },
      { label: "status=500", query: "&status=500", where: sql`status = 500` },
      { label: "status=2xx", query: "&status=2xx", where: sql`status >= 200 and status < 300` },
      { label: "method=DELETE", query: "&method=DELETE", where: sql`method = 'DELETE'` },
      {
        label: "endpoint=POST /v1/sessions/:id/order",
        query: `&endpoint=${encodeURIComponent("POST /v1/sessions/:id/order")}`,
        where: sql`endpoint = 'POST /v1/sessions/:id/order'`,
      },
      { label: "key=key_bench3", query: "&key=key_bench3", where: sql`key_id = 'key_bench3'` },
      { label: "ip=198.51.3.17", query: "&ip=198.51.3.17", where: sql`ip = '198.51.3.17'` },
      { label: "error_code=INTERNAL_ERROR", query: "&error_code=INTERNAL_ERROR", where: sql`status >= 400 and error_code = 'INTERNAL_ERROR'` },
      { label: "source=callback", query: "&source=callback", where: sql`source = 'callback'` },
      {
        label: "created 20 to 10 days ago",
        query: `&created[gte]=${nowSeconds - 20 * 86_400}&created[lt]=${nowSeconds - 10 * 86_400}`,
        where: sql`created_at >= to_timestamp(${nowSeconds - 20 * 86_400}) and created_at < to_timestamp(${nowSeconds - 10 * 86_400})`,
      },
      { label: "q=<object id> (sess_…)", query: `&q=${sample!.object}`, where: sql`object_ids @> array[${sample!.object}]::text[]` },
      { label: "q=<request id> (req_…)", query: `&q=${sample!.id}`, where: sql`id = ${sample!.id}` },
      { label: "q=<idempotency key>", query: `&q=${sample!.idem}`, where: sql`idempotency_key = ${sample!.idem}` },
      {
        label: "status=4xx & POST /v1/sessions & 7 days",
        query: `&status=4xx&endpoint=${encodeURIComponent("POST /v1/sessions")}&created[gte]=${nowSeconds - 7 * 86_400}`,
        where: sql`status >= 400 and status < 500 and endpoint = 'POST /v1/sessions' and created_at >= to_timestamp(${nowSeconds - 7 * 86_400})`,
      },
    ];
    console.log(
      `\n== Logs page loader at ${count.toLocaleString("en")} requests in the project and mode (${size.toLocaleString("en")} in the table; PostgreSQL) ==`,
    );
    console.log("logs page loader, limit=50 (target p95 ≤ 50 ms):");
    let worst = 0;
    for (const filter of filters) {
      const scope = sql`project_id = ${projectId} and mode = 'test' and ${filter.where}`;
      const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from request_log where ${scope}`)) as [{ n: number }];
      const [deep] = rowsOf<{ id: string }>(
        await db.execute(sql`select id from request_log where ${scope} order by created_at desc, id desc offset ${Math.floor(n * 0.8)} limit 1`),
      );
      for (const page of [{ name: "first page", cursor: "" }, ...(deep && n > 50 ? [{ name: "page at 80%", cursor: `&starting_after=${deep.id}` }] : [])]) {
        const query = `limit=50${filter.query}${page.cursor}`;
        // The whole loader (session check, permission, parsing, query, serialisation), then its query alone.
        const times = await sampleTimes(() => call(logsLoader as Loader, `${base}/logs?${query}`), { n: 60 });
        const scope = { db, projectId, mode: "test" as const };
        const raw = await sampleTimes(() => listRequestLogs(scope, parseRequestLogParams(new URLSearchParams(query))), { n: 60 });
        const p95 = percentile(times, 95);
        worst = Math.max(worst, p95);
        console.log(
          `  ${`${filter.label}, ${page.name}`.padEnd(56)} p50 ${ms(percentile(times, 50)).padStart(10)}  p95 ${ms(p95).padStart(10)}` +
            `   query alone p50 ${ms(percentile(raw, 50)).padStart(9)} p95 ${ms(percentile(raw, 95)).padStart(9)}   (${n.toLocaleString("en")} match)`,
        );
      }
    }
    console.log(`  worst p95: ${ms(worst)}`);
    // Planning over every daily partition (and its indexes) is part of each call's cost: shown for the plain list.
    const explained = rowsOf<Record<string, unknown>>(
      await db.execute(
        sql`explain (analyze, format json) select id from request_log where project_id = ${projectId} and mode = 'test' order by created_at desc, id desc limit 51`,
      ),
    );
    const plan = (Object.values(explained[0] ?? {})[0] as { "Planning Time": number; "Execution Time": number }[] | undefined)?.[0];
    if (plan) console.log(`  plain first page: planning ${ms(plan["Planning Time"])}, execution ${ms(plan["Execution Time"])} (${DAYS + 1} partitions)`);
    console.log("errors view loader (failed requests grouped by endpoint and error code):");
    for (const range of ["24h", "7d"]) {
      const times = await sampleTimes(() => call(errorsLoader as Loader, `${base}/logs/errors?range=${range}`), { n: 30, warmup: 3 });
      console.log(`  ${range.padEnd(56)} p50 ${ms(percentile(times, 50)).padStart(10)}  p95 ${ms(percentile(times, 95)).padStart(10)}`);
    }
    await handle.close();
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
