/**
 * The assets and gateways the platform offers. One catalogue for validation, quotes,
 * the console, the sandbox and demo data. Pure data plus small typed helpers, shared by
 * server and browser (no secrets here). The gateways are simulated by the sandbox
 * provider; their figures are realistic but invented, and deliberately different
 * (fees, spreads, limits, countries) so that quotes rank differently by amount and route.
 */

export const FIAT_CURRENCIES = [
  { code: "USD", name: "US Dollar", symbol: "$" },
  { code: "EUR", name: "Euro", symbol: "€" },
  { code: "GBP", name: "British Pound", symbol: "£" },
  { code: "CAD", name: "Canadian Dollar", symbol: "CA$" },
  { code: "AUD", name: "Australian Dollar", symbol: "A$" },
] as const;
export type FiatCode = (typeof FIAT_CURRENCIES)[number]["code"];

export const NETWORKS = [
  { id: "ethereum", name: "Ethereum", explorerTx: "https://etherscan.io/tx/" },
  { id: "polygon", name: "Polygon", explorerTx: "https://polygonscan.com/tx/" },
  { id: "arbitrum", name: "Arbitrum One", explorerTx: "https://arbiscan.io/tx/" },
  { id: "optimism", name: "OP Mainnet", explorerTx: "https://optimistic.etherscan.io/tx/" },
  { id: "base", name: "Base", explorerTx: "https://basescan.org/tx/" },
  { id: "bitcoin", name: "Bitcoin", explorerTx: "https://mempool.space/tx/" },
  { id: "solana", name: "Solana", explorerTx: "https://solscan.io/tx/" },
] as const;
export type NetworkId = (typeof NETWORKS)[number]["id"];

export const CRYPTO_CURRENCIES = [
  { code: "ETH", name: "Ether", networks: ["ethereum", "arbitrum", "optimism", "base"], usdPrice: 3200 },
  { code: "USDC", name: "USD Coin", networks: ["ethereum", "polygon", "arbitrum", "optimism", "base", "solana"], usdPrice: 1 },
  { code: "USDT", name: "Tether", networks: ["ethereum", "polygon", "arbitrum"], usdPrice: 1 },
  { code: "BTC", name: "Bitcoin", networks: ["bitcoin"], usdPrice: 95000 },
  { code: "SOL", name: "Solana", networks: ["solana"], usdPrice: 180 },
  { code: "POL", name: "Polygon Ecosystem Token", networks: ["polygon"], usdPrice: 0.45 },
] as const satisfies readonly { code: string; name: string; networks: readonly NetworkId[]; usdPrice: number }[];
export type CryptoCode = (typeof CRYPTO_CURRENCIES)[number]["code"];

/**
 * `fiats`: the currencies a method can be paid in; absent = any fiat the gateway takes.
 * Bank rails are tied to their currency (SEPA moves euros only).
 */
export const PAYMENT_METHODS = [
  { id: "debit-credit-card", name: "Debit or credit card" },
  { id: "apple-pay", name: "Apple Pay" },
  { id: "google-pay", name: "Google Pay" },
  { id: "sepa", name: "SEPA bank transfer", fiats: ["EUR"] },
  { id: "faster-payments", name: "UK Faster Payments", fiats: ["GBP"] },
  { id: "ach", name: "ACH bank transfer", fiats: ["USD"] },
] as const satisfies readonly { id: string; name: string; fiats?: readonly FiatCode[] }[];
export type PaymentMethodId = (typeof PAYMENT_METHODS)[number]["id"];

/**
 * How a seller is paid out (off-ramp). `fiats`: the currencies a method pays in; absent = any fiat the
 * gateway pays in. Card payouts (Visa Direct / Mastercard Send) go to the customer's debit card.
 */
export const PAYOUT_METHODS = [
  { id: "sepa", name: "SEPA bank transfer", fiats: ["EUR"] },
  { id: "faster-payments", name: "UK Faster Payments", fiats: ["GBP"] },
  { id: "ach", name: "ACH bank transfer", fiats: ["USD"] },
  { id: "card-payout", name: "Payout to debit card" },
] as const satisfies readonly { id: string; name: string; fiats?: readonly FiatCode[] }[];
export type PayoutMethodId = (typeof PAYOUT_METHODS)[number]["id"];

/** Fiat value of one unit of each fiat in USD (demo data and sandbox rates). */
export const FIAT_USD_RATE: Record<string, number> = { USD: 1, EUR: 1.08, GBP: 1.27, CAD: 0.73, AUD: 0.66 };

/** The European Economic Area: served (or not) as a block by every gateway here. */
// prettier-ignore
const EEA = [
  "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IS", "IT", "LV", "LI", "LT",
  "LU", "MT", "NL", "NO", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
] as const;

/**
 * Names of every country some gateway serves. Kept here rather than taken from
 * Intl.DisplayNames so server and browser render exactly the same text.
 */
// prettier-ignore
export const COUNTRIES = {
  AE: "United Arab Emirates", AR: "Argentina", AT: "Austria", AU: "Australia", BE: "Belgium", BG: "Bulgaria",
  BR: "Brazil", CA: "Canada", CH: "Switzerland", CL: "Chile", CO: "Colombia", CY: "Cyprus", CZ: "Czechia",
  DE: "Germany", DK: "Denmark", EE: "Estonia", ES: "Spain", FI: "Finland", FR: "France", GB: "United Kingdom",
  GR: "Greece", HK: "Hong Kong", HR: "Croatia", HU: "Hungary", ID: "Indonesia", IE: "Ireland", IL: "Israel",
  IN: "India", IS: "Iceland", IT: "Italy", JP: "Japan", KE: "Kenya", KR: "South Korea", LI: "Liechtenstein",
  LT: "Lithuania", LU: "Luxembourg", LV: "Latvia", MT: "Malta", MX: "Mexico", MY: "Malaysia", NG: "Nigeria",
  NL: "Netherlands", NO: "Norway", NZ: "New Zealand", PH: "Philippines", PL: "Poland", PT: "Portugal", RO: "Romania",
  SE: "Sweden", SG: "Singapore", SI: "Slovenia", SK: "Slovakia", TH: "Thailand", TR: "Türkiye", US: "United States",
  VN: "Vietnam", ZA: "South Africa",
} as const satisfies Record<string, string>;
export type CountryCode = keyof typeof COUNTRIES;

export const GATEWAY_IDS = ["banxa", "moonpay", "transak", "mercuryo"] as const;
export type GatewayId = (typeof GATEWAY_IDS)[number];

/** The `features` object of the provider's `/supported` answer. */
export interface GatewayFeatures {
  supportsIframe: boolean;
  supportsWidget: boolean;
  supportsBuy: boolean;
  supportsSell: boolean;
  supportsRecurring: boolean;
  kycHandledByProvider: boolean;
}

/** How the buyer reaches the gateway's payment page (the order's `checkout.method`). */
export type CheckoutMethod = "redirect" | "iframe";

export interface FiatLimit {
  code: FiatCode;
  /** Inclusive, in units of the fiat. */
  min: number;
  max: number;
}

export interface CryptoRoute {
  crypto: CryptoCode;
  network: NetworkId;
  /** Inclusive, in units of the crypto delivered. */
  min: number;
  max: number;
}

/**
 * What a gateway buys back (off-ramp): where, which crypto (limits in crypto sold), which fiat it pays
 * out (limits in fiat received) and how. Priced by `priceSell` (app/quotes/pricing.ts).
 */
export interface SellTerms {
  countries: readonly CountryCode[];
  fiats: readonly FiatLimit[];
  cryptos: readonly CryptoRoute[];
  payoutMethods: readonly PayoutMethodId[];
  /** The gateway's fee on a sale, as a percentage of the fiat value before fees. */
  feePercent: number;
  fixedFee: Partial<Record<FiatCode, number>>;
  /** Margin below the market rate the gateway buys at, in percent. */
  spreadPercent: number;
  /** Typical time from the deposit's confirmation to the payout, in minutes. */
  payoutMinutes: { min: number; max: number };
  /** How long the customer has to send the crypto once the order is placed, in minutes. */
  depositWindowMinutes: number;
}

export interface Gateway {
  id: GatewayId;
  name: string;
  /** One line for the catalogue card. */
  description: string;
  /** Mantine colour of the gateway's monogram (we ship no third-party logos). */
  color: string;
  features: GatewayFeatures;
  checkoutMethod: CheckoutMethod;
  fiats: readonly FiatLimit[];
  cryptos: readonly CryptoRoute[];
  /** ISO 3166-1 alpha-2 codes where the gateway accepts buyers. */
  countries: readonly CountryCode[];
  paymentMethods: readonly PaymentMethodId[];
  /** The gateway's own fee, as a percentage of the fiat amount. */
  feePercent: number;
  /** Added to every order, in the order's fiat (e.g. MoonPay's per-transaction fee). */
  fixedFee: Partial<Record<FiatCode, number>>;
  /**
   * Hidden margin in the exchange rate, in percent: a gateway with a low fee but a wide
   * spread can still lose the quote ranking on large amounts.
   */
  spreadPercent: number;
  /** What the gateway passes on for sending the crypto, in USD (converted to the order's fiat). */
  networkFeeUsd: Partial<Record<NetworkId, number>>;
  /** Typical time from payment to crypto in the wallet, in minutes. */
  deliveryMinutes: { min: number; max: number };
  /** Present exactly when `features.supportsSell`. */
  sell?: SellTerms;
}

export const GATEWAYS: readonly Gateway[] = [
  {
    id: "banxa",
    name: "Banxa",
    description: "Low card fees and bank transfers across Europe, the UK, North America and Australia.",
    color: "blue",
    features: {
      supportsIframe: false,
      supportsWidget: false,
      supportsBuy: true,
      supportsSell: true,
      supportsRecurring: false,
      kycHandledByProvider: true,
    },
    checkoutMethod: "redirect",
    fiats: [
      { code: "USD", min: 50, max: 15000 },
      { code: "EUR", min: 50, max: 15000 },
      { code: "GBP", min: 40, max: 12000 },
      { code: "CAD", min: 65, max: 20000 },
      { code: "AUD", min: 75, max: 20000 },
    ],
    cryptos: [
      { crypto: "ETH", network: "ethereum", min: 0.005, max: 100 },
      { crypto: "ETH", network: "arbitrum", min: 0.005, max: 50 },
      { crypto: "ETH", network: "optimism", min: 0.005, max: 50 },
      { crypto: "USDC", network: "ethereum", min: 20, max: 50000 },
      { crypto: "USDC", network: "polygon", min: 10, max: 50000 },
      { crypto: "USDC", network: "arbitrum", min: 10, max: 50000 },
      { crypto: "USDT", network: "ethereum", min: 20, max: 50000 },
      { crypto: "USDT", network: "polygon", min: 10, max: 50000 },
      { crypto: "BTC", network: "bitcoin", min: 0.0002, max: 2 },
      { crypto: "POL", network: "polygon", min: 20, max: 200000 },
    ],
    countries: [...EEA, "GB", "CH", "US", "CA", "AU", "NZ", "BR", "MX", "SG", "HK", "JP", "ZA", "TR"],
    paymentMethods: ["debit-credit-card", "apple-pay", "sepa", "faster-payments", "ach"],
    feePercent: 1.99,
    fixedFee: {},
    spreadPercent: 0.9,
    networkFeeUsd: { ethereum: 2.5, arbitrum: 0.25, optimism: 0.25, polygon: 0.05, bitcoin: 3.0 },
    deliveryMinutes: { min: 10, max: 30 },
    sell: {
      countries: [...EEA, "GB", "AU", "CA", "US"],
      fiats: [
        { code: "EUR", min: 50, max: 10000 },
        { code: "GBP", min: 40, max: 8000 },
        { code: "AUD", min: 75, max: 15000 },
        { code: "USD", min: 50, max: 10000 },
      ],
      cryptos: [
        { crypto: "ETH", network: "ethereum", min: 0.01, max: 50 },
        { crypto: "USDC", network: "ethereum", min: 50, max: 25000 },
        { crypto: "USDC", network: "polygon", min: 20, max: 25000 },
        { crypto: "USDT", network: "ethereum", min: 50, max: 25000 },
        { crypto: "BTC", network: "bitcoin", min: 0.0005, max: 1 },
      ],
      payoutMethods: ["sepa", "faster-payments", "ach"],
      feePercent: 1.5,
      fixedFee: {},
      spreadPercent: 1.0,
      payoutMinutes: { min: 30, max: 120 },
      depositWindowMinutes: 60,
    },
  },
  {
    id: "moonpay",
    name: "MoonPay",
    description: "The widest coverage: most countries, wallets and networks, embeddable, with recurring buys.",
    color: "violet",
    features: {
      supportsIframe: true,
      supportsWidget: true,
      supportsBuy: true,
      supportsSell: true,
      supportsRecurring: true,
      kycHandledByProvider: true,
    },
    checkoutMethod: "iframe",
    fiats: [
      { code: "USD", min: 30, max: 15000 },
      { code: "EUR", min: 30, max: 12000 },
      { code: "GBP", min: 25, max: 10000 },
      { code: "CAD", min: 40, max: 20000 },
      { code: "AUD", min: 45, max: 20000 },
    ],
    cryptos: [
      { crypto: "ETH", network: "ethereum", min: 0.001, max: 100 },
      { crypto: "ETH", network: "arbitrum", min: 0.001, max: 50 },
      { crypto: "ETH", network: "optimism", min: 0.001, max: 50 },
      { crypto: "ETH", network: "base", min: 0.001, max: 50 },
      { crypto: "USDC", network: "ethereum", min: 15, max: 50000 },
      { crypto: "USDC", network: "polygon", min: 5, max: 50000 },
      { crypto: "USDC", network: "arbitrum", min: 5, max: 50000 },
      { crypto: "USDC", network: "base", min: 5, max: 50000 },
      { crypto: "USDC", network: "solana", min: 5, max: 50000 },
      { crypto: "USDT", network: "ethereum", min: 15, max: 50000 },
      { crypto: "USDT", network: "polygon", min: 5, max: 50000 },
      { crypto: "BTC", network: "bitcoin", min: 0.0001, max: 5 },
      { crypto: "SOL", network: "solana", min: 0.05, max: 2000 },
      { crypto: "POL", network: "polygon", min: 10, max: 200000 },
    ],
    countries: [...EEA, "GB", "CH", "US", "CA", "AU", "NZ", "BR", "MX", "AR", "CL", "CO", "SG", "HK", "JP", "KR", "ZA", "IL", "AE", "IN"],
    paymentMethods: ["debit-credit-card", "apple-pay", "google-pay", "sepa", "faster-payments"],
    feePercent: 3.5,
    fixedFee: { USD: 1.99, EUR: 1.99, GBP: 1.79, CAD: 2.69, AUD: 2.99 },
    spreadPercent: 0.5,
    networkFeeUsd: { ethereum: 3.9, arbitrum: 0.3, optimism: 0.3, base: 0.2, polygon: 0.1, bitcoin: 4.5, solana: 0.05 },
    deliveryMinutes: { min: 5, max: 20 },
    sell: {
      countries: [...EEA, "GB", "US", "CA", "AU"],
      fiats: [
        { code: "USD", min: 30, max: 10000 },
        { code: "EUR", min: 30, max: 10000 },
        { code: "GBP", min: 25, max: 8000 },
      ],
      cryptos: [
        { crypto: "ETH", network: "ethereum", min: 0.01, max: 50 },
        { crypto: "ETH", network: "base", min: 0.01, max: 25 },
        { crypto: "USDC", network: "ethereum", min: 30, max: 25000 },
        { crypto: "USDC", network: "polygon", min: 20, max: 25000 },
        { crypto: "USDC", network: "base", min: 20, max: 25000 },
        { crypto: "USDC", network: "solana", min: 20, max: 25000 },
        { crypto: "BTC", network: "bitcoin", min: 0.0005, max: 2 },
        { crypto: "SOL", network: "solana", min: 0.2, max: 1000 },
      ],
      payoutMethods: ["sepa", "faster-payments", "ach", "card-payout"],
      feePercent: 1.0,
      fixedFee: { USD: 3.99, EUR: 3.99, GBP: 3.49 },
      spreadPercent: 0.6,
      payoutMinutes: { min: 5, max: 60 },
      // MoonPay allows 48 hours for the deposit; a checkout waits less.
      depositWindowMinutes: 60,
    },
  },
  {
    id: "transak",
    name: "Transak",
    description: "Strong in Asia and emerging markets, every stablecoin route, embeddable. Not available in the US.",
    color: "cyan",
    features: {
      supportsIframe: true,
      supportsWidget: true,
      supportsBuy: true,
      supportsSell: true,
      supportsRecurring: false,
      kycHandledByProvider: true,
    },
    checkoutMethod: "iframe",
    fiats: [
      { code: "USD", min: 30, max: 5000 },
      { code: "EUR", min: 25, max: 5000 },
      { code: "GBP", min: 25, max: 5000 },
      { code: "AUD", min: 40, max: 8000 },
    ],
    cryptos: [
      { crypto: "ETH", network: "ethereum", min: 0.002, max: 30 },
      { crypto: "ETH", network: "arbitrum", min: 0.002, max: 30 },
      { crypto: "ETH", network: "optimism", min: 0.002, max: 30 },
      { crypto: "ETH", network: "base", min: 0.002, max: 30 },
      { crypto: "USDC", network: "ethereum", min: 20, max: 20000 },
      { crypto: "USDC", network: "polygon", min: 5, max: 20000 },
      { crypto: "USDC", network: "arbitrum", min: 5, max: 20000 },
      { crypto: "USDC", network: "optimism", min: 5, max: 20000 },
      { crypto: "USDC", network: "base", min: 5, max: 20000 },
      { crypto: "USDC", network: "solana", min: 5, max: 20000 },
      { crypto: "USDT", network: "ethereum", min: 20, max: 20000 },
      { crypto: "USDT", network: "polygon", min: 5, max: 20000 },
      { crypto: "USDT", network: "arbitrum", min: 5, max: 20000 },
      { crypto: "SOL", network: "solana", min: 0.1, max: 1000 },
      { crypto: "POL", network: "polygon", min: 10, max: 100000 },
    ],
    countries: [...EEA, "GB", "CH", "CA", "AU", "IN", "ID", "PH", "VN", "TH", "MY", "SG", "HK", "TR", "AE", "NG", "KE", "BR", "MX"],
    paymentMethods: ["debit-credit-card", "apple-pay", "google-pay", "sepa", "faster-payments"],
    feePercent: 2.25,
    fixedFee: { USD: 0.99, EUR: 0.99, GBP: 0.89, AUD: 1.49 },
    spreadPercent: 1.25,
    networkFeeUsd: { ethereum: 2.0, arbitrum: 0.15, optimism: 0.15, base: 0.1, polygon: 0.04, solana: 0.03 },
    deliveryMinutes: { min: 5, max: 15 },
    sell: {
      countries: [...EEA, "GB", "CH", "AU", "IN", "SG"],
      fiats: [
        { code: "EUR", min: 25, max: 5000 },
        { code: "GBP", min: 25, max: 5000 },
        { code: "AUD", min: 40, max: 8000 },
      ],
      cryptos: [
        { crypto: "ETH", network: "ethereum", min: 0.01, max: 20 },
        { crypto: "ETH", network: "arbitrum", min: 0.01, max: 20 },
        { crypto: "USDC", network: "ethereum", min: 30, max: 10000 },
        { crypto: "USDC", network: "polygon", min: 10, max: 10000 },
        { crypto: "USDC", network: "arbitrum", min: 10, max: 10000 },
        { crypto: "USDT", network: "polygon", min: 10, max: 10000 },
        { crypto: "SOL", network: "solana", min: 0.2, max: 500 },
      ],
      payoutMethods: ["sepa", "faster-payments", "card-payout"],
      feePercent: 1.0,
      fixedFee: { EUR: 0.99, GBP: 0.89, AUD: 1.49 },
      spreadPercent: 1.25,
      payoutMinutes: { min: 15, max: 90 },
      depositWindowMinutes: 30,
    },
  },
  {
    id: "mercuryo",
    name: "Mercuryo",
    description: "Fastest delivery and the tightest rate, lower limits, buy only. Not available in the UK.",
    color: "teal",
    features: {
      supportsIframe: true,
      supportsWidget: true,
      supportsBuy: true,
      supportsSell: false,
      supportsRecurring: false,
      // Mercuryo leaves identity checks to the platform: the checkout collects KYC itself.
      kycHandledByProvider: false,
    },
    checkoutMethod: "redirect",
    fiats: [
      { code: "USD", min: 20, max: 7000 },
      { code: "EUR", min: 20, max: 10000 },
      { code: "CAD", min: 30, max: 10000 },
    ],
    cryptos: [
      { crypto: "ETH", network: "ethereum", min: 0.001, max: 20 },
      { crypto: "ETH", network: "arbitrum", min: 0.001, max: 20 },
      { crypto: "ETH", network: "base", min: 0.001, max: 20 },
      { crypto: "USDC", network: "ethereum", min: 10, max: 10000 },
      { crypto: "USDC", network: "polygon", min: 5, max: 10000 },
      { crypto: "USDC", network: "solana", min: 5, max: 10000 },
      { crypto: "USDT", network: "ethereum", min: 10, max: 10000 },
      { crypto: "USDT", network: "arbitrum", min: 5, max: 10000 },
      { crypto: "BTC", network: "bitcoin", min: 0.0002, max: 1 },
      { crypto: "SOL", network: "solana", min: 0.05, max: 500 },
    ],
    countries: [...EEA, "CH", "US", "CA", "AU", "BR", "AR", "CL", "CO", "MX", "TR", "AE", "KR", "JP", "SG"],
    paymentMethods: ["debit-credit-card", "apple-pay", "google-pay", "sepa", "ach"],
    feePercent: 2.95,
    fixedFee: {},
    spreadPercent: 0.25,
    networkFeeUsd: { ethereum: 1.2, arbitrum: 0.1, base: 0.08, polygon: 0.03, bitcoin: 2.2, solana: 0.02 },
    deliveryMinutes: { min: 1, max: 5 },
  },
];

// ---------------------------------------------------------------------------------------
// Look-ups
// ---------------------------------------------------------------------------------------

export function isGatewayId(value: unknown): value is GatewayId {
  return typeof value === "string" && (GATEWAY_IDS as readonly string[]).includes(value);
}

export function gatewayById(id: string): Gateway | undefined {
  return GATEWAYS.find((g) => g.id === id);
}

export function networkById(id: string) {
  return NETWORKS.find((n) => n.id === id);
}

export function fiatByCode(code: string) {
  return FIAT_CURRENCIES.find((f) => f.code === code);
}

export function cryptoByCode(code: string) {
  return CRYPTO_CURRENCIES.find((c) => c.code === code);
}

export function payoutMethodById(id: string) {
  return PAYOUT_METHODS.find((m) => m.id === id);
}

/** Whether a payout method can pay out a fiat at all (before asking whether a gateway offers it). */
export function payoutMethodPays(methodId: string, fiat: string): boolean {
  const method = payoutMethodById(methodId) as { fiats?: readonly string[] } | undefined;
  return !!method && (!method.fiats || method.fiats.includes(fiat));
}

/** The gateway's limits for buying back a crypto on a network, or undefined when it does not. */
export function sellRoute(gateway: Gateway, crypto: string, network: string): CryptoRoute | undefined {
  return gateway.sell?.cryptos.find((c) => c.crypto === crypto && c.network === network);
}

export function sellFiatLimit(gateway: Gateway, fiat: string): FiatLimit | undefined {
  return gateway.sell?.fiats.find((f) => f.code === fiat);
}

/** The payout methods a gateway offers for a fiat. */
export function payoutMethodsFor(gateway: Gateway, fiat: string): PayoutMethodId[] {
  return (gateway.sell?.payoutMethods ?? []).filter((m) => payoutMethodPays(m, fiat));
}

export interface SellQuery {
  crypto?: string;
  network?: string;
  /** Checked against the route's crypto limits; needs crypto and network. */
  cryptoAmount?: number;
  fiat?: string;
  country?: string;
  payoutMethod?: string;
}

/** Why a gateway cannot buy this back, in words a partner can act on, or null when it can (only given fields are checked). */
export function unsupportedSellReason(gateway: Gateway, query: SellQuery): string | null {
  const sell = gateway.sell;
  if (!gateway.features.supportsSell || !sell) return `${gateway.name} doesn't support selling crypto.`;
  if (query.country !== undefined && !(sell.countries as readonly string[]).includes(query.country.toUpperCase())) {
    return `${gateway.name} doesn't buy crypto in ${countryName(query.country.toUpperCase())}.`;
  }
  if (query.fiat !== undefined && !sellFiatLimit(gateway, query.fiat)) return `${gateway.name} doesn't pay out ${query.fiat}.`;
  if (query.crypto !== undefined && query.network !== undefined) {
    const route = sellRoute(gateway, query.crypto, query.network);
    if (!route) return `${gateway.name} doesn't buy ${query.crypto} on ${networkById(query.network)?.name ?? query.network}.`;
    if (query.cryptoAmount !== undefined && (query.cryptoAmount < route.min || query.cryptoAmount > route.max)) {
      return `${gateway.name} buys ${route.min}–${route.max} ${query.crypto} per order.`;
    }
  } else if (query.crypto !== undefined && !sell.cryptos.some((c) => c.crypto === query.crypto)) {
    return `${gateway.name} doesn't buy ${query.crypto}.`;
  }
  if (query.payoutMethod !== undefined) {
    const name = payoutMethodById(query.payoutMethod)?.name ?? query.payoutMethod;
    if (!(sell.payoutMethods as readonly string[]).includes(query.payoutMethod)) return `${gateway.name} doesn't pay out by ${name}.`;
    if (query.fiat !== undefined && !payoutMethodPays(query.payoutMethod, query.fiat)) return `${name} can't pay out ${query.fiat}.`;
  }
  return null;
}

export function paymentMethodById(id: string) {
  return PAYMENT_METHODS.find((m) => m.id === id);
}

export function countryName(code: string): string {
  return (COUNTRIES as Record<string, string>)[code] ?? code;
}

/** The gateway's limits for a fiat, or undefined when it does not take that fiat. */
export function fiatLimit(gateway: Gateway, fiat: string): FiatLimit | undefined {
  return gateway.fiats.find((f) => f.code === fiat);
}

/** The gateway's limits for a crypto on a network, or undefined when it does not deliver that pair. */
export function cryptoRoute(gateway: Gateway, crypto: string, network: string): CryptoRoute | undefined {
  return gateway.cryptos.find((c) => c.crypto === crypto && c.network === network);
}

/** Whether a payment method can carry a fiat at all (before asking whether a gateway offers it). */
export function paymentMethodAccepts(methodId: string, fiat: string): boolean {
  const method = paymentMethodById(methodId) as { fiats?: readonly string[] } | undefined;
  if (!method) return false;
  return !method.fiats || method.fiats.includes(fiat);
}

// ---------------------------------------------------------------------------------------
// Support checks
// ---------------------------------------------------------------------------------------

export interface SupportQuery {
  fiat?: string;
  /** Checked against the fiat's limits; needs `fiat`. */
  fiatAmount?: number;
  crypto?: string;
  network?: string;
  country?: string;
  paymentMethod?: string;
  orderType?: "buy" | "sell";
}

/**
 * Why a gateway cannot serve a request, in words a partner can act on, or null when it can.
 * Only the fields present in the query are checked, so it also answers partial questions
 * ("does it serve GB at all?").
 */
export function unsupportedReason(gateway: Gateway, query: SupportQuery): string | null {
  if (query.orderType === "buy" && !gateway.features.supportsBuy) return `${gateway.name} doesn't support buying crypto.`;
  if (query.orderType === "sell" && !gateway.features.supportsSell) return `${gateway.name} doesn't support selling crypto.`;
  if (query.country !== undefined && !(gateway.countries as readonly string[]).includes(query.country.toUpperCase())) {
    return `${gateway.name} isn't available in ${countryName(query.country.toUpperCase())}.`;
  }
  if (query.fiat !== undefined) {
    const limit = fiatLimit(gateway, query.fiat);
    if (!limit) return `${gateway.name} doesn't accept ${query.fiat}.`;
    if (query.fiatAmount !== undefined && (query.fiatAmount < limit.min || query.fiatAmount > limit.max)) {
      return `${gateway.name} accepts ${limit.min}–${limit.max} ${limit.code} per order.`;
    }
  }
  if (query.crypto !== undefined && query.network !== undefined) {
    if (!cryptoRoute(gateway, query.crypto, query.network)) {
      return `${gateway.name} doesn't deliver ${query.crypto} on ${networkById(query.network)?.name ?? query.network}.`;
    }
  } else if (query.crypto !== undefined) {
    if (!gateway.cryptos.some((c) => c.crypto === query.crypto)) return `${gateway.name} doesn't deliver ${query.crypto}.`;
  } else if (query.network !== undefined) {
    if (!gateway.cryptos.some((c) => c.network === query.network)) return `${gateway.name} doesn't deliver on ${query.network}.`;
  }
  if (query.paymentMethod !== undefined) {
    const name = paymentMethodById(query.paymentMethod)?.name ?? query.paymentMethod;
    if (!(gateway.paymentMethods as readonly string[]).includes(query.paymentMethod)) return `${gateway.name} doesn't offer ${name}.`;
    if (query.fiat !== undefined && !paymentMethodAccepts(query.paymentMethod, query.fiat)) {
      return `${name} can't be used to pay in ${query.fiat}.`;
    }
  }
  return null;
}

export function gatewaySupports(gateway: Gateway, query: SupportQuery): boolean {
  return unsupportedReason(gateway, query) === null;
}

/** The payment methods a gateway offers for a fiat. */
export function paymentMethodsFor(gateway: Gateway, fiat: string): PaymentMethodId[] {
  return gateway.paymentMethods.filter((m) => paymentMethodAccepts(m, fiat));
}

// ---------------------------------------------------------------------------------------
// Fees
// ---------------------------------------------------------------------------------------

function roundCents(value: number) {
  return Math.round(value * 100) / 100;
}

/**
 * The fees a gateway charges on one order, in the order's fiat (2 decimals):
 * its percentage plus its fixed fee, and the network fee it passes on.
 * The spread is not a fee line: it is priced into the rate.
 */
export function gatewayFees(gateway: Gateway, input: { fiat: string; fiatAmount: number; network: string }) {
  const fiatUsd = FIAT_USD_RATE[input.fiat];
  if (!fiatUsd) throw new Error(`Unknown fiat ${input.fiat}`);
  const gatewayFee = roundCents((input.fiatAmount * gateway.feePercent) / 100 + (gateway.fixedFee[input.fiat as FiatCode] ?? 0));
  const networkFee = roundCents((gateway.networkFeeUsd[input.network as NetworkId] ?? 0) / fiatUsd);
  return { gatewayFee, networkFee, totalFee: roundCents(gatewayFee + networkFee) };
}

/** "1–5 min" */
export function formatDelivery(gateway: Gateway): string {
  const { min, max } = gateway.deliveryMinutes;
  return min === max ? `${min} min` : `${min}–${max} min`;
}
