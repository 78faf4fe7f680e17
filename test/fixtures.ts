/**
 * The request bodies API tests send, after the contract's examples (docs/api-contract.md#create-a-session,
 * #create-an-order-from-a-session, #checkout-intent): a test names only the fields it changes.
 */
export const WALLET_ADDRESS = "0x742d35Cc6634C0532925a3b844Bc9e7595f1bD21";

/** A buy session: 100 USD for ETH on ethereum, to WALLET_ADDRESS. */
export function sessionBody<O extends Record<string, unknown>>(overrides: O = {} as O) {
  return {
    externalCustomerId: "player_1",
    sourceAmount: "100",
    sourceCurrency: "USD",
    destinationCurrency: "ETH",
    network: "ethereum",
    destinationAddress: WALLET_ADDRESS,
    ...overrides,
  };
}

/** The order a customer places for that purchase, through banxa (add clientSecret, or projectId for a checkout intent). */
export function orderBody<O extends Record<string, unknown>>(overrides: O = {} as O) {
  return { fiatAmount: "100", fiatCurrency: "USD", cryptoCurrency: "ETH", network: "ethereum", walletAddress: WALLET_ADDRESS, gateway: "banxa", ...overrides };
}
