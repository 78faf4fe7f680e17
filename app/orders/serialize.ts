/**
 * An order in the API's shape. `attributes` carries the seed's order-creation fields
 * (orderId, status, sessionId, checkout) and the webhook payload's order fields
 * (type, source, destination, customer, metadata, timestamps), so one shape serves both.
 */
import type { order } from "../../db/schema";

type OrderRow = typeof order.$inferSelect;

export function orderAttributes(row: OrderRow) {
  return {
    orderId: row.id,
    type: row.type,
    status: row.status,
    sessionId: row.sessionId,
    gateway: row.gatewayId,
    source: { currency: row.sourceCurrency, amount: row.sourceAmount },
    destination: { currency: row.destinationCurrency, amount: row.destinationAmount, address: row.destinationAddress },
    network: row.network,
    rate: row.rate,
    fees: { gateway: row.gatewayFee, network: row.networkFee, currency: row.sourceCurrency },
    paymentMethod: row.paymentMethod,
    customerId: row.customerId,
    externalCustomerId: row.externalCustomerId,
    metadata: row.metadata,
    checkout: row.checkoutUrl
      ? { method: row.checkoutMethod, url: row.checkoutUrl, expiresAt: row.checkoutExpiresAt?.toISOString() ?? null }
      : null,
    transaction: row.transactionId ? { id: row.transactionId, hash: row.transactionHash } : null,
    failureReason: row.failureReason,
    livemode: row.mode === "live",
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}

export function serializeOrder(row: OrderRow) {
  return { type: "order" as const, id: row.id, attributes: orderAttributes(row) };
}
