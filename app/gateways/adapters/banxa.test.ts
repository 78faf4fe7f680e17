/**
 * Banxa's request and webhook signing against its documentation's own examples
 * (https://docs.banxa.com/docs/step-3-authentication): the canonical strings are the docs'
 * verbatim; the docs publish no resulting signature, so the HMACs below were computed
 * independently (openssl dgst -sha256 -hmac example_secret) and are fixed here. And the
 * stand-in's refusals, in Banxa's documented error shape (https://docs.banxa.com/reference/errors).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
