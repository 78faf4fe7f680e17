/**
 * One interface for every way we reach a gateway: the built-in sandbox (test mode) and each
 * gateway's own partner API (live mode). An adapter is a plain module; it knows its gateway's
 * authentication, request shapes, callback signature scheme and status names, and nothing of
 * our database. See docs/decisions/0014-gateway-adapters.md.
 */
import type { GatewayId } from "~/gateways/catalogue";

/** Our order statuses an adapter may report (docs/api-contract.md#order-statuses). */
export type AdapterOrderStatus = "processing" | "completed" | "failed" | "refunded" | "expired";

/** One field of a gateway's credentials form (live mode). Stored encrypted, write-only. */
export interface CredentialField {
  name: string;
  label: string;
  /** Shown masked in the form; never echoed back. Non-secret fields (e.g. an account id) still stay write-only. */
  secret: boolean;
  help?: string;
}

/** Everything an adapter needs to reach one project's account at its gateway. */
export interface GatewayConnection {
  /** The gateway's API base URL, configurable per gateway (their sandbox environment, a stand-in in tests). */
  baseUrl: string;
  /** The project's credentials, keyed by the adapter's `credentialFields[].name`. */
  credentials: Record<string, string>;
  /** The secret the gateway signs its callbacks with (null: not entered yet). */
  callbackSecret: string | null;
  /** Our URL this gateway calls back (the one the console tells the partner to paste into the gateway's dashboard). */
  callbackUrl: string;
}

export interface AdapterQuoteRequest {
  fiatCurrency: string;
  fiatAmount: string;
  cryptoCurrency: string;
  network: string;
  /** ISO 3166-1 alpha-2, when known. */
  country: string | null;
  /** Our catalogue payment method id, when chosen. */
  paymentMethod: string | null;
}

export interface AdapterQuote {
  rate: string;
  fiatAmount: string;
  cryptoAmount: string;
  fees: { gateway: string; network: string; total: string };
  paymentMethod: string | null;
}

export interface AdapterOrderRequest {
  /** Our order id (ord_…): sent as the gateway's external/partner order reference. */
  partnerOrderId: string;
  fiatCurrency: string;
  fiatAmount: string;
  cryptoCurrency: string;
  network: string;
  walletAddress: string;
  email: string | null;
  country: string | null;
  paymentMethod: string | null;
  /** Where the gateway sends the customer's browser when done. */
  returnUrl: string;
  /**
   * The IP address of the customer's browser that will open the checkout, when known (the hosted
   * checkout knows it). Mercuryo's widget signature (v2) covers it; other gateways ignore it.
   */
  customerIp?: string | null;
  /** Our stable reference for the customer (a gateway may use it to recognise a returning customer's KYC). Optional. */
  customerReference?: string | null;
}

export interface AdapterOrder {
  providerOrderId: string;
  checkoutMethod: "redirect" | "iframe";
  /** The gateway's checkout page or signed widget URL. */
  checkoutUrl: string;
  /** ISO timestamp. */
  expiresAt: string;
  rate: string;
  fiatAmount: string;
  cryptoAmount: string;
  fees: { gateway: string; network: string; total: string };
}

/** A sell (off-ramp): the customer sends `cryptoAmount` to the gateway's deposit address and is paid `fiatCurrency`. */
export interface AdapterSellOrderRequest {
  partnerOrderId: string;
  cryptoCurrency: string;
  /** The exact amount the customer sells (and deposits). */
  cryptoAmount: string;
  network: string;
  fiatCurrency: string;
  /** The customer's address on `network` where the gateway returns the crypto if the sale fails. */
  refundAddress: string;
  email: string | null;
  country: string | null;
  /** Our catalogue payout method id, when chosen (PAYOUT_METHODS). */
  payoutMethod: string | null;
  returnUrl: string;
  customerReference?: string | null;
}

/** A live sell quote: what the gateway pays out for an exact crypto amount. */
export interface AdapterSellQuoteRequest {
  cryptoCurrency: string;
  cryptoAmount: string;
  network: string;
  fiatCurrency: string;
  country: string | null;
  /** Our catalogue payout method id, when chosen. */
  payoutMethod: string | null;
}

export interface AdapterSellQuote {
  /** Fiat per 1 unit of crypto, before fees. */
  rate: string;
  cryptoAmount: string;
  /** The payout, net of fees. */
  fiatAmount: string;
  fees: { gateway: string; network: string; total: string };
}

export interface AdapterSellOrder {
  providerOrderId: string;
  checkoutMethod: "redirect" | "iframe";
  /** The gateway's page where the customer gives payout details (and, for some, sees the deposit address). */
  checkoutUrl: string;
  /** ISO timestamp: until when the checkout URL is valid. */
  expiresAt: string;
  /** The gateway's address for the deposit; null where it gives one only after KYC (then a callback carries it). */
  depositAddress: string | null;
  /** ISO timestamp: the deposit must arrive by then. */
  depositExpiresAt: string;
  /** Fiat per 1 unit of crypto. */
  rate: string;
  cryptoAmount: string;
  /** The payout, net of fees. */
  fiatAmount: string;
  fees: { gateway: string; network: string; total: string };
}

export interface AdapterRefundRequest {
  providerOrderId: string;
  partnerOrderId: string;
  reason: string | null;
}

/** The refund was accepted; the order moves to `refunded` only when the gateway's signed callback says so. */
export interface AdapterRefund {
  providerOrderId: string;
  status: "refunded" | "pending";
}

/** A callback exactly as it reached us: signatures are checked over the raw body. */
export interface CallbackInput {
  method: string;
  url: string;
  headers: Headers;
  rawBody: string;
  receivedAt: Date;
}

/** What a verified callback says happened to one order. */
export interface ProviderUpdate {
  /** The id createOrder answered as `providerOrderId`: the one the order is matched by. */
  providerOrderId: string;
  /**
   * The gateway's own id for the transaction, where it differs from providerOrderId: widget
   * gateways (MoonPay, Transak, Mercuryo) create their transaction only when the customer submits
   * the widget, so createOrder can only answer our own id. Kept for the console and support.
   */
  providerTransactionId?: string | null;
  /** Our ord_… when the gateway echoes it back. */
  partnerOrderId: string | null;
  /**
   * Ours. `created` only for a sell still awaiting its deposit whose callback brings the deposit
   * address (Banxa's `waitingPayment`, MoonPay's `waitingForDeposit`): the address is stored, the status stays.
   */
  status: AdapterOrderStatus | "created";
  /** The gateway's own status name, kept for the console. */
  providerStatus: string;
  cryptoAmount?: string | null;
  /** A sell's payout as the gateway reports it. */
  fiatAmount?: string | null;
  /** A sell's deposit address, when the gateway gives it only after the order was placed. */
  depositAddress?: string | null;
  transactionHash?: string | null;
  failureReason?: string | null;
  refundReason?: string | null;
}

export type CallbackVerdict =
  | { ok: true; update: ProviderUpdate }
  /** Nothing changes; we answer 4xx (401 for signature/replay, 400 malformed) and record it. */
  | { ok: false; reason: "bad_signature" | "replayed" | "malformed" | "ignored"; message: string };

export interface GatewayAdapter {
  gatewayId: GatewayId | "sandbox";
  /** The documentation pages this adapter follows (cited in the closing note and the design record). */
  docs: string[];
  credentialFields: CredentialField[];
  /** One authenticated, read-only call. Throws DomainError("GATEWAY_UNAVAILABLE", <the gateway's own message>). */
  testConnection(conn: GatewayConnection): Promise<void>;
  quote(conn: GatewayConnection, request: AdapterQuoteRequest): Promise<AdapterQuote>;
  createOrder(conn: GatewayConnection, request: AdapterOrderRequest): Promise<AdapterOrder>;
  /** The gateway's own live sell quote (its documented sell-price call); absent = sells are priced from the catalogue. */
  sellQuote?(conn: GatewayConnection, request: AdapterSellQuoteRequest): Promise<AdapterSellQuote>;
  /** Sells (off-ramp), where the adapter speaks the gateway's sell API; absent = this adapter places buys only. */
  createSellOrder?(conn: GatewayConnection, request: AdapterSellOrderRequest): Promise<AdapterSellOrder>;
  /** Throws DomainError("INVALID_STATE", …) where the gateway offers no refund API. */
  refund(conn: GatewayConnection, request: AdapterRefundRequest): Promise<AdapterRefund>;
  /**
   * Checks the callback by the gateway's documented scheme (HMAC header, JWT, …) and, where the
   * scheme carries a timestamp, refuses one older than 5 minutes. May call the gateway's API
   * (e.g. to fetch the order a webhook names). Never throws for a client's bad input.
   */
  verifyCallback(conn: GatewayConnection, input: CallbackInput): Promise<CallbackVerdict>;
  /** The gateway's status name → ours; null for statuses that change nothing (e.g. "waiting for payment"). */
  mapStatus(providerStatus: string): AdapterOrderStatus | null;
}
