/**
 * MoonPay stand-in: the widget API endpoints our adapter calls, with MoonPay's documented
 * authentication (publishable key as `apiKey`, secret key as `Authorization: Api-Key sk_…`),
 * its error body ({ moonPayErrorCode, message, type, errors }), the buy widget refusing a URL
 * whose signature does not verify, and buy webhooks signed with `Moonpay-Signature-V2`.
 *
 * Opening a correctly signed widget URL plays the customer creating the transaction in the
 * widget: the transaction gets its MoonPay id and waits for `settle`. `orders` is keyed by our
 * order id (`externalTransactionId`), the providerOrderId the adapter answers.
 *
 * Sells: the sell quote (`/v3/currencies/{code}/sell_quote`, publishable key), the sell widget
 * (`/sell-widget`, signed the same way; `refundWalletAddress` only in a signed URL), and sell
 * webhooks (`sell_transaction_updated` / `_failed`) through `sellStep`: waitingForDeposit (with
 * MoonPay's deposit wallet), pending (deposit received), completed, failed, and a deposit timeout.
 */
import crypto from "node:crypto";
import { CRYPTO_CURRENCIES, FIAT_USD_RATE } from "~/gateways/catalogue";
import { header, json, openCheckout, postCallback, startStandInServer, type StandInRequest } from "./stand-in-server";
import type { GatewayStandIn, SellStep, StartStandIn } from "./types";

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

  function sellQuote(request: StandInRequest, code: string) {
    const q = request.url.searchParams;
    if (q.get("apiKey") !== credentials.publishableKey) return unauthorized();
    const fiat = q.get("quoteCurrencyCode") ?? "";
    const coins = Number(q.get("baseCurrencyAmount"));
    const unitPrice = price(code, fiat);
    if (unitPrice === null) return badRequest(`Unsupported currency pair ${code}/${fiat}`);
    if (!(coins > 0)) return badRequest("baseCurrencyAmount must be positive");
    // MoonPay pays a little under the buy price for crypto it buys back.
    const baseCurrencyPrice = Number(((unitPrice / 1.01) * 0.99).toFixed(2));
    const feeAmount = Math.max(3.99, Math.round(coins * baseCurrencyPrice * 0.01 * 100) / 100);
    return json(200, {
      baseCurrencyCode: code,
      baseCurrencyAmount: coins,
      quoteCurrencyCode: fiat,
      quoteCurrencyAmount: Math.round((coins * baseCurrencyPrice - feeAmount) * 100) / 100,
      baseCurrencyPrice,
      feeAmount,
      extraFeeAmount: 0,
      payoutMethod: q.get("payoutMethod") ?? "credit_debit_card",
      expiresIn: 1800,
      expiresAt: new Date(Date.now() + 1_800_000).toISOString(),
    });
  }

  /** The signature MoonPay documents, over the query string before `&signature=`: null when it verifies, else the refusal. */
  function refuseUnsigned(request: StandInRequest) {
    const search = request.url.search;
    const at = search.lastIndexOf("&signature=");
    if (at < 0) return badRequest("Missing signature");
    const expected = crypto.createHmac("sha256", credentials.secretKey).update(search.slice(0, at)).digest("base64");
    const given = decodeURIComponent(search.slice(at + "&signature=".length));
    if (given !== expected) return badRequest("Invalid signature");
    return null;
  }

  /** The sell widget: the customer confirms the sale; MoonPay's sell transaction then waits for the deposit. */
  function sellWidget(request: StandInRequest) {
    const refused = refuseUnsigned(request);
    if (refused) return refused;
    const q = request.url.searchParams;
    if (q.get("apiKey") !== credentials.publishableKey) return badRequest("Invalid API key");
    for (const name of ["baseCurrencyCode", "baseCurrencyAmount", "quoteCurrencyCode", "refundWalletAddress"]) {
      if (!q.get(name)) return badRequest(`${name} is required for this integration`);
    }
    const partnerOrderId = q.get("externalTransactionId") ?? "";
    const existing = orders.get(partnerOrderId);
    if (existing) return json(200, { transactionId: (existing.body as { transactionId: string }).transactionId, providerOrderId: partnerOrderId });
    const id = crypto.randomUUID();
    orders.set(partnerOrderId, {
      partnerOrderId,
      status: "waitingForDeposit",
      body: {
        type: "sell",
        transactionId: id,
        baseCurrencyCode: q.get("baseCurrencyCode"),
        baseCurrencyAmount: Number(q.get("baseCurrencyAmount")),
        quoteCurrencyCode: q.get("quoteCurrencyCode"),
        refundWalletAddress: q.get("refundWalletAddress"),
        depositWallet: null as { walletAddress: string } | null,
        depositHash: null as string | null,
      },
    });
    return json(200, { transactionId: id, providerOrderId: partnerOrderId });
  }

  /** The buy widget: validates the signature the way MoonPay documents it, over the query string before `&signature=`. */
  function widget(request: StandInRequest) {
    const refused = refuseUnsigned(request);
    if (refused) return refused;
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
    if (request.method === "GET" && path === "/sell-widget") return sellWidget(request);
    const sell = path.match(/^\/v3\/currencies\/([a-z_]+)\/sell_quote$/);
    if (request.method === "GET" && sell) return sellQuote(request, sell[1]!);
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
    async sellStep(providerOrderId, step: SellStep) {
      const order = orders.get(providerOrderId);
      const details = order?.body as
        | { type?: string; transactionId: string; baseCurrencyAmount: number; depositWallet: { walletAddress: string } | null; depositHash: string | null }
        | undefined;
      if (!order || details?.type !== "sell") throw new Error(`MoonPay stand-in: no sell transaction for ${providerOrderId} (open the sell widget first)`);
      if (step === "refunded") throw new Error("MoonPay documents no refunded status for sell transactions.");
      const status = { awaiting_deposit: "waitingForDeposit", deposit_received: "pending", completed: "completed", failed: "failed", expired: "failed" }[step];
      order.status = status;
      if (step === "awaiting_deposit" && !details.depositWallet) details.depositWallet = { walletAddress: `0x${crypto.randomBytes(20).toString("hex")}` };
      if (step === "deposit_received") details.depositHash = `0x${crypto.randomBytes(32).toString("hex")}`;
      const body = JSON.stringify({
        type: status === "failed" ? "sell_transaction_failed" : "sell_transaction_updated",
        data: {
          id: details.transactionId,
          createdAt: new Date().toISOString(),
          updatedAt: new Date().toISOString(),
          baseCurrencyAmount: details.baseCurrencyAmount,
          quoteCurrencyAmount: step === "completed" ? 1531.25 : null,
          status,
          depositWallet: details.depositWallet,
          depositHash: details.depositHash,
          failureReason: step === "expired" ? "Deposit timeout" : step === "failed" ? "Bank account rejected" : null,
          externalTransactionId: order.partnerOrderId,
        },
      });
      return postCallback(callbackUrl, sign(body), body);
    },
    depositAddressOf(providerOrderId) {
      return (orders.get(providerOrderId)?.body as { depositWallet?: { walletAddress: string } | null } | undefined)?.depositWallet?.walletAddress ?? null;
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
