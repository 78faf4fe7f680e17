/** The columns a short list of sessions or orders selects: which, its status, what it pays and buys, when. */
import type { checkoutSession, order } from "~db/schema";

export function recordSummary<T extends typeof checkoutSession | typeof order>(table: T) {
  return {
    id: table.id,
    status: table.status,
    sourceAmount: table.sourceAmount,
    sourceCurrency: table.sourceCurrency,
    destinationCurrency: table.destinationCurrency,
    createdAt: table.createdAt,
  };
}
