/**
 * Contract tests: the Transak adapter against the Transak stand-in (test/stand-ins/transak.ts),
 * which enforces the api-secret / access-token scheme, single-use widget URLs and JWT webhooks.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isDomainError } from "~/lib/domain-error";
import { startAdapterReceiver, type AdapterReceiver } from "~test/stand-ins/adapter-receiver";
import { startTransakStandIn, type TransakStandIn } from "~test/stand-ins/transak";
import { TRANSAK_STATUSES, forgetTransakTokens, gatewayBaseUrl, transakAdapter, verifyHs256 } from "./transak";
import type { AdapterOrderRequest, AdapterSellOrderRequest, CallbackInput, GatewayConnection } from "./types";

let standIn: TransakStandIn;
let receiver: AdapterReceiver;
let conn: GatewayConnection;

const WALLET = "0x8eeF3b6905704BdbB936f89dcd1A8BFE1B581405";

function orderRequest(partnerOrderId: string): AdapterOrderRequest {
  return {
    partnerOrderId,
    fiatCurrency: "EUR",
    fiatAmount: "150",
    cryptoCurrency: "ETH",
    network: "ethereum",
    walletAddress: WALLET,
    email: null,
    country: "FR",
    paymentMethod: "sepa",
    returnUrl: "https://shop.example/orders/return",
  };
}

async function expectGatewayError(promise: Promise<unknown>, message: string | RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isDomainError(error, "GATEWAY_UNAVAILABLE"), String(error)).toBe(true);
  expect((error as Error).message).toMatch(message);
  return error as Error;
}

async function openedOrder() {
  const partnerOrderId = `ord_${crypto.randomUUID().replace(/-/g, "")}`;
  const order = await transakAdapter.createOrder(conn, orderRequest(partnerOrderId));
  // The customer opens the widget (as the live-flow suite does through the same method).
  await standIn.openCheckout!(order.checkoutUrl);
  const providerOrderId = order.providerOrderId;
  expect(providerOrderId).toBe(partnerOrderId);
  expect(standIn.orders.has(providerOrderId)).toBe(true);
  const orderId = (standIn.orders.get(providerOrderId)!.body as { transakOrderId: string }).transakOrderId;
  return { partnerOrderId, order, providerOrderId, orderId };
}

function inputOf(body: string, receivedAt = new Date()): CallbackInput {
  return { method: "POST", url: receiver.url, headers: new Headers({ "Content-Type": "application/json" }), rawBody: body, receivedAt };
}

function webhookData(overrides: Record<string, unknown> = {}) {
  return { id: crypto.randomUUID(), status: "COMPLETED", partnerOrderId: "ord_1", cryptoAmount: 0.5, ...overrides };
}

beforeAll(async () => {
  receiver = await startAdapterReceiver(transakAdapter);
  standIn = await startTransakStandIn({ callbackUrl: receiver.url });
  conn = { baseUrl: standIn.baseUrl, credentials: standIn.credentials, callbackSecret: null, callbackUrl: receiver.url };
  receiver.connection = conn;
});

beforeEach(() => forgetTransakTokens());

afterAll(async () => {
  await standIn?.close();
  await receiver?.close();
});

describe("Transak: access token and test connection", () => {
  it("succeeds with the right key and secret, and reuses the access token instead of invalidating it", async () => {
    const before = standIn.tokensIssued();
    await transakAdapter.testConnection(conn);
    await transakAdapter.testConnection(conn);
    expect(standIn.tokensIssued()).toBe(before + 1);
  });

  it("asks for one token at a time even when calls run in parallel (each new token invalidates the last)", async () => {
    const before = standIn.tokensIssued();
    await Promise.all([transakAdapter.testConnection(conn), transakAdapter.testConnection(conn), transakAdapter.testConnection(conn)]);
    expect(standIn.tokensIssued()).toBe(before + 1);
  });

  it("a wrong API secret fails with Transak's own message, and never shows the secret", async () => {
    const wrong = crypto.randomBytes(24).toString("hex");
    const error = await expectGatewayError(
      transakAdapter.testConnection({ ...conn, credentials: { ...conn.credentials, apiSecret: wrong } }),
      /^Transak: Invalid API key or API secret$/,
    );
    expect(error.message).not.toContain(wrong);
  });

  it("when Transak no longer accepts our token (renewed elsewhere), one new token is fetched and the call succeeds", async () => {
    await transakAdapter.testConnection(conn);
    // Another process renews the token: ours is now invalid at Transak.
    const renewed = await fetch(`${standIn.baseUrl}/partners/api/v2/refresh-token`, {
      method: "POST",
      headers: { "api-secret": standIn.credentials.apiSecret, "Content-Type": "application/json" },
      body: JSON.stringify({ apiKey: standIn.credentials.apiKey }),
    });
    expect(renewed.status).toBe(200);
    const before = standIn.tokensIssued();
    await transakAdapter.testConnection(conn);
    expect(standIn.tokensIssued()).toBe(before + 1);
  });

  it("an unreachable API is GATEWAY_UNAVAILABLE", async () => {
    await expectGatewayError(transakAdapter.testConnection({ ...conn, baseUrl: "http://127.0.0.1:9" }), /^Transak: could not be reached\.$/);
  });

  it("derives the Create Widget URL host of Transak's two environments from the API host", () => {
    expect(gatewayBaseUrl("https://api.transak.com")).toBe("https://api-gateway.transak.com");
    expect(gatewayBaseUrl("https://api-stg.transak.com/")).toBe("https://api-gateway-stg.transak.com");
    expect(gatewayBaseUrl(standIn.baseUrl)).toBe(standIn.baseUrl);
  });
});

describe("Transak: quote", () => {
  it("returns Transak's price in our shape: network fee from the breakdown, the rest Transak's", async () => {
    const quote = await transakAdapter.quote(conn, {
      fiatCurrency: "EUR",
      fiatAmount: "150",
      cryptoCurrency: "ETH",
      network: "ethereum",
      country: "FR",
      paymentMethod: "sepa",
    });
    // Stand-in: 0.99 % Transak fee (1.49 on 150) + 0.50 network fee.
    expect(quote.fees).toEqual({ gateway: "1.49", network: "0.50", total: "1.99" });
    expect(quote.fiatAmount).toBe("150.00");
    const conversionPrice = (1.08 / 3200) * 0.99;
    expect(quote.cryptoAmount).toBe(String(Number(((150 - 1.99) * conversionPrice).toFixed(8))));
    expect(Number(quote.rate)).toBeCloseTo(conversionPrice, 12);
  });

  it("Transak's refusal comes back in its own words; an unmapped method is refused before any call", async () => {
    await expectGatewayError(
      transakAdapter.quote(conn, { fiatCurrency: "EUR", fiatAmount: "10", cryptoCurrency: "ETH", network: "ethereum", country: null, paymentMethod: null }),
      /^Transak: Minimum fiatAmount is 30$/,
    );
    await expectGatewayError(
      transakAdapter.quote(conn, { fiatCurrency: "USD", fiatAmount: "100", cryptoCurrency: "ETH", network: "ethereum", country: null, paymentMethod: "ach" }),
      /Transak: the payment method ach is not offered/,
    );
  });
});

describe("Transak: widget URL", () => {
  it("creates the widget URL through Create Widget URL with our order id, wallet and referrer domain", async () => {
    const { partnerOrderId, order, providerOrderId, orderId } = await openedOrder();
    expect(orderId).not.toBe(partnerOrderId);
    expect(order.checkoutMethod).toBe("iframe");
    expect(order.providerOrderId).toBe(partnerOrderId);
    expect(new Date(order.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    const params = standIn.orders.get(providerOrderId)!.body as Record<string, unknown>;
    expect(params).toMatchObject({
      partnerOrderId,
      walletAddress: WALLET,
      referrerDomain: "shop.example",
      redirectURL: "https://shop.example/orders/return",
      network: "ethereum",
      cryptoCurrencyCode: "ETH",
      paymentMethod: "sepa_bank_transfer",
      productsAvailed: "BUY",
    });
    // Transak's widget URLs open once.
    expect((await fetch(order.checkoutUrl)).status).toBe(400);
  });
});

describe("Transak: refund", () => {
  it("is INVALID_STATE: Transak has no partner refund API", async () => {
    const error = await transakAdapter.refund(conn, { providerOrderId: "x", partnerOrderId: "ord_x", reason: "asked" }).catch((e: unknown) => e);
    expect(isDomainError(error, "INVALID_STATE")).toBe(true);
  });
});

describe("Transak: webhooks", () => {
  it("ORDER_COMPLETED, signed with our access token, verifies and maps to completed", async () => {
    const { partnerOrderId, providerOrderId, orderId } = await openedOrder();
    const sent = await standIn.settle(providerOrderId, "completed");
    expect(sent.status).toBe(200);
    const verdict = receiver.verdicts.at(-1)!;
    expect(verdict).toMatchObject({
      ok: true,
      update: {
        providerOrderId: partnerOrderId,
        providerTransactionId: orderId,
        partnerOrderId,
        status: "completed",
        providerStatus: "COMPLETED",
        cryptoAmount: "0.0311",
      },
    });
  });

  it("ORDER_FAILED maps to failed and ORDER_REFUNDED to refunded, with Transak's reasons", async () => {
    const first = await openedOrder();
    await standIn.settle(first.providerOrderId, "failed");
    expect(receiver.verdicts.at(-1)).toMatchObject({ ok: true, update: { status: "failed", failureReason: "Card declined by the issuer" } });
    const second = await openedOrder();
    await standIn.settle(second.providerOrderId, "refunded");
    expect(receiver.verdicts.at(-1)).toMatchObject({ ok: true, update: { status: "refunded", refundReason: "Crypto could not be delivered" } });
  });

  it("forged webhooks are bad_signature and answered 401: another key, alg none, a payload swapped under a genuine signature", async () => {
    const { providerOrderId } = await openedOrder();
    const genuine = await standIn.settle(providerOrderId, "failed");
    const iat = Math.floor(Date.now() / 1000);

    const otherKey = await standIn.resend({
      ...genuine,
      body: JSON.stringify({ data: standIn.signWebhook({ webhookData: webhookData(), iat }, "attacker-key") }),
    });
    expect(otherKey.status).toBe(401);
    expect(receiver.verdicts.at(-1)).toMatchObject({ ok: false, reason: "bad_signature" });

    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const none = `${encode({ alg: "none", typ: "JWT" })}.${encode({ webhookData: webhookData(), iat })}.`;
    expect((await standIn.resend({ ...genuine, body: JSON.stringify({ data: none }) })).status).toBe(401);

    const [head, , signature] = (JSON.parse(genuine.body) as { data: string }).data.split(".");
    const swapped = `${head}.${encode({ webhookData: webhookData({ partnerOrderId: providerOrderId, status: "COMPLETED" }), iat })}.${signature}`;
    expect((await standIn.resend({ ...genuine, body: JSON.stringify({ data: swapped }) })).status).toBe(401);
    expect(receiver.verdicts.at(-1)).toMatchObject({ ok: false, reason: "bad_signature" });
  });

  it("just after we renew the access token, a webhook signed with the token before still verifies; one signed with a token we never held does not", async () => {
    await transakAdapter.testConnection(conn);
    const ours = standIn.accessToken()!;
    // Renewed elsewhere: Transak now signs with a token we never held; our next call renews again.
    await fetch(`${standIn.baseUrl}/partners/api/v2/refresh-token`, {
      method: "POST",
      headers: { "api-secret": standIn.credentials.apiSecret, "Content-Type": "application/json" },
      body: JSON.stringify({ apiKey: standIn.credentials.apiKey }),
    });
    const neverHeld = standIn.accessToken()!;
    await transakAdapter.testConnection(conn);
    const iat = Math.floor(Date.now() / 1000);
    const body = (key: string) => JSON.stringify({ data: standIn.signWebhook({ webhookData: webhookData(), iat }, key) });
    expect(await transakAdapter.verifyCallback(conn, inputOf(body(standIn.accessToken()!)))).toMatchObject({ ok: true });
    expect(await transakAdapter.verifyCallback(conn, inputOf(body(ours)))).toMatchObject({ ok: true });
    expect(await transakAdapter.verifyCallback(conn, inputOf(body(neverHeld)))).toMatchObject({ ok: false, reason: "bad_signature" });
  });

  it("a genuine webhook whose JWT was issued more than 5 minutes before it arrives is replayed", async () => {
    const { providerOrderId } = await openedOrder();
    const genuine = await standIn.settle(providerOrderId, "completed");
    expect(await transakAdapter.verifyCallback(conn, inputOf(genuine.body, new Date(Date.now() + 6 * 60_000)))).toMatchObject({
      ok: false,
      reason: "replayed",
    });
    const old = standIn.signWebhook({ webhookData: webhookData(), iat: Math.floor(Date.now() / 1000) - 3600 }, standIn.accessToken()!);
    expect(await transakAdapter.verifyCallback(conn, inputOf(JSON.stringify({ data: old })))).toMatchObject({ ok: false, reason: "replayed" });
  });

  it("malformed bodies are malformed (or bad_signature), an unknown status is ignored; junk never throws", async () => {
    await transakAdapter.testConnection(conn);
    const key = standIn.accessToken()!;
    const iat = Math.floor(Date.now() / 1000);
    for (const body of ["", "not json", "[]", '{"data":42}', '{"data":"a.b"}', '{"data":"!!.??.##"}', '{"nodata":true}']) {
      expect(await transakAdapter.verifyCallback(conn, inputOf(body))).toMatchObject({ ok: false, reason: "malformed" });
    }
    expect(await transakAdapter.verifyCallback(conn, inputOf(JSON.stringify({ data: standIn.signWebhook({ something: "else", iat }, key) })))).toMatchObject({
      ok: false,
      reason: "malformed",
    });
    expect(
      await transakAdapter.verifyCallback(
        conn,
        inputOf(JSON.stringify({ data: standIn.signWebhook({ webhookData: webhookData({ status: "AWAITING_PAYMENT_FROM_USER" }), iat }, key) })),
      ),
    ).toMatchObject({ ok: false, reason: "ignored" });
  });

  it("without credentials (or with Transak unreachable) a webhook cannot be verified: refused, not thrown", async () => {
    const body = JSON.stringify({ data: standIn.signWebhook({ webhookData: webhookData(), iat: Math.floor(Date.now() / 1000) }, "any") });
    expect(await transakAdapter.verifyCallback({ ...conn, credentials: {} }, inputOf(body))).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(await transakAdapter.verifyCallback({ ...conn, baseUrl: "http://127.0.0.1:9" }, inputOf(body))).toMatchObject({
      ok: false,
      reason: "bad_signature",
      message: "The webhook could not be verified: Transak: could not be reached.",
    });
  });

  it("verifyHs256 refuses a token signed with another key and reads one signed with the right key", () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const unsigned = `${encode({ alg: "HS256", typ: "JWT" })}.${encode({ a: 1 })}`;
    const jwt = `${unsigned}.${crypto.createHmac("sha256", "k").update(unsigned).digest("base64url")}`;
    expect(verifyHs256(jwt, "k")).toEqual({ ok: true, claims: { a: 1 } });
    expect(verifyHs256(jwt, "other")).toEqual({ ok: false, reason: "bad_signature" });
  });
});

describe("Transak: statuses", () => {
  it("maps every documented on-ramp order status", () => {
    expect(TRANSAK_STATUSES).toEqual({
      AWAITING_PAYMENT_FROM_USER: null,
      PAYMENT_DONE_MARKED_BY_USER: "processing",
      PROCESSING: "processing",
      PENDING_DELIVERY_FROM_TRANSAK: "processing",
      ON_HOLD_PENDING_DELIVERY_FROM_TRANSAK: "processing",
      COMPLETED: "completed",
      CANCELLED: "failed",
      FAILED: "failed",
      REFUNDED: "refunded",
      EXPIRED: "expired",
    });
    for (const [status, ours] of Object.entries(TRANSAK_STATUSES)) expect(transakAdapter.mapStatus(status)).toBe(ours);
    expect(transakAdapter.mapStatus("constructor")).toBeNull();
    expect(transakAdapter.mapStatus("completed")).toBeNull();
  });
});

describe("Transak: sells (price API with isBuyOrSell=SELL, widget with productsAvailed=SELL, off-ramp webhooks)", () => {
  function sellRequest(partnerOrderId: string): AdapterSellOrderRequest {
    return {
      partnerOrderId,
      cryptoCurrency: "ETH",
      cryptoAmount: "0.5",
      network: "ethereum",
      fiatCurrency: "EUR",
      refundAddress: WALLET,
      email: "seller@example.com",
      country: "FR",
      payoutMethod: "sepa",
      returnUrl: "https://shop.example/orders/sold",
      customerReference: "seller_1",
    };
  }

  async function openedSell() {
    const partnerOrderId = `ord_${crypto.randomUUID().replace(/-/g, "")}`;
    const order = await transakAdapter.createSellOrder!(conn, sellRequest(partnerOrderId));
    await standIn.openCheckout!(order.checkoutUrl);
    return { partnerOrderId, order };
  }

  it("prices the exact crypto amount: the payout net of Transak's fees", async () => {
    const quote = await transakAdapter.sellQuote!(conn, {
      cryptoCurrency: "ETH",
      cryptoAmount: "0.5",
      network: "ethereum",
      fiatCurrency: "EUR",
      country: "FR",
      payoutMethod: "sepa",
    });
    expect(quote.cryptoAmount).toBe("0.5");
    expect(Number(quote.fiatAmount)).toBeCloseTo(Number(quote.rate) * 0.5 - Number(quote.fees.total), 1);
    expect(quote.fees.network).toBe("0.50");
  });

  it("a wrong API key fails the sell quote with Transak's message", async () => {
    await expectGatewayError(
      transakAdapter.sellQuote!(
        { ...conn, credentials: { ...conn.credentials, apiKey: crypto.randomUUID() } },
        { cryptoCurrency: "ETH", cryptoAmount: "0.5", network: "ethereum", fiatCurrency: "EUR", country: null, payoutMethod: null },
      ),
      /^Transak: Invalid partnerApiKey$/,
    );
  });

  it("asks Create Widget URL (with the access token) for a SELL widget of the exact amount; no deposit address on our side", async () => {
    const { partnerOrderId, order } = await openedSell();
    expect(standIn.orders.get(partnerOrderId)!.body).toMatchObject({
      productsAvailed: "SELL",
      cryptoCurrencyCode: "ETH",
      cryptoAmount: "0.5",
      network: "ethereum",
      fiatCurrency: "EUR",
      partnerOrderId,
      paymentMethod: "sepa_bank_transfer",
    });
    expect(order).toMatchObject({ providerOrderId: partnerOrderId, checkoutMethod: "iframe", depositAddress: null });
    // Single use, as for buys.
    await expect(standIn.openCheckout!(order.checkoutUrl)).rejects.toThrow(/invalid, used or expired/);
  });

  it("maps the off-ramp webhooks: awaiting the crypto changes nothing, PENDING_DELIVERY_FROM_TRANSAK is the deposit, COMPLETED the payout", async () => {
    const { partnerOrderId } = await openedSell();
    const answers = [];
    for (const step of ["awaiting_deposit", "deposit_received", "completed"] as const) answers.push((await standIn.sellStep!(partnerOrderId, step)).status);
    expect(answers).toEqual([202, 200, 200]);
    expect(receiver.verdicts.slice(-3)).toMatchObject([
      { ok: false, reason: "ignored" },
      { ok: true, update: { providerOrderId: partnerOrderId, status: "processing", providerStatus: "PENDING_DELIVERY_FROM_TRANSAK" } },
      { ok: true, update: { status: "completed", fiatAmount: "1585.12", cryptoAmount: "0.5" } },
    ]);
    // A buy's PAYMENT_DONE_MARKED_BY_USER is processing; a sell's (the user says the crypto left) is not yet.
    const marked = standIn.signWebhook(
      { webhookData: webhookData({ status: "PAYMENT_DONE_MARKED_BY_USER", isBuyOrSell: "SELL" }), iat: Math.floor(Date.now() / 1000) },
      standIn.accessToken()!,
    );
    expect(await transakAdapter.verifyCallback(conn, inputOf(JSON.stringify({ data: marked })))).toMatchObject({ ok: false, reason: "ignored" });
  });

  it("maps a sell that fails, expires or is refunded; a webhook signed with another key is refused", async () => {
    const outcomes: string[] = [];
    for (const step of ["failed", "expired", "refunded"] as const) {
      const { partnerOrderId } = await openedSell();
      await standIn.sellStep!(partnerOrderId, step);
      const verdict = receiver.verdicts.at(-1)!;
      outcomes.push(verdict.ok ? verdict.update.status : verdict.reason);
    }
    expect(outcomes).toEqual(["failed", "expired", "refunded"]);
    const forged = standIn.signWebhook({ webhookData: webhookData({ isBuyOrSell: "SELL" }), iat: Math.floor(Date.now() / 1000) }, "not-the-access-token");
    expect(await transakAdapter.verifyCallback(conn, inputOf(JSON.stringify({ data: forged })))).toMatchObject({ ok: false, reason: "bad_signature" });
  });
});
