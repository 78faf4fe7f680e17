/**
 * A local stand-in for one gateway's partner API: a node:http server that implements the
 * documented endpoints our adapter calls, refuses a wrong key or a bad request signature exactly
 * as the gateway documents (status and error body), and signs its callbacks the documented way.
 */
import type { GatewayId } from "~/gateways/catalogue";

export interface SentCallback {
  headers: Record<string, string>;
  body: string;
  /** Our answer. */
  status: number;
  answer: string;
}

export interface GatewayStandIn {
  gatewayId: GatewayId;
  baseUrl: string;
  /** Credentials this stand-in accepts (keyed like the adapter's credentialFields). */
  credentials: Record<string, string>;
  /** The secret it signs callbacks with. */
  callbackSecret: string;
  /** Orders created through its API, by the id its adapter's createOrder answers as `providerOrderId`. */
  orders: Map<string, { partnerOrderId: string; status: string; body: unknown }>;
  /**
   * Widget gateways only (MoonPay, Transak, Mercuryo): plays the customer opening the order's
   * checkout URL, which is when such a gateway creates its transaction. Until then the gateway
   * knows nothing of the order, and `settle` refuses it.
   */
  openCheckout?(checkoutUrl: string): Promise<void>;
  /**
   * The outcomes `settle` can report, where not all three: a gateway that documents no refunded
   * status for a buy (MoonPay, Mercuryo) cannot call back a refund, and its `settle(…, "refunded")` throws.
   */
  settles?: readonly ("completed" | "failed" | "refunded")[];
  /** Moves an order to the gateway status that means ours (`completed`, `failed`, `refunded`), and POSTs the signed callback to `callbackUrl`. */
  settle(providerOrderId: string, outcome: "completed" | "failed" | "refunded"): Promise<SentCallback>;
  /**
   * Sells, where the gateway documents them: moves a sell order to the gateway's own status for
   * `step` and posts the signed callback. Throws for a step the gateway documents no status for.
   */
  sellStep?(providerOrderId: string, step: SellStep): Promise<SentCallback>;
  /** The deposit address the gateway gave a sell order (null until it gave one). */
  depositAddressOf?(providerOrderId: string): string | null;
  /** Posts exactly a previously sent callback again (headers and body), e.g. to test replay refusal. */
  resend(callback: SentCallback): Promise<SentCallback>;
  close(): Promise<void>;
}

/**
 * A sell's stages as the partner sees them (docs/decisions/0017-off-ramp.md): the gateway waits for the
 * deposit at its address (and says which), the deposit arrived, the payout was sent, or it failed,
 * expired, or the crypto went back.
 */
export type SellStep = "awaiting_deposit" | "deposit_received" | "completed" | "failed" | "expired" | "refunded";

/** `callbackUrl`: the URL pasted into the gateway's dashboard (where the gateway has no per-order callback URL). */
export type StartStandIn = (options: { callbackUrl: string }) => Promise<GatewayStandIn>;
