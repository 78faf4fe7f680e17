/**
 * The console's webhook receiver samples (app/webhooks/samples.ts), run as a partner would run them: each written to
 * a temp folder and started as its own process, then sent real deliveries of a sandbox order by the platform's
 * queue. Each must verify them, answer 2xx, apply the order's events by `sequence` and drop a stale one; and refuse a
 * forged one. The Python standardwebhooks sample runs only where python3 can import `standardwebhooks`.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { order, webhookDelivery, event as eventTable } from "../db/schema";
import type { EventType } from "../db/schema/webhooks";
import { startQueue, stopQueue } from "../app/lib/queue.server";
import { decideSandboxPayment } from "../app/sandbox/provider.server";
import { action as createSessionRoute } from "../app/routes/v1.sessions";
import { action as placeOrder } from "../app/routes/v1.sessions.$sessionId.order";
import { action as endpointsAction } from "../app/routes/v1.webhook_endpoints";
import { resendDelivery } from "../app/webhooks/deliveries.server";
import { signedHeaders } from "../app/webhooks/signing.server";
import { WEBHOOK_CODE_SAMPLES, type WebhookCodeSample } from "../app/webhooks/samples";
import { startWebhookDelivery, stopWebhookDelivery } from "../app/webhooks/worker.server";
import { call } from "./api-client";
import { insertApiProject, projectContext, type ProjectIds, type TestKeys } from "./contexts";
import { createTestDatabase, type TestDatabase } from "./database";
import { orderBody, sessionBody } from "./fixtures";
import { useInProcessProviders } from "./in-process-providers";
import { freePort } from "./server-process";

function pythonHas(module: string) {
  try {
    execFileSync("python3", ["-c", `import ${module}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const PYTHON = pythonHas("json");
const PYTHON_STANDARDWEBHOOKS = PYTHON && pythonHas("standardwebhooks");

interface RunningSample {
  url: string;
  secret: string;
  endpointId: string;
  lines: string[];
  child: ChildProcess;
}

let database: TestDatabase;
let ids: ProjectIds;
let keys: TestKeys;
let restoreFetch: () => void;
let dir: string;
const running: RunningSample[] = [];

async function startSample(sample: WebhookCodeSample): Promise<RunningSample> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/webhooks`;
  const created = await call(endpointsAction, { path: "/v1/webhook_endpoints", key: keys.sk, body: { url } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const secret: string = created.body.attributes.secret;
  const file = path.join(dir, sample.fileName);
  fs.writeFileSync(file, sample.code);
  const command = sample.fileName.endsWith(".py") ? "python3" : process.execPath;
  const child = spawn(command, [file], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "production", PORT: String(port), RAMP_WEBHOOK_SECRET: secret },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const collect = (chunk: Buffer) => lines.push(...String(chunk).split("\n").filter(Boolean));
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const started: RunningSample = { url, secret, endpointId: created.body.id, lines, child };
  running.push(started);
  await waitForLine(started, (l) => l === "listening", 20_000);
  return started;
}

async function waitForLine(sample: RunningSample, predicate: (line: string) => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!sample.lines.some(predicate)) {
    if (Date.now() > deadline || sample.child.exitCode !== null) throw new Error(`No such line; the sample printed:\n${sample.lines.join("\n")}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return sample.lines.find(predicate)!;
}

beforeAll(async () => {
  database = await createTestDatabase();
  restoreFetch = useInProcessProviders();
  ({ ids, keys } = await insertApiProject(database.db, "Samples shop"));
  await startQueue({ handle: database, databaseUrl: database.url, maxConnections: 3 });
  await startWebhookDelivery({ db: database.db, pollingIntervalSeconds: 0.5, sweepIntervalMs: 1_000 });
  // The samples import express and standardwebhooks: the repo's own node_modules stand in for the partner's install.
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ramp-webhook-samples-"));
  fs.symlinkSync(path.resolve("node_modules"), path.join(dir, "node_modules"), "dir");
}, 60_000);

afterAll(async () => {
  for (const sample of running) sample.child.kill("SIGKILL");
  await stopWebhookDelivery();
  await stopQueue();
  restoreFetch?.();
  await database?.destroy();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** A paid sandbox order: its order.* and transaction.completed events are delivered to every endpoint. */
async function paidOrder() {
  const session = await call(createSessionRoute, { path: "/v1/sessions", key: keys.sk, body: sessionBody() });
  const placed = await call(placeOrder, {
    path: "/x",
    key: keys.pk,
    params: { sessionId: session.body.id },
    body: { clientSecret: session.body.attributes.clientSecret, ...orderBody() },
  });
  expect(placed.status, JSON.stringify(placed.body)).toBe(201);
  const [row] = await database.db.select().from(order).where(eq(order.id, placed.body.id));
  await decideSandboxPayment(database.db, "banxa", row!.providerOrderId!, "approve");
  return row!.id;
}

async function deliveryOf(endpointId: string, orderId: string, type: EventType) {
  const [row] = await database.db
    .select({ id: webhookDelivery.id, status: webhookDelivery.status, eventId: eventTable.id })
    .from(webhookDelivery)
    .innerJoin(eventTable, eq(eventTable.id, webhookDelivery.eventId))
    .where(and(eq(webhookDelivery.endpointId, endpointId), eq(eventTable.orderId, orderId), eq(eventTable.type, type)));
  return row!;
}

describe.each(WEBHOOK_CODE_SAMPLES)("the $label sample", (sample) => {
  const skip = sample.fileName.endsWith(".py") && (!PYTHON || (sample.id === "python" && !PYTHON_STANDARDWEBHOOKS));
  if (skip) {
    it.skip(`skipped: ${PYTHON ? "python3 cannot import standardwebhooks (pip install standardwebhooks)" : "no python3 on this machine"}`, () => {});
    return;
  }

  it("verifies real deliveries, answers 2xx, applies the order by sequence, drops a stale event and refuses a forged one", async () => {
    const receiver = await startSample(sample);
    const orderId = await paidOrder();
    // Every event of the order arrives verified (in whatever order the queue delivered them) and is answered 2xx.
    await waitForLine(receiver, (l) => l.startsWith("verified order.completed "));
    await waitForLine(receiver, (l) => l.startsWith("verified transaction.completed "));
    await waitForLine(receiver, (l) => l.startsWith("verified order.processing "));
    // order.completed carries the order's highest order.* sequence: it is applied whatever came before it.
    await waitForLine(receiver, (l) => l === `applied order.completed ${orderId} completed`);
    for (const type of ["order.created", "order.processing", "order.completed", "transaction.completed"] as const) {
      await expect.poll(async () => (await deliveryOf(receiver.endpointId, orderId, type)).status, { timeout: 15_000 }).toBe("succeeded");
    }

    // A late copy of order.created (sequence 1) must not move the order back.
    const created = await deliveryOf(receiver.endpointId, orderId, "order.created");
    await resendDelivery(projectContext(database.db, ids, "test"), created.id);
    await waitForLine(receiver, (l) => l.startsWith(`stale order.created ${created.eventId}: sequence 1 <= `));
    expect(receiver.lines.filter((l) => l.startsWith(`applied order.created ${orderId}`)).length).toBeLessThanOrEqual(1);

    // A forged body (signed with another secret, or tampered) is refused with 400 and never handled.
    const body = JSON.stringify({
      id: "evt_forged",
      type: "order.completed",
      createdAt: new Date().toISOString(),
      sequence: 99,
      data: { order: { id: orderId } },
    });
    const forged = signedHeaders({
      eventId: "evt_forged",
      eventType: "order.completed",
      deliveryId: "whd_forged",
      body,
      secrets: ["whsec_" + Buffer.alloc(24, 7).toString("base64")],
      at: new Date(),
    });
    expect((await fetch(receiver.url, { method: "POST", headers: forged, body })).status).toBe(400);
    const genuine = signedHeaders({
      eventId: "evt_tampered",
      eventType: "order.completed",
      deliveryId: "whd_t",
      body,
      secrets: [receiver.secret],
      at: new Date(),
    });
    expect((await fetch(receiver.url, { method: "POST", headers: genuine, body: body.replace("99", "98") })).status).toBe(400);
    // An old signature (a replay 10 minutes later) is refused too.
    const old = signedHeaders({
      eventId: "evt_old",
      eventType: "order.completed",
      deliveryId: "whd_o",
      body,
      secrets: [receiver.secret],
      at: new Date(Date.now() - 600_000),
    });
    expect((await fetch(receiver.url, { method: "POST", headers: old, body })).status).toBe(400);
    expect(receiver.lines.some((l) => l.includes("evt_forged") || l.includes("evt_tampered") || l.includes("evt_old"))).toBe(false);
  }, 60_000);
});

// The README's five-minute path and the quick start run the repo's copy of the Node sample (with `ramp listen`): it is
// the sample above, byte for byte, so what the console shows is what was tested.
it("docs/examples/webhook-receiver.mjs is the console's Node sample", () => {
  const node = WEBHOOK_CODE_SAMPLES.find((s) => s.id === "node")!;
  expect(fs.readFileSync("docs/examples/webhook-receiver.mjs", "utf8")).toBe(node.code);
});
