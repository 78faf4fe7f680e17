/**
 * MoonPay stand-in: the widget API endpoints our adapter calls, with MoonPay's documented
 * authentication (publishable key as `apiKey`, secret key as `Authorization: Api-Key sk_…`),
 * its error body ({ moonPayErrorCode, message, type, errors }), the buy widget refusing a URL
 * whose signature does not verify, and buy webhooks signed with `Moonpay-Signature-V2`.
 *
 * Opening a correctly signed widget URL plays the customer creating the transaction in the
 * widget: the transaction gets its MoonPay id and waits for `settle`. `orders` is keyed by our
 * order id (`externalTransactionId`), the providerOrderId the adapter answers.
 */
import crypto from "node:crypto";
import { CRYPTO_CURRENCIES, FIAT_USD_RATE } from "~/gateways/catalogue";
import { header, json, openCheckout, postCallback, startStandInServer, type StandInRequest } from "./stand-in-server";
import type { GatewayStandIn, StartStandIn } from "./types";

const CODES: Record<string, string> = {
  eth: "ETH",
  eth_arbitrum: "ETH",
  eth_optimism: "ETH",
  eth_base: "ETH",
  usdc: "USDC",
  usdc_polygon: "USDC",
  usdc_arbitrum: "USDC",
  usdc_optimism: "USDC",
  usdc_base: "USDC",
  usdc_sol: "USDC",
  usdt: "USDT",
  usdt_polygon: "USDT",
  usdt_arbitrum: "USDT",
  btc: "BTC",
  sol: "SOL",
  pol_polygon: "POL",
};

function unauthorized() {
  return json(401, { moonPayErrorCode: "4_SYS_UNAUTHORIZED", message: "Invalid API key", type: "UnauthorizedError", errors: [] });
}

function badRequest(message: string) {
  return json(400, { moonPayErrorCode: "1_SYS_UNKNOWN", message, type: "BadRequestError", errors: [] });
}

export const startMoonpayStandIn: StartStandIn = async ({ callbackUrl }) => {
  const credentials = { publishableKey: `pk_test_${crypto.randomUUID()}`, secretKey: `sk_test_${crypto.randomUUID()}` };
  const callbackSecret = `wk_test_${crypto.randomUUID()}`;
  const orders: GatewayStandIn["orders"] = new Map();

  function price(code: string, fiat: string) {
    const asset = CRYPTO_CURRENCIES.find((c) => c.code === CODES[code]);
    const fiatUsd = FIAT_USD_RATE[fiat.toUpperCase()];
    if (!asset || !fiatUsd) return null;
    return (asset.usdPrice / fiatUsd) * 1.01;
  }

  function buyQuote(request: StandInRequest, code: string) {
    const q = request.url.searchParams;
    if (q.get("apiKey") !== credentials.publishableKey) return unauthorized();
    const fiat = q.get("baseCurrencyCode") ?? "";
    const total = Number(q.get("baseCurrencyAmount"));
    const unitPrice = price(code, fiat);
    if (unitPrice === null) return badRequest(`Unsupported currency pair ${code}/${fiat}`);
    if (!(total >= 20)) return badRequest("baseCurrencyAmount must be at least 20");
    const feeAmount = Math.max(3.99, Math.round(total * 0.045 * 100) / 100);
    const networkFeeAmount = 1.23;
    const baseCurrencyAmount = Math.round((total - feeAmount - networkFeeAmount) * 100) / 100;
    return json(200, {
      baseCurrencyCode: fiat,
      baseCurrencyAmount,
      quoteCurrencyCode: code,
      quoteCurrencyAmount: Number((baseCurrencyAmount / unitPrice).toFixed(8)),
      quoteCurrencyPrice: Number(unitPrice.toFixed(2)),
      paymentMethod: q.get("paymentMethod") ?? "credit_debit_card",
      feeAmount,
      extraFeePercentage: 0,
      extraFeeAmount: 0,
      networkFeeAmount,
      networkFeeAmountNonRefundable: false,
      totalAmount: total,
    });
  }

  /** The buy widget: validates the signature the way MoonPay documents it, over the query string before `&signature=`. */
  function widget(request: StandInRequest) {
    const search = request.url.search;
    const at = search.lastIndexOf("&signature=");
    if (at < 0) return badRequest("Missing signature");
    const expected = crypto.createHmac("sha256", credentials.secretKey).update(search.slice(0, at)).digest("base64");
    const given = decodeURIComponent(search.slice(at + "&signature=".length));
    if (given !== expected) return badRequest("Invalid signature");
    const q = request.url.searchParams;
    if (q.get("apiKey") !== credentials.publishableKey) return badRequest("Invalid API key");
    const partnerOrderId = q.get("externalTransactionId") ?? "";
    const existing = orders.get(partnerOrderId);
    if (existing) return json(200, { transactionId: (existing.body as { transactionId: string }).transactionId, providerOrderId: partnerOrderId });
    const id = crypto.randomUUID();
    orders.set(partnerOrderId, {
      partnerOrderId,
      status: "waitingAuthorization",
      body: {
        transactionId: id,
        currencyCode: q.get("currencyCode"),
        baseCurrencyCode: q.get("baseCurrencyCode"),
        baseCurrencyAmount: Number(q.get("baseCurrencyAmount")),
        walletAddress: q.get("walletAddress"),
        redirectURL: q.get("redirectURL"),
        email: q.get("email"),
      },
    });
    return json(200, { transactionId: id, providerOrderId: partnerOrderId });
  }

  const server = await startStandInServer((request) => {
    const path = request.url.pathname;
    if (request.method === "GET" && path === "/widget") return widget(request);
    const ext = path.match(/^\/v1\/transactions\/ext\/([^/]+)$/);
    if (request.method === "GET" && ext) {
      if (header(request, "authorization") !== `Api-Key ${credentials.secretKey}`) return unauthorized();
      const order = orders.get(decodeURIComponent(ext[1]));
      return json(
        200,
        order ? [{ id: (order.body as { transactionId: string }).transactionId, status: order.status, externalTransactionId: order.partnerOrderId }] : [],
      );
    }
    const limits = path.match(/^\/v3\/currencies\/([a-z_]+)\/limits$/);
    if (request.method === "GET" && limits) {
      if (request.url.searchParams.get("apiKey") !== credentials.publishableKey) return unauthorized();
      return json(200, { baseCurrency: { code: "usd", minBuyAmount: 20, maxBuyAmount: 10000 }, quoteCurrency: { code: limits[1], minBuyAmount: 0.005 } });
    }
    const quote = path.match(/^\/v3\/currencies\/([a-z_]+)\/buy_quote$/);
    if (request.method === "GET" && quote) return buyQuote(request, quote[1]);
    return json(404, { moonPayErrorCode: "4_SYS_NOT_FOUND", message: "Not found", type: "NotFoundError", errors: [] });
  });

  function sign(body: string) {
    const t = Math.floor(Date.now() / 1000);
    const s = crypto.createHmac("sha256", callbackSecret).update(`${t}.${body}`).digest("hex");
    return { "Content-Type": "application/json", "Moonpay-Signature-V2": `t=${t},s=${s}` };
  }

  return {
    gatewayId: "moonpay",
    baseUrl: server.baseUrl,
    credentials,
    callbackSecret,
    orders,
    settles: ["completed", "failed"],
    async settle(providerOrderId, outcome) {
      const order = orders.get(providerOrderId);
      if (!order) throw new Error(`MoonPay stand-in: no transaction for ${providerOrderId} (the customer never opened the widget: call openCheckout first)`);
      if (outcome === "refunded") throw new Error("MoonPay documents no refunded status for buy transactions.");
      order.status = outcome === "completed" ? "completed" : "failed";
      const details = order.body as Record<string, unknown>;
      const body = JSON.stringify({
        type: outcome === "completed" ? "transaction_updated" : "transaction_failed",
        data: {
          id: details.transactionId,
          createdAt: new Date().toISOString(),
          updatedAt: new Date().toISOString(),
          baseCurrencyAmount: details.baseCurrencyAmount,
          quoteCurrencyAmount: outcome === "completed" ? 0.0123 : null,
          status: order.status,
          walletAddress: details.walletAddress,
          cryptoTransactionId: outcome === "completed" ? `0x${crypto.randomBytes(32).toString("hex")}` : null,
          failureReason: outcome === "failed" ? "Card declined" : null,
          externalTransactionId: order.partnerOrderId,
        },
        externalCustomerId: null,
      });
      return postCallback(callbackUrl, sign(body), body);
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
