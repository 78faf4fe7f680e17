/**
 * Mercuryo stand-in: the Widget Partner API endpoints our adapter calls (buy rate by widget ID,
 * transaction lookup with `Sdk-Partner-Token`), the widget refusing a URL whose signature v2
 * (sha512 of address + secret + the opener's IP + merchant_transaction_id) does not verify, as
 * Mercuryo's widget does ("Signature is invalid"), and buy callbacks signed with `X-Signature`
 * (hex HMAC-SHA256 of the raw body with the Sign Key).
 *
 * Opening a correctly signed widget URL plays the customer paying in the widget: the transaction
 * gets its Mercuryo id (status `new`) and waits for `settle`. `orders` is keyed by our order id
 * (`merchant_transaction_id`), the providerOrderId the adapter answers. Open the widget from
 * 127.0.0.1 for an order created with `customerIp: "127.0.0.1"`.
 */
import crypto from "node:crypto";
import { CRYPTO_CURRENCIES, FIAT_USD_RATE } from "~/gateways/catalogue";
import { header, json, openCheckout, postCallback, startStandInServer, type StandInRequest } from "./stand-in-server";
import type { GatewayStandIn, StartStandIn } from "./types";

export const startMercuryoStandIn: StartStandIn = async ({ callbackUrl }) => {
  const credentials = {
    widgetId: crypto.randomUUID(),
    widgetSecret: crypto.randomBytes(16).toString("hex"),
    sdkPartnerToken: crypto.randomBytes(20).toString("hex"),
  };
  const callbackSecret = crypto.randomBytes(20).toString("hex");
  const orders: GatewayStandIn["orders"] = new Map();

  function rate(request: StandInRequest) {
    const q = request.url.searchParams;
    if (q.get("widget_id") !== credentials.widgetId) return json(403, { status: 403, message: "Forbidden" });
    const asset = CRYPTO_CURRENCIES.find((c) => c.code === q.get("to"));
    const fiat = q.get("from") ?? "";
    const fiatUsd = FIAT_USD_RATE[fiat];
    if (!asset || !fiatUsd || q.get("type") !== "buy") return json(400, { status: 400, message: "Currency pair is not supported" });
    const total = Number(q.get("amount"));
    if (!(total >= 25)) return json(400, { status: 400, message: `The minimum amount is 25 ${fiat}` });
    const unitPrice = (asset.usdPrice / fiatUsd) * 1.005;
    const mercuryoFee = Math.round(total * 0.0395 * 100) / 100;
    const networkFee = 0.8;
    const fee = Math.round((mercuryoFee + networkFee) * 100) / 100;
    const cryptoNet = (total - fee) / unitPrice;
    const both = (fiatValue: number, cryptoValue: number) => ({ [asset.code]: cryptoValue.toFixed(8), [fiat]: fiatValue.toFixed(2) });
    return json(200, {
      status: 200,
      data: {
        buy_token: crypto.randomBytes(24).toString("hex"),
        currency: asset.code,
        fiat_currency: fiat,
        rate: unitPrice.toFixed(2),
        reverse_rate: (1 / unitPrice).toFixed(8),
        fee: both(fee, fee / unitPrice),
        network_fee: both(networkFee, networkFee / unitPrice),
        partner_fee: both(0, 0),
        mercuryo_fee: both(mercuryoFee, mercuryoFee / unitPrice),
        subtotal: both(total - fee, cryptoNet),
        total: both(total, total / unitPrice),
      },
    });
  }

  /** Mercuryo checks the signature with the IP address of whoever opens the widget. */
  function widget(request: StandInRequest) {
    const q = request.url.searchParams;
    if (q.get("widget_id") !== credentials.widgetId) return json(403, { status: 403, message: "Forbidden" });
    const address = q.get("address");
    const merchantTransactionId = q.get("merchant_transaction_id");
    const given = q.get("signature");
    if (!address || !merchantTransactionId || !given) return json(400, { status: 400, message: "Signature is invalid" });
    const expected = `v2:${crypto.createHash("sha512").update(`${address}${credentials.widgetSecret}${request.remoteAddress}${merchantTransactionId}`).digest("hex")}`;
    if (given !== expected) return json(400, { status: 400, message: "Signature is invalid" });
    const existing = orders.get(merchantTransactionId);
    if (existing) return json(200, { transactionId: (existing.body as { transactionId: string }).transactionId, providerOrderId: merchantTransactionId });
    const id = crypto.randomBytes(8).toString("hex");
    orders.set(merchantTransactionId, { partnerOrderId: merchantTransactionId, status: "new", body: { ...Object.fromEntries(q), transactionId: id } });
    return json(200, { transactionId: id, providerOrderId: merchantTransactionId });
  }

  const server = await startStandInServer((request) => {
    const path = request.url.pathname;
    if (request.method === "GET" && path === "/v1.6/widget/buy/rate") return rate(request);
    if (request.method === "GET" && path === "/v1.6/sdk-partner/transactions") {
      if (header(request, "sdk-partner-token") !== credentials.sdkPartnerToken) return json(401, { status: 401, message: "Unauthorized" });
      const order = orders.get(request.url.searchParams.get("merchant_transaction_id") ?? "");
      return json(200, { status: 200, data: order ? [{ buy: { id: (order.body as { transactionId: string }).transactionId, status: order.status } }] : [] });
    }
    if (request.method === "GET" && (path === "/widget" || path === "/widget/")) return widget(request);
    return json(404, { status: 404, message: "Not found" });
  });

  const STATUSES = { completed: "paid", failed: "order_failed" } as const;

  return {
    gatewayId: "mercuryo",
    baseUrl: server.baseUrl,
    credentials,
    callbackSecret,
    orders,
    settles: ["completed", "failed"],
    async settle(providerOrderId, outcome) {
      const order = orders.get(providerOrderId);
      if (!order) throw new Error(`Mercuryo stand-in: no transaction for ${providerOrderId} (the customer never opened the widget: call openCheckout first)`);
      if (outcome === "refunded") throw new Error("Mercuryo documents no refunded status for buy transactions.");
      order.status = STATUSES[outcome];
      const params = order.body as Record<string, string>;
      const body = JSON.stringify({
        data: {
          id: params.transactionId,
          type: "buy",
          payment_method: "card",
          status: order.status,
          merchant_transaction_id: order.partnerOrderId,
          currency: params.currency,
          network: params.network,
          amount: outcome === "completed" ? "0.04512345" : null,
          fiat_currency: params.fiat_currency,
          fiat_amount: params.fiat_amount,
          created_at: new Date().toISOString(),
          updated_at: new Date().toISOString(),
        },
      });
      const signature = crypto.createHmac("sha256", callbackSecret).update(body).digest("hex");
      return postCallback(callbackUrl, { "Content-Type": "application/json", "X-Signature": signature }, body);
    },
    async openCheckout(checkoutUrl) {
      await openCheckout(checkoutUrl);
    },
    resend(callback) {
      return postCallback(callbackUrl, callback.headers, callback.body);
    },
    close: server.close,
  };
};
