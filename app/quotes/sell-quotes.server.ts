/**
 * Sell (off-ramp) quotes: what each gateway pays out for an exact crypto amount, priced by `priceSell`,
 * ranked best for the seller first (most fiat received, net of fees; ties by the project's gateway
 * priority), with the gateways that can't buy it back and why. Test mode prices from the catalogue (as
 * the sandbox does); live mode asks each connected gateway's own sell-quote call (the adapter's
 * `sellQuote`), all at once, each within the live quote timeout, as live buy quotes do
 * (docs/decisions/0014-gateway-adapters.md, 0017-off-ramp.md). Never the sandbox's price for live.
 */
import type { Mode } from "~db/schema/types";
import {
  GATEWAYS,
  countryName,
  networkById,
  payoutMethodById,
  payoutMethodPays,
  payoutMethodsFor,
  sellFiatLimit,
  sellRoute,
  type Gateway,
  type PayoutMethodId,
} from "~/gateways/catalogue";
import { listEnabledGateways } from "~/gateways/settings.server";
import type { Executor } from "~/lib/db.server";
import { compareDecimal, priceSell, type PricedSale } from "./pricing";
import { LIVE_QUOTE_TIMEOUT_MS, QUOTE_TTL_SECONDS, gatewaySummary, withLivePrice, type GatewaySummary, type UnavailableQuote } from "./quotes.server";
import type { SellQuoteQuery } from "./schemas";

export interface SellQuote extends PricedSale {
  gateway: GatewaySummary;
  /** How this gateway can pay the quote's fiat out. */
  payoutMethods: PayoutMethodId[];
  /** The gateway's limits: crypto it buys on this route, fiat it pays out (inclusive). */
  limits: { minCrypto: number; maxCrypto: number; minFiat: number; maxFiat: number };
  /** e.g. "30–120 min", from the deposit's confirmation to the payout. */
  estimatedPayoutTime: string;
  /** How long the customer has to send the crypto once the order is placed. */
  depositWindowMinutes: number;
  kycHandledByProvider: boolean;
  checkoutMethod: Gateway["checkoutMethod"];
  expiresAt: string;
}

export interface SellQuoteResult {
  cryptoAmount: string;
  quotes: SellQuote[];
  unavailable: UnavailableQuote[];
}

type Verdict = { ok: true; quote: SellQuote } | { ok: false; code: UnavailableQuote["code"]; reason: string };

/** One gateway's answer: a priced sale, or why not (what it does at all, where, which currencies, how it pays, then how much). */
export function sellQuoteFromGateway(gateway: Gateway, request: Omit<SellQuoteQuery, "projectId" | "orderType">, now: Date): Verdict {
  const sell = gateway.sell;
  if (!gateway.features.supportsSell || !sell) return { ok: false, code: "UNSUPPORTED_ORDER_TYPE", reason: "Doesn't support selling crypto" };
  if (request.country !== undefined && !(sell.countries as readonly string[]).includes(request.country)) {
    return { ok: false, code: "UNSUPPORTED_COUNTRY", reason: `Doesn't buy crypto in ${request.country} (${countryName(request.country)})` };
  }
  const limit = sellFiatLimit(gateway, request.fiatCurrency);
  if (!limit) return { ok: false, code: "UNSUPPORTED_FIAT", reason: `Doesn't pay out ${request.fiatCurrency}` };
  const route = sellRoute(gateway, request.cryptoCurrency, request.network);
  if (!route) {
    return {
      ok: false,
      code: "UNSUPPORTED_ROUTE",
      reason: `Doesn't buy ${request.cryptoCurrency} on ${networkById(request.network)?.name ?? request.network}`,
    };
  }
  if (request.payoutMethod !== undefined) {
    const name = payoutMethodById(request.payoutMethod)?.name ?? request.payoutMethod;
    if (!(sell.payoutMethods as readonly string[]).includes(request.payoutMethod))
      return { ok: false, code: "UNSUPPORTED_PAYMENT_METHOD", reason: `Doesn't pay out by ${name}` };
    if (!payoutMethodPays(request.payoutMethod, request.fiatCurrency)) {
      return { ok: false, code: "UNSUPPORTED_PAYMENT_METHOD", reason: `${name} can't pay out ${request.fiatCurrency}` };
    }
  }
  const crypto = request.cryptoCurrency;
  if (compareDecimal(request.cryptoAmount, route.min) < 0) return { ok: false, code: "AMOUNT_TOO_LOW", reason: `Minimum is ${route.min} ${crypto}` };
  if (compareDecimal(request.cryptoAmount, route.max) > 0) return { ok: false, code: "AMOUNT_TOO_HIGH", reason: `Maximum is ${route.max} ${crypto}` };
  const priced = priceSell(gateway, { crypto, network: request.network, cryptoAmount: request.cryptoAmount, fiat: request.fiatCurrency });
  // The fiat limits are on what is paid out, after fees.
  if (compareDecimal(priced.fiatAmount, limit.min) < 0) {
    return { ok: false, code: "AMOUNT_TOO_LOW", reason: `Minimum payout is ${limit.min} ${request.fiatCurrency}; this pays ${priced.fiatAmount}` };
  }
  if (compareDecimal(priced.fiatAmount, limit.max) > 0) {
    return { ok: false, code: "AMOUNT_TOO_HIGH", reason: `Maximum payout is ${limit.max} ${request.fiatCurrency}; this pays ${priced.fiatAmount}` };
  }
  const { min, max } = sell.payoutMinutes;
  return {
    ok: true,
    quote: {
      gateway: gatewaySummary(gateway),
      ...priced,
      payoutMethods: payoutMethodsFor(gateway, request.fiatCurrency),
      limits: { minCrypto: route.min, maxCrypto: route.max, minFiat: limit.min, maxFiat: limit.max },
      estimatedPayoutTime: min === max ? `${min} min` : `${min}–${max} min`,
      depositWindowMinutes: sell.depositWindowMinutes,
      kycHandledByProvider: gateway.features.kycHandledByProvider,
      checkoutMethod: gateway.checkoutMethod,
      expiresAt: new Date(now.getTime() + QUOTE_TTL_SECONDS * 1000).toISOString(),
    },
  };
}

/**
 * The catalogue's sell quote with the gateway's own live price in it, or why there is none: not
 * connected, no live sell-quote call, the gateway's error, or no answer within `timeoutMs`.
 */
async function liveSellQuote(
  db: Executor,
  request: Omit<SellQuoteQuery, "orderType"> & { mode: Mode },
  gateway: Gateway,
  catalogueQuote: SellQuote,
  timeoutMs: number,
): Promise<Verdict> {
  return withLivePrice(db, request.projectId, gateway, catalogueQuote, timeoutMs, (connected) => {
    if (!connected.adapter.sellQuote) return null;
    return connected.adapter.sellQuote(connected.conn, {
      cryptoCurrency: request.cryptoCurrency,
      cryptoAmount: request.cryptoAmount,
      network: request.network,
      fiatCurrency: request.fiatCurrency,
      country: request.country ?? null,
      payoutMethod: request.payoutMethod ?? null,
    });
  });
}

/** Best for the seller first: most fiat received. Stable, so equal payouts keep the project's priority order. */
export function rankSellQuotes<Q extends Pick<SellQuote, "fiatAmount">>(quotesInPriorityOrder: readonly Q[]): Q[] {
  return [...quotesInPriorityOrder].sort((a, b) => compareDecimal(b.fiatAmount, a.fiatAmount));
}

export async function getSellQuotes(
  db: Executor,
  request: Omit<SellQuoteQuery, "orderType"> & { mode: Mode },
  options: { now?: Date; timeoutMs?: number } = {},
): Promise<SellQuoteResult> {
  const now = options.now ?? new Date();
  const enabled = await listEnabledGateways(db, request.projectId, request.mode);
  const verdicts = enabled.map((gateway) => ({ gateway, verdict: sellQuoteFromGateway(gateway, request, now) }));
  if (request.mode === "live") {
    const timeoutMs = options.timeoutMs ?? LIVE_QUOTE_TIMEOUT_MS;
    await Promise.all(
      verdicts.map(async (entry) => {
        if (entry.verdict.ok) entry.verdict = await liveSellQuote(db, request, entry.gateway, entry.verdict.quote, timeoutMs);
      }),
    );
  }
  const quotes: SellQuote[] = [];
  const unavailable: UnavailableQuote[] = [];
  for (const { gateway, verdict } of verdicts) {
    if (verdict.ok) quotes.push(verdict.quote);
    else unavailable.push({ gateway: gatewaySummary(gateway), code: verdict.code, reason: verdict.reason });
  }
  const enabledIds = new Set(enabled.map((g) => g.id));
  for (const gateway of GATEWAYS) {
    if (!enabledIds.has(gateway.id)) unavailable.push({ gateway: gatewaySummary(gateway), code: "NOT_ENABLED", reason: "Not enabled for this project" });
  }
  return { cryptoAmount: quotes[0]?.cryptoAmount ?? request.cryptoAmount, quotes: rankSellQuotes(quotes), unavailable };
}
