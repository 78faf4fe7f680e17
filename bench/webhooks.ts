/**
 * npx tsx bench/webhooks.ts — webhook delivery figures, on the embedded database (PGlite in
 * memory) and on PostgreSQL, with the app's own queue workers and settings:
 *
 *   throughput   BENCH_WEBHOOK_EVENTS (default 3000) events written (in transactions of 50)
 *                while the workers are stopped, then deliveries/s from starting the workers to
 *                the receiver's last answer (the delivery side alone: a backlog drained)
 *   first try    BENCH_WEBHOOK_LATENCY_EVENTS (default 200) events, one every 20 ms; the delay
 *                from the state change's commit to the receiver getting the event, p50/p95
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres): a scratch database
 * is created there and dropped; set BENCH_WEBHOOK_DRIVERS=pglite to skip PostgreSQL.
 * Targets (issue 5): ≥ 300 deliveries/s, first attempt p95 ≤ 1 s. Prints; asserts nothing.
 */
import crypto from "node:crypto";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "../db/client";
import { recordEvent } from "../app/events/events.server";
import { useDatabaseHandle } from "../app/lib/db.server";
import { startQueue, stopQueue } from "../app/lib/queue.server";
import { createEndpoint } from "../app/webhooks/endpoints.server";
import { ensureDeliveryQueue, startWebhookDelivery, stopWebhookDelivery } from "../app/webhooks/worker.server";
import { insertProject, projectContext } from "../test/contexts";
import { startWebhookReceiver } from "../test/webhook-receiver";
import { percentile } from "./timing";

process.env.APP_SECRET ??= "bench-secret-bench-secret-bench-secret-000000";
process.env.LOG_REQUESTS = "false";
const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const drivers = (process.env.BENCH_WEBHOOK_DRIVERS ?? "pglite,postgres").split(",");
const EVENTS = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 3000);
const LATENCY_EVENTS = Number(process.env.BENCH_WEBHOOK_LATENCY_EVENTS ?? 200);

async function run(label: string, handle: DatabaseHandle, databaseUrl?: string) {
  useDatabaseHandle(handle);
  const receiver = await startWebhookReceiver();
  const ids = await insertProject(handle.db, "Bench hooks");
  const ctx = projectContext(handle.db, ids, "test");
  await createEndpoint(ctx, { url: receiver.url, enabledEvents: ["*"] });
  await startQueue({ handle, databaseUrl });
  await startWebhookDelivery({ db: handle.db });
  const event = (i: number) => ({
    projectId: ids.projectId,
    mode: "test" as const,
    type: "order.completed" as const,
    data: { order: { id: `ord_bench_${i}`, status: "completed" } },
  });
  try {
    // Warm-up: connections, prepared plans, the receiver's sockets.
    for (let i = 0; i < 20; i++) await handle.db.transaction((tx) => recordEvent(tx, event(i)));
    await receiver.waitFor(() => true, { count: 20, timeoutMs: 30_000 });
    receiver.received.length = 0;

    await stopWebhookDelivery();
    await ensureDeliveryQueue();
    const writing = performance.now();
    for (let i = 0; i < EVENTS; i += 50) {
      await handle.db.transaction(async (tx) => {
        for (let j = i; j < Math.min(EVENTS, i + 50); j++) await recordEvent(tx, event(j));
      });
    }
    const writeSeconds = (performance.now() - writing) / 1000;
    const started = performance.now();
    await startWebhookDelivery({ db: handle.db });
    await receiver.waitFor(() => true, { count: EVENTS, timeoutMs: 600_000 });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `webhooks, ${label}: ${EVENTS.toLocaleString("en")} deliveries in ${seconds.toFixed(1)} s = ${Math.round(EVENTS / seconds).toLocaleString("en")} deliveries/s (the events with their deliveries and jobs were written at ${Math.round(EVENTS / writeSeconds).toLocaleString("en")}/s)`,
    );

    receiver.received.length = 0;
    const committedAt = new Map<string, number>();
    for (let i = 0; i < LATENCY_EVENTS; i++) {
      const payload = await handle.db.transaction((tx) => recordEvent(tx, event(i)));
      committedAt.set(payload.id, Date.now());
      await new Promise((r) => setTimeout(r, 20));
    }
    await receiver.waitFor(() => true, { count: LATENCY_EVENTS, timeoutMs: 120_000 });
    const firstArrival = new Map<string, number>();
    for (const r of receiver.received) if (!firstArrival.has(r.id)) firstArrival.set(r.id, r.receivedAt);
    const delays = [...committedAt].map(([id, at]) => firstArrival.get(id)! - at);
    console.log(
      `webhooks, ${label}: state change → first attempt p50 ${percentile(delays, 50)} ms, p95 ${percentile(delays, 95)} ms (${LATENCY_EVENTS} events, one every 20 ms)`,
    );
  } finally {
    await stopWebhookDelivery();
    await stopQueue();
    await receiver.close();
  }
}

async function main() {
  if (drivers.includes("pglite")) {
    const handle = await openDatabase({ dataDir: "memory://" });
    try {
      await run("PGlite (in process)", handle);
    } finally {
      await handle.close();
    }
  }
  if (drivers.includes("postgres")) {
    const name = `wh_bench_${crypto.randomBytes(4).toString("hex")}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ databaseUrl: url.toString(), maxConnections: 10 });
    try {
      await run("PostgreSQL (one process)", handle, url.toString());
    } finally {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
