/**
 * An order in the API's shape (docs/api-contract.md#order-object). `attributes` carries the order-creation fields
 * (orderId, status, sessionId, checkout) and the webhook payload's order fields
 * (type, source, destination, customer, metadata, timestamps), so one shape serves both.
 */
import type { order } from "~db/schema";

type OrderRow = typeof order.$inferSelect;

/**
 * `checkout` as the contract has it: `expiresAt` is the number of seconds the checkout URL
 * stays valid (1800 in the contract's example); `expiresAtTime` gives the moment itself.
 */
export function checkoutOf(row: OrderRow, now = Date.now()) {
  const until = row.checkoutExpiresAt?.getTime() ?? now;
  return {
    method: row.checkoutMethod,
    url: row.checkoutUrl,
    expiresAt: Math.max(0, Math.round((until - now) / 1000)),
    expiresAtTime: row.checkoutExpiresAt?.toISOString() ?? null,
  };
}

/**
 * A sell's deposit instructions and payout summary (docs/api-contract.md#sell-orders); nothing for a buy, whose
 * payloads stay as they were.
 */
export function sellInstructions(row: OrderRow) {
  if (row.type !== "sell") return {};
  return {
    type: "sell" as const,
    refundAddress: row.refundAddress,
    deposit: {
      network: row.network,
      address: row.depositAddress,
      currency: row.sourceCurrency,
      amount: row.sourceAmount,
      expiresAt: row.depositExpiresAt?.toISOString() ?? null,
    },
    payout: { method: row.paymentMethod, currency: row.destinationCurrency, amount: row.destinationAmount },
  };
}

/** The order as webhook payloads carry it (`data.order`, docs/api-contract.md#event-types). */
export function webhookOrder(row: OrderRow) {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    ...amounts(row),
    network: row.network,
    gateway: row.gatewayId,
    sessionId: row.sessionId,
    customerId: row.customerId,
    externalCustomerId: row.externalCustomerId,
    metadata: row.metadata,
    transaction: row.transactionId ? { id: row.transactionId, hash: row.transactionHash } : null,
    ...sellInstructions(row),
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    refundedAt: row.refundedAt?.toISOString() ?? null,
  };
}

/** What the order pays and buys, as both payloads name it. */
function amounts(row: OrderRow) {
  return {
    source: { currency: row.sourceCurrency, amount: row.sourceAmount },
    destination: { currency: row.destinationCurrency, amount: row.destinationAmount, address: row.destinationAddress },
  };
}

function orderAttributes(row: OrderRow) {
  return {
    orderId: row.id,
    type: row.type,
    status: row.status,
    sessionId: row.sessionId,
    gateway: row.gatewayId,
    ...amounts(row),
    network: row.network,
    rate: row.rate,
    // Fees are always in the order's fiat: what a buy pays, what a sell is paid.
    fees: { gateway: row.gatewayFee, network: row.networkFee, currency: row.type === "sell" ? row.destinationCurrency : row.sourceCurrency },
    paymentMethod: row.paymentMethod,
    customerId: row.customerId,
    externalCustomerId: row.externalCustomerId,
    metadata: row.metadata,
    checkout: row.checkoutUrl ? checkoutOf(row) : null,
    ...sellInstructions(row),
    transaction: row.transactionId ? { id: row.transactionId, hash: row.transactionHash } : null,
    failureReason: row.failureReason,
    refundReason: row.refundReason,
    livemode: row.mode === "live",
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    refundedAt: row.refundedAt?.toISOString() ?? null,
  };
}

export function serializeOrder(row: OrderRow) {
  return { type: "order" as const, id: row.id, attributes: orderAttributes(row) };
}
