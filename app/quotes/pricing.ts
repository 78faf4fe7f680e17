/**
 * How a gateway prices one purchase: the single formula behind public quotes, the sandbox
 * provider's own quote endpoint and the order created from a quote, so a price shown is
 * the price charged. Pure (no database, no clock) and exact: every figure is computed in
 * decimal arithmetic (decimal.js) from the catalogue's numbers and returned as a string
 * with a fixed number of decimals, so no binary float ever reaches an amount.
 *
 *   rate         = FIAT_USD_RATE[fiat] / usdPrice[crypto] × (1 − spread%)   crypto per 1 fiat,
 *                  cut (not rounded) to 10 significant digits
 *   gateway fee  = fiatAmount × fee% + fixed fee[fiat]        half-up to cents
 *   network fee  = networkFeeUsd[network] / FIAT_USD_RATE[fiat] half-up to cents
 *   cryptoAmount = (fiatAmount − gateway fee − network fee) × rate, cut to the crypto's decimals
 *
 * Cutting the rate and the crypto amount (never rounding up) means a quote never promises a
 * fraction more than the gateway delivers, and anyone can check a quote from its own fields:
 * cryptoAmount = floor((fiatAmount − fees.total) × rate).
 */
import { Decimal } from "decimal.js";
import { FIAT_USD_RATE, cryptoByCode, fiatByCode, networkById, type CryptoCode, type FiatCode, type Gateway, type NetworkId } from "~/gateways/catalogue";

/**
 * A private Decimal constructor: the library's global settings stay untouched for anyone
 * else, and 40 significant digits hold every intermediate product here exactly.
 */
const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });
type Dec = InstanceType<typeof Dec>;

/** Decimals of fiat amounts and fees (every catalogue fiat has cents). */
export const FIAT_DECIMALS = 2;

/**
 * Decimals a quoted crypto amount carries: the token's own precision, at most 8
 * (ETH has 18 on chain, but nobody buys a billionth of a wei's worth through a card).
 */
export const CRYPTO_DECIMALS: Record<CryptoCode, number> = { ETH: 8, USDC: 6, USDT: 6, BTC: 8, SOL: 8, POL: 8 };

/** Significant digits of a quoted rate: enough for BTC per AUD (0.00000688…) and USDC per GBP alike. */
export const RATE_SIGNIFICANT_DIGITS = 10;

/** A plain decimal: digits, at most one point with digits on both sides. No sign, no exponent. */
const DECIMAL_TEXT = /^\d+(\.\d+)?$/;

export interface PriceInput {
  fiat: string;
  crypto: string;
  network: string;
  /** A positive decimal string with at most 2 decimals, e.g. "100" or "99.95". */
  fiatAmount: string;
}

export interface PricedQuote {
  /** Crypto per 1 unit of fiat, after the gateway's spread; fees are not in it. */
  rate: string;
  /** The amount the buyer pays, with 2 decimals ("100.00"). Fees are included in it. */
  fiatAmount: string;
  /** What arrives in the wallet, net of every fee, with the crypto's decimals. "0…" if fees eat it all. */
  cryptoAmount: string;
  fees: { gateway: string; network: string; total: string; currency: FiatCode };
}

/** Whether a string is an amount priceQuote takes: positive, plain digits, at most `maxDecimals` decimals. */
export function isDecimalAmount(value: string, maxDecimals = FIAT_DECIMALS): boolean {
  if (!DECIMAL_TEXT.test(value)) return false;
  const decimals = value.split(".")[1]?.length ?? 0;
  return decimals <= maxDecimals && new Dec(value).gt(0);
}

/** A valid fiat amount with exactly 2 decimals, as quotes show it: "100" → "100.00". */
export function formatFiatAmount(value: string): string {
  if (!isDecimalAmount(value)) throw new RangeError(`Invalid fiat amount ${JSON.stringify(value)}`);
  return new Dec(value).toFixed(FIAT_DECIMALS);
}

/** Compares two decimal strings exactly: negative, zero or positive, like a sort comparator. */
export function compareDecimal(a: string | number, b: string | number): number {
  return new Dec(a).cmp(b);
}

function toDec(value: number): Dec {
  // Catalogue figures are short decimals (1.08, 0.45, 3.5): their shortest text is exact.
  return new Dec(String(value));
}

function cents(value: Dec): Dec {
  return value.toDecimalPlaces(FIAT_DECIMALS, Decimal.ROUND_HALF_UP);
}

/**
 * The exchange rate a gateway applies, as crypto per 1 fiat (spread included, fees not).
 * Throws on a fiat or crypto that isn't in the catalogue.
 */
export function gatewayRate(gateway: Gateway, fiat: string, crypto: string): string {
  return rateOf(gateway, fiat, crypto).toFixed();
}

function rateOf(gateway: Gateway, fiat: string, crypto: string): Dec {
  const fiatUsd = FIAT_USD_RATE[fiat];
  const currency = cryptoByCode(crypto);
  if (!fiatByCode(fiat) || fiatUsd === undefined) throw new RangeError(`Unknown fiat currency ${fiat}`);
  if (!currency) throw new RangeError(`Unknown crypto currency ${crypto}`);
  const keep = new Dec(1).minus(toDec(gateway.spreadPercent).div(100));
  return toDec(fiatUsd).div(toDec(currency.usdPrice)).times(keep).toSignificantDigits(RATE_SIGNIFICANT_DIGITS, Decimal.ROUND_DOWN);
}

/**
 * Prices a purchase of `crypto` on `network` for `fiatAmount` of `fiat` at `gateway`.
 * Says nothing about whether the gateway serves the request (limits, countries, routes):
 * ask `unsupportedReason` and check the result against the route's crypto limits for that.
 * Throws RangeError on an unknown currency or network, or an amount that isn't a positive
 * decimal with at most 2 decimals: callers validate first, so that is a bug, not input.
 */
export function priceQuote(gateway: Gateway, input: PriceInput): PricedQuote {
  if (!isDecimalAmount(input.fiatAmount)) throw new RangeError(`Invalid fiat amount ${JSON.stringify(input.fiatAmount)}`);
  if (!networkById(input.network)) throw new RangeError(`Unknown network ${input.network}`);
  const rate = rateOf(gateway, input.fiat, input.crypto);
  const fiat = input.fiat as FiatCode;
  const fiatUsd = toDec(FIAT_USD_RATE[fiat]!);
  const amount = new Dec(input.fiatAmount);

  const gatewayFee = cents(
    amount
      .times(toDec(gateway.feePercent))
      .div(100)
      .plus(toDec(gateway.fixedFee[fiat] ?? 0)),
  );
  const networkFee = cents(toDec(gateway.networkFeeUsd[input.network as NetworkId] ?? 0).div(fiatUsd));
  const totalFee = gatewayFee.plus(networkFee);
  const net = Dec.max(amount.minus(totalFee), 0);
  const decimals = CRYPTO_DECIMALS[input.crypto as CryptoCode];

  return {
    rate: rate.toFixed(),
    fiatAmount: amount.toFixed(FIAT_DECIMALS),
    cryptoAmount: net.times(rate).toFixed(decimals, Decimal.ROUND_DOWN),
    fees: {
      gateway: gatewayFee.toFixed(FIAT_DECIMALS),
      network: networkFee.toFixed(FIAT_DECIMALS),
      total: totalFee.toFixed(FIAT_DECIMALS),
      currency: fiat,
    },
  };
}

export interface SellPriceInput {
  crypto: string;
  network: string;
  /** What the customer sends: a positive decimal string within the crypto's decimals. */
  cryptoAmount: string;
  /** The fiat paid out. */
  fiat: string;
}

export interface PricedSale {
  /** Fiat paid per 1 unit of crypto, after the gateway's spread; fees are not in it. */
  rate: string;
  /** The exact amount to deposit, with the crypto's decimals. */
  cryptoAmount: string;
  /** What the customer receives, net of every fee, with 2 decimals. "0.00" if fees eat it all. */
  fiatAmount: string;
  /** The customer pays the network fee when sending, so a sale carries none. */
  fees: { gateway: string; network: string; total: string; currency: FiatCode };
}

/** Whether a string is a crypto amount a sale takes: positive, plain digits, at most the crypto's decimals. */
export function isCryptoAmount(value: string, crypto: string): boolean {
  const decimals = CRYPTO_DECIMALS[crypto as CryptoCode];
  return decimals !== undefined && isDecimalAmount(value, decimals);
}

/**
 * Prices a sale (off-ramp) of `cryptoAmount` of `crypto` for `fiat` at `gateway`:
 *
 *   rate        = usdPrice[crypto] / FIAT_USD_RATE[fiat] × (1 − sell spread%)   fiat per 1 crypto, cut to 10 significant digits
 *   gross       = cryptoAmount × rate                                          cut to cents
 *   gateway fee = gross × sell fee% + sell fixed fee[fiat]                    half-up to cents
 *   fiatAmount  = gross − gateway fee (never below 0)
 *
 * Throws RangeError on a gateway that doesn't sell, unknown codes or a malformed amount (callers validate first).
 */
export function priceSell(gateway: Gateway, input: SellPriceInput): PricedSale {
  const sell = gateway.sell;
  if (!sell) throw new RangeError(`${gateway.id} does not buy crypto`);
  if (!isCryptoAmount(input.cryptoAmount, input.crypto)) throw new RangeError(`Invalid crypto amount ${JSON.stringify(input.cryptoAmount)}`);
  if (!networkById(input.network)) throw new RangeError(`Unknown network ${input.network}`);
  const fiatUsd = FIAT_USD_RATE[input.fiat];
  const currency = cryptoByCode(input.crypto)!;
  if (!fiatByCode(input.fiat) || fiatUsd === undefined) throw new RangeError(`Unknown fiat currency ${input.fiat}`);
  const fiat = input.fiat as FiatCode;
  const keep = new Dec(1).minus(toDec(sell.spreadPercent).div(100));
  const rate = toDec(currency.usdPrice).div(toDec(fiatUsd)).times(keep).toSignificantDigits(RATE_SIGNIFICANT_DIGITS, Decimal.ROUND_DOWN);
  const amount = new Dec(input.cryptoAmount);
  const gross = amount.times(rate).toDecimalPlaces(FIAT_DECIMALS, Decimal.ROUND_DOWN);
  const gatewayFee = cents(
    gross
      .times(toDec(sell.feePercent))
      .div(100)
      .plus(toDec(sell.fixedFee[fiat] ?? 0)),
  );
  const net = Dec.max(gross.minus(gatewayFee), 0);
  return {
    rate: rate.toFixed(),
    // Exactly as asked ("0.5", not "0.50000000"): the customer sends this amount.
    cryptoAmount: amount.toFixed(),
    fiatAmount: net.toFixed(FIAT_DECIMALS),
    fees: { gateway: gatewayFee.toFixed(FIAT_DECIMALS), network: "0.00", total: gatewayFee.toFixed(FIAT_DECIMALS), currency: fiat },
  };
}
