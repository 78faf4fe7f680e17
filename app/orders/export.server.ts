/** The columns of the orders CSV export (the console's Export button); the streaming is app/search/export.server.ts. */
import { fieldColumns, jsonCell, timeColumn, type CsvColumn, type ListExport } from "~/search/export.server";
import { ORDER_FILTERS } from "~/search/list-page.server";
import { listOrders, type OrderRow } from "~/orders/list.server";

export function orderColumns(timeZone: string): CsvColumn<OrderRow>[] {
  return [
    ...fieldColumns<OrderRow>([
      ["id", "id"],
      ["status", "status"],
      ["type", "type"],
    ]),
    timeColumn("created", timeZone, (r) => r.createdAt),
    ...fieldColumns<OrderRow>([
      ["session_id", "sessionId"],
      ["customer_id", "customerId"],
      ["external_customer_id", "externalCustomerId"],
      ["email", "email"],
      ["gateway", "gatewayId"],
      ["payment_method", "paymentMethod"],
      ["source_amount", "sourceAmount"],
      ["source_currency", "sourceCurrency"],
      ["destination_amount", "destinationAmount"],
      ["destination_currency", "destinationCurrency"],
      ["destination_network", "network"],
      ["destination_address", "destinationAddress"],
      // A sell's deposit (the crypto sent to the gateway) and where it is returned if the sale fails.
      ["deposit_address", "depositAddress"],
    ]),
    timeColumn("deposit_expires", timeZone, (r) => r.depositExpiresAt),
    ...fieldColumns<OrderRow>([
      ["refund_address", "refundAddress"],
      ["rate", "rate"],
      ["gateway_fee", "gatewayFee"],
      ["network_fee", "networkFee"],
      ["transaction_id", "transactionId"],
      ["transaction_hash", "transactionHash"],
    ]),
    timeColumn("completed", timeZone, (r) => r.completedAt),
    ...fieldColumns<OrderRow>([["failure_reason", "failureReason"]]),
    timeColumn("refunded", timeZone, (r) => r.refundedAt),
    ...fieldColumns<OrderRow>([["refund_reason", "refundReason"]]),
    { header: "partner_metadata", value: (r) => jsonCell(r.metadata?.partnerMetadata) },
  ];
}

export const ORDER_EXPORT: ListExport<OrderRow, (typeof ORDER_FILTERS.statuses)[number]> = {
  noun: "orders",
  statuses: ORDER_FILTERS.statuses,
  types: ORDER_FILTERS.types,
  list: listOrders,
  columns: orderColumns,
};
