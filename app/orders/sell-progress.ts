/**
 * Where a sell stands, read from its order status (docs/decisions/0017-off-ramp.md): `created` awaits the
 * deposit, `processing` has it, `completed` has paid out, `refunded` returned the crypto, `failed`/`expired`
 * never paid out. The console's Deposit and Payout sections show these words.
 */
import type { OrderStatus } from "~db/schema";

export interface SellProgress {
  /** Whether the crypto reached the gateway's deposit address. */
  deposit: "awaiting" | "received" | "not received";
  payout: "waits for deposit" | "pending" | "sent" | "declined, crypto refunded" | "not sent";
}

export function sellProgress(order: { status: OrderStatus; processingAt: string | Date | null }): SellProgress {
  const received = order.processingAt !== null || order.status === "processing" || order.status === "completed";
  const deposit = received ? "received" : order.status === "created" ? "awaiting" : "not received";
  switch (order.status) {
    case "created":
      return { deposit, payout: "waits for deposit" };
    case "processing":
      return { deposit, payout: "pending" };
    case "completed":
      return { deposit, payout: "sent" };
    case "refunded":
      return { deposit, payout: "declined, crypto refunded" };
    default:
      return { deposit, payout: "not sent" };
  }
}
