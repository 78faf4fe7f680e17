/**
 * The sandbox is test mode only (issue 14). An owner saves made-up live Banxa credentials,
 * creates a live session and order, then approves "its" payment on the sandbox's page without
 * signing in: no live order may complete, no live order.completed may be recorded, and no
 * request to /sandbox/… (create, pay, refund, call back) may change a live order. Test mode
 * keeps today's sandbox exactly.
 */
import { and, eq } from "drizzle-orm";
import type { ActionFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { event, order, project, sandboxPayment } from "../db/schema";
import { setGatewayEnabled, setLiveCredentials } from "../app/gateways/settings.server";
import { createApiKey } from "../app/keys/keys.server";
import { clearKeyCheckCache } from "../app/keys/key-check.server";
import { signCallback, signProviderRequest } from "../app/sandbox/signing.server";
import { action as createSessionRoute } from "../app/routes/v1.sessions";
import { action as placeOrder } from "../app/routes/v1.sessions.$sessionId.order";
import { action as sandboxCreate } from "../app/routes/sandbox.$gatewayId.api.orders";
import { action as sandboxRefund } from "../app/routes/sandbox.$gatewayId.api.orders.$providerOrderId.refund";
import { action as sandboxPay } from "../app/routes/sandbox.$gatewayId.pay.$paymentId";
import { action as sandboxCallback } from "../app/routes/callbacks.sandbox.$gatewayId";
import { call } from "./api-client";
import { insertApiProject, projectContext, type ProjectIds } from "./contexts";
import { createTestDatabase, type TestDatabase } from "./database";
import { useInProcessProviders } from "./in-process-providers";
import { orderBody, sessionBody } from "./fixtures";

let database: TestDatabase;
let ids: ProjectIds;
let live: { sk: string; pk: string };
let test: { sk: string; pk: string };
let restoreFetch: () => void;
const previousBase = process.env.GATEWAY_BANXA_BASE_URL;

beforeAll(async () => {
  // Nothing listens here: the real Banxa API is never reached from a test.
  process.env.GATEWAY_BANXA_BASE_URL = "http://127.0.0.1:9";
  database = await createTestDatabase();
  restoreFetch = useInProcessProviders();
  const created = await insertApiProject(database.db, "Attacker shop");
  ids = created.ids;
  test = created.keys;
  // The project is live, so its live keys are served.
  await database.db
    .update(project)
    .set({ defaultMode: "live", wentLiveAt: new Date(), allowedRedirectOrigins: ["https://shop.example"] })
    .where(eq(project.id, ids.projectId));
  const ctx = projectContext(database.db, ids, "live", "owner");
  await setLiveCredentials(ctx, "banxa", { apiKey: "made-up-key-1234", apiSecret: "made-up-secret-5678", partner: "madeup" } as never);
  await setGatewayEnabled(ctx, "banxa", true);
  live = {
    sk: (await createApiKey(database.db, { projectId: ids.projectId, mode: "live", kind: "secret" })).token,
    pk: (await createApiKey(database.db, { projectId: ids.projectId, mode: "live", kind: "publishable" })).token,
  };
  clearKeyCheckCache();
});

afterAll(async () => {
  restoreFetch?.();
  if (previousBase === undefined) delete process.env.GATEWAY_BANXA_BASE_URL;
  else process.env.GATEWAY_BANXA_BASE_URL = previousBase;
  await database?.destroy();
});

const routeArgs = (request: Request, params: Record<string, string>) => ({ request, params, context: {} }) as ActionFunctionArgs;

async function approveOnSandboxPage(gatewayId: string, paymentId: string) {
  const request = new Request(`http://localhost:3000/sandbox/${gatewayId}/pay/${paymentId}`, {
    method: "POST",
    body: new URLSearchParams({ decision: "approve" }),
  });
  try {
    return await sandboxPay(routeArgs(request, { gatewayId, paymentId }));
  } catch (thrown) {
    return thrown;
  }
}

async function liveCompletions() {
  return database.db
    .select()
    .from(event)
    .where(and(eq(event.projectId, ids.projectId), eq(event.mode, "live"), eq(event.type, "order.completed")));
}

// Live mode checks the address's checksum; all lower case carries none, so it passes.
const WALLET = "0x742d35cc6634c0532925a3b844bc9e7595f1bd21";

async function placeSessionOrder(keys: { sk: string; pk: string }) {
  const body = sessionBody({ redirectUrl: "https://shop.example/done", destinationAddress: WALLET });
  const session = await call(createSessionRoute, { path: "/v1/sessions", key: keys.sk, body });
  expect(session.status, JSON.stringify(session.body)).toBe(201);
  return call(placeOrder, {
    path: `/v1/sessions/${session.body.id}/order`,
    key: keys.pk,
    params: { sessionId: session.body.id },
    body: { clientSecret: session.body.attributes.clientSecret, ...orderBody({ email: "player@example.com", walletAddress: WALLET }) },
  });
}

describe("the attack of issue 14", () => {
  it("a live order is never placed with the sandbox, and approving on the sandbox page completes nothing", async () => {
    const placed = await placeSessionOrder(live);
    if (placed.status === 201) {
      // Whatever the gateway answered, its checkout is not the sandbox's.
      expect(placed.body.attributes.checkout.url).not.toContain("/sandbox/");
    } else {
      // Made-up credentials at an unreachable gateway: the gateway is unavailable, never replaced by the sandbox.
      expect(placed.status).toBe(502);
      expect(placed.body.error.code).toBe("GATEWAY_UNAVAILABLE");
    }
    // The attacker approves every sandbox payment there is.
    for (const payment of await database.db.select().from(sandboxPayment)) await approveOnSandboxPage(payment.gatewayId, payment.id);
    const liveOrders = await database.db
      .select()
      .from(order)
      .where(and(eq(order.projectId, ids.projectId), eq(order.mode, "live")));
    expect(liveOrders.filter((o) => o.status === "completed" || o.transactionId)).toEqual([]);
    expect(await liveCompletions()).toEqual([]);
  });
});

describe("no request to /sandbox/… changes a live order", () => {
  /** A live order as an older version wrote it: placed with the sandbox (payment and all). */
  async function legacyLiveOrder() {
    const placed = await placeSessionOrder(test);
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const [row] = await database.db.update(order).set({ mode: "live" }).where(eq(order.id, placed.body.id)).returning();
    return row!;
  }

  it("the payment page refuses to approve a live order's payment", async () => {
    const row = await legacyLiveOrder();
    await approveOnSandboxPage("banxa", row.providerOrderId!);
    const [after] = await database.db.select().from(order).where(eq(order.id, row.id));
    expect(after).toMatchObject({ status: "created", transactionId: null });
    const [payment] = await database.db.select().from(sandboxPayment).where(eq(sandboxPayment.id, row.providerOrderId!));
    expect(payment!.status).toBe("pending");
    expect(await liveCompletions()).toEqual([]);
  });

  it("a correctly signed sandbox callback for a live order changes nothing (4xx)", async () => {
    const row = await legacyLiveOrder();
    const body = JSON.stringify({ providerOrderId: row.providerOrderId, partnerOrderId: row.id, status: "completed", transactionHash: "0xabc" });
    const answer = await sandboxCallback(
      routeArgs(new Request("http://localhost:3000/callbacks/sandbox/banxa", { method: "POST", body, headers: signCallback(body) }), { gatewayId: "banxa" }),
    );
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    const [after] = await database.db.select().from(order).where(eq(order.id, row.id));
    expect(after).toMatchObject({ status: "created", transactionId: null });
  });

  it("the sandbox refuses to create a payment for a live order, and to refund one", async () => {
    const row = await legacyLiveOrder();
    const createBody = JSON.stringify({
      partnerOrderId: row.id,
      fiatCurrency: "USD",
      fiatAmount: "100",
      cryptoCurrency: "ETH",
      network: "ethereum",
      walletAddress: row.destinationAddress,
      callbackUrl: "http://localhost:3000/callbacks/sandbox/banxa",
    });
    const created = await sandboxCreate(
      routeArgs(
        new Request("http://localhost:3000/sandbox/banxa/api/orders", { method: "POST", body: createBody, headers: { "Content-Type": "application/json" } }),
        {
          gatewayId: "banxa",
        },
      ),
    );
    expect(created.status).toBeGreaterThanOrEqual(400);
    expect(created.status).toBeLessThan(500);

    // Completed (as it might have been before this fix), then a signed refund through the sandbox.
    await database.db
      .update(order)
      .set({ status: "completed", transactionId: `txn_legacy_${row.id}` })
      .where(eq(order.id, row.id));
    await database.db.update(sandboxPayment).set({ status: "approved" }).where(eq(sandboxPayment.id, row.providerOrderId!));
    const path = `/sandbox/banxa/api/orders/${row.providerOrderId}/refund`;
    const refundBody = JSON.stringify({ partnerOrderId: row.id, reason: "attack" });
    const refunded = await sandboxRefund(
      routeArgs(new Request(`http://localhost:3000${path}`, { method: "POST", body: refundBody, headers: signProviderRequest(path, refundBody) }), {
        gatewayId: "banxa",
        providerOrderId: row.providerOrderId!,
      }),
    );
    expect(refunded.status).toBeGreaterThanOrEqual(400);
    expect(refunded.status).toBeLessThan(500);
    const [after] = await database.db.select().from(order).where(eq(order.id, row.id));
    expect(after).toMatchObject({ status: "completed", refundedAt: null });
    const [payment] = await database.db.select().from(sandboxPayment).where(eq(sandboxPayment.id, row.providerOrderId!));
    expect(payment!.status).toBe("approved");
  });

  it("test mode keeps today's sandbox: approve completes a test order", async () => {
    const placed = await placeSessionOrder(test);
    const [row] = await database.db.select().from(order).where(eq(order.id, placed.body.id));
    await approveOnSandboxPage("banxa", row!.providerOrderId!);
    const [after] = await database.db.select().from(order).where(eq(order.id, row!.id));
    expect(after!.status).toBe("completed");
  });
});
