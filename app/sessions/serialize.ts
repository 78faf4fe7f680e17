/** A session row in the API's shape (docs/api-contract.md#session-object): `{ type: "session", id, attributes }` (never the clientSecret). */
import type { checkoutSession } from "~db/schema";

type SessionRow = typeof checkoutSession.$inferSelect;

export function sessionAttributes(row: SessionRow) {
  return {
    sessionId: row.id,
    projectId: row.projectId,
    type: row.type,
    status: row.status,
    customerId: row.customerId,
    externalCustomerId: row.externalCustomerId,
    sourceAmount: row.sourceAmount,
    sourceCurrency: row.sourceCurrency,
    destinationCurrency: row.destinationCurrency,
    destinationAddress: row.destinationAddress,
    refundAddress: row.refundAddress,
    network: row.network,
    redirectUrl: row.redirectUrl,
    country: row.country,
    fieldLocks: row.fieldLocks,
    metadata: row.metadata,
    livemode: row.mode === "live",
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
  };
}

export function serializeSession(row: SessionRow) {
  return { type: "session" as const, id: row.id, attributes: sessionAttributes(row) };
}

/**
 * The hosted checkout URL for a new session (docs/api-contract.md#hosted-checkout): it carries the clientSecret, so
 * it is in the create answer only, like the clientSecret itself.
 */
export function hostedCheckoutUrl(baseUrl: string, session: { id: string; projectId: string }, clientSecret: string) {
  const query = new URLSearchParams({ sessionId: session.id, clientSecret, projectId: session.projectId });
  return `${baseUrl}/checkout?${query}`;
}
