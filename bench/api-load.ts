/**
 * Load on the real server: POST /v1/sessions requests per second on PostgreSQL
 * (node server.js, production build), with autocannon. Prints figures only.
 * Measured twice in one run, with the request log off and on (REQUEST_LOG; issue 16's
 * target: logging on keeps ≥ 90 % of the throughput), each on a fresh database and server.
 * Needs a build (npm run build). BENCH_DATABASE_URL as in bench/index.ts.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import autocannon from "autocannon";
import postgres from "postgres";
import { openDatabase } from "../db/client";
import { organization, project } from "../db/schema";
import { createApiKey } from "../app/keys/keys.server";

const APP_SECRET = "bench-secret-bench-secret-bench-secret-000000";
process.env.APP_SECRET ??= APP_SECRET;
const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);

const CLOCK_TICKS_PER_SECOND = 100; // Linux USER_HZ

/** User + system CPU seconds of these processes so far, from /proc (Linux). */
function cpuSecondsOf(pids: number[]) {
  let ticks = 0;
  for (const pid of pids) {
    try {
      // Fields after the "(comm)" part: utime and stime are the 12th and 13th.
      const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      /* gone */
    }
  }
  return ticks / CLOCK_TICKS_PER_SECOND;
}

/** The server's processes: the primary and its node:cluster workers. */
function serverPids(rootPid: number) {
  const children = fs.readFileSync(`/proc/${rootPid}/task/${rootPid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  return [rootPid, ...children];
}

async function waitHealthy(port: number) {
  const started = Date.now();
  while (Date.now() - started < 60_000) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("server did not start");
}

interface Measured {
  requestsPerSecond: number;
  appCpuMs: number;
}

async function main() {
  if (!fs.existsSync("build/index.js")) {
    console.log("POST /v1/sessions load: skipped (run `npm run build` first)");
    return;
  }
  const off = await measure(false);
  const on = await measure(true);
  console.log(
    `request log: on keeps ${((100 * on.requestsPerSecond) / off.requestsPerSecond).toFixed(1)} % of the throughput (target ≥ 90 %): ` +
      `${Math.round(on.requestsPerSecond)} vs ${Math.round(off.requestsPerSecond)} requests/s; app CPU per request ${on.appCpuMs.toFixed(2)} vs ${off.appCpuMs.toFixed(2)} ms`,
  );
}

async function measure(requestLog: boolean): Promise<Measured> {
  const name = `ramp_load_${Date.now()}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const port = Number(process.env.BENCH_PORT ?? 3990);
  const server = spawn(process.execPath, [...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"] : []), "server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      BASE_URL: `http://localhost:${port}`,
      DATABASE_URL: url.toString(),
      // The app's defaults (DATABASE_POOL_SIZE 10, one worker per core) unless asked otherwise.
      ...(process.env.BENCH_POOL_SIZE ? { DATABASE_POOL_SIZE: process.env.BENCH_POOL_SIZE } : {}),
      APP_SECRET: process.env.APP_SECRET,
      SEED_DEMO: "never",
      LOG_REQUESTS: "false",
      REQUEST_LOG: String(requestLog),
      // The per-key limit would cap a single-key benchmark: lift it for this run.
      API_RATE_LIMIT_MULTIPLIER: "1000",
    },
    stdio: "ignore",
  });
  try {
    await waitHealthy(port);
    const handle = await openDatabase({ databaseUrl: url.toString(), maxConnections: 2, migrate: false });
    await handle.db.insert(organization).values({ id: "org_bench", name: "Bench", slug: "bench" });
    const [created] = await handle.db.insert(project).values({ organizationId: "org_bench", name: "Bench" }).returning();
    const { token } = await createApiKey(handle.db, { projectId: created!.id, mode: "test", kind: "secret" });
    await handle.close();

    let n = 0;
    const run = (seconds: number) =>
      autocannon({
        url: `http://127.0.0.1:${port}/v1/sessions`,
        connections,
        duration: seconds,
        requests: [
          {
            method: "POST",
            headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
            setupRequest: (request) => ({
              ...request,
              body: JSON.stringify({
                externalCustomerId: `player_${n++ % 5000}`,
                sourceAmount: "100",
                sourceCurrency: "USD",
                destinationCurrency: "ETH",
                network: "ethereum",
                destinationAddress: "0x742d35Cc6634C0532925a3b844Bc9e7595f1bD21",
                redirectUrl: "https://yoursite.com/payment-complete",
                metadata: { partnerOrderId: `game_${n}` },
              }),
            }),
          },
        ],
      });
    // Warm-up (JIT, pool connections, prepared statements), then the measured run. CPU per request
    // (the server's processes, the PostgreSQL backends serving its database, this load generator)
    // is the steadier figure on a shared machine whose speed varies between runs.
    await run(2);
    const backends = (await admin<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${name}`).map((r) => r.pid);
    const pids = serverPids(server.pid!);
    const before = { app: cpuSecondsOf(pids), db: cpuSecondsOf(backends), load: process.cpuUsage() };
    const result = await run(duration);
    const load = process.cpuUsage(before.load);
    const total = result.requests.total;
    const perRequestMs = (seconds: number) => ((seconds * 1000) / total).toFixed(2);
    const appSeconds = cpuSecondsOf(pids) - before.app;
    // What the log wrote (and dropped) while measured: the buffer is flushed within a few hundred ms.
    await new Promise((r) => setTimeout(r, 1000));
    const scratch = postgres(url.toString(), { max: 1, onnotice: () => {} });
    const [logged] = await scratch<{ n: number }[]>`select count(*)::int as n from request_log`;
    await scratch.end();
    const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { requestLog?: { dropped: number } };
    console.log(
      `POST /v1/sessions on PostgreSQL, request log ${requestLog ? "ON " : "OFF"} (${connections} connections, ${duration} s): ${Math.round(result.requests.average)} requests/s, ` +
        `latency p50 ${result.latency.p50} ms p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}`,
    );
    console.log(
      `  CPU per request: app ${perRequestMs(appSeconds)} ms (${pids.length} processes), ` +
        `PostgreSQL ${perRequestMs(cpuSecondsOf(backends) - before.db)} ms (${backends.length} backends), ` +
        `load generator ${perRequestMs((load.user + load.system) / 1e6)} ms; ` +
        `rows logged ${logged!.n.toLocaleString("en")}, dropped (one worker's count) ${health.requestLog?.dropped ?? 0}`,
    );
    return { requestsPerSecond: result.requests.average, appCpuMs: (appSeconds * 1000) / total };
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
