/**
 * Banxa's partner API (the "legacy"/partner REST API at https://<partner>.banxa.com), live mode.
 *
 * Authentication (docs: step 3): every request carries
 *   Authorization: Bearer <API key>:<signature>:<nonce>
 * where signature = hex HMAC-SHA256(API secret, METHOD \n PATH[?QUERY] \n NONCE [\n COMPACT_JSON_BODY])
 * and nonce is a unix timestamp in milliseconds, fresh for every request.
 * Webhooks (docs: webhooks) are signed the same way by Banxa, over the URI path of OUR webhook
 * endpoint and the body; they name the order (and, in v2, its status). We then read the order
 * with Get Order, so only Banxa's own answer moves an order, never the webhook's body alone.
 * Banxa's partner API has no refund endpoint: refunds are done in Banxa's dashboard and reach
 * us as a `refunded` status.
 * Sells (off-ramp) go through the same Create Order with `source` = the coin, `target` = the fiat and
 * a `refund_address`; the deposit address is Banxa's `wallet_address` on the order, given once the
 * customer has passed KYC and entered payout details (`waitingPayment`), so it reaches us by webhook.
 */
import crypto from "node:crypto";
import { Decimal } from "decimal.js";
import { z } from "zod";
import { DomainError } from "~/lib/domain-error";
import { logger } from "~/lib/logger.server";
import { providerFetch } from "~/sandbox/http.server";
import { sellDepositDeadline } from "./partner-http";
import type { AdapterOrderStatus, CallbackInput, CallbackVerdict, GatewayAdapter, GatewayConnection } from "./types";

export const BANXA_DOCS = [
  "https://docs.banxa.com/docs/step-3-authentication",
  "https://docs.banxa.com/products/native-api/docs/getting-started/authentication",
  "https://docs.banxa.com/reference/get-prices",
  "https://docs.banxa.com/reference/create-order",
  "https://docs.banxa.com/docs/sell-order-integration-guide",
  "https://docs.banxa.com/reference/confirm-sell-order",
  "https://docs.banxa.com/products/hosted-checkout/docs/on-ramp-off-ramp/custodial-vs-non-custodial",
  "https://docs.banxa.com/docs/order-status",
  "https://docs.banxa.com/docs/webhooks",
  "https://docs.banxa.com/products/legacy-api/docs/on-ramp-off-ramp/webhooks",
  "https://docs.banxa.com/reference/errors",
];

/** Production: each partner has its own subdomain; `{partner}` is the partner name from the credentials. */
export const BANXA_PRODUCTION_URL = "https://{partner}.banxa.com";

/** How far a webhook's nonce (a timestamp) may be from our clock. */
const CALLBACK_TOLERANCE_MS = 5 * 60 * 1000;

/** Our network ids → Banxa blockchain codes (Get Crypto Currencies lists them per coin). */
const BLOCKCHAINS: Record<string, string> = {
  ethereum: "ETH",
  polygon: "MATIC",
  arbitrum: "ARB",
  optimism: "OPTIMISM",
  base: "BASE",
  bitcoin: "BTC",
  solana: "SOL",
};

/**
 * Banxa order statuses (docs: order status) → ours, buys and sells alike. Waiting states change nothing;
 * for a sell, `waitingPayment` means Banxa now waits for the crypto at its address (we keep the address),
 * `paymentReceived` that the crypto arrived, `complete` that the fiat was paid out.
 */
const STATUSES: Record<string, AdapterOrderStatus | null> = {
  pendingpayment: null,
  waitingpayment: null,
  extraverification: null,
  paymentreceived: "processing",
  inprogress: "processing",
  cointransferred: "processing",
  cryptotransferred: "processing",
  complete: "completed",
  completed: "completed",
  cancelled: "failed",
  declined: "failed",
  expired: "expired",
  refunded: "refunded",
};

/** The canonical string Banxa signs: method, path (with query for GET), nonce, and the compact JSON body of a POST. */
export function banxaMessage(method: string, pathWithQuery: string, nonce: string, body?: string | null) {
  return [method, pathWithQuery, nonce, ...(body ? [body] : [])].join("\n");
}

export function banxaSignature(secret: string, message: string) {
  return crypto.createHmac("sha256", secret).update(message, "utf8").digest("hex");
}

/** The Authorization header value for one request. */
export function banxaAuthorization(apiKey: string, apiSecret: string, method: string, pathWithQuery: string, nonce: string, body?: string | null) {
  return `Bearer ${apiKey}:${banxaSignature(apiSecret, banxaMessage(method, pathWithQuery, nonce, body))}:${nonce}`;
}

const errorSchema = z.object({
  errors: z.union([z.array(z.object({ title: z.string().optional(), status: z.unknown().optional() })), z.object({ title: z.string().optional() })]),
});

function gatewayMessage(body: unknown, status: number) {
  const parsed = errorSchema.safeParse(body);
  if (parsed.success) {
    const first = Array.isArray(parsed.data.errors) ? parsed.data.errors[0] : parsed.data.errors;
    const code = first && "status" in first && first.status !== undefined ? ` (${String(first.status)})` : "";
    if (first?.title) return `Banxa: ${first.title}${code}`;
  }
  return `Banxa answered HTTP ${status}.`;
}

function baseUrl(conn: GatewayConnection) {
  const partner = conn.credentials.partner ?? "";
  if (conn.baseUrl.includes("{partner}") && !/^[a-z0-9-]{1,63}$/i.test(partner)) {
    throw new DomainError("GATEWAY_UNAVAILABLE", "Banxa: the partner name in the credentials is missing or not a subdomain name.");
  }
  return conn.baseUrl.replace("{partner}", partner).replace(/\/$/, "");
}

let lastNonce = 0;
/** Milliseconds, strictly increasing in this process (Banxa refuses a nonce it has seen: 40003). */
function nextNonce() {
  lastNonce = Math.max(Date.now(), lastNonce + 1);
  return String(lastNonce);
}

async function banxaRequest(conn: GatewayConnection, method: "GET" | "POST", pathWithQuery: string, body?: unknown): Promise<unknown> {
  const apiKey = conn.credentials.apiKey;
  const apiSecret = conn.credentials.apiSecret;
  if (!apiKey || !apiSecret) throw new DomainError("GATEWAY_UNAVAILABLE", "Banxa: no API key and secret saved for this project.");
  const payload = body === undefined ? null : JSON.stringify(body);
  const nonce = nextNonce();
  let response: Response;
  try {
    response = await providerFetch(`${baseUrl(conn)}${pathWithQuery}`, {
      method,
      headers: {
        Accept: "application/json",
        ...(payload ? { "Content-Type": "application/json" } : {}),
        Authorization: banxaAuthorization(apiKey, apiSecret, method, pathWithQuery, nonce, payload),
      },
      ...(payload ? { body: payload } : {}),
    });
  } catch (error) {
    if (error instanceof DomainError) throw error;
    logger.warn("gateway.unreachable", { gateway: "banxa", error: error instanceof Error ? error.message : String(error) });
    throw new DomainError("GATEWAY_UNAVAILABLE", "Banxa did not answer.");
  }
  const answer = await response.json().catch(() => null);
  if (!response.ok) {
    logger.warn("gateway.refused", { gateway: "banxa", status: response.status });
    throw new DomainError("GATEWAY_UNAVAILABLE", gatewayMessage(answer, response.status));
  }
  return answer;
}

const decimalText = z.union([z.string(), z.number()]).transform((v) => String(v));
const pricesSchema = z.object({
  data: z.object({
    prices: z
      .array(
        z.object({
          payment_method_id: z.union([z.string(), z.number()]).nullish(),
          spot_price_including_fee: decimalText,
          coin_amount: decimalText,
          fiat_amount: decimalText,
          fee_amount: decimalText.nullish(),
          network_fee: decimalText.nullish(),
        }),
      )
      .min(1),
  }),
});

const orderSchema = z.object({
  data: z.object({
    order: z.object({
      id: z.union([z.string(), z.number()]).transform(String),
      status: z.string().optional(),
      checkout_url: z.string().url().optional(),
      order_type: z.string().nullish(),
      /** A buy's destination; a sell's Banxa deposit address (once Banxa gives one). */
      wallet_address: z.string().nullish(),
      fiat_amount: decimalText.nullish(),
      coin_amount: decimalText.nullish(),
      fee: decimalText.nullish(),
      network_fee: decimalText.nullish(),
      tx_hash: z.string().nullish(),
      meta_data: z.string().nullish(),
    }),
  }),
});

const money = (value: string | null | undefined) => new Decimal(value && /^\d+(\.\d+)?$/.test(value) ? value : "0");

function fees(fee: string | null | undefined, network: string | null | undefined) {
  const gateway = money(fee);
  const net = money(network);
  return { gateway: gateway.toFixed(2), network: net.toFixed(2), total: gateway.plus(net).toFixed(2) };
}

/** crypto per 1 fiat, from Banxa's fiat-per-coin price. */
function rateFrom(spotPriceIncludingFee: string) {
  const price = money(spotPriceIncludingFee);
  return price.isZero() ? "0" : new Decimal(1).div(price).toSignificantDigits(10, Decimal.ROUND_DOWN).toFixed();
}

/** A sell's order type as Banxa names it (Confirm Sell Order: "CRYPTO-SELL"). */
const isSellOrder = (orderType: string | null | undefined) => /sell/i.test(orderType ?? "");

function blockchain(network: string) {
  const code = BLOCKCHAINS[network];
  if (!code) throw new DomainError("GATEWAY_UNAVAILABLE", `Banxa: no blockchain code known for ${network}.`);
  return code;
}

/** Banxa's sell price for an exact coin amount: Get Prices with the coin as source; the most fiat among the payout methods it priced. */
async function sellPrice(conn: GatewayConnection, request: { cryptoCurrency: string; cryptoAmount: string; network: string; fiatCurrency: string }) {
  const query = new URLSearchParams({
    source: request.cryptoCurrency,
    target: request.fiatCurrency,
    source_amount: request.cryptoAmount,
    blockchain: blockchain(request.network),
  });
  const priced = pricesSchema.safeParse(await banxaRequest(conn, "GET", `/api/prices?${query.toString()}`));
  if (!priced.success) throw new DomainError("GATEWAY_UNAVAILABLE", "Banxa answered Get Prices in an unexpected shape.");
  return [...priced.data.data.prices].sort((a, b) => money(b.fiat_amount).cmp(money(a.fiat_amount)))[0]!;
}

/** Fiat per coin before fees: the payout plus the fees, over the coins sold. */
function sellRate(payout: Decimal, feesTotal: string, coinAmount: string) {
  const coins = money(coinAmount);
  return coins.gt(0) ? payout.plus(feesTotal).div(coins).toSignificantDigits(10, Decimal.ROUND_DOWN).toFixed() : "0";
}

async function getOrder(conn: GatewayConnection, providerOrderId: string) {
  const answer = await banxaRequest(conn, "GET", `/api/orders/${encodeURIComponent(providerOrderId)}`);
  const parsed = orderSchema.safeParse(answer);
  if (!parsed.success) throw new DomainError("GATEWAY_UNAVAILABLE", "Banxa answered Get Order in an unexpected shape.");
  return parsed.data.data.order;
}

const webhookSchema = z.object({ order_id: z.union([z.string(), z.number()]).transform(String), status: z.string().optional() });

/** Our callback endpoint's path, as pasted into Banxa's dashboard: Banxa signs over it. */
function webhookPath(conn: GatewayConnection) {
  return new URL(conn.callbackUrl).pathname;
}

/** A nonce (seconds, milliseconds or microseconds since the epoch) as milliseconds, or null. */
function nonceMillis(nonce: string): number | null {
  if (!/^\d{10,19}$/.test(nonce)) return null;
  const value = Number(nonce);
  if (nonce.length <= 10) return value * 1000;
  if (nonce.length <= 13) return value;
  return Math.floor(value / 10 ** (nonce.length - 13));
}

async function verifyBanxaCallback(conn: GatewayConnection, input: CallbackInput): Promise<CallbackVerdict> {
  const header = input.headers.get("authorization") ?? "";
  const match = header.match(/^Bearer ([^:\s]+):([0-9a-fA-F]{64}):(\d+)$/);
  if (!match) return { ok: false, reason: "bad_signature", message: "Missing or malformed Authorization header (Bearer key:signature:nonce)." };
  const [, key, signature, nonce] = match as unknown as [string, string, string, string];
  const secret = conn.callbackSecret || conn.credentials.apiSecret;
  if (!secret || !conn.credentials.apiKey) return { ok: false, reason: "bad_signature", message: "No Banxa credentials to verify with." };
  const expected = Buffer.from(banxaSignature(secret, banxaMessage("POST", webhookPath(conn), nonce, input.rawBody)), "hex");
  const given = Buffer.from(signature.toLowerCase(), "hex");
  if (key !== conn.credentials.apiKey || !crypto.timingSafeEqual(expected, given)) {
    return { ok: false, reason: "bad_signature", message: "The signature does not verify with this project's Banxa credentials." };
  }
  const sentAt = nonceMillis(nonce);
  if (sentAt === null || Math.abs(input.receivedAt.getTime() - sentAt) > CALLBACK_TOLERANCE_MS) {
    return { ok: false, reason: "replayed", message: "The nonce (timestamp) is more than 5 minutes from now: refused as a replay." };
  }
  let body: unknown;
  try {
    body = JSON.parse(input.rawBody);
  } catch {
    return { ok: false, reason: "malformed", message: "The body is not JSON." };
  }
  const parsed = webhookSchema.safeParse(body);
  if (!parsed.success) return { ok: false, reason: "malformed", message: "The body names no order_id." };
  // Banxa's advice: read the order, act on its answer (never on a webhook body alone).
  let order;
  try {
    order = await getOrder(conn, parsed.data.order_id);
  } catch (error) {
    return { ok: false, reason: "ignored", message: error instanceof Error ? error.message : "Banxa's Get Order failed." };
  }
  const providerStatus = order.status ?? parsed.data.status ?? "";
  const sell = isSellOrder(order.order_type);
  const depositAddress = sell && order.wallet_address ? order.wallet_address : null;
  // A sell waiting for its deposit changes nothing but may bring Banxa's deposit address.
  const status = STATUSES[providerStatus.toLowerCase()] ?? (depositAddress ? "created" : null);
  if (!status) return { ok: false, reason: "ignored", message: `Banxa status ${providerStatus || "(none)"} changes nothing here.` };
  return {
    ok: true,
    update: {
      providerOrderId: order.id,
      partnerOrderId: order.meta_data && /^ord_/.test(order.meta_data) ? order.meta_data : null,
      status,
      providerStatus,
      cryptoAmount: order.coin_amount ?? null,
      ...(sell ? { fiatAmount: order.fiat_amount ? money(order.fiat_amount).toFixed(2) : null, depositAddress } : {}),
      transactionHash: order.tx_hash && order.tx_hash !== "0" ? order.tx_hash : null,
      failureReason: status === "failed" ? `banxa_${providerStatus.toLowerCase()}` : null,
      refundReason: status === "refunded" ? "Refunded by Banxa" : null,
    },
  };
}

export const banxaAdapter: GatewayAdapter = {
  gatewayId: "banxa",
  docs: BANXA_DOCS,
  credentialFields: [
    { name: "partner", label: "Partner name", secret: false, help: "Your Banxa subdomain: the “acme” of acme.banxa.com." },
    { name: "apiKey", label: "API key", secret: false, help: "Issued by Banxa at onboarding." },
    { name: "apiSecret", label: "API secret", secret: true, help: "Signs every request (HMAC-SHA256). Banxa signs its webhooks with it too." },
  ],
  async testConnection(conn) {
    // Read-only and authenticated: the fiat currencies this account can sell crypto for.
    await banxaRequest(conn, "GET", "/api/fiats/buy");
  },
  async quote(conn, request) {
    const query = new URLSearchParams({
      source: request.fiatCurrency,
      target: request.cryptoCurrency,
      source_amount: request.fiatAmount,
      blockchain: blockchain(request.network),
    });
    const answer = await banxaRequest(conn, "GET", `/api/prices?${query.toString()}`);
    const parsed = pricesSchema.safeParse(answer);
    if (!parsed.success) throw new DomainError("GATEWAY_UNAVAILABLE", "Banxa answered Get Prices in an unexpected shape.");
    // The most crypto for the money among the payment methods Banxa priced.
    const best = [...parsed.data.data.prices].sort((a, b) => money(b.coin_amount).cmp(money(a.coin_amount)))[0]!;
    return {
      rate: rateFrom(best.spot_price_including_fee),
      fiatAmount: money(best.fiat_amount).toFixed(2),
      cryptoAmount: best.coin_amount,
      fees: fees(best.fee_amount, best.network_fee),
      paymentMethod: request.paymentMethod,
    };
  },
  async createOrder(conn, request) {
    const body = {
      account_reference: request.customerReference ?? request.partnerOrderId,
      source: request.fiatCurrency,
      target: request.cryptoCurrency,
      source_amount: request.fiatAmount,
      wallet_address: request.walletAddress,
      blockchain: blockchain(request.network),
      return_url_on_success: request.returnUrl,
      ...(request.email ? { email: request.email } : {}),
      // Returned by Get Order: how a webhook about this order finds ours.
      meta_data: request.partnerOrderId,
    };
    const answer = await banxaRequest(conn, "POST", "/api/orders", body);
    const parsed = orderSchema.safeParse(answer);
    const order = parsed.success ? parsed.data.data.order : null;
    if (!order?.checkout_url) throw new DomainError("GATEWAY_UNAVAILABLE", "Banxa created no checkout URL for the order.");
    const fiat = money(order.fiat_amount ?? request.fiatAmount);
    const cryptoAmount = order.coin_amount ?? "0";
    const orderFees = fees(order.fee, order.network_fee);
    const net = fiat.minus(orderFees.total);
    return {
      providerOrderId: order.id,
      checkoutMethod: "redirect",
      checkoutUrl: order.checkout_url,
      // Banxa: the checkout URL expires if the customer is not sent there within a minute.
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
      rate: net.gt(0) ? money(cryptoAmount).div(net).toSignificantDigits(10, Decimal.ROUND_DOWN).toFixed() : "0",
      fiatAmount: fiat.toFixed(2),
      cryptoAmount,
      fees: orderFees,
    };
  },
  async sellQuote(conn, request) {
    const price = await sellPrice(conn, request);
    const payout = money(price.fiat_amount);
    const priceFees = fees(price.fee_amount, price.network_fee);
    return { rate: sellRate(payout, priceFees.total, price.coin_amount), cryptoAmount: price.coin_amount, fiatAmount: payout.toFixed(2), fees: priceFees };
  },
  async createSellOrder(conn, request) {
    const coin = blockchain(request.network);
    const price = await sellPrice(conn, request);
    const body = {
      account_reference: request.customerReference ?? request.partnerOrderId,
      source: request.cryptoCurrency,
      target: request.fiatCurrency,
      source_amount: request.cryptoAmount,
      blockchain: coin,
      refund_address: request.refundAddress,
      return_url_on_success: request.returnUrl,
      ...(request.email ? { email: request.email } : {}),
      meta_data: request.partnerOrderId,
    };
    const answer = await banxaRequest(conn, "POST", "/api/orders", body);
    const parsed = orderSchema.safeParse(answer);
    const order = parsed.success ? parsed.data.data.order : null;
    if (!order?.checkout_url) throw new DomainError("GATEWAY_UNAVAILABLE", "Banxa created no checkout URL for the sell order.");
    if (order.order_type && !isSellOrder(order.order_type))
      throw new DomainError("GATEWAY_UNAVAILABLE", `Banxa created a ${order.order_type} order, not a sell.`);
    const orderFees = fees(order.fee ?? price.fee_amount, order.network_fee ?? price.network_fee);
    const payout = money(order.fiat_amount ?? price.fiat_amount);
    const cryptoAmount = order.coin_amount ?? request.cryptoAmount;
    const now = Date.now();
    return {
      providerOrderId: order.id,
      checkoutMethod: "redirect",
      checkoutUrl: order.checkout_url,
      // As for buys: the checkout URL expires if the customer is not sent there within a minute.
      expiresAt: new Date(now + 60_000).toISOString(),
      // Before KYC Banxa has no address for the deposit; its waitingPayment webhook brings it.
      depositAddress: order.wallet_address && order.wallet_address !== request.refundAddress ? order.wallet_address : null,
      // Banxa's docs give no deadline for the crypto: the catalogue's deposit window holds.
      depositExpiresAt: sellDepositDeadline("banxa", now),
      rate: sellRate(payout, orderFees.total, cryptoAmount),
      cryptoAmount,
      fiatAmount: payout.toFixed(2),
      fees: orderFees,
    };
  },
  async refund() {
    throw new DomainError(
      "INVALID_STATE",
      "Banxa's partner API has no refund call: refund the order in Banxa's dashboard. It becomes refunded here when Banxa's webhook says so.",
    );
  },
  verifyCallback: (conn, input) =>
    verifyBanxaCallback(conn, input).catch((error: unknown) => ({
      ok: false as const,
      reason: "malformed" as const,
      message: error instanceof Error ? error.message : "Unreadable callback.",
    })),
  mapStatus(providerStatus) {
    return STATUSES[providerStatus.toLowerCase()] ?? null;
  },
};
