/**
 * Whether the partner may ask for a refund of an order: one rule for the server (refundOrder refuses
 * with this message) and the order page (which offers "Refund order" only when it is null).
 */
export interface RefundableOrder {
  id: string;
  type: string;
  status: string;
}

/** Why the order cannot be refunded, or null when it can: only a completed buy. */
export function refundRefusal(order: RefundableOrder): string | null {
  if (order.status === "refunded") return `Order ${order.id} is already refunded.`;
  // A sell's crypto is returned by the gateway itself when it declines the payout (docs/decisions/0017-off-ramp.md);
  // once paid out, the fiat is the customer's: there is nothing for the partner to refund.
  if (order.type === "sell")
    return `Order ${order.id} is a sell: the gateway returns the crypto itself if it declines the payout, and a payout cannot be refunded.`;
  if (order.status !== "completed") return `Only a completed order can be refunded; order ${order.id} is ${order.status}.`;
  return null;
}
