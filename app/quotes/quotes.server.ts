/**
 * Quotes for one purchase from every catalogue gateway, for a project and mode: the ones
 * that can serve it, priced by `priceQuote` and ranked best-for-the-buyer first (most crypto
 * received, net of fees; ties by the project's gateway priority), and the others with the
 * reason they can't, so a checkout can say why a familiar provider is missing.
 *
 * Test and live mode price alike, from the catalogue (the sandbox provider uses the same
 * `priceQuote`); what differs is which gateways are enabled: a live gateway needs the
 * partner's credentials first, so a project that just went live may have no quotes at all.
 */
import type { Mode } from "~db/schema/types";
import {
  GATEWAYS,
  countryName,
  cryptoRoute,
  fiatLimit,
  formatDelivery,
  networkById,
  paymentMethodAccepts,
  paymentMethodById,
  paymentMethodsFor,
  type CheckoutMethod,
  type CryptoCode,
  type FiatCode,
  type Gateway,
  type GatewayId,
  type NetworkId,
  type PaymentMethodId,
} from "~/gateways/catalogue";
import { connectionFor, withHealth } from "~/gateways/connections.server";
import { listEnabledGateways } from "~/gateways/settings.server";
import { DomainError, isDomainError } from "~/lib/domain-error";
import type { Executor } from "~/lib/db.server";
import { compareDecimal, formatFiatAmount, priceQuote, type PricedQuote } from "./pricing";

export { priceQuote, type PricedQuote, type PriceInput } from "./pricing";

/** How long a quote's price holds, in seconds (the provider's docs: about 60 s). */
export const QUOTE_TTL_SECONDS = 60;

export interface QuoteRequest {
  projectId: string;
  mode: Mode;
  fiatCurrency: FiatCode;
  cryptoCurrency: CryptoCode;
  network: NetworkId;
  /** Positive decimal string, at most 2 decimals (validated by the caller). */
  fiatAmount: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country?: string;
  paymentMethod?: PaymentMethodId;
  /** Onramp quotes are purchases; the parameter exists so a caller can say so. */
  orderType?: "buy";
}

export interface GatewaySummary {
  id: GatewayId;
  name: string;
  /** We ship no third-party logos: clients draw a monogram (the console uses the gateway's colour). */
  logo: string | null;
}

export interface Quote extends PricedQuote {
  gateway: GatewaySummary;
  /** The payment methods this gateway takes for the quote's fiat. */
  paymentMethods: PaymentMethodId[];
  /** The gateway's limits for this fiat and crypto route (units of each, inclusive). */
  limits: { minFiat: number; maxFiat: number; minCrypto: number; maxCrypto: number };
  /** e.g. "5–20 min", from payment to crypto in the wallet. */
  estimatedDeliveryTime: string;
  kycHandledByProvider: boolean;
  checkoutMethod: CheckoutMethod;
  /** ISO 8601; the price holds until then. */
  expiresAt: string;
}

/** Why a gateway gives no quote; `reason` is for people, `code` for programs. */
export type UnavailableCode =
  | "NOT_ENABLED"
  | "UNSUPPORTED_ORDER_TYPE"
  | "UNSUPPORTED_COUNTRY"
  | "UNSUPPORTED_FIAT"
  | "UNSUPPORTED_ROUTE"
  | "UNSUPPORTED_PAYMENT_METHOD"
  | "AMOUNT_TOO_LOW"
  | "AMOUNT_TOO_HIGH"
  /** Live: the gateway's own API didn't answer in time, or refused (reason: its message). */
  | "GATEWAY_UNAVAILABLE";

export interface UnavailableQuote {
  gateway: GatewaySummary;
  code: UnavailableCode;
  reason: string;
}

export interface QuoteResult {
  /** The request's amount with 2 decimals, as every quote shows it. */
  fiatAmount: string;
  quotes: Quote[];
  unavailable: UnavailableQuote[];
}

export function gatewaySummary(gateway: Gateway): GatewaySummary {
  return { id: gateway.id, name: gateway.name, logo: null };
}

type Verdict = { ok: true; quote: Quote } | { ok: false; code: UnavailableCode; reason: string };

/**
 * One gateway's answer to a request: a priced quote, or why not. Checks in the order a
 * buyer can act on them: what the gateway does at all, where, in which currencies, with
 * which payment method, and only then how much.
 */
export function quoteFromGateway(gateway: Gateway, request: Omit<QuoteRequest, "projectId" | "mode">, now: Date): Verdict {
  const fiat = request.fiatCurrency;
  if (request.orderType === "buy" && !gateway.features.supportsBuy) {
    return { ok: false, code: "UNSUPPORTED_ORDER_TYPE", reason: "Doesn't support buying crypto" };
  }
  if (request.country !== undefined && !(gateway.countries as readonly string[]).includes(request.country)) {
    return { ok: false, code: "UNSUPPORTED_COUNTRY", reason: `Doesn't serve country ${request.country} (${countryName(request.country)})` };
  }
  const limit = fiatLimit(gateway, fiat);
  if (!limit) return { ok: false, code: "UNSUPPORTED_FIAT", reason: `Doesn't accept ${fiat}` };
  const route = cryptoRoute(gateway, request.cryptoCurrency, request.network);
  if (!route) {
    const networkName = networkById(request.network)?.name ?? request.network;
    return { ok: false, code: "UNSUPPORTED_ROUTE", reason: `Doesn't deliver ${request.cryptoCurrency} on ${networkName}` };
  }
  if (request.paymentMethod !== undefined) {
    const name = paymentMethodById(request.paymentMethod)?.name ?? request.paymentMethod;
    if (!(gateway.paymentMethods as readonly string[]).includes(request.paymentMethod)) {
      return { ok: false, code: "UNSUPPORTED_PAYMENT_METHOD", reason: `Doesn't offer ${name}` };
    }
    if (!paymentMethodAccepts(request.paymentMethod, fiat)) {
      return { ok: false, code: "UNSUPPORTED_PAYMENT_METHOD", reason: `${name} can't be used to pay in ${fiat}` };
    }
  }
  if (compareDecimal(request.fiatAmount, limit.min) < 0) return { ok: false, code: "AMOUNT_TOO_LOW", reason: `Minimum is ${limit.min} ${fiat}` };
  if (compareDecimal(request.fiatAmount, limit.max) > 0) return { ok: false, code: "AMOUNT_TOO_HIGH", reason: `Maximum is ${limit.max} ${fiat}` };

  const priced = priceQuote(gateway, {
    fiat,
    crypto: request.cryptoCurrency,
    network: request.network,
    fiatAmount: request.fiatAmount,
  });
  // The route's limits are on the crypto delivered, so they apply after fees and spread.
  const crypto = request.cryptoCurrency;
  if (compareDecimal(priced.cryptoAmount, route.min) < 0) {
    return {
      ok: false,
      code: "AMOUNT_TOO_LOW",
      reason: `Minimum is ${route.min} ${crypto}; ${priced.fiatAmount} ${fiat} buys ${priced.cryptoAmount} ${crypto} after fees`,
    };
  }
  if (compareDecimal(priced.cryptoAmount, route.max) > 0) {
    return {
      ok: false,
      code: "AMOUNT_TOO_HIGH",
      reason: `Maximum is ${route.max} ${crypto}; ${priced.fiatAmount} ${fiat} buys ${priced.cryptoAmount} ${crypto}`,
    };
  }
  return {
    ok: true,
    quote: {
      gateway: gatewaySummary(gateway),
      ...priced,
      paymentMethods: paymentMethodsFor(gateway, fiat),
      limits: { minFiat: limit.min, maxFiat: limit.max, minCrypto: route.min, maxCrypto: route.max },
      estimatedDeliveryTime: formatDelivery(gateway),
      kycHandledByProvider: gateway.features.kycHandledByProvider,
      checkoutMethod: gateway.checkoutMethod,
      expiresAt: new Date(now.getTime() + QUOTE_TTL_SECONDS * 1000).toISOString(),
    },
  };
}

/** How long a live quote may take before the gateway is listed unavailable. */
export const LIVE_QUOTE_TIMEOUT_MS = 5_000;

/**
 * The catalogue's quote with the gateway's own live price in it, or why there is none: the
 * gateway's error, or that it didn't answer within `timeoutMs`. Never the sandbox's price.
 */
async function liveQuote(db: Executor, request: QuoteRequest, gateway: Gateway, catalogueQuote: Quote, timeoutMs: number): Promise<Verdict> {
  return withLivePrice(db, request.projectId, gateway, catalogueQuote, timeoutMs, (connected) =>
    connected.adapter.quote(connected.conn, {
      fiatCurrency: request.fiatCurrency,
      fiatAmount: catalogueQuote.fiatAmount,
      cryptoCurrency: request.cryptoCurrency,
      network: request.network,
      country: request.country ?? null,
      paymentMethod: request.paymentMethod ?? null,
    }),
  );
}

type Connected = NonNullable<Awaited<ReturnType<typeof connectionFor>>>;
type LivePrice = { rate: string; fiatAmount: string; cryptoAmount: string; fees: { gateway: string; network: string; total: string } };

/**
 * A catalogue quote (buy or sell) with the gateway's own live price in it, or why there is none: not connected,
 * no such call (`ask` answers null), the gateway's error, or no answer within `timeoutMs` (recorded in the
 * connection's health either way). One gateway's failure is its own line; the other quotes still show.
 */
export async function withLivePrice<Q extends LivePrice & { fees: { currency: string } }>(
  db: Executor,
  projectId: string,
  gateway: Gateway,
  catalogueQuote: Q,
  timeoutMs: number,
  ask: (connected: Connected) => Promise<LivePrice> | null,
): Promise<{ ok: true; quote: Q } | { ok: false; code: UnavailableCode; reason: string }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const connected = await connectionFor(db, projectId, gateway.id, "live");
    if (!connected) return { ok: false, code: "NOT_ENABLED", reason: "Not connected for this project" };
    const asked = ask(connected);
    if (!asked) return { ok: false, code: "UNSUPPORTED_ORDER_TYPE", reason: `${gateway.name} has no live sell quotes here yet` };
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DomainError("GATEWAY_UNAVAILABLE", `${gateway.name} did not answer within ${timeoutMs / 1000} s.`)), timeoutMs);
    });
    const priced = await withHealth(db, projectId, gateway.id, "live", () => Promise.race([asked, timeout]));
    return {
      ok: true,
      quote: {
        ...catalogueQuote,
        rate: priced.rate,
        fiatAmount: priced.fiatAmount,
        cryptoAmount: priced.cryptoAmount,
        fees: { ...priced.fees, currency: catalogueQuote.fees.currency },
      },
    };
  } catch (error) {
    const reason = isDomainError(error) ? error.message : `${gateway.name} could not be reached.`;
    return { ok: false, code: "GATEWAY_UNAVAILABLE", reason };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Best for the buyer first: most crypto received. Takes quotes in the project's priority
 * order and sorts stably, so equal amounts stay in that order.
 */
export function rankQuotes<Q extends Pick<Quote, "cryptoAmount">>(quotesInPriorityOrder: readonly Q[]): Q[] {
  return [...quotesInPriorityOrder].sort((a, b) => compareDecimal(b.cryptoAmount, a.cryptoAmount));
}

/**
 * Quotes from every catalogue gateway for the project and mode. `quotes` is ranked by
 * cryptoAmount, most first, ties by the project's gateway priority; `unavailable` lists the
 * rest: enabled gateways that can't serve the request in priority order, then the gateways
 * the project hasn't enabled in this mode, in catalogue order.
 */
export async function getQuotes(db: Executor, request: QuoteRequest, options: { now?: Date; timeoutMs?: number } = {}): Promise<QuoteResult> {
  const now = options.now ?? new Date();
  const enabled = await listEnabledGateways(db, request.projectId, request.mode);
  const verdicts = enabled.map((gateway) => ({ gateway, verdict: quoteFromGateway(gateway, request, now) }));
  if (request.mode === "live") {
    // Live prices come from each gateway's own API, all at once, each within the timeout.
    const timeoutMs = options.timeoutMs ?? LIVE_QUOTE_TIMEOUT_MS;
    await Promise.all(
      verdicts.map(async (entry) => {
        if (!entry.verdict.ok) return;
        entry.verdict = await liveQuote(db, request, entry.gateway, entry.verdict.quote, timeoutMs);
      }),
    );
  }
  const quotes: Quote[] = [];
  const unavailable: UnavailableQuote[] = [];
  for (const { gateway, verdict } of verdicts) {
    if (verdict.ok) quotes.push(verdict.quote);
    else unavailable.push({ gateway: gatewaySummary(gateway), code: verdict.code, reason: verdict.reason });
  }
  const enabledIds = new Set(enabled.map((g) => g.id));
  for (const gateway of GATEWAYS) {
    if (enabledIds.has(gateway.id)) continue;
    unavailable.push({ gateway: gatewaySummary(gateway), code: "NOT_ENABLED", reason: "Not enabled for this project" });
  }
  return { fiatAmount: formatFiatAmount(request.fiatAmount), quotes: rankQuotes(quotes), unavailable };
}
