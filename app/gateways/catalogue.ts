/**
 * The assets and gateways the platform offers. One catalogue for validation, quotes,
 * the console and demo data. Gateways here are simulated by the sandbox provider.
 */
export const FIAT_CURRENCIES = [
  { code: "USD", name: "US Dollar", symbol: "$" },
  { code: "EUR", name: "Euro", symbol: "€" },
  { code: "GBP", name: "British Pound", symbol: "£" },
] as const;

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

export const GATEWAYS = [
  { id: "banxa", name: "Banxa", feePercent: 1.99 },
  { id: "moonpay", name: "MoonPay", feePercent: 3.5 },
  { id: "transak", name: "Transak", feePercent: 2.25 },
  { id: "mercuryo", name: "Mercuryo", feePercent: 2.95 },
] as const;
export type GatewayId = (typeof GATEWAYS)[number]["id"];

export const PAYMENT_METHODS = [
  { id: "debit-credit-card", name: "Debit or credit card" },
  { id: "apple-pay", name: "Apple Pay" },
  { id: "google-pay", name: "Google Pay" },
  { id: "sepa", name: "SEPA bank transfer" },
] as const;

/** Fiat value of one unit of each fiat in USD (demo data and sandbox rates). */
export const FIAT_USD_RATE: Record<string, number> = { USD: 1, EUR: 1.08, GBP: 1.27 };
