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
