/**
 * Crash safety of webhook delivery, on the real server (node server.js on a built app):
 * a burst of 1,000 events (sessions cancelled through the API), the server killed with
 * SIGKILL in the middle of it, started again: every event whose change committed reaches
 * the receiver at least once. On PostgreSQL the server runs two worker processes
 * (WEB_CONCURRENCY=2, each with its own queue workers), and the receiver checks that no
 * event is ever being delivered twice at the same moment.
 *
 * Needs a build: it uses REMIX_OUT_DIR's (default .builds/crash) and builds it when missing.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../db/client";
import { createApiKey } from "../app/keys/keys.server";
import { insertProject } from "./contexts";
import { createTestDatabase, TEST_DRIVER, type TestDatabase } from "./database";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver";
import { ensureBuild, freePort, OUT_DIR } from "./server-process";

const EVENTS = 1000;
const CONCURRENCY = 25;

let database: TestDatabase | undefined;
let dataDir: string | undefined;
let receiver: WebhookReceiver;
let secretKey = "";
let server: ChildProcess | undefined;
let port = 0;
const output: string[] = [];

async function startServer() {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    BASE_URL: `http://127.0.0.1:${port}`,
    APP_SECRET: process.env.APP_SECRET!,
    REMIX_OUT_DIR: OUT_DIR,
    SEED_DEMO: "never",
    LOG_REQUESTS: "false",
    API_RATE_LIMIT_MULTIPLIER: "1000",
    ...(database?.url ? { DATABASE_URL: database.url, WEB_CONCURRENCY: "2", DATABASE_POOL_SIZE: "5" } : { DATA_DIR: dataDir! }),
  };
  // Its own process group, so SIGKILL reaches the cluster's workers too.
  const child = spawn(process.execPath, ["server.js"], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  server = child;
  child.stdout!.on("data", (chunk) => output.push(String(chunk)));
  child.stderr!.on("data", (chunk) => output.push(String(chunk)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return;
    } catch {
      /* not up yet */
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`The server did not start:\n${output.join("")}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function kill(signal: NodeJS.Signals) {
  if (server?.pid && server.exitCode === null) {
    try {
      process.kill(-server.pid, signal);
    } catch {
      /* already gone */
    }
  }
}

async function api(method: string, pathname: string, body?: unknown) {
  const response = await fetch(`http://127.0.0.1:${port}${pathname}`, {
    method,
    headers: { Authorization: `Bearer ${secretKey}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

/** Runs `task` over `items`, `CONCURRENCY` at a time; failures (a killed server) are counted, not thrown. */
async function pool<T>(items: T[], task: (item: T) => Promise<unknown>, stop?: () => boolean) {
  let next = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length && !stop?.()) {
        const item = items[next++]!;
        try {
          await task(item);
        } catch {
          failed++;
        }
      }
    }),
  );
  return failed;
}

beforeAll(async () => {
  await ensureBuild();
  let handle: DatabaseHandle;
  if (TEST_DRIVER === "postgres") {
    database = await createTestDatabase({ install: false });
    handle = database;
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "wh-crash-"));
    handle = await openDatabase({ dataDir });
  }
  const ids = await insertProject(handle.db, "Crash shop");
  secretKey = (await createApiKey(handle.db, { projectId: ids.projectId, mode: "test", kind: "secret" })).token;
  // The embedded database belongs to one process: hand it to the server.
  if (!database) await handle.close();
  receiver = await startWebhookReceiver();
  // Slow answers: at any moment some attempts are waiting on the receiver, so the kill cuts them short.
  receiver.delayMs = 200;
  port = await freePort();
  await startServer();
}, 240_000);

afterAll(async () => {
  kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  kill("SIGKILL");
  await receiver?.close();
  await database?.destroy();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  for (const suffix of [".secret", ".owner", ".lock"]) if (dataDir) fs.rmSync(`${dataDir}${suffix}`, { recursive: true, force: true });
});

describe(`webhook delivery survives SIGKILL (${TEST_DRIVER})`, () => {
  it("delivers every committed event of a 1,000-event burst at least once, never one event twice at once", async () => {
    const endpoint = await api("POST", "/v1/webhook_endpoints", { url: receiver.url, enabledEvents: ["session.cancelled"] });
    expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
    receiver.secret = endpoint.body.attributes.secret;

    const sessions: string[] = [];
    await pool(
      Array.from({ length: EVENTS }, (_, i) => i),
      async (i) => {
        const created = await api("POST", "/v1/sessions", { externalCustomerId: `crash_${i}` });
        if (created.status !== 201) throw new Error(JSON.stringify(created.body));
        sessions.push(created.body.id);
      },
    );
    expect(sessions).toHaveLength(EVENTS);

    // The burst: each cancel writes a session.cancelled event in its transaction. Kill the
    // server once deliveries are flowing and a good part of the burst is still to come.
    const cancelledOk = new Set<string>();
    let killed = false;
    const burst = pool(
      sessions,
      async (id) => {
        const result = await api("POST", `/v1/sessions/${id}/cancel`);
        if (result.status === 200) cancelledOk.add(id);
      },
      () => killed,
    );
    await receiver.waitFor((r) => r.type === "session.cancelled", { count: 150, timeoutMs: 60_000 });
    // Kill while the receiver holds an attempt unanswered (it answers after 200 ms): that attempt's
    // outcome dies with the server, so it must be sent again after the restart.
    const holding = Date.now() + 30_000;
    while (receiver.pending === 0 && Date.now() < holding) await new Promise((r) => setTimeout(r, 2));
    expect(receiver.pending, "an attempt is in flight at the kill").toBeGreaterThan(0);
    kill("SIGKILL");
    const cutShort = receiver.inFlightIds();
    killed = true;
    await burst;
    const receivedBeforeRestart = receiver.received.length;
    expect(cancelledOk.size, "the kill came mid-burst").toBeLessThan(EVENTS);

    // Restart (PGlite: once the dead process's folder lock is stale) and finish the burst.
    for (let tries = 0; ; tries++) {
      try {
        await startServer();
        break;
      } catch (error) {
        if (tries > 6) throw error;
        await new Promise((r) => setTimeout(r, 5_000));
      }
    }
    await pool(sessions, async (id) => {
      const read = await api("GET", `/v1/sessions/${id}`);
      if (read.body.attributes.status !== "cancelled") {
        const cancelled = await api("POST", `/v1/sessions/${id}/cancel`);
        if (cancelled.status !== 200) throw new Error(JSON.stringify(cancelled.body));
      }
    });

    // Every one of the 1,000 events reaches the receiver (retries of jobs cut short by the
    // kill come after their lease and job expiry: about a minute).
    const want = new Set(sessions);
    const seen = () => new Set(receiver.received.filter((r) => r.type === "session.cancelled").map((r) => r.payload.data.session.sessionId as string));
    const timesReceived = (webhookId: string) => receiver.received.filter((r) => r.id === webhookId).length;
    const deadline = Date.now() + 200_000;
    // Wait for every event, and for the attempts cut short by the kill to come again (after their lease).
    const done = () => [...want].every((id) => seen().has(id)) && cutShort.every((id) => timesReceived(id) > 1);
    while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    const missing = [...want].filter((id) => !seen().has(id));
    expect(missing, `${missing.length} events never delivered (received ${receiver.received.length}, ${receivedBeforeRestart} before the restart)`).toEqual([]);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    // Attempts the kill cut short (the receiver had them, the dead server never read the answer) were sent again.
    const perId = new Map<string, number>();
    for (const r of receiver.received) perId.set(r.id, (perId.get(r.id) ?? 0) + 1);
    expect(
      cutShort.filter((id) => (perId.get(id) ?? 0) < 2),
      "attempts cut short by the kill were delivered again after the restart",
    ).toEqual([]);
    // One event per session: the same webhook-id is never in flight twice at once, across workers and restarts.
    expect(receiver.maxConcurrentPerId).toBe(1);
    if (database) expect(output.join("")).toContain("2 worker processes");
  }, 420_000);
});
