/**
 * The query parameters of the public onramp endpoints (`/public/v1/onramp/quotes` and
 * `/supported`), as zod schemas. Codes are matched case-insensitively and answered in the
 * catalogue's spelling ("usd" → "USD", "Ethereum" → "ethereum").
 */
import { z } from "zod";
import type { ErrorCode } from "~/lib/domain-error";
import {
  CRYPTO_CURRENCIES,
  FIAT_CURRENCIES,
  NETWORKS,
  PAYMENT_METHODS,
  PAYOUT_METHODS,
  cryptoByCode,
  type CryptoCode,
  type FiatCode,
  type NetworkId,
  type PaymentMethodId,
  type PayoutMethodId,
} from "~/gateways/catalogue";
import { FIAT_DECIMALS, isDecimalAmount } from "./pricing";

const FIAT_CODES = FIAT_CURRENCIES.map((f) => f.code) as FiatCode[];
const CRYPTO_CODES = CRYPTO_CURRENCIES.map((c) => c.code) as CryptoCode[];
const NETWORK_IDS = NETWORKS.map((n) => n.id) as NetworkId[];
const PAYMENT_METHOD_IDS = PAYMENT_METHODS.map((m) => m.id) as PaymentMethodId[];
const PAYOUT_METHOD_IDS = PAYOUT_METHODS.map((m) => m.id) as PayoutMethodId[];

/** Amounts above this many whole units are refused outright (every gateway caps far lower). */
const MAX_INTEGER_DIGITS = 12;

function required() {
  // Query values are strings or absent, so the only type error is a missing parameter.
  return z.string({ error: "Required." });
}

function oneOf<T extends string>(values: readonly T[], normalise: (value: string) => string, message: string) {
  return required()
    .transform(normalise)
    .refine((value): value is T => (values as readonly string[]).includes(value), message)
    .transform((value) => value as T);
}

const fiatCurrency = oneOf(FIAT_CODES, (v) => v.toUpperCase(), `Unsupported fiat currency. Use one of: ${FIAT_CODES.join(", ")}.`);
const cryptoCurrency = oneOf(CRYPTO_CODES, (v) => v.toUpperCase(), `Unsupported crypto currency. Use one of: ${CRYPTO_CODES.join(", ")}.`);
const network = oneOf(NETWORK_IDS, (v) => v.toLowerCase(), `Unknown network. Use one of: ${NETWORK_IDS.join(", ")}.`);
const fiatAmount = required().refine(
  (value) => isDecimalAmount(value, FIAT_DECIMALS) && value.split(".")[0]!.length <= MAX_INTEGER_DIGITS,
  `Must be a positive amount in plain decimal notation with at most ${FIAT_DECIMALS} decimals, such as 100 or 99.95.`,
);
const country = required()
  .regex(/^[A-Za-z]{2}$/, "Must be an ISO 3166-1 alpha-2 country code, such as US or GB.")
  .transform((v) => v.toUpperCase());
const paymentMethod = oneOf(PAYMENT_METHOD_IDS, (v) => v.toLowerCase(), `Unknown payment method. Use one of: ${PAYMENT_METHOD_IDS.join(", ")}.`);

/** A purchase's quotes: how much crypto a fiat amount buys. */
export const buyQuoteQuerySchema = z.object({
  projectId: required(),
  fiatCurrency,
  cryptoCurrency,
  network,
  fiatAmount,
  country: country.optional(),
  paymentMethod: paymentMethod.optional(),
  orderType: z.literal("buy").optional(),
});
export type QuoteQuery = z.infer<typeof buyQuoteQuerySchema>;

const cryptoAmount = required().refine(
  (value) => /^\d{1,12}(\.\d{1,8})?$/.test(value) && isDecimalAmount(value, 8),
  "Must be a positive amount in plain decimal notation with at most 8 decimals, such as 0.5 or 250.",
);
const payoutMethod = oneOf(PAYOUT_METHOD_IDS, (v) => v.toLowerCase(), `Unknown payout method. Use one of: ${PAYOUT_METHOD_IDS.join(", ")}.`);

/** A sale's quotes (orderType=sell): how much fiat an exact crypto amount pays out. */
export const sellQuoteQuerySchema = z.object({
  projectId: required(),
  orderType: z.literal("sell"),
  cryptoCurrency,
  network,
  cryptoAmount,
  fiatCurrency,
  country: country.optional(),
  payoutMethod: payoutMethod.optional(),
});
export type SellQuoteQuery = z.infer<typeof sellQuoteQuerySchema>;

/** GET /public/v1/onramp/quotes as the OpenAPI document shows it: both order types' parameters (fiatAmount for buy, cryptoAmount for sell). */
export const quoteQuerySchema = buyQuoteQuerySchema.extend({
  orderType: z.enum(["buy", "sell"], { error: "Must be buy or sell." }).optional(),
  fiatAmount: fiatAmount.optional(),
  cryptoAmount: cryptoAmount.optional(),
  payoutMethod: payoutMethod.optional(),
});

/** The codes a parameter's own problems answer with; any other problem is a VALIDATION_ERROR. */
export const QUOTE_QUERY_CODES: Partial<Record<keyof QuoteQuery, ErrorCode>> = {
  fiatCurrency: "INVALID_CURRENCY",
  cryptoCurrency: "INVALID_CURRENCY",
  network: "INVALID_NETWORK",
  fiatAmount: "INVALID_AMOUNT",
};

export const SELL_QUOTE_QUERY_CODES: Partial<Record<keyof SellQuoteQuery, ErrorCode>> = {
  fiatCurrency: "INVALID_CURRENCY",
  cryptoCurrency: "INVALID_CURRENCY",
  network: "INVALID_NETWORK",
  cryptoAmount: "INVALID_AMOUNT",
};

/**
 * The one check across parameters: the network must carry the crypto. Run on the raw
 * values, so it is reported beside problems with other parameters. Null when fine or when
 * either value is unknown anyway (that has its own message).
 */
export function networkMismatch(raw: { cryptoCurrency?: string; network?: string }): string | null {
  if (raw.cryptoCurrency === undefined || raw.network === undefined) return null;
  const crypto = cryptoByCode(raw.cryptoCurrency.toUpperCase());
  const id = raw.network.toLowerCase();
  if (!crypto || !(NETWORK_IDS as string[]).includes(id)) return null;
  if ((crypto.networks as readonly string[]).includes(id)) return null;
  return `${crypto.code} is not available on ${id}. Use one of: ${crypto.networks.join(", ")}.`;
}

export const supportedQuerySchema = z.object({
  projectId: required(),
  orderType: z.enum(["buy", "sell"], { error: "Must be buy or sell." }).optional(),
  country: country.optional(),
});
export type SupportedQuery = z.infer<typeof supportedQuerySchema>;
