/**
 * Contract tests: the MoonPay adapter against the MoonPay stand-in (test/stand-ins/moonpay.ts),
 * which enforces MoonPay's documented keys, URL signature and webhook signature.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDomainError } from "~/lib/domain-error";
import { startAdapterReceiver, type AdapterReceiver } from "~test/stand-ins/adapter-receiver";
import { startMoonpayStandIn } from "~test/stand-ins/moonpay";
import type { GatewayStandIn } from "~test/stand-ins/types";
import { MOONPAY_STATUSES, moonpayAdapter, signWidgetQuery, webhookSignature, widgetBaseUrl } from "./moonpay";
import type { AdapterOrderRequest, AdapterSellOrderRequest, CallbackInput, GatewayConnection } from "./types";

let standIn: GatewayStandIn;
let receiver: AdapterReceiver;
let conn: GatewayConnection;

const WALLET = "0xde0b295669a9fd93d5f28d9ec85e40f4cb697bae";

function orderRequest(partnerOrderId: string): AdapterOrderRequest {
  return {
    partnerOrderId,
    fiatCurrency: "USD",
    fiatAmount: "100",
    cryptoCurrency: "ETH",
    network: "ethereum",
    walletAddress: WALLET,
    email: "buyer@example.com",
    country: "US",
    paymentMethod: "debit-credit-card",
    returnUrl: "https://shop.example/return?order=1",
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

/** Creates an order and opens its widget URL at the stand-in, as the customer's browser would. */
async function openedOrder() {
  const partnerOrderId = `ord_${crypto.randomUUID().replace(/-/g, "")}`;
  const order = await moonpayAdapter.createOrder(conn, orderRequest(partnerOrderId));
  // The customer opens the widget (as the live-flow suite does through the same method).
  await standIn.openCheckout!(order.checkoutUrl);
  const providerOrderId = order.providerOrderId;
  expect(providerOrderId).toBe(partnerOrderId);
  expect(standIn.orders.has(providerOrderId)).toBe(true);
  const transactionId = (standIn.orders.get(providerOrderId)!.body as { transactionId: string }).transactionId;
  return { partnerOrderId, order, providerOrderId, transactionId };
}

function inputOf(callback: { headers: Record<string, string>; body: string }, receivedAt = new Date()): CallbackInput {
  return { method: "POST", url: receiver.url, headers: new Headers(callback.headers), rawBody: callback.body, receivedAt };
}

beforeAll(async () => {
  receiver = await startAdapterReceiver(moonpayAdapter);
  standIn = await startMoonpayStandIn({ callbackUrl: receiver.url });
  conn = { baseUrl: standIn.baseUrl, credentials: standIn.credentials, callbackSecret: standIn.callbackSecret, callbackUrl: receiver.url };
  receiver.connection = conn;
});

afterAll(async () => {
  await standIn?.close();
  await receiver?.close();
});

describe("MoonPay: test connection", () => {
  it("succeeds with the right keys", async () => {
    await expect(moonpayAdapter.testConnection(conn)).resolves.toBeUndefined();
  });

  it("a wrong secret key fails with MoonPay's own message, and never shows the key", async () => {
    const wrong = `sk_test_${crypto.randomUUID()}`;
    const error = await expectGatewayError(
      moonpayAdapter.testConnection({ ...conn, credentials: { ...conn.credentials, secretKey: wrong } }),
      /^MoonPay: Invalid API key$/,
    );
    expect(error.message).not.toContain(wrong);
  });

  it("a wrong publishable key fails the same way", async () => {
    await expectGatewayError(
      moonpayAdapter.testConnection({ ...conn, credentials: { ...conn.credentials, publishableKey: "pk_test_wrong" } }),
      /^MoonPay: Invalid API key$/,
    );
  });

  it("a missing key or an unreachable API is GATEWAY_UNAVAILABLE, not a crash", async () => {
    await expectGatewayError(
      moonpayAdapter.testConnection({ ...conn, credentials: { publishableKey: conn.credentials.publishableKey } }),
      /MoonPay: the secret key is not set/,
    );
    await expectGatewayError(moonpayAdapter.testConnection({ ...conn, baseUrl: "http://127.0.0.1:9" }), /^MoonPay: could not be reached\.$/);
  });
});

describe("MoonPay: quote", () => {
  it("returns MoonPay's buy quote in our shape: fees in fiat, crypto per fiat", async () => {
    const quote = await moonpayAdapter.quote(conn, {
      fiatCurrency: "USD",
      fiatAmount: "100",
      cryptoCurrency: "ETH",
      network: "ethereum",
      country: "US",
      paymentMethod: "debit-credit-card",
    });
    // The stand-in charges 4.5 % (min 3.99) plus a 1.23 network fee, fees included in the 100.
    expect(quote.fiatAmount).toBe("100.00");
    expect(quote.fees).toEqual({ gateway: "4.50", network: "1.23", total: "5.73" });
    expect(quote.cryptoAmount).toBe(String(Number((94.27 / 3232).toFixed(8))));
    expect(quote.rate).toBe("0.0003094059406");
    expect(quote.paymentMethod).toBe("debit-credit-card");
  });

  it("a route MoonPay does not serve here is refused before any call", async () => {
    await expectGatewayError(
      moonpayAdapter.quote(conn, { fiatCurrency: "USD", fiatAmount: "100", cryptoCurrency: "BTC", network: "ethereum", country: null, paymentMethod: null }),
      /MoonPay: BTC on ethereum is not offered/,
    );
  });

  it("MoonPay's refusal (amount too small) comes back in its own words", async () => {
    await expectGatewayError(
      moonpayAdapter.quote(conn, { fiatCurrency: "USD", fiatAmount: "5", cryptoCurrency: "ETH", network: "ethereum", country: null, paymentMethod: null }),
      /^MoonPay: baseCurrencyAmount must be at least 20$/,
    );
  });
});

describe("MoonPay: signed widget URL", () => {
  it("creates a widget URL MoonPay accepts: signed, carrying our order id and the wallet", async () => {
    const { partnerOrderId, order, providerOrderId, transactionId } = await openedOrder();
    expect(transactionId).not.toBe(partnerOrderId);
    expect(order.checkoutMethod).toBe("iframe");
    expect(order.providerOrderId).toBe(partnerOrderId);
    const url = new URL(order.checkoutUrl);
    expect(url.searchParams.get("externalTransactionId")).toBe(partnerOrderId);
    expect(url.searchParams.get("walletAddress")).toBe(WALLET);
    expect(url.searchParams.get("redirectURL")).toBe("https://shop.example/return?order=1");
    expect(url.search.endsWith(`&signature=${encodeURIComponent(url.searchParams.get("signature")!)}`)).toBe(true);
    expect(new Date(order.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(standIn.orders.get(providerOrderId)?.partnerOrderId).toBe(partnerOrderId);
  });

  it("the widget refuses the URL once anything in it is changed, or the signature is dropped", async () => {
    const order = await moonpayAdapter.createOrder(conn, orderRequest("ord_tamper"));
    const tampered = order.checkoutUrl.replace(WALLET, "0x000000000000000000000000000000000000dead");
    const refused = await fetch(tampered);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ message: "Invalid signature" });
    const unsigned = await fetch(order.checkoutUrl.slice(0, order.checkoutUrl.lastIndexOf("&signature=")));
    expect(await unsigned.json()).toMatchObject({ message: "Missing signature" });
  });

  it("MoonPay knows nothing of an order whose widget the customer never opened", async () => {
    await moonpayAdapter.createOrder(conn, orderRequest("ord_never_opened"));
    expect(standIn.orders.has("ord_never_opened")).toBe(false);
    await expect(standIn.settle("ord_never_opened", "completed")).rejects.toThrow(/openCheckout/);
  });

  it("signs MoonPay's documented example URL exactly as the documentation's code does", () => {
    // dev.moonpay.com "Enhance security using signed URLs": HMAC-SHA256 of new URL(url).search, base64.
    const originalUrl = "https://buy-sandbox.moonpay.com?apiKey=pk_test_key&currencyCode=eth&walletAddress=0xde0b295669a9fd93d5f28d9ec85e40f4cb697bae";
    const documented = crypto.createHmac("sha256", "sk_test_key").update(new URL(originalUrl).search).digest("base64");
    expect(signWidgetQuery("?apiKey=pk_test_key&currencyCode=eth&walletAddress=0xde0b295669a9fd93d5f28d9ec85e40f4cb697bae", "sk_test_key")).toBe(documented);
  });

  it("points test keys at MoonPay's sandbox widget and live keys at the live one", () => {
    const api = { ...conn, baseUrl: "https://api.moonpay.com" };
    expect(widgetBaseUrl(api, "pk_test_abc")).toBe("https://buy-sandbox.moonpay.com");
    expect(widgetBaseUrl(api, "pk_live_abc")).toBe("https://buy.moonpay.com");
    expect(widgetBaseUrl(api, "pk_test_abc", "sell")).toBe("https://sell-sandbox.moonpay.com");
    expect(widgetBaseUrl(api, "pk_live_abc", "sell")).toBe("https://sell.moonpay.com");
  });
});

describe("MoonPay: refund", () => {
  it("is INVALID_STATE: MoonPay has no partner refund API", async () => {
    const error = await moonpayAdapter.refund(conn, { providerOrderId: "x", partnerOrderId: "ord_x", reason: null }).catch((e: unknown) => e);
    expect(isDomainError(error, "INVALID_STATE")).toBe(true);
  });
});

describe("MoonPay: webhooks", () => {
  it("a completed transaction's signed webhook verifies and maps to completed", async () => {
    const { partnerOrderId, providerOrderId, transactionId } = await openedOrder();
    const sent = await standIn.settle(providerOrderId, "completed");
    expect(sent.status).toBe(200);
    expect(sent.headers["Moonpay-Signature-V2"]).toMatch(/^t=\d+,s=[0-9a-f]{64}$/);
    const verdict = receiver.verdicts.at(-1)!;
    expect(verdict.ok).toBe(true);
    if (!verdict.ok) return;
    expect(verdict.update).toMatchObject({
      providerOrderId: partnerOrderId,
      providerTransactionId: transactionId,
      partnerOrderId,
      status: "completed",
      providerStatus: "completed",
      cryptoAmount: "0.0123",
    });
    expect(verdict.update.transactionHash).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it("a failed transaction maps to failed with MoonPay's reason", async () => {
    const { providerOrderId } = await openedOrder();
    await standIn.settle(providerOrderId, "failed");
    const verdict = receiver.verdicts.at(-1)!;
    expect(verdict).toMatchObject({ ok: true, update: { status: "failed", providerStatus: "failed", failureReason: "Card declined" } });
  });

  it("a forged webhook (body changed, or signed with another key) is refused as bad_signature and answered 401", async () => {
    const { providerOrderId } = await openedOrder();
    const genuine = await standIn.settle(providerOrderId, "failed");
    const forgedBody = await standIn.resend({ ...genuine, body: genuine.body.replace('"status":"failed"', '"status":"completed"') });
    expect(forgedBody.status).toBe(401);
    expect(receiver.verdicts.at(-1)).toMatchObject({ ok: false, reason: "bad_signature" });

    const t = Math.floor(Date.now() / 1000);
    const otherKey = await standIn.resend({
      ...genuine,
      headers: { ...genuine.headers, "Moonpay-Signature-V2": `t=${t},s=${webhookSignature("wk_test_attacker", t, genuine.body)}` },
    });
    expect(otherKey.status).toBe(401);
    expect(receiver.verdicts.at(-1)).toMatchObject({ ok: false, reason: "bad_signature" });
  });

  it("a genuine webhook replayed more than 5 minutes after it was signed is refused as replayed", async () => {
    const { providerOrderId } = await openedOrder();
    const genuine = await standIn.settle(providerOrderId, "completed");
    const later = new Date(Date.now() + 6 * 60_000);
    expect(await moonpayAdapter.verifyCallback(conn, inputOf(genuine, later))).toMatchObject({ ok: false, reason: "replayed" });
    // …while the same webhook within the window still verifies (MoonPay delivers at least once).
    expect(await moonpayAdapter.verifyCallback(conn, inputOf(genuine))).toMatchObject({ ok: true });
  });

  it("a signed body that is not a MoonPay event is malformed; junk never throws", async () => {
    const t = Math.floor(Date.now() / 1000);
    const signed = (body: string) => ({ headers: { "Moonpay-Signature-V2": `t=${t},s=${webhookSignature(standIn.callbackSecret, t, body)}` }, body });
    expect(await moonpayAdapter.verifyCallback(conn, inputOf(signed("not json")))).toMatchObject({ ok: false, reason: "malformed" });
    expect(await moonpayAdapter.verifyCallback(conn, inputOf(signed('{"type":"transaction_updated","data":{}}')))).toMatchObject({
      ok: false,
      reason: "malformed",
    });
    // Sell events are ours too now; other products' events (swaps) change nothing.
    expect(
      await moonpayAdapter.verifyCallback(conn, inputOf(signed('{"type":"sell_transaction_updated","data":{"id":"1","status":"completed"}}'))),
    ).toMatchObject({ ok: true, update: { status: "completed" } });
    expect(
      await moonpayAdapter.verifyCallback(conn, inputOf(signed('{"type":"swap_transaction_updated","data":{"id":"1","status":"completed"}}'))),
    ).toMatchObject({
      ok: false,
      reason: "ignored",
    });
    expect(await moonpayAdapter.verifyCallback(conn, inputOf(signed('{"type":"sell_transaction_updated","data":{}}')))).toMatchObject({
      ok: false,
      reason: "malformed",
    });
    expect(
      await moonpayAdapter.verifyCallback(conn, inputOf(signed('{"type":"transaction_updated","data":{"id":"1","status":"waitingPayment"}}'))),
    ).toMatchObject({
      ok: false,
      reason: "ignored",
    });
    for (const headerValue of ["", "t=,s=", "s=abc", "t=1,s=zz", "garbage", "t=99999999999999999999,s=" + "a".repeat(64)]) {
      expect(await moonpayAdapter.verifyCallback(conn, inputOf({ headers: { "Moonpay-Signature-V2": headerValue }, body: "{}" }))).toMatchObject({
        ok: false,
        reason: "bad_signature",
      });
    }
    expect(await moonpayAdapter.verifyCallback({ ...conn, callbackSecret: null }, inputOf(signed("{}")))).toMatchObject({ ok: false, reason: "bad_signature" });
  });
});

describe("MoonPay: statuses", () => {
  it("maps every documented buy and sell transaction status", () => {
    expect(Object.keys(MOONPAY_STATUSES).sort()).toEqual(["completed", "failed", "pending", "waitingAuthorization", "waitingForDeposit", "waitingPayment"]);
    expect(moonpayAdapter.mapStatus("waitingForDeposit")).toBeNull();
    expect(moonpayAdapter.mapStatus("waitingPayment")).toBeNull();
    expect(moonpayAdapter.mapStatus("pending")).toBe("processing");
    expect(moonpayAdapter.mapStatus("waitingAuthorization")).toBe("processing");
    expect(moonpayAdapter.mapStatus("completed")).toBe("completed");
    expect(moonpayAdapter.mapStatus("failed")).toBe("failed");
    expect(moonpayAdapter.mapStatus("toString")).toBeNull();
    expect(moonpayAdapter.mapStatus("refunded")).toBeNull();
  });
});

describe("MoonPay: sells (sell quote, signed sell widget, sell webhooks)", () => {
  const REFUND = "0xde0b295669a9fd93d5f28d9ec85e40f4cb697bae";
  function sellRequest(partnerOrderId: string): AdapterSellOrderRequest {
    return {
      partnerOrderId,
      cryptoCurrency: "ETH",
      cryptoAmount: "0.5",
      network: "ethereum",
      fiatCurrency: "EUR",
      refundAddress: REFUND,
      email: "seller@example.com",
      country: "DE",
      payoutMethod: "sepa",
      returnUrl: "https://shop.example/sold",
      customerReference: "seller_1",
    };
  }

  async function openedSell() {
    const partnerOrderId = `ord_${crypto.randomUUID().replace(/-/g, "")}`;
    const order = await moonpayAdapter.createSellOrder!(conn, sellRequest(partnerOrderId));
    await standIn.openCheckout!(order.checkoutUrl);
    return { partnerOrderId, order };
  }

  it("prices the exact crypto amount with the sell quote: MoonPay's price, the payout net of its fee", async () => {
    const quote = await moonpayAdapter.sellQuote!(conn, {
      cryptoCurrency: "ETH",
      cryptoAmount: "0.5",
      network: "ethereum",
      fiatCurrency: "EUR",
      country: "DE",
      payoutMethod: "sepa",
    });
    expect(quote.cryptoAmount).toBe("0.5");
    const payout = Number(quote.fiatAmount);
    const gross = Number(quote.rate) * 0.5;
    expect(payout).toBeCloseTo(gross - Number(quote.fees.total), 1);
    expect(Number(quote.fees.gateway)).toBeGreaterThan(0);
  });

  it("a wrong publishable key fails the sell quote with MoonPay's message", async () => {
    await expectGatewayError(
      moonpayAdapter.sellQuote!(
        { ...conn, credentials: { ...conn.credentials, publishableKey: "pk_test_wrong" } },
        { cryptoCurrency: "ETH", cryptoAmount: "0.5", network: "ethereum", fiatCurrency: "EUR", country: null, payoutMethod: null },
      ),
      "MoonPay: Invalid API key",
    );
  });

  it("signs the sell widget URL: base currency = the crypto, quote currency = the fiat, the refund address, our id; no deposit address yet", async () => {
    const order = await moonpayAdapter.createSellOrder!(conn, sellRequest("ord_sell_url"));
    const url = new URL(order.checkoutUrl);
    expect(url.pathname).toBe("/sell-widget");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      apiKey: standIn.credentials.publishableKey,
      baseCurrencyCode: "eth",
      baseCurrencyAmount: "0.5",
      quoteCurrencyCode: "eur",
      refundWalletAddress: REFUND,
      externalTransactionId: "ord_sell_url",
    });
    const search = url.search.slice(0, url.search.lastIndexOf("&signature="));
    expect(url.searchParams.get("signature")).toBe(signWidgetQuery(search, standIn.credentials.secretKey!));
    expect(order).toMatchObject({ providerOrderId: "ord_sell_url", checkoutMethod: "iframe", depositAddress: null });
    expect(new Date(order.depositExpiresAt).getTime()).toBeGreaterThan(Date.now());
  });

  it("the stand-in's sell widget refuses a URL signed with another key, or changed after signing", async () => {
    const order = await moonpayAdapter.createSellOrder!(
      { ...conn, credentials: { ...conn.credentials, secretKey: "sk_test_other" } },
      sellRequest("ord_sell_bad"),
    );
    await expect(standIn.openCheckout!(order.checkoutUrl)).rejects.toThrow(/Invalid signature/);
    const good = await moonpayAdapter.createSellOrder!(conn, sellRequest("ord_sell_tampered"));
    await expect(standIn.openCheckout!(good.checkoutUrl.replace("baseCurrencyAmount=0.5", "baseCurrencyAmount=5"))).rejects.toThrow(/Invalid signature/);
    expect(standIn.orders.has("ord_sell_bad")).toBe(false);
  });

  it("maps the sell webhooks: waitingForDeposit brings the deposit wallet, pending = deposit received, completed with the payout", async () => {
    const { partnerOrderId } = await openedSell();
    for (const step of ["awaiting_deposit", "deposit_received", "completed"] as const) {
      expect((await standIn.sellStep!(partnerOrderId, step)).status).toBe(200);
    }
    const address = standIn.depositAddressOf!(partnerOrderId);
    expect(address).toMatch(/^0x[0-9a-f]{40}$/);
    expect(receiver.verdicts.slice(-3)).toMatchObject([
      {
        ok: true,
        update: { providerOrderId: partnerOrderId, partnerOrderId, status: "created", providerStatus: "waitingForDeposit", depositAddress: address },
      },
      { ok: true, update: { status: "processing", providerStatus: "pending", transactionHash: expect.stringMatching(/^0x/) } },
      { ok: true, update: { status: "completed", providerStatus: "completed", fiatAmount: "1531.25", cryptoAmount: "0.5" } },
    ]);
  });

  it("a deposit timeout is expired, another failure failed; waitingForDeposit without a wallet changes nothing", async () => {
    const timedOut = await openedSell();
    await standIn.sellStep!(timedOut.partnerOrderId, "expired");
    expect(receiver.verdicts.at(-1)).toMatchObject({ ok: true, update: { status: "expired", providerStatus: "failed" } });
    const failed = await openedSell();
    await standIn.sellStep!(failed.partnerOrderId, "failed");
    expect(receiver.verdicts.at(-1)).toMatchObject({ ok: true, update: { status: "failed", failureReason: "Bank account rejected" } });
    const body = JSON.stringify({ type: "sell_transaction_created", data: { id: "t1", status: "waitingForDeposit", externalTransactionId: "ord_x" } });
    const t = Math.floor(Date.now() / 1000);
    const headers = { "Moonpay-Signature-V2": `t=${t},s=${webhookSignature(standIn.callbackSecret, t, body)}` };
    expect(await moonpayAdapter.verifyCallback(conn, inputOf({ headers, body }))).toMatchObject({ ok: false, reason: "ignored" });
  });

  it("a sell webhook with a bad signature is refused", async () => {
    const { partnerOrderId } = await openedSell();
    const sent = await standIn.sellStep!(partnerOrderId, "deposit_received");
    const tampered = { ...sent, body: sent.body.replace('"pending"', '"completed"') };
    expect(await moonpayAdapter.verifyCallback(conn, inputOf(tampered))).toMatchObject({ ok: false, reason: "bad_signature" });
  });
});
