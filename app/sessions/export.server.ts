/** The columns of the sessions CSV export (the console's Export button); the streaming is app/search/export.server.ts. */
import { fieldColumns, jsonCell, timeColumn, type CsvColumn, type ListExport } from "~/search/export.server";
import { SESSION_FILTERS } from "~/search/list-page.server";
import { listSessions, type SessionRow } from "~/sessions/list.server";

export function sessionColumns(timeZone: string): CsvColumn<SessionRow>[] {
  return [
    ...fieldColumns<SessionRow>([
      ["id", "id"],
      ["status", "status"],
      ["type", "type"],
    ]),
    timeColumn("created", timeZone, (r) => r.createdAt),
    ...fieldColumns<SessionRow>([
      ["source_amount", "sourceAmount"],
      ["source_currency", "sourceCurrency"],
      ["destination_currency", "destinationCurrency"],
      ["destination_network", "network"],
      ["destination_address", "destinationAddress"],
      ["refund_address", "refundAddress"],
      ["customer_id", "customerId"],
      ["external_customer_id", "externalCustomerId"],
      ["country", "country"],
    ]),
    timeColumn("completed", timeZone, (r) => r.completedAt),
    timeColumn("expires", timeZone, (r) => r.expiresAt),
    { header: "metadata", value: (r) => jsonCell(r.metadata) },
  ];
}

export const SESSION_EXPORT: ListExport<SessionRow, (typeof SESSION_FILTERS.statuses)[number]> = {
  noun: "sessions",
  statuses: SESSION_FILTERS.statuses,
  types: SESSION_FILTERS.types,
  list: listSessions,
  columns: sessionColumns,
};
