/**
 * Transak (live mode), through its partner API: a Partner Access Token from the API key and
 * secret (refresh-token endpoint, valid 7 days; asking again invalidates the previous one, so it
 * is cached here and fetched once at a time), public price quotes, the Create Widget URL API
 * (the only supported way to open the widget), and order webhooks whose `data` is a JWT signed
 * HS256 with that same access token. The customer places the Transak order inside the widget, so
 * the order's providerOrderId is our own id (Transak's `partnerOrderId`); webhooks carry it and
 * Transak's order id (providerTransactionId).
 * Sells: the same price API with isBuyOrSell=SELL and the crypto amount, a widget URL with
 * productsAvailed=SELL, and webhooks whose order says isBuyOrSell "SELL" (mapped by the off-ramp
 * status list). Transak shows its deposit address inside its widget; its webhooks as documented
 * do not carry it, so a Transak sell has no deposit address on our side.
 * Notes and what could not be checked here: docs/gateways/transak.md.
 */
import crypto from "node:crypto";
import Decimal from "decimal.js";
import { z } from "zod";
import { invalidState } from "~/lib/domain-error";
import {
  CALLBACK_TOLERANCE_SECONDS,
  credential,
  decimalString,
  expectShape,
  gatewayUnavailable,
  joinUrl,
  parseJsonObject,
  partnerFetch,
  refuse,
  refusedWithStatus,
  safeEqual,
  sellDepositDeadline,
} from "./partner-http";
import type { AdapterOrderStatus, AdapterSellQuote, AdapterSellQuoteRequest, GatewayAdapter, GatewayConnection } from "./types";

const NAME = "Transak";

/** Transak's production partner API (staging: https://api-stg.transak.com). */
export const TRANSAK_PRODUCTION_URL = "https://api.transak.com";

/** A widget URL from Create Widget URL is valid for 5 minutes and opens once. */
const WIDGET_URL_MINUTES = 5;
/** A cached access token is renewed this long before Transak says it expires. */
const TOKEN_MARGIN_MS = 5 * 60_000;

/**
 * Transak serves its partner API on api(-stg).transak.com and Create Widget URL on
 * api-gateway(-stg).transak.com. The connection carries one base URL (the API's); the gateway
 * host of Transak's two documented environments is derived from it, and any other base URL (a
 * proxy, the contract tests' stand-in) is expected to serve both.
 */
const GATEWAY_HOSTS: Record<string, string> = {
  "api.transak.com": "api-gateway.transak.com",
  "api-stg.transak.com": "api-gateway-stg.transak.com",
};

export function gatewayBaseUrl(apiBaseUrl: string): string {
  try {
    const url = new URL(apiBaseUrl);
    const host = GATEWAY_HOSTS[url.host];
    return host ? `${url.protocol}//${host}` : apiBaseUrl;
  } catch {
    return apiBaseUrl;
  }
}

/** Our network → Transak's `network` (Bitcoin's is "mainnet"). */
const NETWORKS: Record<string, string> = {
  ethereum: "ethereum",
  polygon: "polygon",
  arbitrum: "arbitrum",
  optimism: "optimism",
  base: "base",
  bitcoin: "mainnet",
  solana: "solana",
};

/** Our catalogue payment method → Transak's `paymentMethod`. ACH is not mapped: its Transak id could not be confirmed. */
const PAYMENT_METHODS: Record<string, string> = {
  "debit-credit-card": "credit_debit_card",
  "apple-pay": "apple_pay",
  "google-pay": "google_pay",
  sepa: "sepa_bank_transfer",
  "faster-payments": "gbp_bank_transfer",
};

/** Transak's on-ramp order statuses ("How to Track Order Status"). */
export const TRANSAK_STATUSES: Record<string, AdapterOrderStatus | null> = {
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
};

/**
 * Transak's off-ramp order statuses ("How to Track Order Status", Off-Ramp): awaiting the crypto
 * (also once the user says it was sent) changes nothing; PENDING_DELIVERY_FROM_TRANSAK is the crypto
 * received and the fiat transfer started; COMPLETED the payout sent.
 */
export const TRANSAK_SELL_STATUSES: Record<string, AdapterOrderStatus | null> = {
  AWAITING_PAYMENT_FROM_USER: null,
  PAYMENT_DONE_MARKED_BY_USER: null,
  PROCESSING: "processing",
  PENDING_DELIVERY_FROM_TRANSAK: "processing",
  ON_HOLD_PENDING_DELIVERY_FROM_TRANSAK: "processing",
  COMPLETED: "completed",
  CANCELLED: "failed",
  FAILED: "failed",
  REFUNDED: "refunded",
  EXPIRED: "expired",
};

/** Our catalogue payout method → Transak's sell `paymentMethod`. */
const PAYOUT_METHODS: Record<string, string> = {
  sepa: "sepa_bank_transfer",
  "faster-payments": "gbp_bank_transfer",
  "card-payout": "credit_debit_card",
};

const errorBody = z.union([
  z.object({ error: z.object({ message: z.string().min(1) }) }),
  z.object({ error: z.string().min(1) }),
  z.object({ message: z.string().min(1) }),
]);
function errorMessage(body: unknown): string | null {
  const parsed = errorBody.safeParse(body);
  if (!parsed.success) return null;
  const value = parsed.data;
  if ("message" in value) return value.message;
  return typeof value.error === "string" ? value.error : value.error.message;
}

const amount = z.union([z.number(), z.string()]);
const tokenSchema = z.object({ data: z.object({ accessToken: z.string().min(1), expiresAt: z.number() }) });
const quoteSchema = z.object({
  response: z.object({
    conversionPrice: amount,
    fiatAmount: amount,
    cryptoAmount: amount,
    totalFee: amount,
    feeBreakdown: z.array(z.object({ id: z.string().optional(), name: z.string().optional(), value: amount })).default([]),
  }),
});
const widgetUrlSchema = z.object({ data: z.object({ widgetUrl: z.string().url() }) });
const webhookClaimsSchema = z.object({
  eventID: z.string().optional(),
  iat: z.number().optional(),
  exp: z.number().optional(),
  webhookData: z.object({
    id: z.string().min(1),
    status: z.string().min(1),
    partnerOrderId: z.string().nullish(),
    /** "BUY" or "SELL": which status list applies. */
    isBuyOrSell: z.string().nullish(),
    cryptoAmount: amount.nullish(),
    fiatAmount: amount.nullish(),
    transactionHash: z.string().nullish(),
    statusReason: z.string().nullish(),
  }),
});

interface CachedToken {
  token: string;
  expiresAtMs: number;
  /** The token this one replaced: webhooks Transak signed just before the renewal still verify with it for a while. */
  previous: { token: string; untilMs: number } | null;
}

/** How long webhooks signed with a replaced access token are still accepted (Transak retries a refused one). */
const PREVIOUS_TOKEN_GRACE_MS = 10 * 60_000;

/** Access tokens by connection (base URL + key + secret, hashed), and the one refresh in flight for each. */
const tokens = new Map<string, CachedToken>();
const refreshing = new Map<string, Promise<CachedToken>>();

function tokenKey(conn: GatewayConnection, apiKey: string, apiSecret: string) {
  return crypto.createHash("sha256").update(`${conn.baseUrl}\n${apiKey}\n${apiSecret}`).digest("hex");
}

function keys(conn: GatewayConnection) {
  return { apiKey: credential(NAME, conn, "apiKey", "API key"), apiSecret: credential(NAME, conn, "apiSecret", "API secret") };
}

/** The Partner Access Token: cached until shortly before it expires; `stale` (refused by Transak) forces a new one. */
async function accessToken(conn: GatewayConnection, stale?: string): Promise<string> {
  const { apiKey, apiSecret } = keys(conn);
  const key = tokenKey(conn, apiKey, apiSecret);
  const cached = tokens.get(key);
  if (cached && cached.token !== stale && cached.expiresAtMs - TOKEN_MARGIN_MS > Date.now()) return cached.token;
  let pending = refreshing.get(key);
  if (!pending) {
    pending = (async () => {
      const body = await partnerFetch({
        gateway: NAME,
        method: "POST",
        url: joinUrl(conn.baseUrl, "/partners/api/v2/refresh-token"),
        headers: { "api-secret": apiSecret },
        json: { apiKey },
        secrets: [apiKey, apiSecret],
        errorMessage,
      });
      const { data } = expectShape(NAME, tokenSchema, body, "the access token request");
      const before = tokens.get(key);
      const fresh: CachedToken = {
        token: data.accessToken,
        expiresAtMs: data.expiresAt * 1000,
        previous: before ? { token: before.token, untilMs: Date.now() + PREVIOUS_TOKEN_GRACE_MS } : null,
      };
      tokens.set(key, fresh);
      return fresh;
    })().finally(() => refreshing.delete(key));
    refreshing.set(key, pending);
  }
  return (await pending).token;
}

/** The tokens a webhook may be signed with right now: the current one and, for a while after a renewal, the one before. */
async function webhookKeys(conn: GatewayConnection): Promise<string[]> {
  const apiKey = conn.credentials.apiKey?.trim();
  const apiSecret = conn.credentials.apiSecret?.trim();
  const cached = apiKey && apiSecret ? tokens.get(tokenKey(conn, apiKey, apiSecret)) : undefined;
  if (!cached) return [await accessToken(conn)];
  return cached.previous && cached.previous.untilMs > Date.now() ? [cached.token, cached.previous.token] : [cached.token];
}

/** A call with the access token; when Transak refuses the token (another process renewed it), one retry with a new one. */
async function withToken(conn: GatewayConnection, call: (token: string) => Promise<unknown>): Promise<unknown> {
  const token = await accessToken(conn);
  try {
    return await call(token);
  } catch (error) {
    if (refusedWithStatus(error) !== 401) throw error;
    return call(await accessToken(conn, token));
  }
}

function base64UrlDecode(part: string): Buffer | null {
  return /^[A-Za-z0-9_-]*$/.test(part) ? Buffer.from(part, "base64url") : null;
}

/** Verifies an HS256 JWT with `key`; answers its claims, or why not. */
export function verifyHs256(jwt: string, key: string): { ok: true; claims: unknown } | { ok: false; reason: "bad_signature" | "malformed" } {
  const parts = jwt.split(".");
  if (parts.length !== 3) return { ok: false, reason: "malformed" };
  const [headerPart, payloadPart, signaturePart] = parts;
  const headerBytes = base64UrlDecode(headerPart);
  const payloadBytes = base64UrlDecode(payloadPart);
  if (!headerBytes || !payloadBytes || !base64UrlDecode(signaturePart)) return { ok: false, reason: "malformed" };
  const header = parseJsonObject(headerBytes.toString("utf8"));
  if (!header) return { ok: false, reason: "malformed" };
  // Only HS256: "none" or an asymmetric algorithm would let anyone choose how the token is checked.
  if (header.alg !== "HS256") return { ok: false, reason: "bad_signature" };
  const expected = crypto.createHmac("sha256", key).update(`${headerPart}.${payloadPart}`).digest("base64url");
  if (!safeEqual(expected, signaturePart)) return { ok: false, reason: "bad_signature" };
  const claims = parseJsonObject(payloadBytes.toString("utf8"));
  return claims ? { ok: true, claims } : { ok: false, reason: "malformed" };
}

function fiat2(value: Decimal.Value): string {
  return new Decimal(value).toFixed(2);
}

function network(id: string): string {
  const theirs = NETWORKS[id];
  if (!theirs) throw gatewayUnavailable(NAME, `the ${id} network is not offered through this integration.`);
  return theirs;
}

function paymentMethod(method: string | null): string | null {
  if (method === null) return null;
  const theirs = PAYMENT_METHODS[method];
  if (!theirs) throw gatewayUnavailable(NAME, `the payment method ${method} is not offered through this integration.`);
  return theirs;
}

function payoutMethod(method: string | null): string | null {
  if (method === null) return null;
  const theirs = PAYOUT_METHODS[method];
  if (!theirs) throw gatewayUnavailable(NAME, `the payout method ${method} is not offered through this integration.`);
  return theirs;
}

/**
 * The public price API, for either side: a buy prices a fiat amount, a sell a crypto amount. Also the fee split
 * both report (Transak's network fee is one item of feeBreakdown; the rest is its own).
 */
async function priceQuote(
  conn: GatewayConnection,
  request: { fiatCurrency: string; cryptoCurrency: string; network: string; country: string | null },
  side: { isBuyOrSell: "BUY"; fiatAmount: string; paymentMethod: string | null } | { isBuyOrSell: "SELL"; cryptoAmount: string; paymentMethod: string | null },
) {
  const { apiKey, apiSecret } = keys(conn);
  const { paymentMethod: method, isBuyOrSell, ...amount } = side;
  const query = new URLSearchParams({
    partnerApiKey: apiKey,
    fiatCurrency: request.fiatCurrency,
    cryptoCurrency: request.cryptoCurrency,
    isBuyOrSell,
    network: network(request.network),
    ...amount,
    ...(method ? { paymentMethod: method } : {}),
    ...(request.country ? { quoteCountryCode: request.country } : {}),
  });
  const body = await partnerFetch({
    gateway: NAME,
    method: "GET",
    url: joinUrl(conn.baseUrl, `/api/v1/pricing/public/quotes?${query}`),
    secrets: [apiKey, apiSecret],
    errorMessage,
  });
  const { response } = expectShape(NAME, quoteSchema, body, isBuyOrSell === "SELL" ? "the sell price quote" : "the price quote");
  const total = new Decimal(response.totalFee);
  const networkFee = response.feeBreakdown.filter((item) => item.id === "network_fee").reduce((sum, item) => sum.plus(item.value), new Decimal(0));
  return { response, total, fees: { gateway: fiat2(total.minus(networkFee)), network: fiat2(networkFee), total: fiat2(total) } };
}

/** A sell: the crypto amount in, the fiat paid out (after Transak's fees). */
async function sellQuote(conn: GatewayConnection, request: AdapterSellQuoteRequest): Promise<AdapterSellQuote> {
  const { response, total, fees } = await priceQuote(conn, request, {
    isBuyOrSell: "SELL",
    cryptoAmount: request.cryptoAmount,
    paymentMethod: payoutMethod(request.payoutMethod),
  });
  const coins = new Decimal(response.cryptoAmount);
  const payout = new Decimal(response.fiatAmount);
  return {
    // Fiat per coin before fees, from the amounts (conversionPrice's direction for sells is not documented).
    rate: coins.gt(0) ? payout.plus(total).div(coins).toSignificantDigits(10).toFixed() : "0",
    cryptoAmount: coins.toFixed(),
    fiatAmount: fiat2(payout),
    fees,
  };
}

/**
 * Create Widget URL: the partner's parameters (with its API key and the referrer domain of the page the customer
 * returns to) signed into a one-time widget URL, under a partner access token.
 */
async function createWidgetUrl(conn: GatewayConnection, params: Record<string, unknown> & { redirectURL: string }) {
  const { apiKey, apiSecret } = keys(conn);
  let referrerDomain: string;
  try {
    referrerDomain = new URL(params.redirectURL).host;
  } catch {
    throw gatewayUnavailable(NAME, "the return URL is not a URL, so no referrer domain can be given.");
  }
  const widgetParams = { apiKey, referrerDomain, ...params };
  const body = await withToken(conn, (token) =>
    partnerFetch({
      gateway: NAME,
      method: "POST",
      url: joinUrl(gatewayBaseUrl(conn.baseUrl), "/api/v2/auth/session"),
      headers: { "access-token": token },
      json: { widgetParams },
      secrets: [apiKey, apiSecret, token],
      errorMessage,
    }),
  );
  return expectShape(NAME, widgetUrlSchema, body, "Create Widget URL").data;
}

export const transakAdapter: GatewayAdapter = {
  gatewayId: "transak",
  docs: [
    "https://docs.transak.com/guides/how-to-create-partner-access-token",
    "https://docs.transak.com/api/public/refresh-access-token",
    "https://docs.transak.com/api/public/get-orders",
    "https://docs.transak.com/api/public/get-order-by-order-id",
    "https://docs.transak.com/docs/get-price-quotecountrycode",
    "https://docs.transak.com/guides/migration-to-api-based-transak-widget-url",
    "https://docs.transak.com/update/reference/create-widget-url",
    "https://docs.transak.com/integration/web/website-redirection.md",
    "https://docs.transak.com/guides/how-to-verify-and-decode-webhook-payload",
    "https://docs.transak.com/docs/webhooks",
    "https://docs.transak.com/guides/track-order-status",
    "https://docs.transak.com/docs/tracking-user-kyc-and-order-status",
    "https://docs.transak.com/docs/websocket-events",
  ],
  credentialFields: [
    { name: "apiKey", label: "API key", secret: false, help: "From Developers in the Transak partner dashboard (production environment)." },
    {
      name: "apiSecret",
      label: "API secret",
      secret: true,
      help: "From the same page. Transak signs its webhooks with the access token made from key and secret: no separate webhook secret.",
    },
  ],

  async testConnection(conn) {
    const { apiKey, apiSecret } = keys(conn);
    await withToken(conn, (token) =>
      partnerFetch({
        gateway: NAME,
        method: "GET",
        url: joinUrl(conn.baseUrl, "/partners/api/v2/orders?limit=1&skip=0"),
        headers: { "access-token": token },
        secrets: [apiKey, apiSecret, token],
        errorMessage,
      }),
    );
  },

  async quote(conn, request) {
    const { response, fees } = await priceQuote(conn, request, {
      isBuyOrSell: "BUY",
      fiatAmount: request.fiatAmount,
      paymentMethod: paymentMethod(request.paymentMethod),
    });
    return {
      rate: new Decimal(response.conversionPrice).toSignificantDigits(10).toFixed(),
      fiatAmount: fiat2(response.fiatAmount),
      cryptoAmount: new Decimal(response.cryptoAmount).toFixed(),
      fees,
      paymentMethod: request.paymentMethod,
    };
  },

  async createOrder(conn, request) {
    const quote = await transakAdapter.quote(conn, request);
    const method = paymentMethod(request.paymentMethod);
    const widgetParams = {
      productsAvailed: "BUY",
      fiatCurrency: request.fiatCurrency,
      fiatAmount: request.fiatAmount,
      cryptoCurrencyCode: request.cryptoCurrency,
      network: network(request.network),
      walletAddress: request.walletAddress,
      disableWalletAddressForm: true,
      partnerOrderId: request.partnerOrderId,
      redirectURL: request.returnUrl,
      ...(request.email ? { email: request.email } : {}),
      ...(method ? { paymentMethod: method } : {}),
    };
    const data = await createWidgetUrl(conn, widgetParams);
    return {
      providerOrderId: request.partnerOrderId,
      checkoutMethod: "iframe",
      checkoutUrl: data.widgetUrl,
      expiresAt: new Date(Date.now() + WIDGET_URL_MINUTES * 60_000).toISOString(),
      rate: quote.rate,
      fiatAmount: quote.fiatAmount,
      cryptoAmount: quote.cryptoAmount,
      fees: quote.fees,
    };
  },

  sellQuote,

  async createSellOrder(conn, request) {
    const quote = await sellQuote(conn, request);
    const method = payoutMethod(request.payoutMethod);
    const widgetParams = {
      productsAvailed: "SELL",
      fiatCurrency: request.fiatCurrency,
      cryptoCurrencyCode: request.cryptoCurrency,
      cryptoAmount: request.cryptoAmount,
      network: network(request.network),
      partnerOrderId: request.partnerOrderId,
      redirectURL: request.returnUrl,
      ...(request.customerReference ? { partnerCustomerId: request.customerReference } : {}),
      ...(request.email ? { email: request.email } : {}),
      ...(method ? { paymentMethod: method } : {}),
    };
    const data = await createWidgetUrl(conn, widgetParams);
    const now = Date.now();
    return {
      providerOrderId: request.partnerOrderId,
      checkoutMethod: "iframe",
      checkoutUrl: data.widgetUrl,
      expiresAt: new Date(now + WIDGET_URL_MINUTES * 60_000).toISOString(),
      // Shown by Transak's widget only; its webhooks do not carry it.
      depositAddress: null,
      depositExpiresAt: sellDepositDeadline("transak", now),
      rate: quote.rate,
      cryptoAmount: quote.cryptoAmount,
      fiatAmount: quote.fiatAmount,
      fees: quote.fees,
    };
  },

  async refund() {
    throw invalidState("Transak offers partners no refund API; Transak refunds an order itself and reports it with ORDER_REFUNDED.");
  },

  async verifyCallback(conn, input) {
    const body = parseJsonObject(input.rawBody);
    const jwt = body?.data;
    if (typeof jwt !== "string" || jwt.split(".").length !== 3) return refuse("malformed", "The webhook body has no signed `data` JWT.");
    // The signing key is our access token (or, just after a renewal, the one before); asking Transak for one only for a well-formed JWT.
    let keysNow: string[];
    try {
      keysNow = await webhookKeys(conn);
    } catch (error) {
      // No token, no verification: the webhook changes nothing and Transak retries it later.
      return refuse("bad_signature", `The webhook could not be verified: ${error instanceof Error ? error.message : "no Transak access token."}`);
    }
    let verified: ReturnType<typeof verifyHs256> = { ok: false, reason: "bad_signature" };
    for (const key of keysNow) {
      verified = verifyHs256(jwt, key);
      if (verified.ok || verified.reason === "malformed") break;
    }
    if (!verified.ok) {
      return verified.reason === "malformed"
        ? refuse("malformed", "The webhook's `data` is not a readable JWT.")
        : refuse("bad_signature", "The webhook JWT is not signed with our Transak access token.");
    }
    const claims = webhookClaimsSchema.safeParse(verified.claims);
    if (!claims.success) return refuse("malformed", "The webhook JWT does not carry a Transak order (webhookData).");
    const now = input.receivedAt.getTime() / 1000;
    const { iat, exp, webhookData } = claims.data;
    if (iat !== undefined && Math.abs(now - iat) > CALLBACK_TOLERANCE_SECONDS) {
      return refuse("replayed", `The webhook JWT was issued ${Math.round(now - iat)} s before it arrived (more than ${CALLBACK_TOLERANCE_SECONDS} s).`);
    }
    if (exp !== undefined && exp < now) return refuse("replayed", "The webhook JWT has expired.");
    const sell = webhookData.isBuyOrSell === "SELL";
    const status = sell
      ? ((Object.hasOwn(TRANSAK_SELL_STATUSES, webhookData.status) ? TRANSAK_SELL_STATUSES[webhookData.status] : null) ?? null)
      : transakAdapter.mapStatus(webhookData.status);
    if (status === null) return refuse("ignored", `Transak ${sell ? "sell " : ""}status ${webhookData.status} changes nothing here.`);
    return {
      ok: true,
      update: {
        providerOrderId: webhookData.partnerOrderId ?? webhookData.id,
        providerTransactionId: webhookData.id,
        partnerOrderId: webhookData.partnerOrderId ?? null,
        status,
        providerStatus: webhookData.status,
        cryptoAmount: decimalString(webhookData.cryptoAmount),
        ...(sell ? { fiatAmount: decimalString(webhookData.fiatAmount) } : {}),
        transactionHash: webhookData.transactionHash ?? null,
        failureReason: status === "failed" || status === "expired" ? (webhookData.statusReason ?? webhookData.status) : null,
        refundReason: status === "refunded" ? (webhookData.statusReason ?? null) : null,
      },
    };
  },

  mapStatus(providerStatus) {
    return Object.hasOwn(TRANSAK_STATUSES, providerStatus) ? TRANSAK_STATUSES[providerStatus] : null;
  },
};

/** For tests: forget every cached access token (as a restarted process would). */
export function forgetTransakTokens() {
  tokens.clear();
}
