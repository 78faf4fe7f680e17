/**
 * Webhooks end to end in-process: endpoints over the API, the real queue (pg-boss on the
 * driver under test), a partner's receiver verifying with `standardwebhooks`, retries on a
 * short injected schedule, the attempt log, Resend, test events, rolled secrets, auto-disable.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { auditLog, order, project, webhookAttempt, webhookDelivery, webhookEndpoint } from "../db/schema";
import { createApiKey } from "../app/keys/keys.server";
import { startQueue, stopQueue } from "../app/lib/queue.server";
import { decideSandboxPayment } from "../app/sandbox/provider.server";
import { action as createSessionRoute } from "../app/routes/v1.sessions";
import { action as placeOrder } from "../app/routes/v1.sessions.$sessionId.order";
import { action as refundRoute } from "../app/routes/v1.orders.$orderId.refund";
import { action as endpointsAction, loader as endpointsLoader } from "../app/routes/v1.webhook_endpoints";
import { action as endpointAction, loader as endpointLoader } from "../app/routes/v1.webhook_endpoints.$endpointId";
import { getEventDetail } from "../app/events/events.server";
import { configureDelivery, RETRY_SCHEDULE_MS, DISABLE_AFTER_MS } from "../app/webhooks/delivery.server";
import { resendDelivery, sendTestEvent } from "../app/webhooks/deliveries.server";
import { ensureDeliveryQueue, startWebhookDelivery, stopWebhookDelivery } from "../app/webhooks/worker.server";
import { isPublicAddress } from "../app/webhooks/ssrf.server";
import { call } from "./api-client";
import { insertApiProject, insertProject, projectContext, type ProjectIds } from "./contexts";
import { createTestDatabase, type TestDatabase } from "./database";
import { useInProcessProviders } from "./in-process-providers";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver";
import { orderBody, sessionBody } from "./fixtures";

let database: TestDatabase;
let ids: ProjectIds;
let other: ProjectIds;
let restoreFetch: () => void;
let receiver: WebhookReceiver;
const keys = { sk: "", pk: "", liveSk: "", otherSk: "" };
const RETRIES = [150, 150, 150];

async function createEndpoint(body: Record<string, unknown>, key = keys.sk) {
  return call(endpointsAction, { path: "/v1/webhook_endpoints", key, body });
}

async function deliveriesOf(endpointId: string) {
  return database.db.select().from(webhookDelivery).where(eq(webhookDelivery.endpointId, endpointId));
}

beforeAll(async () => {
  database = await createTestDatabase();
  restoreFetch = useInProcessProviders();
  const home = await insertApiProject(database.db, "Hooks shop");
  ids = home.ids;
  Object.assign(keys, home.keys);
  other = await insertProject(database.db, "Other shop");
  keys.liveSk = (await createApiKey(database.db, { projectId: ids.projectId, mode: "live", kind: "secret" })).token;
  // Its live key is used below: the project has gone live (live keys are refused before).
  await database.db.update(project).set({ defaultMode: "live" }).where(eq(project.id, ids.projectId));
  keys.otherSk = (await createApiKey(database.db, { projectId: other.projectId, mode: "test", kind: "secret" })).token;
  await startQueue({ handle: database, databaseUrl: database.url, maxConnections: 3 });
  await startWebhookDelivery({ db: database.db, retryScheduleMs: RETRIES, pollingIntervalSeconds: 0.5, sweepIntervalMs: 1_000 });
  receiver = await startWebhookReceiver();
}, 60_000);

afterAll(async () => {
  configureDelivery({ retryScheduleMs: RETRY_SCHEDULE_MS, disableAfterMs: DISABLE_AFTER_MS });
  await stopWebhookDelivery();
  await stopQueue();
  await receiver?.close();
  restoreFetch?.();
  await database?.destroy();
});

describe("the endpoints API", () => {
  it("creates, lists, reads, updates and deletes an endpoint; the secret only on creation", async () => {
    const created = await createEndpoint({ url: "https://example.com/hooks", description: "Backend", enabledEvents: ["order.completed"] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      type: "webhook_endpoint",
      id: expect.stringMatching(/^we_/),
      attributes: {
        url: "https://example.com/hooks",
        description: "Backend",
        enabledEvents: ["order.completed"],
        status: "enabled",
        secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]+=*$/),
      },
    });
    const id = created.body.id as string;
    const list = await call(endpointsLoader, { path: "/v1/webhook_endpoints", key: keys.sk });
    expect(list.body.data.map((e: { id: string }) => e.id)).toContain(id);
    expect(JSON.stringify(list.body)).not.toContain("whsec_");
    const read = await call(endpointLoader, { path: `/v1/webhook_endpoints/${id}`, key: keys.sk, params: { endpointId: id } });
    expect(read.body.attributes.secret).toBeUndefined();
    const updated = await call(endpointAction, {
      path: `/v1/webhook_endpoints/${id}`,
      key: keys.sk,
      params: { endpointId: id },
      body: { enabledEvents: ["*"], status: "disabled" },
    });
    expect(updated.body.attributes).toMatchObject({ enabledEvents: ["*"], status: "disabled" });
    const deleted = await call(endpointAction, { method: "DELETE", path: `/v1/webhook_endpoints/${id}`, key: keys.sk, params: { endpointId: id } });
    expect(deleted.body).toEqual({ type: "webhook_endpoint", id, deleted: true });
    const gone = await call(endpointLoader, { path: `/v1/webhook_endpoints/${id}`, key: keys.sk, params: { endpointId: id } });
    expect(gone.status).toBe(404);
  });

  it("answers clear errors: bad URL, unknown event type, bad JSON, publishable key, another project's endpoint", async () => {
    const badUrl = await createEndpoint({ url: "ftp://example.com" });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body.error.details[0]).toMatchObject({ field: "url" });
    const badType = await createEndpoint({ url: "https://example.com/h", enabledEvents: ["order.shipped"] });
    expect(badType.status).toBe(400);
    expect(badType.body.error.details[0].field).toBe("enabledEvents.0");
    const badJson = await call(endpointsAction, {
      path: "/v1/webhook_endpoints",
      key: keys.sk,
      rawBody: "{nope",
      headers: { "content-type": "application/json" },
    });
    expect(badJson.body.error.code).toBe("VALIDATION_ERROR");
    const publishable = await createEndpoint({ url: "https://example.com/h" }, keys.pk);
    expect(publishable.status).toBe(403);
    const mine = await createEndpoint({ url: "https://example.com/mine" });
    const foreign = await call(endpointLoader, { path: "/x", key: keys.otherSk, params: { endpointId: mine.body.id } });
    expect(foreign.status).toBe(404);
    const foreignDelete = await call(endpointAction, { method: "DELETE", path: "/x", key: keys.otherSk, params: { endpointId: mine.body.id } });
    expect(foreignDelete.status).toBe(404);
    // A live key does not see test-mode endpoints either.
    const otherMode = await call(endpointLoader, { path: "/x", key: keys.liveSk, params: { endpointId: mine.body.id } });
    expect(otherMode.status).toBe(404);
    await call(endpointAction, { method: "DELETE", path: "/x", key: keys.sk, params: { endpointId: mine.body.id } });
  });

  it("refuses private, loopback and link-local URLs in live mode, allows them in test mode", async () => {
    for (const url of [
      "http://127.0.0.1:9/h",
      "http://10.1.2.3/h",
      "http://169.254.169.254/latest",
      "http://[::1]/h",
      "http://[fd00::1]/h",
      "http://[::ffff:192.168.0.1]/h",
      "http://localhost:9/h",
    ]) {
      const live = await createEndpoint({ url }, keys.liveSk);
      expect(live.status, url).toBe(400);
      expect(live.body.error.details[0].field).toBe("url");
    }
    const test = await createEndpoint({ url: "http://127.0.0.1:9/h" });
    expect(test.status).toBe(201);
    await call(endpointAction, { method: "DELETE", path: "/x", key: keys.sk, params: { endpointId: test.body.id } });
    expect(isPublicAddress("93.184.216.34")).toBe(true);
    expect(isPublicAddress("2606:2800:220:1:248:1893:25c8:1946")).toBe(true);
    expect(isPublicAddress("100.64.0.1")).toBe(false);
    expect(isPublicAddress("fe80::1")).toBe(false);
  });
});

describe("delivery", () => {
  let endpointId = "";

  it("a sandbox order reaches the partner signed: order.created, processing, completed, transaction.completed, then order.refunded, with partnerMetadata", async () => {
    const created = await createEndpoint({
      url: receiver.url,
      enabledEvents: ["order.created", "order.processing", "order.completed", "transaction.completed", "order.refunded"],
    });
    endpointId = created.body.id;
    receiver.secret = created.body.attributes.secret;
    const session = await call(createSessionRoute, {
      path: "/v1/sessions",
      key: keys.sk,
      body: sessionBody({ metadata: { orderId: "partner-42" } }),
    });
    const placed = await call(placeOrder, {
      path: "/x",
      key: keys.pk,
      params: { sessionId: session.body.id },
      body: { clientSecret: session.body.attributes.clientSecret, ...orderBody() },
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const [row] = await database.db.select().from(order).where(eq(order.id, placed.body.id));
    await decideSandboxPayment(database.db, "banxa", row!.providerOrderId!, "approve");
    const got = await receiver.waitFor((r) => r.payload.data?.order?.id === row!.id || r.payload.data?.transaction?.orderId === row!.id, { count: 4 });
    expect(got.map((r) => r.type).sort()).toEqual(["order.completed", "order.created", "order.processing", "transaction.completed"]);
    for (const r of got) {
      expect(r.verified).toBe(true);
      expect(r.providerSignatureValid).toBe(true);
      expect(r.id).toBe(r.payload.id);
      expect(r.headers["x-webhook-event"]).toBe(r.type);
      expect(Math.abs(Number(r.headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(30);
    }
    const completed = got.find((r) => r.type === "order.completed")!;
    expect(completed.payload.data.order.metadata.partnerMetadata).toEqual({ orderId: "partner-42" });
    expect(completed.payload.data.order.status).toBe("completed");
    // A refund over the API reaches the partner too, as the order's next event.
    const refunded = await call(refundRoute, { path: "/x", key: keys.sk, params: { orderId: row!.id }, body: {} });
    expect(refunded.body.attributes?.status, JSON.stringify(refunded.body)).toBe("refunded");
    const [refundEvent] = await receiver.waitFor((r) => r.type === "order.refunded" && r.payload.data.order.id === row!.id);
    expect(refundEvent!.verified).toBe(true);
    expect(refundEvent!.payload).toMatchObject({
      sequence: 5,
      data: { order: { status: "refunded", refundedAt: refunded.body.attributes.refundedAt, metadata: { partnerMetadata: { orderId: "partner-42" } } } },
    });
    // A forged body fails verification with the stock library.
    expect(() => new Webhook(receiver.secret!).verify(completed.body.replace("completed", "failed"), completed.headers)).toThrow();
    // Each attempt is stored with its request and the receiver's answer.
    // The receiver logs a request before its answer reaches us: wait for the attempt's record.
    await expect
      .poll(async () => (await getEventDetail(projectContext(database.db, ids, "test"), completed.payload.id)).deliveries[0]?.status)
      .toBe("succeeded");
    const detail = await getEventDetail(projectContext(database.db, ids, "test"), completed.payload.id);
    expect(detail.deliveries).toHaveLength(1);
    expect(detail.deliveries[0]).toMatchObject({ status: "succeeded", attemptCount: 1 });
    expect(detail.deliveries[0]!.attempts[0]).toMatchObject({
      attemptNumber: 1,
      responseStatus: 200,
      responseBodyExcerpt: '{"received":true}',
      requestBody: completed.body,
    });
    expect(detail.deliveries[0]!.attempts[0]!.requestHeaders["webhook-signature"]).toBe(completed.headers["webhook-signature"]);
  });

  it("retries failures (3xx included) on the schedule with the same webhook-id, storing every attempt", async () => {
    receiver.respondWith = ({ attempt, payload }) => (payload.data?.test && attempt === 1 ? 302 : payload.data?.test && attempt === 2 ? 503 : 200);
    const sent = await sendTestEvent(projectContext(database.db, ids, "test"), endpointId, "order.failed");
    const got = await receiver.waitFor((r) => r.id === sent.id, { count: 3 });
    expect(got.map((r) => r.answered)).toEqual([302, 503, 200]);
    expect(new Set(got.map((r) => r.headers["webhook-id"]))).toEqual(new Set([sent.id]));
    expect(got.every((r) => r.verified)).toBe(true);
    await expect.poll(async () => (await getEventDetail(projectContext(database.db, ids, "test"), sent.id)).deliveries[0]?.status).toBe("succeeded");
    const detail = await getEventDetail(projectContext(database.db, ids, "test"), sent.id);
    expect(detail.event.isTest).toBe(true);
    expect(detail.deliveries[0]!.attempts.map((a) => [a.attemptNumber, a.responseStatus, a.error])).toEqual([
      [1, 302, "HTTP 302 (redirects are not followed)"],
      [2, 503, "HTTP 503"],
      [3, 200, null],
    ]);
    // The schedule counts from when an attempt went out (its stored time), not from when a busy receiver read it.
    const [first, second] = detail.deliveries[0]!.attempts;
    expect(second!.createdAt.getTime() - first!.createdAt.getTime()).toBeGreaterThanOrEqual(RETRIES[0]!);
    receiver.respondWith = () => 200;
  });

  it("gives up after the last retry, and Resend sends one more attempt", async () => {
    receiver.respondWith = ({ payload }) => (payload.data?.test ? 500 : 200);
    const sent = await sendTestEvent(projectContext(database.db, ids, "test"), endpointId, "order.completed");
    await receiver.waitFor((r) => r.id === sent.id, { count: RETRIES.length + 1 });
    await expect.poll(async () => (await getEventDetail(projectContext(database.db, ids, "test"), sent.id)).deliveries[0]?.status).toBe("failed");
    receiver.respondWith = () => 200;
    const detail = await getEventDetail(projectContext(database.db, ids, "test"), sent.id);
    await resendDelivery(projectContext(database.db, ids, "test"), detail.deliveries[0]!.id);
    await receiver.waitFor((r) => r.id === sent.id && r.answered === 200);
    await expect.poll(async () => (await getEventDetail(projectContext(database.db, ids, "test"), sent.id)).deliveries[0]?.status).toBe("succeeded");
    const after = await getEventDetail(projectContext(database.db, ids, "test"), sent.id);
    expect(after.deliveries[0]!.attempts.map((a) => a.trigger)).toEqual(["auto", "auto", "auto", "auto", "resend"]);
  });

  it("after a secret roll signs with both secrets during the grace period", async () => {
    const oldSecret = receiver.secret!;
    const rolled = await call(endpointAction, { path: "/x", key: keys.sk, params: { endpointId }, body: { rollSecret: { graceHours: 24 } } });
    expect(rolled.body.attributes.secret).toMatch(/^whsec_/);
    const sent = await sendTestEvent(projectContext(database.db, ids, "test"), endpointId, "order.created");
    const [got] = await receiver.waitFor((r) => r.id === sent.id);
    expect(got!.headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(() => new Webhook(oldSecret).verify(got!.body, got!.headers)).not.toThrow();
    expect(() => new Webhook(rolled.body.attributes.secret).verify(got!.body, got!.headers)).not.toThrow();
    receiver.secret = rolled.body.attributes.secret;
  });

  it("only sends the event types an endpoint asked for", async () => {
    const sessionsOnly = await createEndpoint({ url: `${receiver.url}?only=sessions`, enabledEvents: ["session.cancelled"] });
    await sendTestEvent(projectContext(database.db, ids, "test"), endpointId, "order.created");
    const deliveries = await deliveriesOf(sessionsOnly.body.id);
    expect(deliveries).toHaveLength(0);
    await call(endpointAction, { method: "DELETE", path: "/x", key: keys.sk, params: { endpointId: sessionsOnly.body.id } });
  });

  it("disables an endpoint that failed every attempt for 5 days, with an audit entry", async () => {
    const failing = await createEndpoint({ url: `${receiver.url}?fail=1` });
    receiver.respondWith = ({ payload }) => (payload.data?.test ? 500 : 200);
    // It has been failing for 6 days already (the clock is the database row's, not a wait).
    await database.db
      .update(webhookEndpoint)
      .set({ failingSince: new Date(Date.now() - 6 * 86_400_000) })
      .where(eq(webhookEndpoint.id, failing.body.id));
    await sendTestEvent(projectContext(database.db, ids, "test"), failing.body.id, "order.failed");
    await expect
      .poll(async () => (await database.db.select().from(webhookEndpoint).where(eq(webhookEndpoint.id, failing.body.id)))[0]?.status, { timeout: 10_000 })
      .toBe("disabled");
    const [row] = await database.db.select().from(webhookEndpoint).where(eq(webhookEndpoint.id, failing.body.id));
    expect(row!.disabledReason).toContain("5 days");
    const audit = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, failing.body.id), eq(auditLog.action, "webhook.auto_disabled")));
    expect(audit).toHaveLength(1);
    receiver.respondWith = () => 200;
  });

  it("an instance without workers still records events in its transactions; a worker sends them later", async () => {
    const created = await createEndpoint({ url: `${receiver.url}?web-only=1` });
    await stopWebhookDelivery();
    try {
      // As a WEBHOOK_WORKERS=false instance starts: the queue is set up, no worker runs. (On PGlite a
      // job written inside the transaction must not wait on the queue's own connection.)
      await ensureDeliveryQueue();
      const sent = await sendTestEvent(projectContext(database.db, ids, "test"), created.body.id, "session.confirmed");
      expect(receiver.received.some((r) => r.id === sent.id)).toBe(false);
      await startWebhookDelivery({ db: database.db, retryScheduleMs: RETRIES, pollingIntervalSeconds: 0.5, sweepIntervalMs: 1_000 });
      await receiver.waitFor((r) => r.id === sent.id);
    } finally {
      await startWebhookDelivery({ db: database.db, retryScheduleMs: RETRIES, pollingIntervalSeconds: 0.5, sweepIntervalMs: 1_000 });
    }
  });

  it("never sends the same attempt twice when 20 workers race for one delivery", async () => {
    const { attemptDelivery } = await import("../app/webhooks/delivery.server");
    const created = await createEndpoint({ url: `${receiver.url}?race=1` });
    await stopWebhookDelivery(); // the race is between these calls only
    try {
      const sent = await sendTestEvent(projectContext(database.db, ids, "test"), created.body.id, "order.created");
      const [delivery] = await deliveriesOf(created.body.id);
      receiver.delayMs = 100;
      const results = await Promise.all(Array.from({ length: 20 }, () => attemptDelivery(database.db, { deliveryId: delivery!.id })));
      receiver.delayMs = 0;
      expect(results.filter((r) => r.sent)).toHaveLength(1);
      expect(receiver.received.filter((r) => r.id === sent.id)).toHaveLength(1);
      const attempts = await database.db.select().from(webhookAttempt).where(eq(webhookAttempt.deliveryId, delivery!.id));
      expect(attempts).toHaveLength(1);
    } finally {
      await startWebhookDelivery({ db: database.db, retryScheduleMs: RETRIES, pollingIntervalSeconds: 0.5, sweepIntervalMs: 1_000 });
    }
  });
});
