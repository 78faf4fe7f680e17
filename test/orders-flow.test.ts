/**
 * The contract's whole flow in-process (docs/api-contract.md#orders): a session, its order at a sandbox gateway, the tester's
 * approve/decline on the provider's side, the signed callback, and what the partner sees;
 * then a refund asked over the API, confirmed by the provider's refunded callback.
 */
import { and, asc, eq, isNull } from "drizzle-orm";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, checkoutSession, event, order, sandboxPayment } from "../db/schema";
import { generateHistory } from "../app/demo/history.server";
import { setGatewayEnabled } from "../app/gateways/settings.server";
import { decideSandboxPayment } from "../app/sandbox/provider.server";
import { signCallback } from "../app/sandbox/signing.server";
import { action as createSessionRoute } from "../app/routes/v1.sessions";
import { action as placeOrder } from "../app/routes/v1.sessions.$sessionId.order";
import { loader as getSession } from "../app/routes/v1.sessions.$sessionId";
import { action as checkoutIntent } from "../app/routes/public.v1.onramp.checkout-intent";
import { loader as transaction } from "../app/routes/public.v1.onramp.transactions.$transactionId";
import { action as providerCallback } from "../app/routes/callbacks.sandbox.$gatewayId";
import { action as refundRoute } from "../app/routes/v1.orders.$orderId.refund";
import { loader as paymentReturn } from "../app/routes/return.$orderId";
import { call } from "./api-client";
import { insertApiProject, projectContext, type ProjectIds, type TestKeys } from "./contexts";
import { createTestDatabase, type TestDatabase } from "./database";
import { useInProcessProviders } from "./in-process-providers";
import { orderBody, sessionBody } from "./fixtures";

let database: TestDatabase;
let ids: ProjectIds;
let restoreFetch: () => void;
let keys: TestKeys;

const SESSION = sessionBody({
  externalCustomerId: "player_12345",
  redirectUrl: "https://yoursite.com/payment-complete",
  type: "onramp",
  // A partner key named like a system key must not overwrite it.
  metadata: { orderId: "your-internal-order-123", provider: "not-the-gateway" },
});

async function newSession(body: Record<string, unknown> = SESSION) {
  const created = await call(createSessionRoute, { path: "/v1/sessions", key: keys.sk, body });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { id: created.body.id as string, clientSecret: created.body.attributes.clientSecret as string };
}

function orderFor(session: { id: string; clientSecret: string }, body: Record<string, unknown> = {}) {
  return call(placeOrder, {
    path: `/v1/sessions/${session.id}/order`,
    key: keys.pk,
    params: { sessionId: session.id },
    // The example order body of docs/api-contract.md#create-an-order-from-a-session.
    body: { clientSecret: session.clientSecret, ...orderBody({ email: "player@example.com" }), ...body },
  });
}

async function eventsOf(orderId: string) {
  return database.db.select().from(event).where(eq(event.orderId, orderId)).orderBy(asc(event.sequence));
}

beforeAll(async () => {
  database = await createTestDatabase();
  restoreFetch = useInProcessProviders();
  ({ ids, keys } = await insertApiProject(database.db, "Flow shop"));
});

afterAll(async () => {
  restoreFetch?.();
  await database?.destroy();
});

describe("an order from a session", () => {
  it("answers the contract's shape, moves the session to processing and records order.created", async () => {
    const session = await newSession();
    const result = await orderFor(session);
    expect(result.status, JSON.stringify(result.body)).toBe(201);
    expect(result.body).toMatchObject({
      type: "order",
      id: expect.stringMatching(/^ord_/),
      attributes: {
        orderId: result.body.id,
        status: "created",
        sessionId: session.id,
        checkout: { method: "redirect", url: expect.stringContaining(`/sandbox/banxa/pay/`) },
      },
    });
    expect(result.body.attributes.checkout.expiresAt).toBeGreaterThan(1790);
    expect(result.body.attributes.checkout.expiresAt).toBeLessThanOrEqual(1800);
    const read = await call(getSession, { path: "/x", key: keys.pk, params: { sessionId: session.id } });
    expect(read.body.attributes.status).toBe("processing");
    const [row] = await database.db.select().from(order).where(eq(order.id, result.body.id));
    expect(row!.metadata).toEqual({
      provider: "banxa",
      providerOrderId: row!.providerOrderId,
      email: "player@example.com",
      paymentMethodId: null,
      partnerMetadata: SESSION.metadata,
    });
    expect((await eventsOf(row!.id)).map((e) => [e.type, e.sequence])).toEqual([["order.created", 1]]);
    const again = await orderFor(session);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("SESSION_ALREADY_USED");
  });

  it("creates exactly one order when 50 requests race", async () => {
    const session = await newSession();
    const results = await Promise.all(Array.from({ length: 50 }, () => orderFor(session)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status !== 201).every((r) => r.status === 409 && r.body.error.code === "SESSION_ALREADY_USED")).toBe(true);
    const rows = await database.db.select().from(order).where(eq(order.sessionId, session.id));
    expect(rows).toHaveLength(1);
  });

  it("refuses locked fields that differ, a disabled gateway, a wrong clientSecret", async () => {
    const session = await newSession();
    const locked = await orderFor(session, { fiatAmount: "150" });
    expect(locked.status).toBe(400);
    expect(locked.body.error.details).toEqual([{ field: "fiatAmount", message: expect.stringContaining("locked") }]);
    await setGatewayEnabled(projectContext(database.db, ids, "test"), "transak", false);
    const disabled = await orderFor(session, { gateway: "transak" });
    expect(disabled.status).toBe(400);
    expect(disabled.body.error.code).toBe("INVALID_GATEWAY");
    const unknown = await orderFor(session, { gateway: "gateway_a" });
    expect(unknown.body.error.code).toBe("INVALID_GATEWAY");
    const forbidden = await orderFor({ ...session, clientSecret: "sess_secret_nope" });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe("FORBIDDEN");
  });
});

describe("the provider's outcome", () => {
  it("Approve payment: completed with a transaction, session completed, events in sequence, browser sent back", async () => {
    const session = await newSession();
    const placed = await orderFor(session);
    const [row] = await database.db.select().from(order).where(eq(order.id, placed.body.id));
    const returnUrl = await decideSandboxPayment(database.db, "banxa", row!.providerOrderId!, "approve");
    expect(returnUrl).toContain(`/return/${row!.id}`);
    const [done] = await database.db.select().from(order).where(eq(order.id, row!.id));
    expect(done).toMatchObject({
      status: "completed",
      transactionId: expect.stringMatching(/^txn_/),
      transactionHash: expect.stringMatching(/^0x[0-9a-f]{64}$/),
    });
    const [sessionRow] = await database.db.select().from(checkoutSession).where(eq(checkoutSession.id, session.id));
    expect(sessionRow!.status).toBe("completed");
    const events = await eventsOf(row!.id);
    expect(events.map((e) => [e.type, e.sequence])).toEqual([
      ["order.created", 1],
      ["order.processing", 2],
      ["order.completed", 3],
      ["transaction.completed", 4],
    ]);
    const completed = events[2]!.payload as { data: { order: Record<string, any> } };
    expect(completed.data.order).toMatchObject({ id: row!.id, status: "completed", metadata: { provider: "banxa", partnerMetadata: SESSION.metadata } });
    expect((events[3]!.payload as any).data.transaction).toMatchObject({
      id: done!.transactionId,
      status: "completed",
      transactionHash: done!.transactionHash,
    });

    // A second decision (or a repeated callback) changes nothing.
    await decideSandboxPayment(database.db, "banxa", row!.providerOrderId!, "decline");
    expect((await eventsOf(row!.id)).length).toBe(4);

    // The browser lands on the partner's redirectUrl with the session id and status.
    try {
      await paymentReturn({ request: new Request("http://localhost:3000/x"), params: { orderId: row!.id }, context: {} } as LoaderFunctionArgs);
      throw new Error("expected a redirect");
    } catch (response) {
      expect((response as Response).status).toBe(302);
      expect((response as Response).headers.get("Location")).toBe(`https://yoursite.com/payment-complete?sessionId=${session.id}&status=completed`);
    }

    // Anyone can poll the transaction by order or transaction id (docs/api-contract.md#transaction-status).
    for (const id of [row!.id, done!.transactionId!]) {
      const polled = await call(transaction, { path: `/public/v1/onramp/transactions/${id}`, params: { transactionId: id } });
      expect(polled.body.data).toMatchObject({ id: done!.transactionId, orderId: row!.id, status: "completed", transactionHash: done!.transactionHash });
      expect(JSON.stringify(polled.body)).not.toContain("player@example.com");
    }
  });

  it("Decline payment: order and session failed, order.failed recorded", async () => {
    const session = await newSession();
    const placed = await orderFor(session);
    const [row] = await database.db.select().from(order).where(eq(order.id, placed.body.id));
    await decideSandboxPayment(database.db, "banxa", row!.providerOrderId!, "decline");
    const [failed] = await database.db.select().from(order).where(eq(order.id, row!.id));
    expect(failed!.status).toBe("failed");
    const [sessionRow] = await database.db
      .select()
      .from(checkoutSession)
      .where(and(eq(checkoutSession.id, session.id)));
    expect(sessionRow!.status).toBe("failed");
    expect((await eventsOf(row!.id)).map((e) => e.type)).toEqual(["order.created", "order.failed"]);
  });

  it("refuses a callback without a valid signature", async () => {
    const body = JSON.stringify({ providerOrderId: "x", partnerOrderId: "ord_x", status: "completed" });
    const result = await call(providerCallback, {
      path: "/callbacks/sandbox/banxa",
      rawBody: body,
      params: { gatewayId: "banxa" },
      headers: { "X-Sandbox-Timestamp": String(Math.floor(Date.now() / 1000)), "X-Sandbox-Signature": "0".repeat(64) },
    });
    expect(result.status).toBe(401);
  });
});

describe("POST /public/v1/onramp/checkout-intent", () => {
  it("accepts the contract's example (with this project's id) and keeps partnerMetadata namespaced", async () => {
    const result = await call(checkoutIntent, {
      path: "/public/v1/onramp/checkout-intent",
      body: { projectId: ids.projectId, ...orderBody({ partnerMetadata: { orderId: "your-internal-order-123" } }) },
    });
    expect(result.status, JSON.stringify(result.body)).toBe(201);
    expect(result.body).toMatchObject({
      success: true,
      data: { orderId: expect.stringMatching(/^ord_/), status: "created", checkout: { method: "redirect" } },
    });
    const [row] = await database.db.select().from(order).where(eq(order.id, result.body.data.orderId));
    expect(row!.sessionId).toBeNull();
    expect(row!.metadata.partnerMetadata).toEqual({ orderId: "your-internal-order-123" });
    expect(row!.metadata.provider).toBe("banxa");
  });
});

describe("refunds", () => {
  async function completedOrder() {
    const session = await newSession();
    const placed = await orderFor(session);
    const [row] = await database.db.select().from(order).where(eq(order.id, placed.body.id));
    await decideSandboxPayment(database.db, "banxa", row!.providerOrderId!, "approve");
    return { sessionId: session.id, orderId: row!.id, providerOrderId: row!.providerOrderId! };
  }

  function refund(orderId: string, body: unknown = {}, headers: Record<string, string> = {}) {
    return call(refundRoute, { path: `/v1/orders/${orderId}/refund`, key: keys.sk, params: { orderId }, body, headers });
  }

  function refundedCallback(target: { orderId: string; providerOrderId: string }) {
    const body = JSON.stringify({ providerOrderId: target.providerOrderId, partnerOrderId: target.orderId, status: "refunded", refundReason: "chargeback" });
    return call(providerCallback, { path: "/callbacks/sandbox/banxa", rawBody: body, params: { gatewayId: "banxa" }, headers: signCallback(body) });
  }

  it("refunds a completed order through the sandbox: refunded with refundedAt, one order.refunded with partnerMetadata, session still completed, audited", async () => {
    const target = await completedOrder();
    const result = await refund(target.orderId, { reason: "Customer cancelled" }, { "Idempotency-Key": `refund-${target.orderId}` });
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(result.body).toMatchObject({
      type: "order",
      id: target.orderId,
      attributes: { status: "refunded", refundedAt: expect.any(String), refundReason: "Customer cancelled", completedAt: expect.any(String) },
    });
    const events = await eventsOf(target.orderId);
    expect(events.map((e) => [e.type, e.sequence])).toEqual([
      ["order.created", 1],
      ["order.processing", 2],
      ["order.completed", 3],
      ["transaction.completed", 4],
      ["order.refunded", 5],
    ]);
    const refunded = (events[4]!.payload as { data: { order: Record<string, any> } }).data.order;
    expect(refunded).toMatchObject({
      id: target.orderId,
      status: "refunded",
      refundedAt: result.body.attributes.refundedAt,
      metadata: { partnerMetadata: SESSION.metadata },
    });
    const [sessionRow] = await database.db.select().from(checkoutSession).where(eq(checkoutSession.id, target.sessionId));
    expect(sessionRow!.status).toBe("completed");
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, target.orderId), eq(auditLog.action, "order.refund_requested")));
    expect(audit).toMatchObject({ projectId: ids.projectId, details: { mode: "test", reason: "Customer cancelled", status: "refunded" } });
    const polled = await call(transaction, { path: `/public/v1/onramp/transactions/${target.orderId}`, params: { transactionId: target.orderId } });
    expect(polled.body.data).toMatchObject({ status: "refunded", refundedAt: result.body.attributes.refundedAt });

    // The same Idempotency-Key replays the answer; a new request is refused, and nothing more is emitted.
    const replay = await refund(target.orderId, { reason: "Customer cancelled" }, { "Idempotency-Key": `refund-${target.orderId}` });
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    expect(replay.body).toEqual(result.body);
    const again = await refund(target.orderId);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ success: false, error: { code: "INVALID_STATE", message: expect.stringContaining("already refunded") } });
    // Providers retry: a repeated refunded callback changes nothing.
    expect((await refundedCallback(target)).status).toBe(200);
    expect((await eventsOf(target.orderId)).filter((e) => e.type === "order.refunded")).toHaveLength(1);
  });

  it("refuses an order that is not completed, and a reason over 500 characters; nothing changes", async () => {
    const placed = await orderFor(await newSession());
    const early = await refund(placed.body.id);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({
      success: false,
      error: { code: "INVALID_STATE", message: expect.stringContaining("is created"), requestId: expect.stringMatching(/^req_/) },
    });
    const long = await refund(placed.body.id, { reason: "x".repeat(501) });
    expect(long.status).toBe(400);
    expect(long.body.error).toMatchObject({ code: "VALIDATION_ERROR", details: [{ field: "reason" }] });
    const [row] = await database.db.select().from(order).where(eq(order.id, placed.body.id));
    expect(row).toMatchObject({ status: "created", refundRequestedAt: null, refundReason: null });
  });

  it("a refunded callback for an order that never completed is not applied (409, so the provider retries)", async () => {
    const placed = await orderFor(await newSession());
    const [row] = await database.db.select().from(order).where(eq(order.id, placed.body.id));
    const answered = await refundedCallback({ orderId: row!.id, providerOrderId: row!.providerOrderId! });
    expect(answered.status).toBe(409);
    const [after] = await database.db.select().from(order).where(eq(order.id, row!.id));
    expect(after).toMatchObject({ status: "created", refundedAt: null });
    expect((await eventsOf(row!.id)).map((e) => e.type)).toEqual(["order.created"]);
  });

  it("a refund the gateway refuses leaves the order completed, with no refund pending", async () => {
    const target = await completedOrder();
    // The provider has it as declined: it answers 409 to the refund.
    await database.db.update(sandboxPayment).set({ status: "declined" }).where(eq(sandboxPayment.id, target.providerOrderId));
    const refused = await refund(target.orderId, { reason: "try" });
    expect(refused.status).toBe(502);
    expect(refused.body.error).toMatchObject({ code: "GATEWAY_UNAVAILABLE", message: expect.stringContaining("refused the refund") });
    const [row] = await database.db.select().from(order).where(eq(order.id, target.orderId));
    expect(row).toMatchObject({ status: "completed", refundRequestedAt: null, refundReason: null });
  });
  it("a demo history order (written with its sandbox payment) can be refunded like one placed through the API", async () => {
    await generateHistory(database.db, { projectId: ids.projectId, mode: "test", sessions: 60, seed: 5, sandboxPayments: true });
    const [demo] = await database.db
      .select()
      .from(order)
      .where(and(eq(order.projectId, ids.projectId), eq(order.status, "completed"), isNull(order.refundRequestedAt)))
      // The history lies in the past 90 days: the oldest completed order is a demo one.
      .orderBy(asc(order.createdAt))
      .limit(1);
    const [payment] = await database.db.select().from(sandboxPayment).where(eq(sandboxPayment.id, demo!.providerOrderId!));
    expect(payment).toMatchObject({ partnerOrderId: demo!.id, status: "approved", fiatAmount: demo!.sourceAmount });
    const refunded = await refund(demo!.id, { reason: "Demo refund" });
    expect(refunded.status, JSON.stringify(refunded.body)).toBe(200);
    expect(refunded.body.attributes).toMatchObject({ status: "refunded", refundReason: "Demo refund" });
    expect((await eventsOf(demo!.id)).map((e) => e.type)).toContain("order.refunded");
  });
});
