/**
 * Sell (off-ramp) sessions and orders through the API (docs/api-contract.md#sell-sessions, #sell-orders): an
 * `offramp` session, its `sell` order at a sandbox gateway with deposit instructions, the tester's Sent /
 * Approve payout / Decline payout on the provider's side, the signed callbacks, expiry of a deposit that never
 * came, and what the partner hears (events with type sell and partnerMetadata).
 */
import { asc, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { checkoutSession, event, order, sandboxPayment } from "../db/schema";
import { expireOverdueSellOrders } from "../app/orders/sell.server";
import { decideSandboxPayment } from "../app/sandbox/provider.server";
import { action as createSessionRoute } from "../app/routes/v1.sessions";
import { action as confirmRoute } from "../app/routes/v1.sessions.$sessionId.confirm";
import { action as placeOrder } from "../app/routes/v1.sessions.$sessionId.order";
import { action as checkoutIntent } from "../app/routes/public.v1.onramp.checkout-intent";
import { action as refundRoute } from "../app/routes/v1.orders.$orderId.refund";
import { loader as getOrder } from "../app/routes/v1.orders.$orderId";
import { loader as listOrders } from "../app/routes/v1.orders";
import { loader as listSessions } from "../app/routes/v1.sessions";
import { loader as quotesRoute } from "../app/routes/public.v1.onramp.quotes";
import { call } from "./api-client";
import { insertApiProject, type ProjectIds, type TestKeys } from "./contexts";
import { createTestDatabase, type TestDatabase } from "./database";
import { useInProcessProviders } from "./in-process-providers";

let database: TestDatabase;
let ids: ProjectIds;
let keys: TestKeys;
let restoreFetch: () => void;

const REFUND_ADDRESS = "0x742d35Cc6634C0532925a3b844Bc9e7595f1bD21";

/** A sell session: 0.5 ETH on ethereum for EUR, paid out in Germany. */
function sellSessionBody(overrides: Record<string, unknown> = {}) {
  return {
    type: "offramp",
    externalCustomerId: "seller_1",
    sourceAmount: "0.5",
    sourceCurrency: "ETH",
    network: "ethereum",
    destinationCurrency: "EUR",
    refundAddress: REFUND_ADDRESS,
    country: "DE",
    redirectUrl: "https://yoursite.com/sold",
    metadata: { orderId: "sale-42", provider: "not-the-gateway" },
    ...overrides,
  };
}

async function newSellSession(overrides: Record<string, unknown> = {}) {
  const created = await call(createSessionRoute, { path: "/v1/sessions", key: keys.sk, body: sellSessionBody(overrides) });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { id: created.body.id as string, clientSecret: created.body.attributes.clientSecret as string, attributes: created.body.attributes };
}

function sellOrder(session: { id: string; clientSecret: string }, body: Record<string, unknown> = {}) {
  return call(placeOrder, {
    path: `/v1/sessions/${session.id}/order`,
    key: keys.pk,
    params: { sessionId: session.id },
    body: { clientSecret: session.clientSecret, gateway: "banxa", payoutMethod: "sepa", email: "seller@example.com", ...body },
  });
}

async function eventsOf(orderId: string) {
  return database.db.select().from(event).where(eq(event.orderId, orderId)).orderBy(asc(event.sequence));
}

async function paymentOf(orderId: string) {
  const [row] = await database.db.select().from(sandboxPayment).where(eq(sandboxPayment.partnerOrderId, orderId));
  return row!;
}

async function sessionRow(id: string) {
  const [row] = await database.db.select().from(checkoutSession).where(eq(checkoutSession.id, id));
  return row!;
}

beforeAll(async () => {
  database = await createTestDatabase();
  restoreFetch = useInProcessProviders();
  ({ ids, keys } = await insertApiProject(database.db, "Sell shop"));
});

afterAll(async () => {
  restoreFetch?.();
  await database?.destroy();
});

afterEach(() => {
  delete process.env.SANDBOX_DEPOSIT_WINDOW_SECONDS;
});

describe("an offramp session", () => {
  it("reads source = crypto sold, destination = fiat paid out, locks what was given, keeps the refund address", async () => {
    const { attributes } = await newSellSession();
    expect(attributes).toMatchObject({
      type: "offramp",
      status: "pending",
      sourceAmount: "0.5",
      sourceCurrency: "ETH",
      network: "ethereum",
      destinationCurrency: "EUR",
      destinationAddress: null,
      refundAddress: REFUND_ADDRESS,
      fieldLocks: {
        sourceAmount: { locked: true },
        sourceCurrency: { locked: true },
        destinationCurrency: { locked: true },
        network: { locked: true },
        refundAddress: { locked: true },
        country: { locked: true },
      },
    });
    expect(attributes.fieldLocks.destinationAddress).toBeUndefined();
  });

  it("validates against the sell side: crypto source, fiat destination, crypto decimals, refund address on the network", async () => {
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ sourceCurrency: "USD" }, 400, "INVALID_CURRENCY", "sourceCurrency"],
      [{ destinationCurrency: "ETH" }, 400, "INVALID_CURRENCY", "destinationCurrency"],
      [{ sourceAmount: 0.5 }, 400, "INVALID_AMOUNT", "sourceAmount"],
      [{ sourceAmount: "0.123456789" }, 400, "INVALID_AMOUNT", "sourceAmount"],
      [{ sourceCurrency: "USDC", sourceAmount: "10.1234567" }, 400, "INVALID_AMOUNT", "sourceAmount"],
      [{ refundAddress: "not-an-address" }, 400, "INVALID_WALLET_ADDRESS", "refundAddress"],
      [{ network: "polygon" }, 400, "INVALID_NETWORK", "network"],
      // POL on polygon exists, but no gateway buys it back.
      [{ sourceCurrency: "POL", network: "polygon", sourceAmount: "100" }, 400, "INVALID_NETWORK", "network"],
      // A sell has no crypto destination: the key is unknown to its schema.
      [{ destinationAddress: REFUND_ADDRESS }, 400, "VALIDATION_ERROR", "body"],
    ];
    for (const [overrides, status, code, field] of cases) {
      const result = await call(createSessionRoute, { path: "/v1/sessions", key: keys.sk, body: sellSessionBody(overrides) });
      expect(result.status, JSON.stringify(overrides)).toBe(status);
      expect(result.body.error.code, JSON.stringify(overrides)).toBe(code);
      expect(result.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
  });

  it("a buy session still refuses a refundAddress and keeps its fiat amount rules", async () => {
    const base = { externalCustomerId: "b", sourceAmount: "100", sourceCurrency: "USD", destinationCurrency: "ETH", network: "ethereum" };
    const refund = await call(createSessionRoute, { path: "/v1/sessions", key: keys.sk, body: { ...base, refundAddress: REFUND_ADDRESS } });
    expect(refund.status).toBe(400);
    const cents = await call(createSessionRoute, { path: "/v1/sessions", key: keys.sk, body: { ...base, sourceAmount: "0.001" } });
    expect(cents.body.error.code).toBe("INVALID_AMOUNT");
  });

  it("lets the customer change unlocked fields on confirm, with crypto amounts, within min and max", async () => {
    const session = await newSellSession({ fieldLocks: { sourceAmount: { locked: false, min: "0.1", max: "1" } } });
    const confirm = (body: Record<string, unknown>) =>
      call(confirmRoute, {
        path: `/v1/sessions/${session.id}/confirm`,
        key: keys.pk,
        params: { sessionId: session.id },
        body: { clientSecret: session.clientSecret, ...body },
      });
    const changed = await confirm({ sourceAmount: "0.75" });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.attributes.sourceAmount).toBe("0.75");
    const tooMuch = await confirm({ sourceAmount: "2" });
    expect(tooMuch.body.error.code).toBe("INVALID_AMOUNT");
    const locked = await confirm({ refundAddress: "0x0000000000000000000000000000000000000001" });
    expect(locked.status).toBe(400);
    expect(locked.body.error.details[0].field).toBe("refundAddress");
  });
});

describe("a sell order", () => {
  it("gives deposit instructions and a payout summary, and records order.created with type sell and partnerMetadata", async () => {
    const session = await newSellSession();
    const result = await sellOrder(session);
    expect(result.status, JSON.stringify(result.body)).toBe(201);
    expect(result.body.attributes).toMatchObject({
      type: "sell",
      status: "created",
      refundAddress: REFUND_ADDRESS,
      deposit: { network: "ethereum", currency: "ETH", amount: "0.5", address: expect.any(String), expiresAt: expect.any(String) },
      payout: { method: "sepa", currency: "EUR", amount: "1444.66" },
    });
    const orderId = result.body.id as string;
    const attributes = (await call(getOrder, { path: `/v1/orders/${orderId}`, key: keys.sk, params: { orderId } })).body.attributes;
    expect(attributes).toMatchObject({
      type: "sell",
      status: "created",
      sessionId: session.id,
      gateway: "banxa",
      source: { currency: "ETH", amount: "0.5" },
      destination: { currency: "EUR", address: null },
      refundAddress: REFUND_ADDRESS,
      deposit: { network: "ethereum", currency: "ETH", amount: "0.5", address: expect.stringMatching(/^0x[0-9a-f]{40}$/) },
      payout: { method: "sepa", currency: "EUR" },
      paymentMethod: "sepa",
    });
    // Banxa: 0.5 ETH × 3200 / 1.08 × 0.99 = 1466.66 gross, 1.5 % fee 22.00 → 1444.66 EUR.
    expect(attributes.payout.amount).toBe("1444.66");
    expect(attributes.destination.amount).toBe("1444.66");
    expect(attributes.fees).toMatchObject({ gateway: "22.00", network: "0.00", currency: "EUR" });
    const deadline = Date.parse(attributes.deposit.expiresAt) - Date.now();
    expect(deadline).toBeGreaterThan(59 * 60 * 1000);
    expect(deadline).toBeLessThanOrEqual(60 * 60 * 1000);
    expect((await sessionRow(session.id)).status).toBe("processing");
    const [created] = await eventsOf(attributes.orderId);
    expect(created!.type).toBe("order.created");
    expect(created!.payload).toMatchObject({
      data: {
        order: { type: "sell", status: "created", deposit: { amount: "0.5" }, metadata: { provider: "banxa", partnerMetadata: { orderId: "sale-42" } } },
      },
    });
  });

  it("creates exactly one order when 50 requests race on one sell session", async () => {
    const session = await newSellSession();
    const results = await Promise.all(Array.from({ length: 50 }, () => sellOrder(session)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status !== 201).every((r) => r.status === 409 && r.body.error.code === "SESSION_ALREADY_USED")).toBe(true);
    expect(await database.db.select().from(order).where(eq(order.sessionId, session.id))).toHaveLength(1);
  });

  it("refuses buy fields, locked values, a gateway that doesn't sell there or by that payout method, amounts out of range", async () => {
    const session = await newSellSession();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ fiatAmount: "100" }, "VALIDATION_ERROR", "fiatAmount"],
      [{ walletAddress: REFUND_ADDRESS }, "VALIDATION_ERROR", "walletAddress"],
      [{ cryptoAmount: "0.6" }, "VALIDATION_ERROR", "cryptoAmount"],
      [{ gateway: "mercuryo" }, "INVALID_GATEWAY", "gateway"],
      [{ payoutMethod: "ach" }, "INVALID_GATEWAY", "gateway"],
      [{ gateway: "transak", payoutMethod: "ach" }, "INVALID_GATEWAY", "gateway"],
    ];
    for (const [body, code, field] of cases) {
      const result = await sellOrder(session, body);
      expect(result.status, JSON.stringify(body)).toBe(400);
      expect(result.body.error.code, JSON.stringify(body)).toBe(code);
      expect(result.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const tiny = await newSellSession({ sourceAmount: "0.001" });
    const tooSmall = await sellOrder(tiny);
    expect(tooSmall.body.error.code).toBe("INVALID_AMOUNT");
    // A buy session's order takes none of a sell's fields.
    const buy = await call(createSessionRoute, {
      path: "/v1/sessions",
      key: keys.sk,
      body: {
        externalCustomerId: "b",
        sourceAmount: "100",
        sourceCurrency: "USD",
        destinationCurrency: "ETH",
        network: "ethereum",
        destinationAddress: REFUND_ADDRESS,
      },
    });
    const buyOrder = await sellOrder({ id: buy.body.id, clientSecret: buy.body.attributes.clientSecret }, { cryptoAmount: "1" });
    expect(buyOrder.status).toBe(400);
    expect(buyOrder.body.error.details.map((d: { field: string }) => d.field)).toContain("cryptoAmount");
  });

  it("Sent → processing, Approve payout → completed with transaction.completed (fiat paid out), session completed", async () => {
    const session = await newSellSession();
    const placed = await sellOrder(session);
    const orderId = placed.body.attributes.orderId as string;
    const payment = await paymentOf(orderId);
    expect(payment).toMatchObject({ type: "sell", status: "pending", depositAddress: placed.body.attributes.deposit.address });
    // The payout can't be decided before the deposit.
    await expect(decideSandboxPayment(database.db, "banxa", payment.id, "approve")).rejects.toThrow(/deposit as sent/);

    await decideSandboxPayment(database.db, "banxa", payment.id, "sent");
    let read = await call(getOrder, { path: `/v1/orders/${orderId}`, key: keys.sk, params: { orderId } });
    expect(read.body.attributes.status).toBe("processing");

    const returnUrl = await decideSandboxPayment(database.db, "banxa", payment.id, "approve");
    expect(returnUrl).toContain(`/return/${orderId}`);
    read = await call(getOrder, { path: `/v1/orders/${orderId}`, key: keys.sk, params: { orderId } });
    expect(read.body.attributes).toMatchObject({
      status: "completed",
      destination: { currency: "EUR", amount: "1444.66" },
      transaction: { id: expect.stringMatching(/^txn_/) },
    });
    expect((await sessionRow(session.id)).status).toBe("completed");

    const events = await eventsOf(orderId);
    expect(events.map((e) => [e.type, e.sequence])).toEqual([
      ["order.created", 1],
      ["order.processing", 2],
      ["order.completed", 3],
      ["transaction.completed", 4],
    ]);
    expect(events[2]!.payload).toMatchObject({ data: { order: { type: "sell", status: "completed", metadata: { partnerMetadata: { orderId: "sale-42" } } } } });
    expect(events[3]!.payload).toMatchObject({ data: { transaction: { type: "sell", status: "completed", fiatAmount: "1444.66", cryptoAmount: "0.5" } } });

    // A paid-out sell has nothing to refund: refused with the reason, and the order is unchanged.
    const refund = await call(refundRoute, { path: `/v1/orders/${orderId}/refund`, key: keys.sk, params: { orderId }, body: {} });
    expect(refund.status).toBe(409);
    expect(refund.body.error).toMatchObject({ code: "INVALID_STATE", message: expect.stringContaining(`Order ${orderId} is a sell`) });
    const [after] = await database.db.select().from(order).where(eq(order.id, orderId));
    expect(after).toMatchObject({ status: "completed", refundRequestedAt: null });
  });

  it("Decline payout returns the crypto: order refunded (order.refunded), session failed", async () => {
    const session = await newSellSession();
    const orderId = (await sellOrder(session)).body.attributes.orderId as string;
    const payment = await paymentOf(orderId);
    await decideSandboxPayment(database.db, "banxa", payment.id, "sent");
    // Deposit received, payout pending: the partner cannot ask for the crypto back (only the gateway returns it).
    const asked = await call(refundRoute, { path: `/v1/orders/${orderId}/refund`, key: keys.sk, params: { orderId }, body: {} });
    expect(asked.status).toBe(409);
    expect(asked.body.error).toMatchObject({ code: "INVALID_STATE", message: expect.stringContaining("the gateway returns the crypto itself") });
    await decideSandboxPayment(database.db, "banxa", payment.id, "decline");
    const [row] = await database.db.select().from(order).where(eq(order.id, orderId));
    expect(row).toMatchObject({ status: "refunded", refundReason: "payout_declined" });
    expect((await sessionRow(session.id)).status).toBe("failed");
    expect((await eventsOf(orderId)).map((e) => e.type)).toEqual(["order.created", "order.processing", "order.refunded"]);
    // Deciding again changes nothing.
    await decideSandboxPayment(database.db, "banxa", payment.id, "approve");
    expect((await eventsOf(orderId)).map((e) => e.type)).toHaveLength(3);
  });

  it("expires when the deposit never arrives in the (configurable) window: order.expired, session expired, Sent refused", async () => {
    process.env.SANDBOX_DEPOSIT_WINDOW_SECONDS = "1";
    const session = await newSellSession();
    const orderId = (await sellOrder(session)).body.attributes.orderId as string;
    const [placed] = await database.db.select().from(order).where(eq(order.id, orderId));
    expect(placed!.depositExpiresAt!.getTime() - placed!.createdAt.getTime()).toBeLessThan(2000);
    // Before the deadline the sweep leaves it alone.
    expect(await expireOverdueSellOrders(database.db, { now: new Date(placed!.depositExpiresAt!.getTime() - 500) })).toBe(0);
    expect(await expireOverdueSellOrders(database.db, { now: new Date(placed!.depositExpiresAt!.getTime() + 1000) })).toBeGreaterThanOrEqual(1);
    const [row] = await database.db.select().from(order).where(eq(order.id, orderId));
    expect(row!.status).toBe("expired");
    expect((await sessionRow(session.id)).status).toBe("expired");
    const events = await eventsOf(orderId);
    expect(events.map((e) => [e.type, e.sequence])).toEqual([
      ["order.created", 1],
      ["order.expired", 2],
    ]);
    expect(events[1]!.payload).toMatchObject({ data: { order: { type: "sell", status: "expired", metadata: { partnerMetadata: { orderId: "sale-42" } } } } });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const payment = await paymentOf(orderId);
    await expect(decideSandboxPayment(database.db, "banxa", payment.id, "sent")).rejects.toThrow(/expired/);
  });
});

describe("a sell checkout-intent", () => {
  it("places a sell without a session, with deposit instructions and partnerMetadata", async () => {
    const result = await call(checkoutIntent, {
      path: "/public/v1/onramp/checkout-intent",
      key: keys.pk,
      body: {
        projectId: ids.projectId,
        orderType: "sell",
        gateway: "moonpay",
        cryptoCurrency: "USDC",
        cryptoAmount: "250",
        network: "polygon",
        fiatCurrency: "USD",
        refundAddress: REFUND_ADDRESS,
        payoutMethod: "ach",
        partnerMetadata: { orderId: "direct-sale-1" },
      },
    });
    expect(result.status, JSON.stringify(result.body)).toBe(201);
    expect(result.body.data).toMatchObject({
      type: "sell",
      status: "created",
      gateway: "moonpay",
      deposit: { network: "polygon", currency: "USDC", amount: "250", address: expect.stringMatching(/^0x/) },
      payout: { method: "ach", currency: "USD" },
    });
    const [row] = await database.db.select().from(order).where(eq(order.id, result.body.data.orderId));
    expect(row).toMatchObject({ type: "sell", sessionId: null, refundAddress: REFUND_ADDRESS });
    expect(row!.metadata.partnerMetadata).toEqual({ orderId: "direct-sale-1" });
  });

  it("refuses a sell body without refundAddress, or with a buy's fiatAmount", async () => {
    const base = {
      projectId: ids.projectId,
      orderType: "sell",
      gateway: "banxa",
      cryptoCurrency: "ETH",
      cryptoAmount: "0.5",
      network: "ethereum",
      fiatCurrency: "EUR",
    };
    const missing = await call(checkoutIntent, { path: "/public/v1/onramp/checkout-intent", key: keys.pk, body: base });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.map((d: { field: string }) => d.field)).toContain("refundAddress");
    const fiat = await call(checkoutIntent, {
      path: "/public/v1/onramp/checkout-intent",
      key: keys.pk,
      body: { ...base, refundAddress: REFUND_ADDRESS, fiatAmount: "100" },
    });
    expect(fiat.status).toBe(400);
  });
});

describe("sell quotes", () => {
  const quotes = (params: Record<string, string>) =>
    call(quotesRoute, { path: `/public/v1/onramp/quotes?${new URLSearchParams({ projectId: ids.projectId, orderType: "sell", ...params })}` });

  it("ranks by fiat received net of fees, with payout methods and limits, and says why the others can't", async () => {
    const result = await quotes({ cryptoCurrency: "ETH", network: "ethereum", cryptoAmount: "0.5", fiatCurrency: "EUR", country: "DE" });
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    const data = result.body.data;
    expect(data).toMatchObject({ orderType: "sell", cryptoCurrency: "ETH", network: "ethereum", cryptoAmount: "0.5", fiatCurrency: "EUR" });
    const amounts = data.quotes.map((q: { fiatAmount: string }) => Number(q.fiatAmount));
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    expect(data.quotes.map((q: { gateway: { id: string } }) => q.gateway.id)).toEqual(["moonpay", "transak", "banxa"]);
    expect(data.quotes[2]).toMatchObject({
      gateway: { id: "banxa" },
      cryptoAmount: "0.5",
      fiatAmount: "1444.66",
      fees: { gateway: "22.00", network: "0.00", total: "22.00", currency: "EUR" },
      payoutMethods: ["sepa"],
      limits: { minCrypto: 0.01, maxCrypto: 50, minFiat: 50, maxFiat: 10000 },
      depositWindowMinutes: 60,
    });
    expect(data.unavailable).toEqual(
      expect.arrayContaining([expect.objectContaining({ gateway: expect.objectContaining({ id: "mercuryo" }), code: "UNSUPPORTED_ORDER_TYPE" })]),
    );
  });

  it("narrows by country and payout method, and refuses amounts by gateway", async () => {
    const us = await quotes({
      cryptoCurrency: "ETH",
      network: "ethereum",
      cryptoAmount: "0.5",
      fiatCurrency: "USD",
      country: "US",
      payoutMethod: "card-payout",
    });
    expect(us.body.data.quotes.map((q: { gateway: { id: string } }) => q.gateway.id)).toEqual(["moonpay"]);
    const banxa = us.body.data.unavailable.find((u: { gateway: { id: string } }) => u.gateway.id === "banxa");
    expect(banxa).toMatchObject({ code: "UNSUPPORTED_PAYMENT_METHOD" });
    const tiny = await quotes({ cryptoCurrency: "ETH", network: "ethereum", cryptoAmount: "0.001", fiatCurrency: "EUR" });
    expect(tiny.body.data.quotes).toEqual([]);
    expect(tiny.body.data.unavailable[0]).toMatchObject({ code: "AMOUNT_TOO_LOW" });
  });

  it("answers the API's codes for bad sell parameters", async () => {
    const amount = await quotes({ cryptoCurrency: "ETH", network: "ethereum", cryptoAmount: "0.123456789", fiatCurrency: "EUR" });
    expect(amount.body.error).toMatchObject({ code: "INVALID_AMOUNT", details: [{ field: "cryptoAmount" }] });
    const network = await quotes({ cryptoCurrency: "BTC", network: "ethereum", cryptoAmount: "0.1", fiatCurrency: "EUR" });
    expect(network.body.error).toMatchObject({ code: "INVALID_NETWORK" });
    const method = await quotes({ cryptoCurrency: "ETH", network: "ethereum", cryptoAmount: "0.5", fiatCurrency: "EUR", payoutMethod: "paypal" });
    expect(method.body.error).toMatchObject({ code: "VALIDATION_ERROR", details: [{ field: "payoutMethod" }] });
  });
});

describe("the type filter", () => {
  it("lists only sell orders and offramp sessions when asked, beside the other filters", async () => {
    const orders = await call(listOrders, { path: "/v1/orders?type=sell&limit=100", key: keys.sk });
    expect(orders.status, JSON.stringify(orders.body)).toBe(200);
    expect(orders.body.data.length).toBeGreaterThan(0);
    expect(orders.body.data.every((o: { attributes: { type: string } }) => o.attributes.type === "sell")).toBe(true);
    const buys = await call(listOrders, { path: "/v1/orders?type=buy&limit=100", key: keys.sk });
    expect(buys.body.data.every((o: { attributes: { type: string } }) => o.attributes.type === "buy")).toBe(true);
    const sessions = await call(listSessions, { path: "/v1/sessions?type=offramp&status=completed&limit=100", key: keys.sk });
    expect(sessions.body.data.length).toBeGreaterThan(0);
    expect(
      sessions.body.data.every((x: { attributes: { type: string; status: string } }) => x.attributes.type === "offramp" && x.attributes.status === "completed"),
    ).toBe(true);
    const wrong = await call(listSessions, { path: "/v1/sessions?type=sell", key: keys.sk });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details[0].field).toBe("type");
  });
});
