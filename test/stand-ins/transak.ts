/**
 * Transak stand-in: the partner API endpoints our adapter calls. Refresh Access Token checks the
 * `api-secret` header against the API key in the body and issues a JWT access token (7 days),
 * invalidating the previous one as Transak documents; partner endpoints demand the current token
 * in `access-token`; Create Widget URL answers a single-use widget URL (5 minutes); order webhooks
 * are `{ "data": <JWT HS256-signed with the current access token> }`.
 *
 * Opening a widget URL plays the customer placing the order in the widget: the order gets its
 * Transak id (AWAITING_PAYMENT_FROM_USER) and waits for `settle`. `orders` is keyed by our order
 * id (`partnerOrderId`), the providerOrderId the adapter answers.
 *
 * Sells: the price API with isBuyOrSell=SELL takes the crypto amount; a widget URL with
 * productsAvailed=SELL opens a sell order; `sellStep` moves it through the off-ramp statuses with
 * the documented events (ORDER_CREATED, ORDER_PROCESSING, ORDER_COMPLETED, ORDER_FAILED, ORDER_REFUNDED).
 */
import crypto from "node:crypto";
import { CRYPTO_CURRENCIES, FIAT_USD_RATE } from "~/gateways/catalogue";
import { header, json, openCheckout, postCallback, startStandInServer, type StandInRequest } from "./stand-in-server";
import type { GatewayStandIn, SellStep, StartStandIn } from "./types";

/** Off-ramp: our sell steps → Transak's webhook event and order status. */
const SELL_EVENTS: Record<SellStep, [string, string]> = {
  awaiting_deposit: ["ORDER_CREATED", "AWAITING_PAYMENT_FROM_USER"],
  deposit_received: ["ORDER_PROCESSING", "PENDING_DELIVERY_FROM_TRANSAK"],
  completed: ["ORDER_COMPLETED", "COMPLETED"],
  failed: ["ORDER_FAILED", "FAILED"],
  expired: ["ORDER_FAILED", "EXPIRED"],
  refunded: ["ORDER_REFUNDED", "REFUNDED"],
};

function signJwt(claims: Record<string, unknown>, key: string): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${encode({ alg: "HS256", typ: "JWT" })}.${encode(claims)}`;
  return `${unsigned}.${crypto.createHmac("sha256", key).update(unsigned).digest("base64url")}`;
}

function unauthorized(message: string) {
  return json(401, { error: { statusCode: 401, name: "UnauthorizedError", message } });
}

function badRequest(message: string) {
  return json(400, { error: { statusCode: 400, name: "BadRequestError", message } });
}

export interface TransakStandIn extends GatewayStandIn {
  /** The access token Transak currently signs webhooks with (null before the first refresh). */
  accessToken(): string | null;
  /** How many access tokens were issued. */
  tokensIssued(): number;
  /** Signs a webhook with any claims and key, for forgery and replay tests. */
  signWebhook(claims: Record<string, unknown>, key: string): string;
}

export const startTransakStandIn = (async ({ callbackUrl }) => {
  const credentials = { apiKey: crypto.randomUUID(), apiSecret: crypto.randomBytes(24).toString("hex") };
  const tokenKey = crypto.randomBytes(32).toString("hex");
  let currentToken: string | null = null;
  let issued = 0;
  const orders: GatewayStandIn["orders"] = new Map();
  const sessions = new Map<string, { used: boolean; expiresAt: number; params: Record<string, unknown> }>();

  function authorized(request: StandInRequest) {
    return currentToken !== null && header(request, "access-token") === currentToken;
  }

  function refreshToken(request: StandInRequest) {
    let body: { apiKey?: unknown } = {};
    try {
      body = JSON.parse(request.body);
    } catch {
      return badRequest("Invalid JSON body");
    }
    if (body.apiKey !== credentials.apiKey || header(request, "api-secret") !== credentials.apiSecret) return unauthorized("Invalid API key or API secret");
    const now = Math.floor(Date.now() / 1000);
    const expiresAt = now + 7 * 24 * 3600;
    issued += 1;
    currentToken = signJwt({ API_KEY: credentials.apiKey, iat: now, exp: expiresAt, n: issued }, tokenKey);
    return json(200, { data: { accessToken: currentToken, expiresAt } });
  }

  function quote(request: StandInRequest) {
    const q = request.url.searchParams;
    if (q.get("partnerApiKey") !== credentials.apiKey) return unauthorized("Invalid partnerApiKey");
    const asset = CRYPTO_CURRENCIES.find((c) => c.code === q.get("cryptoCurrency"));
    const fiatUsd = FIAT_USD_RATE[q.get("fiatCurrency") ?? ""];
    if (asset && fiatUsd && q.get("isBuyOrSell") === "SELL") {
      const cryptoAmount = Number(q.get("cryptoAmount"));
      if (!(cryptoAmount > 0)) return badRequest("cryptoAmount is required for a sell quote");
      const price = (asset.usdPrice / fiatUsd) * 0.99;
      const gross = cryptoAmount * price;
      const transakFee = Math.round(gross * 0.0099 * 100) / 100;
      const networkFee = 0.5;
      const totalFee = Math.round((transakFee + networkFee) * 100) / 100;
      return json(200, {
        response: {
          quoteId: crypto.randomUUID(),
          conversionPrice: price,
          fiatCurrency: q.get("fiatCurrency"),
          cryptoCurrency: asset.code,
          paymentMethod: q.get("paymentMethod") ?? "sepa_bank_transfer",
          fiatAmount: Math.round((gross - totalFee) * 100) / 100,
          cryptoAmount,
          isBuyOrSell: "SELL",
          network: q.get("network"),
          totalFee,
          feeBreakdown: [
            { name: "Transak fee", value: transakFee, id: "transak_fee", ids: ["transak_fee"] },
            { name: "Network/Exchange fee", value: networkFee, id: "network_fee", ids: ["network_fee"] },
          ],
        },
      });
    }
    const fiatAmount = Number(q.get("fiatAmount"));
    if (!asset || !fiatUsd || q.get("isBuyOrSell") !== "BUY") return badRequest("Unsupported currency pair");
    if (!(fiatAmount >= 30)) return badRequest("Minimum fiatAmount is 30");
    const conversionPrice = (fiatUsd / asset.usdPrice) * 0.99;
    const transakFee = Math.round(fiatAmount * 0.0099 * 100) / 100;
    const networkFee = 0.5;
    const totalFee = Math.round((transakFee + networkFee) * 100) / 100;
    return json(200, {
      response: {
        quoteId: crypto.randomUUID(),
        conversionPrice,
        marketConversionPrice: fiatUsd / asset.usdPrice,
        slippage: 1,
        fiatCurrency: q.get("fiatCurrency"),
        cryptoCurrency: asset.code,
        paymentMethod: q.get("paymentMethod") ?? "credit_debit_card",
        fiatAmount,
        cryptoAmount: Number(((fiatAmount - totalFee) * conversionPrice).toFixed(8)),
        isBuyOrSell: "BUY",
        network: q.get("network"),
        feeDecimal: totalFee / fiatAmount,
        totalFee,
        feeBreakdown: [
          { name: "Transak fee", value: transakFee, id: "transak_fee", ids: ["transak_fee"] },
          { name: "Network/Exchange fee", value: networkFee, id: "network_fee", ids: ["network_fee"] },
        ],
      },
    });
  }

  function createWidgetUrl(request: StandInRequest, baseUrl: string) {
    if (!authorized(request)) return unauthorized("Invalid access token");
    let body: { widgetParams?: Record<string, unknown> } = {};
    try {
      body = JSON.parse(request.body);
    } catch {
      return badRequest("Invalid JSON body");
    }
    const params = body.widgetParams;
    if (!params || params.apiKey !== credentials.apiKey) return badRequest("widgetParams.apiKey is required and must be your API key");
    if (typeof params.referrerDomain !== "string" || params.referrerDomain === "") return badRequest("widgetParams.referrerDomain is required");
    if (params.productsAvailed === "SELL" && !(Number(params.cryptoAmount) > 0 && params.cryptoCurrencyCode && params.network)) {
      return badRequest("A SELL widget needs cryptoCurrencyCode, network and cryptoAmount");
    }
    const sessionId = crypto.randomUUID();
    sessions.set(sessionId, { used: false, expiresAt: Date.now() + 5 * 60_000, params });
    return json(200, { data: { widgetUrl: `${baseUrl}/widget?apiKey=${credentials.apiKey}&sessionId=${sessionId}` } });
  }

  function openWidget(request: StandInRequest) {
    const session = sessions.get(request.url.searchParams.get("sessionId") ?? "");
    if (!session || session.used || session.expiresAt < Date.now()) return badRequest("This widget session is invalid, used or expired");
    session.used = true;
    const id = crypto.randomUUID();
    const partnerOrderId = String(session.params.partnerOrderId ?? "");
    orders.set(partnerOrderId, { partnerOrderId, status: "AWAITING_PAYMENT_FROM_USER", body: { ...session.params, transakOrderId: id } });
    return json(200, { orderId: id, providerOrderId: partnerOrderId });
  }

  let baseUrl = "";
  const server = await startStandInServer((request) => {
    const path = request.url.pathname;
    if (request.method === "POST" && path === "/partners/api/v2/refresh-token") return refreshToken(request);
    if (request.method === "GET" && path === "/partners/api/v2/orders") {
      if (!authorized(request)) return unauthorized("Invalid access token");
      return json(200, { meta: { limit: 100, skip: 0, totalCount: orders.size }, data: [] });
    }
    const byId = path.match(/^\/partners\/api\/v2\/order\/([^/]+)$/);
    if (request.method === "GET" && byId) {
      if (!authorized(request)) return unauthorized("Invalid access token");
      const order = [...orders.values()].find((o) => (o.body as { transakOrderId: string }).transakOrderId === byId[1]);
      return order
        ? json(200, { meta: { orderId: byId[1] }, data: { _id: byId[1], status: order.status, partnerOrderId: order.partnerOrderId } })
        : badRequest("Order not found");
    }
    if (request.method === "GET" && path === "/api/v1/pricing/public/quotes") return quote(request);
    if (request.method === "POST" && path === "/api/v2/auth/session") return createWidgetUrl(request, baseUrl);
    if (request.method === "GET" && path === "/widget") return openWidget(request);
    return json(404, { error: { statusCode: 404, name: "NotFoundError", message: "Not found" } });
  });
  baseUrl = server.baseUrl;

  const EVENTS = { completed: ["ORDER_COMPLETED", "COMPLETED"], failed: ["ORDER_FAILED", "FAILED"], refunded: ["ORDER_REFUNDED", "REFUNDED"] } as const;

  const standIn: TransakStandIn = {
    gatewayId: "transak",
    baseUrl,
    credentials,
    /** Transak signs webhooks with the access token, not a secret of its own: this is that token, once issued (the adapter ignores the callback secret). */
    get callbackSecret() {
      return currentToken ?? "transak-has-no-callback-secret";
    },
    orders,
    accessToken: () => currentToken,
    tokensIssued: () => issued,
    signWebhook: signJwt,
    async settle(providerOrderId, outcome) {
      const order = orders.get(providerOrderId);
      if (!order) throw new Error(`Transak stand-in: no order for ${providerOrderId} (the customer never opened the widget: call openCheckout first)`);
      if (!currentToken) throw new Error("Transak stand-in: no access token issued yet");
      const [eventID, status] = EVENTS[outcome];
      order.status = status;
      const params = order.body as Record<string, unknown>;
      const webhookData = {
        id: params.transakOrderId,
        createdAt: new Date().toISOString(),
        status,
        fiatCurrency: params.fiatCurrency,
        cryptoCurrency: params.cryptoCurrencyCode,
        isBuyOrSell: "BUY",
        fiatAmount: Number(params.fiatAmount),
        walletAddress: params.walletAddress,
        network: params.network,
        partnerOrderId: order.partnerOrderId,
        cryptoAmount: outcome === "failed" ? null : 0.0311,
        transactionHash: outcome === "completed" ? `0x${crypto.randomBytes(32).toString("hex")}` : null,
        statusReason: outcome === "failed" ? "Card declined by the issuer" : outcome === "refunded" ? "Crypto could not be delivered" : null,
      };
      const body = JSON.stringify({
        data: signJwt({ webhookData, eventID, createdAt: new Date().toISOString(), iat: Math.floor(Date.now() / 1000) }, currentToken),
      });
      return postCallback(callbackUrl, { "Content-Type": "application/json" }, body);
    },
    async sellStep(providerOrderId, step) {
      const order = orders.get(providerOrderId);
      const params = order?.body as Record<string, unknown> | undefined;
      if (!order || params?.productsAvailed !== "SELL") throw new Error(`Transak stand-in: no sell order for ${providerOrderId} (open the widget first)`);
      if (!currentToken) throw new Error("Transak stand-in: no access token issued yet");
      const [eventID, status] = SELL_EVENTS[step];
      order.status = status;
      const webhookData = {
        id: params.transakOrderId,
        createdAt: new Date().toISOString(),
        status,
        isBuyOrSell: "SELL",
        fiatCurrency: params.fiatCurrency,
        cryptoCurrency: params.cryptoCurrencyCode,
        cryptoAmount: Number(params.cryptoAmount),
        fiatAmount: step === "completed" ? 1585.12 : null,
        network: params.network,
        partnerOrderId: order.partnerOrderId,
        transactionHash: step === "deposit_received" || step === "completed" ? `0x${crypto.randomBytes(32).toString("hex")}` : null,
        statusReason: step === "failed" ? "Bank account could not be verified" : step === "refunded" ? "Crypto returned to the user" : null,
      };
      const body = JSON.stringify({
        data: signJwt({ webhookData, eventID, createdAt: new Date().toISOString(), iat: Math.floor(Date.now() / 1000) }, currentToken),
      });
      return postCallback(callbackUrl, { "Content-Type": "application/json" }, body);
    },
    depositAddressOf: () => null,
    async openCheckout(checkoutUrl) {
      await openCheckout(checkoutUrl);
    },
    resend(callback) {
      return postCallback(callbackUrl, callback.headers, callback.body);
    },
    close: server.close,
  };
  return standIn;
}) satisfies StartStandIn;
