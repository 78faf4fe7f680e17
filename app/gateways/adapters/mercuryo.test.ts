/**
 * Contract tests: the Mercuryo adapter against the Mercuryo stand-in (test/stand-ins/mercuryo.ts),
 * which enforces the widget ID, the Sdk-Partner-Token, the widget signature v2 and X-Signature.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDomainError } from "~/lib/domain-error";
import { startAdapterReceiver, type AdapterReceiver } from "~test/stand-ins/adapter-receiver";
import { startMercuryoStandIn } from "~test/stand-ins/mercuryo";
import type { GatewayStandIn } from "~test/stand-ins/types";
import { MERCURYO_STATUSES, callbackSignatureMatches, mercuryoAdapter, widgetBaseUrl, widgetSignature } from "./mercuryo";
import type { AdapterOrderRequest, CallbackInput, GatewayConnection } from "./types";

let standIn: GatewayStandIn;
let receiver: AdapterReceiver;
let conn: GatewayConnection;

const WALLET = "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh";

function orderRequest(partnerOrderId: string, customerIp: string | null = "127.0.0.1"): AdapterOrderRequest {
  return {
    partnerOrderId,
    fiatCurrency: "EUR",
    fiatAmount: "200",
    cryptoCurrency: "BTC",
    network: "bitcoin",
    walletAddress: WALLET,
    email: "buyer@example.com",
    country: "DE",
    paymentMethod: "debit-credit-card",
    returnUrl: "https://shop.example/done",
    customerIp,
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

/** Creates an order and opens its widget URL from 127.0.0.1, the IP the order was signed for. */
async function openedOrder() {
  const partnerOrderId = `ord_${crypto.randomUUID().replace(/-/g, "")}`;
  const order = await mercuryoAdapter.createOrder(conn, orderRequest(partnerOrderId));
  // The customer opens the widget (as the live-flow suite does through the same method).
  await standIn.openCheckout!(order.checkoutUrl);
  const providerOrderId = order.providerOrderId;
  expect(providerOrderId).toBe(partnerOrderId);
  expect(standIn.orders.has(providerOrderId)).toBe(true);
  const transactionId = (standIn.orders.get(providerOrderId)!.body as { transactionId: string }).transactionId;
  return { partnerOrderId, order, providerOrderId, transactionId };
}

function inputOf(callback: { headers: Record<string, string>; body: string }): CallbackInput {
  return { method: "POST", url: receiver.url, headers: new Headers(callback.headers), rawBody: callback.body, receivedAt: new Date() };
}

function signed(body: string, key = standIn.callbackSecret) {
  return { headers: { "X-Signature": crypto.createHmac("sha256", key).update(body).digest("hex") }, body };
}

beforeAll(async () => {
  receiver = await startAdapterReceiver(mercuryoAdapter);
  standIn = await startMercuryoStandIn({ callbackUrl: receiver.url });
  conn = { baseUrl: standIn.baseUrl, credentials: standIn.credentials, callbackSecret: standIn.callbackSecret, callbackUrl: receiver.url };
  receiver.connection = conn;
});

afterAll(async () => {
  await standIn?.close();
  await receiver?.close();
});

describe("Mercuryo: test connection", () => {
  it("succeeds with the right widget ID and partner token", async () => {
    await expect(mercuryoAdapter.testConnection(conn)).resolves.toBeUndefined();
  });

  it("a wrong partner token fails with Mercuryo's own message, and never shows the token", async () => {
    const wrong = crypto.randomBytes(20).toString("hex");
    const error = await expectGatewayError(
      mercuryoAdapter.testConnection({ ...conn, credentials: { ...conn.credentials, sdkPartnerToken: wrong } }),
      /^Mercuryo: Unauthorized$/,
    );
    expect(error.message).not.toContain(wrong);
  });

  it("an unknown widget ID fails with Mercuryo's answer", async () => {
    await expectGatewayError(
      mercuryoAdapter.testConnection({ ...conn, credentials: { ...conn.credentials, widgetId: crypto.randomUUID() } }),
      /^Mercuryo: Forbidden$/,
    );
  });

  it("an unreachable API is GATEWAY_UNAVAILABLE", async () => {
    await expectGatewayError(mercuryoAdapter.testConnection({ ...conn, baseUrl: "http://127.0.0.1:9" }), /^Mercuryo: could not be reached\.$/);
  });
});

describe("Mercuryo: quote", () => {
  it("returns Mercuryo's buy rate in our shape: fees in fiat, crypto net of fees, crypto per fiat", async () => {
    const quote = await mercuryoAdapter.quote(conn, {
      fiatCurrency: "EUR",
      fiatAmount: "200",
      cryptoCurrency: "BTC",
      network: "bitcoin",
      country: "DE",
      paymentMethod: "debit-credit-card",
    });
    // Stand-in: 3.95 % Mercuryo fee (7.90 on 200) + 0.80 network fee; price (95000 / 1.08) × 1.005.
    expect(quote.fees).toEqual({ gateway: "7.90", network: "0.80", total: "8.70" });
    expect(quote.fiatAmount).toBe("200.00");
    const unitPrice = Number(((95000 / 1.08) * 1.005).toFixed(2));
    expect(quote.cryptoAmount).toBe(((200 - 8.7) / ((95000 / 1.08) * 1.005)).toFixed(8));
    expect(Number(quote.rate)).toBeCloseTo(1 / unitPrice, 15);
  });

  it("Mercuryo's refusal comes back in its own words; bank rails are refused before any call", async () => {
    await expectGatewayError(
      mercuryoAdapter.quote(conn, { fiatCurrency: "EUR", fiatAmount: "10", cryptoCurrency: "BTC", network: "bitcoin", country: null, paymentMethod: null }),
      /^Mercuryo: The minimum amount is 25 EUR$/,
    );
    await expectGatewayError(
      mercuryoAdapter.quote(conn, { fiatCurrency: "EUR", fiatAmount: "100", cryptoCurrency: "BTC", network: "bitcoin", country: null, paymentMethod: "sepa" }),
      /Mercuryo: the payment method sepa is not offered/,
    );
  });
});

describe("Mercuryo: signed widget URL", () => {
  it("creates a redirect URL the widget accepts from the customer's IP, carrying our order id", async () => {
    const { partnerOrderId, order, providerOrderId, transactionId } = await openedOrder();
    expect(transactionId).not.toBe(partnerOrderId);
    expect(order.checkoutMethod).toBe("redirect");
    expect(order.providerOrderId).toBe(partnerOrderId);
    const url = new URL(order.checkoutUrl);
    expect(url.searchParams.get("merchant_transaction_id")).toBe(partnerOrderId);
    expect(url.searchParams.get("address")).toBe(WALLET);
    expect(url.searchParams.get("signature")).toMatch(/^v2:[0-9a-f]{128}$/);
    expect(standIn.orders.get(providerOrderId)?.partnerOrderId).toBe(partnerOrderId);
  });

  it("the widget refuses the URL when the address is changed or it was signed for another IP", async () => {
    const order = await mercuryoAdapter.createOrder(conn, orderRequest("ord_tamper"));
    const tampered = await fetch(order.checkoutUrl.replace(WALLET, "bc1qattackerattackerattackerattackerattack"));
    expect(tampered.status).toBe(400);
    expect(await tampered.json()).toMatchObject({ message: "Signature is invalid" });
    const otherIp = await mercuryoAdapter.createOrder(conn, orderRequest("ord_other_ip", "203.0.113.9"));
    expect((await fetch(otherIp.checkoutUrl)).status).toBe(400);
  });

  it("without the customer's IP no URL can be signed: GATEWAY_UNAVAILABLE, not an unusable URL", async () => {
    await expectGatewayError(mercuryoAdapter.createOrder(conn, orderRequest("ord_no_ip", null)), /Mercuryo: the customer's IP address is needed/);
  });

  it("matches Mercuryo's published signature example (fixed vector)", () => {
    // widget.docs.mercuryo.io "Signature Generation": Result: "v2:83a6473f7b0aade8cd794c38f435d8db..."
    const signature = widgetSignature("0x742d35Cc6634C0532925a3b844Bc454e4438f44e", "your_secret_key_123", "192.168.1.1", "tx_123456");
    expect(signature.startsWith("v2:83a6473f7b0aade8cd794c38f435d8db")).toBe(true);
    expect(signature).toHaveLength(3 + 128);
  });

  it("sends the customer to Mercuryo's widget host of each documented environment", () => {
    expect(widgetBaseUrl("https://api.mercuryo.io")).toBe("https://exchange.mercuryo.io");
    expect(widgetBaseUrl("https://sandbox-api.mrcr.io/")).toBe("https://sandbox-exchange.mrcr.io");
  });
});

describe("Mercuryo: refund", () => {
  it("is INVALID_STATE: Mercuryo has no partner refund API", async () => {
    const error = await mercuryoAdapter.refund(conn, { providerOrderId: "x", partnerOrderId: "ord_x", reason: null }).catch((e: unknown) => e);
    expect(isDomainError(error, "INVALID_STATE")).toBe(true);
  });
});

describe("Mercuryo: callbacks", () => {
  it("a paid buy, signed with the Sign Key, verifies and maps to completed", async () => {
    const { partnerOrderId, providerOrderId, transactionId } = await openedOrder();
    const sent = await standIn.settle(providerOrderId, "completed");
    expect(sent.status).toBe(200);
    expect(receiver.verdicts.at(-1)).toMatchObject({
      ok: true,
      update: {
        providerOrderId: partnerOrderId,
        providerTransactionId: transactionId,
        partnerOrderId,
        status: "completed",
        providerStatus: "paid",
        cryptoAmount: "0.04512345",
      },
    });
  });

  it("an order_failed buy maps to failed", async () => {
    const { providerOrderId } = await openedOrder();
    await standIn.settle(providerOrderId, "failed");
    expect(receiver.verdicts.at(-1)).toMatchObject({ ok: true, update: { status: "failed", providerStatus: "order_failed" } });
  });

  it("a forged callback (body changed, or signed with another key, or unsigned) is bad_signature and answered 401", async () => {
    const { providerOrderId } = await openedOrder();
    const genuine = await standIn.settle(providerOrderId, "failed");
    const changed = await standIn.resend({ ...genuine, body: genuine.body.replace('"status":"order_failed"', '"status":"paid"') });
    expect(changed.status).toBe(401);
    expect(receiver.verdicts.at(-1)).toMatchObject({ ok: false, reason: "bad_signature" });
    const forgedBody = genuine.body.replace('"status":"order_failed"', '"status":"paid"');
    expect((await standIn.resend({ ...signed(forgedBody, "not-the-sign-key"), status: 0, answer: "" })).status).toBe(401);
    expect((await standIn.resend({ headers: { "Content-Type": "application/json" }, body: forgedBody, status: 0, answer: "" })).status).toBe(401);
  });

  it("accepts the signature computed over the body without whitespace (Mercuryo's earlier instructions) and the exact body", () => {
    const body = '{ "data": { "id": "1", "type": "buy", "status": "paid" } }';
    const compact = crypto.createHmac("sha256", "key").update(body.replace(/\s/g, "")).digest("hex");
    const exact = crypto.createHmac("sha256", "key").update(body).digest("hex");
    expect(callbackSignatureMatches("key", body, compact)).toBe(true);
    expect(callbackSignatureMatches("key", body, exact)).toBe(true);
    expect(callbackSignatureMatches("other", body, exact)).toBe(false);
  });

  it("signed but not a buy transaction: malformed or ignored; junk never throws", async () => {
    for (const body of ["not json", "[]", '{"data":{"id":"1"}}', '{"data":null}']) {
      expect(await mercuryoAdapter.verifyCallback(conn, inputOf(signed(body)))).toMatchObject({ ok: false, reason: "malformed" });
    }
    expect(await mercuryoAdapter.verifyCallback(conn, inputOf(signed('{"data":{"id":"1","type":"withdraw","status":"completed"}}')))).toMatchObject({
      ok: false,
      reason: "ignored",
    });
    expect(await mercuryoAdapter.verifyCallback(conn, inputOf(signed('{"data":{"id":"1","type":"buy","status":"new"}}')))).toMatchObject({
      ok: false,
      reason: "ignored",
    });
    for (const value of ["", "zz", "v2:abc", "a".repeat(64)]) {
      expect(await mercuryoAdapter.verifyCallback(conn, inputOf({ headers: { "X-Signature": value }, body: "{}" }))).toMatchObject({
        ok: false,
        reason: "bad_signature",
      });
    }
    expect(await mercuryoAdapter.verifyCallback({ ...conn, callbackSecret: null }, inputOf(signed("{}")))).toMatchObject({
      ok: false,
      reason: "bad_signature",
    });
  });
});

describe("Mercuryo: statuses", () => {
  it("maps every documented buy status", () => {
    expect(MERCURYO_STATUSES).toEqual({
      new: null,
      pending: "processing",
      order_scheduled: "processing",
      descriptor_failed: null,
      failed_exchange: null,
      paid: "completed",
      order_failed: "failed",
      cancelled: "failed",
    });
    for (const [status, ours] of Object.entries(MERCURYO_STATUSES)) expect(mercuryoAdapter.mapStatus(status)).toBe(ours);
    expect(mercuryoAdapter.mapStatus("__proto__")).toBeNull();
  });
});
