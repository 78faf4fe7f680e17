/**
 * MoonPay (live mode), through its widget API: buy quotes with the publishable key, a widget URL
 * signed with the secret key, webhooks signed with the webhook API key. The customer creates the
 * MoonPay transaction inside the widget, so the order's providerOrderId is our own id (MoonPay's
 * `externalTransactionId`); webhooks carry it and MoonPay's id (providerTransactionId).
 * Sells go the same way: the sell quote (`/v3/currencies/{code}/sell_quote`) prices the exact crypto
 * amount, the sell widget URL is signed the same way, and sell webhooks name the sell transaction;
 * the deposit address exists only once the customer confirms the sale in the widget, so it arrives
 * with a webhook (when MoonPay includes it) and the order starts without one.
 * Notes and what could not be checked here: docs/gateways/moonpay.md.
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
  hmacHex,
  joinUrl,
  parseJsonObject,
  partnerFetch,
  refuse,
  safeEqual,
  sellDepositDeadline,
} from "./partner-http";
import type { AdapterOrderStatus, AdapterSellQuote, AdapterSellQuoteRequest, CallbackVerdict, GatewayAdapter, GatewayConnection } from "./types";

const NAME = "MoonPay";

/** MoonPay's API, for test and live keys alike (the key prefix picks the environment). */
export const MOONPAY_PRODUCTION_URL = "https://api.moonpay.com";

/** MoonPay's production API host; test and live share it, the key prefix picks the environment. */
const MOONPAY_API_HOST = "api.moonpay.com";
/** How long an order waits for the customer: MoonPay's quotes in the widget hold 30 minutes (`quoteExpiresAt`). */
const CHECKOUT_MINUTES = 30;

/** Our crypto + network → MoonPay's currency code (`GET /v3/currencies` lists them). */
const CURRENCY_CODES: Record<string, string> = {
  "ETH/ethereum": "eth",
  "ETH/arbitrum": "eth_arbitrum",
  "ETH/optimism": "eth_optimism",
  "ETH/base": "eth_base",
  "USDC/ethereum": "usdc",
  "USDC/polygon": "usdc_polygon",
  "USDC/arbitrum": "usdc_arbitrum",
  "USDC/optimism": "usdc_optimism",
  "USDC/base": "usdc_base",
  "USDC/solana": "usdc_sol",
  "USDT/ethereum": "usdt",
  "USDT/polygon": "usdt_polygon",
  "USDT/arbitrum": "usdt_arbitrum",
  "BTC/bitcoin": "btc",
  "SOL/solana": "sol",
  "POL/polygon": "pol_polygon",
};

/** Our catalogue payment method → MoonPay's `paymentMethod`. */
const PAYMENT_METHODS: Record<string, string> = {
  "debit-credit-card": "credit_debit_card",
  "apple-pay": "apple_pay",
  "google-pay": "google_pay",
  sepa: "sepa_bank_transfer",
  "faster-payments": "gbp_bank_transfer",
  ach: "ach_bank_transfer",
};

/** Our catalogue payout method → MoonPay's sell `payoutMethod`. */
const PAYOUT_METHODS: Record<string, string> = {
  sepa: "sepa_bank_transfer",
  "faster-payments": "gbp_bank_transfer",
  ach: "ach_bank_transfer",
  "card-payout": "credit_debit_card",
};

/**
 * MoonPay's buy and sell transaction statuses (Get Buy / Get Sell transaction, `status`).
 * `waitingPayment` (a bank transfer not yet received) and a sell's `waitingForDeposit` change
 * nothing (the latter may bring the deposit address); a sell's `pending` is its deposit received.
 * MoonPay documents no refunded or expired status; a sell whose deposit never came fails with
 * the failure reason "Deposit timeout", which we read as expired.
 */
export const MOONPAY_STATUSES: Record<string, AdapterOrderStatus | null> = {
  waitingPayment: null,
  waitingForDeposit: null,
  pending: "processing",
  waitingAuthorization: "processing",
  completed: "completed",
  failed: "failed",
};

/** The buy transaction events MoonPay sends (Webhooks → Buy). */
const BUY_EVENTS = new Set(["transaction_created", "transaction_updated", "transaction_failed"]);

/** The sell transaction events MoonPay sends (Webhooks → Sell). */
const SELL_EVENTS = new Set(["sell_transaction_created", "sell_transaction_updated", "sell_transaction_failed"]);

const errorBody = z.object({ message: z.string().min(1) });
function errorMessage(body: unknown): string | null {
  const parsed = errorBody.safeParse(body);
  return parsed.success ? parsed.data.message : null;
}

const amount = z.union([z.number(), z.string()]);
const buyQuoteSchema = z.object({
  baseCurrencyAmount: amount,
  quoteCurrencyAmount: amount,
  quoteCurrencyPrice: amount,
  feeAmount: amount,
  extraFeeAmount: amount.nullish(),
  networkFeeAmount: amount,
  totalAmount: amount,
  paymentMethod: z.string().nullish(),
});

const sellQuoteSchema = z.object({
  baseCurrencyAmount: amount,
  quoteCurrencyAmount: amount,
  baseCurrencyPrice: amount,
  feeAmount: amount,
  extraFeeAmount: amount.nullish(),
});

const sellWebhookSchema = z.object({
  type: z.string(),
  data: z.object({
    id: z.string().min(1),
    status: z.string().min(1),
    externalTransactionId: z.string().nullish(),
    baseCurrencyAmount: amount.nullish(),
    quoteCurrencyAmount: amount.nullish(),
    depositHash: z.string().nullish(),
    failureReason: z.string().nullish(),
    /** MoonPay's address for the deposit, where the transaction object carries it. */
    depositWallet: z.object({ walletAddress: z.string().min(1) }).nullish(),
  }),
});

const webhookSchema = z.object({
  type: z.string(),
  data: z.object({
    id: z.string().min(1),
    status: z.string().min(1),
    externalTransactionId: z.string().nullish(),
    quoteCurrencyAmount: amount.nullish(),
    cryptoTransactionId: z.string().nullish(),
    failureReason: z.string().nullish(),
  }),
});

function keys(conn: GatewayConnection) {
  return {
    publishableKey: credential(NAME, conn, "publishableKey", "publishable key"),
    secretKey: credential(NAME, conn, "secretKey", "secret key"),
  };
}

function currencyCode(crypto: string, network: string): string {
  const code = CURRENCY_CODES[`${crypto}/${network}`];
  if (!code) throw gatewayUnavailable(NAME, `${crypto} on ${network} is not offered through this integration.`);
  return code;
}

function paymentMethod(method: string | null): string | null {
  if (method === null) return null;
  const theirs = PAYMENT_METHODS[method];
  if (!theirs) throw gatewayUnavailable(NAME, `the payment method ${method} is not offered through this integration.`);
  return theirs;
}

/**
 * Where a widget lives. MoonPay serves one API host for both environments and, per side, two widget hosts chosen by
 * the key: buy-sandbox / sell-sandbox for `pk_test_` keys, buy / sell for live keys. Any other API base URL (a
 * proxy, the contract tests' stand-in) serves the widgets itself, under /widget and /sell-widget.
 */
export function widgetBaseUrl(conn: GatewayConnection, publishableKey: string, side: "buy" | "sell" = "buy"): string {
  let host: string | null = null;
  try {
    host = new URL(conn.baseUrl).host;
  } catch {
    host = null;
  }
  if (host === MOONPAY_API_HOST) return `https://${side}${publishableKey.startsWith("pk_test_") ? "-sandbox" : ""}.moonpay.com`;
  return joinUrl(conn.baseUrl, side === "buy" ? "/widget" : "/sell-widget");
}

function payoutMethod(method: string | null): string | null {
  if (method === null) return null;
  const theirs = PAYOUT_METHODS[method];
  if (!theirs) throw gatewayUnavailable(NAME, `the payout method ${method} is not offered through this integration.`);
  return theirs;
}

/** Get Buy quote / Get Sell quote: a GET on the coin's quote with the publishable key, checked against its documented shape. */
async function currencyQuote<T>(
  conn: GatewayConnection,
  request: { cryptoCurrency: string; network: string },
  kind: "buy_quote" | "sell_quote",
  schema: z.ZodType<T>,
  params: Record<string, string>,
): Promise<T> {
  const { publishableKey, secretKey } = keys(conn);
  const code = currencyCode(request.cryptoCurrency, request.network);
  const query = new URLSearchParams({ apiKey: publishableKey, ...params });
  const body = await partnerFetch({
    gateway: NAME,
    method: "GET",
    url: joinUrl(conn.baseUrl, `/v3/currencies/${code}/${kind}?${query}`),
    secrets: [publishableKey, secretKey],
    errorMessage,
  });
  return expectShape(NAME, schema, body, kind === "buy_quote" ? "the buy quote" : "the sell quote");
}

function positivePrice(value: string | number): Decimal {
  const price = new Decimal(value);
  if (!price.gt(0)) throw gatewayUnavailable(NAME, "quoted a price of zero.");
  return price;
}

/** Get Sell quote: the fiat MoonPay pays for an exact crypto amount (publishable key). */
async function sellQuote(conn: GatewayConnection, request: AdapterSellQuoteRequest): Promise<AdapterSellQuote> {
  const method = payoutMethod(request.payoutMethod);
  const quote = await currencyQuote(conn, request, "sell_quote", sellQuoteSchema, {
    quoteCurrencyCode: request.fiatCurrency.toLowerCase(),
    baseCurrencyAmount: request.cryptoAmount,
    ...(method ? { payoutMethod: method } : {}),
  });
  const price = positivePrice(quote.baseCurrencyPrice);
  const gatewayFee = new Decimal(quote.feeAmount).plus(quote.extraFeeAmount ?? 0);
  return {
    rate: price.toSignificantDigits(10).toFixed(),
    cryptoAmount: new Decimal(quote.baseCurrencyAmount).toFixed(),
    // quoteCurrencyAmount: what the customer receives, fees taken.
    fiatAmount: fiat2(quote.quoteCurrencyAmount),
    fees: { gateway: fiat2(gatewayFee), network: "0.00", total: fiat2(gatewayFee) },
  };
}

/**
 * MoonPay's URL signing: HMAC-SHA256 of the query string (from the `?`, every value URL-encoded)
 * with the secret key, base64, appended last as `signature`, itself URL-encoded.
 */
export function signWidgetQuery(search: string, secretKey: string): string {
  return crypto.createHmac("sha256", secretKey).update(search, "utf8").digest("base64");
}

function encodeQuery(params: [string, string][]): string {
  return `?${params.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join("&")}`;
}

/** A widget link for one side: the publishable key, then `params` in order, signed with the secret key. */
function signedWidgetUrl(conn: GatewayConnection, side: "buy" | "sell", params: [string, string][]): string {
  const { publishableKey, secretKey } = keys(conn);
  const search = encodeQuery([["apiKey", publishableKey], ...params]);
  return `${widgetBaseUrl(conn, publishableKey, side)}${search}&signature=${encodeURIComponent(signWidgetQuery(search, secretKey))}`;
}

/** `Moonpay-Signature-V2: t=<unix seconds>,s=<hex HMAC-SHA256 of "t.body">`. */
export function parseSignatureHeader(header: string | null): { timestamp: number; signature: string } | null {
  if (!header) return null;
  const parts = new Map<string, string>();
  for (const element of header.split(",")) {
    const at = element.indexOf("=");
    if (at > 0) parts.set(element.slice(0, at).trim(), element.slice(at + 1).trim());
  }
  const t = parts.get("t");
  const s = parts.get("s");
  if (!t || !/^\d{1,12}$/.test(t) || !s || !/^[0-9a-fA-F]{64}$/.test(s)) return null;
  return { timestamp: Number(t), signature: s.toLowerCase() };
}

export function webhookSignature(webhookKey: string, timestamp: number | string, rawBody: string): string {
  return hmacHex("sha256", webhookKey, `${timestamp}.${rawBody}`);
}

function fiat2(value: Decimal.Value): string {
  return new Decimal(value).toFixed(2);
}

export const moonpayAdapter: GatewayAdapter = {
  gatewayId: "moonpay",
  docs: [
    "https://dev.moonpay.com/api-reference/widget/using-the-api",
    "https://dev.moonpay.com/api-reference/widget/getbuyquote",
    "https://dev.moonpay.com/api-reference/widget/getbuytransaction",
    "https://dev.moonpay.com/v1.0/reference/getbuytransactionbyexternalid",
    "https://dev.moonpay.com/api-reference/widget/errors",
    "https://dev.moonpay.com/docs/on-ramp-enhance-security-using-signed-urls",
    "https://dev.moonpay.com/api-reference/widget/webhooks/signature",
    "https://dev.moonpay.com/api-reference/widget/webhooks/buy",
    "https://dev.moonpay.com/widget/off-ramp/overview",
    "https://dev.moonpay.com/api-reference/widget/getsellquote",
    "https://dev.moonpay.com/widget/off-ramp/customization/parameters",
    "https://dev.moonpay.com/docs/off-ramp-how-to-handle-crypto-deposits",
    "https://dev.moonpay.com/api-reference/widget/webhooks/sell",
  ],
  credentialFields: [
    { name: "publishableKey", label: "Publishable key", secret: false, help: "pk_live_… from Developers → API keys in the MoonPay dashboard." },
    { name: "secretKey", label: "Secret key", secret: true, help: "sk_live_… from the same page. Signs widget URLs; never leaves our servers." },
  ],

  async testConnection(conn) {
    const { publishableKey, secretKey } = keys(conn);
    const secrets = [publishableKey, secretKey];
    // The secret key: a lookup by an external id nobody uses answers an empty list.
    await partnerFetch({
      gateway: NAME,
      method: "GET",
      url: joinUrl(conn.baseUrl, "/v1/transactions/ext/ramp-connection-check"),
      headers: { Authorization: `Api-Key ${secretKey}` },
      secrets,
      errorMessage,
    });
    // The publishable key: buy limits for one currency.
    await partnerFetch({
      gateway: NAME,
      method: "GET",
      url: joinUrl(conn.baseUrl, `/v3/currencies/eth/limits?apiKey=${encodeURIComponent(publishableKey)}&baseCurrencyCode=usd`),
      secrets,
      errorMessage,
    });
  },

  async quote(conn, request) {
    const method = paymentMethod(request.paymentMethod);
    const quote = await currencyQuote(conn, request, "buy_quote", buyQuoteSchema, {
      baseCurrencyCode: request.fiatCurrency.toLowerCase(),
      baseCurrencyAmount: request.fiatAmount,
      areFeesIncluded: "true",
      ...(method ? { paymentMethod: method } : {}),
    });
    const price = positivePrice(quote.quoteCurrencyPrice);
    const gatewayFee = new Decimal(quote.feeAmount).plus(quote.extraFeeAmount ?? 0);
    const networkFee = new Decimal(quote.networkFeeAmount);
    return {
      rate: new Decimal(1).div(price).toSignificantDigits(10).toFixed(),
      fiatAmount: fiat2(quote.totalAmount),
      cryptoAmount: new Decimal(quote.quoteCurrencyAmount).toFixed(),
      fees: { gateway: fiat2(gatewayFee), network: fiat2(networkFee), total: fiat2(gatewayFee.plus(networkFee)) },
      paymentMethod: request.paymentMethod,
    };
  },

  async createOrder(conn, request) {
    const quote = await moonpayAdapter.quote(conn, request);
    const method = paymentMethod(request.paymentMethod);
    const params: [string, string][] = [
      ["currencyCode", currencyCode(request.cryptoCurrency, request.network)],
      ["baseCurrencyCode", request.fiatCurrency.toLowerCase()],
      ["baseCurrencyAmount", request.fiatAmount],
      ["walletAddress", request.walletAddress],
      ["externalTransactionId", request.partnerOrderId],
      ["redirectURL", request.returnUrl],
    ];
    if (request.email) params.push(["email", request.email]);
    if (method) params.push(["paymentMethod", method]);
    return {
      providerOrderId: request.partnerOrderId,
      checkoutMethod: "iframe",
      checkoutUrl: signedWidgetUrl(conn, "buy", params),
      expiresAt: new Date(Date.now() + CHECKOUT_MINUTES * 60_000).toISOString(),
      rate: quote.rate,
      fiatAmount: quote.fiatAmount,
      cryptoAmount: quote.cryptoAmount,
      fees: quote.fees,
    };
  },

  sellQuote,

  async createSellOrder(conn, request) {
    const quote = await sellQuote(conn, request);
    const params: [string, string][] = [
      ["baseCurrencyCode", currencyCode(request.cryptoCurrency, request.network)],
      ["baseCurrencyAmount", request.cryptoAmount],
      ["quoteCurrencyCode", request.fiatCurrency.toLowerCase()],
      // Signed URLs only (MoonPay: mandatory with this parameter).
      ["refundWalletAddress", request.refundAddress],
      ["externalTransactionId", request.partnerOrderId],
      ["redirectURL", request.returnUrl],
    ];
    if (request.customerReference) params.push(["externalCustomerId", request.customerReference]);
    if (request.email) params.push(["email", request.email]);
    const now = Date.now();
    return {
      providerOrderId: request.partnerOrderId,
      checkoutMethod: "iframe",
      checkoutUrl: signedWidgetUrl(conn, "sell", params),
      expiresAt: new Date(now + CHECKOUT_MINUTES * 60_000).toISOString(),
      // MoonPay's deposit wallet exists once the customer confirms the sale: a webhook brings it.
      depositAddress: null,
      depositExpiresAt: sellDepositDeadline("moonpay", now),
      rate: quote.rate,
      cryptoAmount: quote.cryptoAmount,
      fiatAmount: quote.fiatAmount,
      fees: quote.fees,
    };
  },

  async refund() {
    throw invalidState("MoonPay offers partners no refund API for buy transactions; a refund is arranged with MoonPay support.");
  },

  async verifyCallback(conn, input) {
    if (!conn.callbackSecret) return refuse("bad_signature", "No MoonPay webhook key is stored, so no webhook can be verified.");
    const header = parseSignatureHeader(input.headers.get("moonpay-signature-v2"));
    if (!header) return refuse("bad_signature", "The Moonpay-Signature-V2 header is missing or not of the form t=…,s=….");
    if (!safeEqual(webhookSignature(conn.callbackSecret, header.timestamp, input.rawBody), header.signature)) {
      return refuse("bad_signature", "The Moonpay-Signature-V2 signature does not match the body.");
    }
    const age = input.receivedAt.getTime() / 1000 - header.timestamp;
    if (Math.abs(age) > CALLBACK_TOLERANCE_SECONDS) {
      return refuse("replayed", `The webhook was signed ${Math.round(age)} s before it arrived (more than ${CALLBACK_TOLERANCE_SECONDS} s).`);
    }
    const event = parseJsonObject(input.rawBody);
    if (typeof event?.type === "string" && SELL_EVENTS.has(event.type)) return sellUpdate(event);
    const parsed = webhookSchema.safeParse(event);
    if (!parsed.success) return refuse("malformed", "The webhook body is not a MoonPay transaction event.");
    const { type, data } = parsed.data;
    if (!BUY_EVENTS.has(type)) return refuse("ignored", `MoonPay event ${type} is not about a buy transaction.`);
    const status = moonpayAdapter.mapStatus(data.status);
    if (status === null) return refuse("ignored", `MoonPay status ${data.status} changes nothing here.`);
    return {
      ok: true,
      update: {
        providerOrderId: data.externalTransactionId ?? data.id,
        providerTransactionId: data.id,
        partnerOrderId: data.externalTransactionId ?? null,
        status,
        providerStatus: data.status,
        cryptoAmount: decimalString(data.quoteCurrencyAmount),
        transactionHash: data.cryptoTransactionId ?? null,
        failureReason: status === "failed" ? (data.failureReason ?? null) : null,
      },
    };
  },

  mapStatus(providerStatus) {
    return Object.hasOwn(MOONPAY_STATUSES, providerStatus) ? MOONPAY_STATUSES[providerStatus] : null;
  },
};

/** A verified sell webhook → our update: the deposit address while waiting, the deposit, the payout, or why it failed. */
function sellUpdate(event: Record<string, unknown>): CallbackVerdict {
  const parsed = sellWebhookSchema.safeParse(event);
  if (!parsed.success) return refuse("malformed", "The webhook body is not a MoonPay sell transaction event.");
  const { data } = parsed.data;
  const depositAddress = data.depositWallet?.walletAddress ?? null;
  const timedOut = data.status === "failed" && /deposit timeout/i.test(data.failureReason ?? "");
  const status = timedOut ? "expired" : (moonpayAdapter.mapStatus(data.status) ?? (data.status === "waitingForDeposit" && depositAddress ? "created" : null));
  if (status === null) return refuse("ignored", `MoonPay sell status ${data.status} changes nothing here.`);
  return {
    ok: true,
    update: {
      providerOrderId: data.externalTransactionId ?? data.id,
      providerTransactionId: data.id,
      partnerOrderId: data.externalTransactionId ?? null,
      status,
      providerStatus: data.status,
      cryptoAmount: decimalString(data.baseCurrencyAmount),
      fiatAmount: decimalString(data.quoteCurrencyAmount),
      depositAddress,
      transactionHash: data.depositHash ?? null,
      failureReason: status === "failed" ? (data.failureReason ?? null) : null,
    },
  };
}
