/**
 * Banxa's request and webhook signing against its documentation's own examples
 * (https://docs.banxa.com/docs/step-3-authentication): the canonical strings are the docs'
 * verbatim; the docs publish no resulting signature, so the HMACs below were computed
 * independently (openssl dgst -sha256 -hmac example_secret) and are fixed here. And the
 * stand-in's refusals, in Banxa's documented error shape (https://docs.banxa.com/reference/errors).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAdapterReceiver, type AdapterReceiver } from "~test/stand-ins/adapter-receiver";
import { startBanxaStandIn } from "~test/stand-ins/banxa";
import type { GatewayStandIn } from "~test/stand-ins/types";
import { banxaAdapter, banxaAuthorization, banxaMessage, banxaSignature } from "./banxa";
import type { GatewayConnection } from "./types";

describe("Banxa HMAC (fixed vectors from the docs' examples)", () => {
  it("builds the docs' canonical strings exactly", () => {
    expect(banxaMessage("GET", "/api/coins", "1612391416")).toBe("GET\n/api/coins\n1612391416");
    expect(banxaMessage("POST", "/api/orders", "1612391416", '{"account_reference":"example_01"}')).toBe(
      'POST\n/api/orders\n1612391416\n{"account_reference":"example_01"}',
    );
  });

  it("signs them with HMAC-SHA256, hex", () => {
    expect(banxaSignature("example_secret", "GET\n/api/coins\n1612391416")).toBe("08fefd57f2e9f08c7d5ded7f4de911045a43e3dbb15ba0b831c7e410a4e6899f");
    expect(banxaAuthorization("example_key", "example_secret", "POST", "/api/orders", "1612391416", '{"account_reference":"example_01"}')).toBe(
      "Bearer example_key:b84e4ba8888216383a57f9139a1920fbff2352a941d72d1910416ebf3969ce8d:1612391416",
    );
  });

  it("maps Banxa's statuses: waiting changes nothing, complete/declined/expired/refunded are ours", () => {
    expect(["pendingPayment", "waitingPayment"].map((s) => banxaAdapter.mapStatus(s))).toEqual([null, null]);
    expect(["paymentReceived", "inProgress", "coinTransferred"].map((s) => banxaAdapter.mapStatus(s))).toEqual(["processing", "processing", "processing"]);
    expect(["complete", "declined", "cancelled", "expired", "refunded"].map((s) => banxaAdapter.mapStatus(s))).toEqual([
      "completed",
      "failed",
      "failed",
      "expired",
      "refunded",
    ]);
  });
});

describe("Banxa webhook verification and the stand-in's auth", () => {
  let standIn: GatewayStandIn;
  let conn: GatewayConnection;
  const callbackUrl = "http://localhost:3000/callbacks/banxa/00000000-0000-4000-8000-000000000000";

  beforeAll(async () => {
    standIn = await startBanxaStandIn({ callbackUrl });
    conn = { baseUrl: standIn.baseUrl, credentials: standIn.credentials, callbackSecret: null, callbackUrl };
  });
  afterAll(() => standIn?.close());

  function webhook(body: string, nonce: string, secret = standIn.credentials.apiSecret!, key = standIn.credentials.apiKey!) {
    const signature = banxaSignature(secret, banxaMessage("POST", new URL(callbackUrl).pathname, nonce, body));
    return {
      method: "POST",
      url: callbackUrl,
      headers: new Headers({ Authorization: `Bearer ${key}:${signature}:${nonce}` }),
      rawBody: body,
      receivedAt: new Date(),
    };
  }

  it("the stand-in refuses a wrong key and a bad signature with Banxa's error shape; Test connection shows Banxa's message", async () => {
    const wrongKey = await fetch(`${standIn.baseUrl}/api/fiats/buy`, { headers: { Authorization: `Bearer nope:${"0".repeat(64)}:${Date.now()}` } });
    expect(wrongKey.status).toBe(401);
    expect(await wrongKey.json()).toEqual({ errors: [{ status: "40100", code: "401", title: "Hmac Error - Merchant not found" }] });
    const badSignature = await fetch(`${standIn.baseUrl}/api/fiats/buy`, {
      headers: { Authorization: `Bearer ${standIn.credentials.apiKey}:${"0".repeat(64)}:${Date.now()}` },
    });
    expect(await badSignature.json()).toMatchObject({ errors: [{ status: "40103", title: "You are not authorized to access this resource." }] });
    await expect(banxaAdapter.testConnection({ ...conn, credentials: { ...conn.credentials, apiSecret: "wrong-secret-123" } })).rejects.toMatchObject({
      code: "GATEWAY_UNAVAILABLE",
      message: "Banxa: You are not authorized to access this resource. (40103)",
    });
    await expect(banxaAdapter.testConnection(conn)).resolves.toBeUndefined();
  });

  it("accepts a webhook signed over our endpoint's path and reads the order from Banxa", async () => {
    const created = await banxaAdapter.createOrder(conn, {
      partnerOrderId: "ord_vector",
      fiatCurrency: "USD",
      fiatAmount: "100",
      cryptoCurrency: "ETH",
      network: "ethereum",
      walletAddress: "0x742d35cc6634c0532925a3b844bc9e7595f1bd21",
      email: null,
      country: null,
      paymentMethod: null,
      returnUrl: "https://shop.example/return",
    });
    standIn.orders.get(created.providerOrderId)!.status = "complete";
    const verdict = await banxaAdapter.verifyCallback(
      conn,
      webhook(JSON.stringify({ order_id: created.providerOrderId, status: "complete" }), String(Date.now())),
    );
    expect(verdict).toMatchObject({ ok: true, update: { providerOrderId: created.providerOrderId, partnerOrderId: "ord_vector", status: "completed" } });
  });

  it("refuses a wrong key, a bad signature, a nonce older than 5 minutes, and a malformed header", async () => {
    const body = JSON.stringify({ order_id: "x" });
    expect(await banxaAdapter.verifyCallback(conn, webhook(body, String(Date.now()), "not-the-secret"))).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(await banxaAdapter.verifyCallback(conn, webhook(body, String(Date.now()), undefined, "other-key"))).toMatchObject({
      ok: false,
      reason: "bad_signature",
    });
    expect(await banxaAdapter.verifyCallback(conn, webhook(body, String(Date.now() - 6 * 60_000)))).toMatchObject({ ok: false, reason: "replayed" });
    const malformed = { ...webhook(body, String(Date.now())), headers: new Headers({ Authorization: "Bearer x" }) };
    expect(await banxaAdapter.verifyCallback(conn, malformed)).toMatchObject({ ok: false, reason: "bad_signature" });
  });
});

describe("Banxa sells (Create Order with the coin as source) against the stand-in", () => {
  let standIn: GatewayStandIn;
  let receiver: AdapterReceiver;
  let conn: GatewayConnection;
  const REFUND = "0x742d35cc6634c0532925a3b844bc9e7595f1bd21";
  const sell = (partnerOrderId: string) => ({
    partnerOrderId,
    cryptoCurrency: "ETH",
    cryptoAmount: "0.5",
    network: "ethereum",
    fiatCurrency: "EUR",
    refundAddress: REFUND,
    email: "seller@example.com",
    country: "DE",
    payoutMethod: "sepa",
    returnUrl: "https://shop.example/return",
  });

  beforeAll(async () => {
    receiver = await startAdapterReceiver(banxaAdapter);
    standIn = await startBanxaStandIn({ callbackUrl: receiver.url });
    conn = { baseUrl: standIn.baseUrl, credentials: standIn.credentials, callbackSecret: null, callbackUrl: receiver.url };
    receiver.connection = conn;
  });
  afterAll(async () => {
    await standIn?.close();
    await receiver?.close();
  });

  it("creates a signed CRYPTO-SELL order: checkout URL, no deposit address before KYC, our deposit deadline, Banxa's payout", async () => {
    const before = Date.now();
    const created = await banxaAdapter.createSellOrder!(conn, sell("ord_sell_1"));
    const stored = standIn.orders.get(created.providerOrderId)!;
    expect(stored.body).toMatchObject({ order_type: "CRYPTO-SELL", coin_code: "ETH", fiat_code: "EUR", refund_address: REFUND, meta_data: "ord_sell_1" });
    expect(created).toMatchObject({
      checkoutMethod: "redirect",
      checkoutUrl: expect.stringMatching(/^https:\/\/checkout\.banxa\.example\//),
      depositAddress: null,
      cryptoAmount: "0.50000000",
      fiatAmount: "1596.30",
      fees: { gateway: "2.50", network: "1.20", total: "3.70" },
    });
    // 0.5 ETH at 3200: 1600 before fees.
    expect(created.rate).toBe("3200");
    const deadline = new Date(created.depositExpiresAt).getTime();
    expect(deadline - before).toBeGreaterThanOrEqual(60 * 60_000 - 1000);
    expect(deadline - before).toBeLessThanOrEqual(60 * 60_000 + 5000);
  });

  it("a wrong API secret is refused by the stand-in with Banxa's message; the stand-in refuses a sell without refund_address", async () => {
    await expect(
      banxaAdapter.createSellOrder!({ ...conn, credentials: { ...conn.credentials, apiSecret: "wrong-secret-123" } }, sell("ord_x")),
    ).rejects.toMatchObject({
      code: "GATEWAY_UNAVAILABLE",
      message: "Banxa: You are not authorized to access this resource. (40103)",
    });
    const body = JSON.stringify({
      account_reference: "c1",
      source: "ETH",
      target: "EUR",
      source_amount: "0.5",
      return_url_on_success: "https://shop.example/r",
    });
    const nonce = String(Date.now());
    const refused = await fetch(`${standIn.baseUrl}/api/orders`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Authorization: banxaAuthorization(standIn.credentials.apiKey!, standIn.credentials.apiSecret!, "POST", "/api/orders", nonce, body),
      },
      body,
    });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ errors: [{ title: "Validation error: refund_address is required" }] });
  });

  it("maps the sell's webhooks: waitingPayment brings the deposit address (status unchanged), then processing, completed with the payout", async () => {
    const created = await banxaAdapter.createSellOrder!(conn, sell("ord_sell_2"));
    const id = created.providerOrderId;
    const steps = [await standIn.sellStep!(id, "awaiting_deposit"), await standIn.sellStep!(id, "deposit_received"), await standIn.sellStep!(id, "completed")];
    expect(steps.map((s) => s.status)).toEqual([200, 200, 200]);
    const address = standIn.depositAddressOf!(id);
    expect(address).toMatch(/^0x[0-9a-f]{40}$/);
    expect(receiver.verdicts.slice(-3)).toMatchObject([
      { ok: true, update: { providerOrderId: id, partnerOrderId: "ord_sell_2", status: "created", providerStatus: "waitingPayment", depositAddress: address } },
      { ok: true, update: { status: "processing", providerStatus: "paymentReceived", depositAddress: address } },
      { ok: true, update: { status: "completed", providerStatus: "complete", fiatAmount: "1596.30", cryptoAmount: "0.50000000" } },
    ]);
  });

  it("maps a sell that fails, expires or is refunded; pendingPayment (before KYC, no address) changes nothing", async () => {
    const outcomes: [string, string][] = [];
    for (const step of ["failed", "expired", "refunded"] as const) {
      const created = await banxaAdapter.createSellOrder!(conn, sell(`ord_sell_${step}`));
      await standIn.sellStep!(created.providerOrderId, step);
      const verdict = receiver.verdicts.at(-1)!;
      outcomes.push([step, verdict.ok ? verdict.update.status : verdict.reason]);
    }
    expect(outcomes).toEqual([
      ["failed", "failed"],
      ["expired", "expired"],
      ["refunded", "refunded"],
    ]);
    const waiting = await banxaAdapter.createSellOrder!(conn, sell("ord_sell_waiting"));
    const signed = webhookFor(standIn, receiver.url, JSON.stringify({ order_id: waiting.providerOrderId, status: "pendingPayment" }));
    expect(await banxaAdapter.verifyCallback(conn, signed)).toMatchObject({ ok: false, reason: "ignored" });
  });

  it("refuses a sell webhook signed with another secret, and answers 4xx for it at the receiver", async () => {
    const created = await banxaAdapter.createSellOrder!(conn, sell("ord_sell_forged"));
    const forged = webhookFor(standIn, receiver.url, JSON.stringify({ order_id: created.providerOrderId, status: "complete" }), "not-the-secret");
    expect(await banxaAdapter.verifyCallback(conn, forged)).toMatchObject({ ok: false, reason: "bad_signature" });
    const posted = await fetch(receiver.url, { method: "POST", headers: forged.headers, body: forged.rawBody });
    expect(posted.status).toBe(401);
  });
});

function webhookFor(standIn: GatewayStandIn, url: string, body: string, secret = standIn.credentials.apiSecret!) {
  const nonce = String(Date.now());
  const signature = banxaSignature(secret, banxaMessage("POST", new URL(url).pathname, nonce, body));
  return {
    method: "POST",
    url,
    headers: new Headers({ Authorization: `Bearer ${standIn.credentials.apiKey}:${signature}:${nonce}` }),
    rawBody: body,
    receivedAt: new Date(),
  };
}
