/**
 * Mercuryo (live mode), through its widget: buy rates from the Widget Partner API, a widget URL
 * signed with signature v2 (SHA-512 of address + widget secret + customer IP + our transaction
 * id, prefixed "v2:"), and callbacks signed with `X-Signature` (hex HMAC-SHA256 of the raw body
 * with the widget's Sign Key). The customer creates the Mercuryo transaction in the widget, so the
 * order's providerOrderId is our own id (Mercuryo's `merchant_transaction_id`); callbacks carry it
 * and Mercuryo's transaction id (providerTransactionId).
 * Notes and what could not be checked here: docs/gateways/mercuryo.md.
 */
import crypto from "node:crypto";
import Decimal from "decimal.js";
import { z } from "zod";
import { invalidState } from "~/lib/domain-error";
import { credential, decimalString, expectShape, gatewayUnavailable, hmacHex, joinUrl, parseJsonObject, partnerFetch, refuse, safeEqual } from "./partner-http";
import type { AdapterOrderStatus, GatewayAdapter, GatewayConnection } from "./types";

const NAME = "Mercuryo";

/** Mercuryo's production API host (sandbox: https://sandbox-api.mrcr.io); paths carry the version, /v1.6. */
export const MERCURYO_PRODUCTION_URL = "https://api.mercuryo.io";
const API_VERSION = "/v1.6";
/** How long an order waits for the customer (ours: Mercuryo documents no expiry for a signed widget URL). */
const CHECKOUT_MINUTES = 30;

/** The widget host of Mercuryo's two documented environments, by API host; any other base URL serves the widget at /widget. */
const WIDGET_HOSTS: Record<string, string> = {
  "api.mercuryo.io": "https://exchange.mercuryo.io",
  "sandbox-api.mrcr.io": "https://sandbox-exchange.mrcr.io",
};

export function widgetBaseUrl(apiBaseUrl: string): string {
  try {
    const host = WIDGET_HOSTS[new URL(apiBaseUrl).host];
    if (host) return host;
  } catch {
    // not a URL: fall through, partnerFetch reports it
  }
  return joinUrl(apiBaseUrl, "/widget");
}

const NETWORKS: Record<string, string> = {
  ethereum: "ETHEREUM",
  polygon: "POLYGON",
  arbitrum: "ARBITRUM",
  optimism: "OPTIMISM",
  base: "BASE",
  bitcoin: "BITCOIN",
  solana: "SOLANA",
};

/** Our catalogue payment method → Mercuryo's `payment_method` (card, apple, google; bank rails are not offered here). */
const PAYMENT_METHODS: Record<string, string> = {
  "debit-credit-card": "card",
  "apple-pay": "apple",
  "google-pay": "google",
};

/**
 * Mercuryo's buy statuses (Transaction Types & Statuses → Card Payment). The intermediate ones
 * that do not move the order (`new`, `descriptor_failed`, `failed_exchange`) change nothing;
 * `cancelled` ("funds returned if charged") never reached completion, so it is a failure.
 */
export const MERCURYO_STATUSES: Record<string, AdapterOrderStatus | null> = {
  new: null,
  pending: "processing",
  order_scheduled: "processing",
  descriptor_failed: null,
  failed_exchange: null,
  paid: "completed",
  order_failed: "failed",
  cancelled: "failed",
};

const errorBody = z.union([z.object({ message: z.string().min(1) }), z.object({ error: z.string().min(1) })]);
function errorMessage(body: unknown): string | null {
  const parsed = errorBody.safeParse(body);
  if (!parsed.success) return null;
  return "message" in parsed.data ? parsed.data.message : parsed.data.error;
}

const amount = z.union([z.number(), z.string()]);
const perCurrency = z.record(z.string(), amount);
const rateSchema = z.object({
  data: z.object({
    currency: z.string(),
    fiat_currency: z.string(),
    rate: amount,
    fee: perCurrency,
    network_fee: perCurrency.optional(),
    subtotal: perCurrency,
    total: perCurrency,
  }),
});

const callbackSchema = z.object({
  id: z.string().min(1),
  type: z.string(),
  status: z.string().min(1),
  merchant_transaction_id: z.string().nullish(),
  amount: amount.nullish(),
  tx: z.object({ id: z.string().nullish() }).nullish(),
});

function keys(conn: GatewayConnection) {
  return { widgetId: credential(NAME, conn, "widgetId", "widget ID"), widgetSecret: credential(NAME, conn, "widgetSecret", "widget secret") };
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

/** Mercuryo's widget signature v2: "v2:" + hex SHA-512 of address + secret + ip + merchant_transaction_id. */
export function widgetSignature(address: string, secret: string, ip: string, merchantTransactionId: string): string {
  return `v2:${crypto.createHash("sha512").update(`${address}${secret}${ip}${merchantTransactionId}`, "utf8").digest("hex")}`;
}

/**
 * `X-Signature`: hex HMAC-SHA256 of the raw body with the Sign Key. Mercuryo's current page says
 * the body exactly as received; its earlier page said with all whitespace removed. Both need the
 * key, so both are accepted.
 */
export function callbackSignatureMatches(signKey: string, rawBody: string, given: string): boolean {
  const signature = given.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(signature)) return false;
  const exact = safeEqual(hmacHex("sha256", signKey, rawBody), signature);
  const compact = safeEqual(hmacHex("sha256", signKey, rawBody.replace(/\s/g, "")), signature);
  return exact || compact;
}

function fiat2(value: Decimal.Value): string {
  return new Decimal(value).toFixed(2);
}

function pick(values: Record<string, string | number>, currency: string): Decimal.Value | null {
  const value = values[currency] ?? values[currency.toUpperCase()];
  return value === undefined ? null : value;
}

export const mercuryoAdapter: GatewayAdapter = {
  gatewayId: "mercuryo",
  docs: [
    "https://widget.docs.mercuryo.io/api",
    "https://widget.docs.mercuryo.io/guide/flows/on-ramp",
    "https://widget.docs.mercuryo.io/iframe-oor/api-reference/tag/buy/get/widget/buy/rate",
    "https://widget.docs.mercuryo.io/guide/integration/security",
    "https://widget.docs.mercuryo.io/guide/monitoring/callbacks",
    "https://mercuryo-widget-partner.apidocumentation.com/guide/monitoring/callbacks",
    "https://widget.docs.mercuryo.io/guide/monitoring/transactions",
    "https://oor-redirect.redoc.ly",
  ],
  credentialFields: [
    { name: "widgetId", label: "Widget ID", secret: false, help: "Widgets → your widget in the Mercuryo dashboard." },
    { name: "widgetSecret", label: "Widget secret", secret: true, help: "The widget's Secret (same page). Signs widget URLs; never leaves our servers." },
    {
      name: "sdkPartnerToken",
      label: "Sdk-Partner-Token",
      secret: true,
      help: "From your Mercuryo integration manager. Used for the read-only connection test against the Widget Partner API.",
    },
  ],

  async testConnection(conn) {
    const { widgetId, widgetSecret } = keys(conn);
    const partnerToken = credential(NAME, conn, "sdkPartnerToken", "Sdk-Partner-Token");
    const secrets = [widgetSecret, partnerToken];
    // The widget ID: Mercuryo quotes only for a widget it knows.
    const rate = new URLSearchParams({ from: "EUR", to: "BTC", type: "buy", amount: "100", widget_id: widgetId });
    await partnerFetch({ gateway: NAME, method: "GET", url: joinUrl(conn.baseUrl, `${API_VERSION}/widget/buy/rate?${rate}`), secrets, errorMessage });
    // The partner token: a transaction lookup by a merchant id nobody uses.
    await partnerFetch({
      gateway: NAME,
      method: "GET",
      url: joinUrl(conn.baseUrl, `${API_VERSION}/sdk-partner/transactions?merchant_transaction_id=ramp-connection-check&limit=1`),
      headers: { "Sdk-Partner-Token": partnerToken },
      secrets,
      errorMessage,
    });
  },

  async quote(conn, request) {
    const { widgetId, widgetSecret } = keys(conn);
    const method = paymentMethod(request.paymentMethod);
    const query = new URLSearchParams({
      from: request.fiatCurrency,
      to: request.cryptoCurrency,
      type: "buy",
      amount: request.fiatAmount,
      is_total: "true",
      widget_id: widgetId,
      network: network(request.network),
      // `country` and `ip_address` are left out: Mercuryo answers them only when enabled for the widget.
      ...(method ? { payment_method: method } : {}),
    });
    const body = await partnerFetch({
      gateway: NAME,
      method: "GET",
      url: joinUrl(conn.baseUrl, `${API_VERSION}/widget/buy/rate?${query}`),
      secrets: [widgetSecret],
      errorMessage,
    });
    const { data } = expectShape(NAME, rateSchema, body, "the buy rate");
    const fiat = data.fiat_currency;
    const total = pick(data.total, fiat);
    const fee = pick(data.fee, fiat);
    const crypto = pick(data.subtotal, data.currency);
    const unitPrice = new Decimal(data.rate);
    if (total === null || fee === null || crypto === null || !unitPrice.gt(0)) throw gatewayUnavailable(NAME, "unexpected answer to the buy rate.");
    const networkFee = new Decimal((data.network_fee && pick(data.network_fee, fiat)) ?? 0);
    const feeTotal = new Decimal(fee);
    return {
      rate: new Decimal(1).div(unitPrice).toSignificantDigits(10).toFixed(),
      fiatAmount: fiat2(total),
      cryptoAmount: new Decimal(crypto).toFixed(),
      fees: { gateway: fiat2(feeTotal.minus(networkFee)), network: fiat2(networkFee), total: fiat2(feeTotal) },
      paymentMethod: request.paymentMethod,
    };
  },

  async createOrder(conn, request) {
    const { widgetId, widgetSecret } = keys(conn);
    if (!request.customerIp) {
      throw gatewayUnavailable(NAME, "the customer's IP address is needed to sign the widget URL (signature v2); open the order from the hosted checkout.");
    }
    const quote = await mercuryoAdapter.quote(conn, request);
    const method = paymentMethod(request.paymentMethod);
    const params = new URLSearchParams({
      widget_id: widgetId,
      type: "buy",
      currency: request.cryptoCurrency,
      network: network(request.network),
      fix_currency: "true",
      fiat_currency: request.fiatCurrency,
      fiat_amount: request.fiatAmount,
      fix_fiat_amount: "true",
      address: request.walletAddress,
      merchant_transaction_id: request.partnerOrderId,
      redirect_url: request.returnUrl,
      ...(request.email ? { email: request.email } : {}),
      ...(method ? { payment_method: method } : {}),
      signature: widgetSignature(request.walletAddress, widgetSecret, request.customerIp, request.partnerOrderId),
    });
    return {
      providerOrderId: request.partnerOrderId,
      checkoutMethod: "redirect",
      checkoutUrl: `${widgetBaseUrl(conn.baseUrl)}/?${params}`,
      expiresAt: new Date(Date.now() + CHECKOUT_MINUTES * 60_000).toISOString(),
      rate: quote.rate,
      fiatAmount: quote.fiatAmount,
      cryptoAmount: quote.cryptoAmount,
      fees: quote.fees,
    };
  },

  async refund() {
    throw invalidState("Mercuryo offers partners no refund API; a cancelled transaction is refunded by Mercuryo itself.");
  },

  async verifyCallback(conn, input) {
    if (!conn.callbackSecret) return refuse("bad_signature", "No Mercuryo Sign Key is stored, so no callback can be verified.");
    const given = input.headers.get("x-signature");
    if (!given) return refuse("bad_signature", "The X-Signature header is missing.");
    if (!callbackSignatureMatches(conn.callbackSecret, input.rawBody, given)) return refuse("bad_signature", "The X-Signature does not match the body.");
    const body = parseJsonObject(input.rawBody);
    // The transaction sits under `data` (or `payload`); a bare transaction object is read as well.
    const transaction = callbackSchema.safeParse(body?.data ?? body?.payload ?? body);
    if (!transaction.success) return refuse("malformed", "The callback body is not a Mercuryo transaction.");
    const { id, type, status: theirs, merchant_transaction_id, amount: cryptoAmount, tx } = transaction.data;
    if (type !== "buy") return refuse("ignored", `Mercuryo ${type} callbacks change no order here.`);
    const status = mercuryoAdapter.mapStatus(theirs);
    if (status === null) return refuse("ignored", `Mercuryo status ${theirs} changes nothing here.`);
    return {
      ok: true,
      update: {
        providerOrderId: merchant_transaction_id ?? id,
        providerTransactionId: id,
        partnerOrderId: merchant_transaction_id ?? null,
        status,
        providerStatus: theirs,
        cryptoAmount: decimalString(cryptoAmount),
        transactionHash: tx?.id ?? null,
        failureReason: status === "failed" ? theirs : null,
      },
    };
  },

  mapStatus(providerStatus) {
    return Object.hasOwn(MERCURYO_STATUSES, providerStatus) ? MERCURYO_STATUSES[providerStatus] : null;
  },
};
