/** The columns of the sessions CSV export (the console's Export button); the streaming is app/search/export.server.ts. */
import { jsonCell, type CsvColumn } from "~/search/export.server";
import type { SessionRow } from "~/sessions/list.server";

export function sessionColumns(timeZone: string): CsvColumn<SessionRow>[] {
  return [
    { header: "id", value: (r) => r.id },
    { header: "status", value: (r) => r.status },
    { header: `created (${timeZone})`, value: (r, d) => d(r.createdAt) },
    { header: "source_amount", value: (r) => r.sourceAmount },
    { header: "source_currency", value: (r) => r.sourceCurrency },
    { header: "destination_currency", value: (r) => r.destinationCurrency },
    { header: "destination_network", value: (r) => r.network },
    { header: "destination_address", value: (r) => r.destinationAddress },
    { header: "customer_id", value: (r) => r.customerId },
    { header: "external_customer_id", value: (r) => r.externalCustomerId },
    { header: "country", value: (r) => r.country },
    { header: `completed (${timeZone})`, value: (r, d) => d(r.completedAt) },
    { header: `expires (${timeZone})`, value: (r, d) => d(r.expiresAt) },
    { header: "metadata", value: (r) => jsonCell(r.metadata) },
  ];
}
