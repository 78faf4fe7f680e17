/** The columns of the orders CSV export (the console's Export button); the streaming is app/search/export.server.ts. */
import { jsonCell, type CsvColumn } from "~/search/export.server";
import type { OrderRow } from "~/orders/list.server";

export function orderColumns(timeZone: string): CsvColumn<OrderRow>[] {
  return [
    { header: "id", value: (r) => r.id },
    { header: "status", value: (r) => r.status },
    { header: `created (${timeZone})`, value: (r, d) => d(r.createdAt) },
    { header: "session_id", value: (r) => r.sessionId },
    { header: "customer_id", value: (r) => r.customerId },
    { header: "external_customer_id", value: (r) => r.externalCustomerId },
    { header: "email", value: (r) => r.email },
    { header: "gateway", value: (r) => r.gatewayId },
    { header: "payment_method", value: (r) => r.paymentMethod },
    { header: "source_amount", value: (r) => r.sourceAmount },
    { header: "source_currency", value: (r) => r.sourceCurrency },
    { header: "destination_amount", value: (r) => r.destinationAmount },
    { header: "destination_currency", value: (r) => r.destinationCurrency },
    { header: "destination_network", value: (r) => r.network },
    { header: "destination_address", value: (r) => r.destinationAddress },
    { header: "rate", value: (r) => r.rate },
    { header: "gateway_fee", value: (r) => r.gatewayFee },
    { header: "network_fee", value: (r) => r.networkFee },
    { header: "transaction_id", value: (r) => r.transactionId },
    { header: "transaction_hash", value: (r) => r.transactionHash },
    { header: `completed (${timeZone})`, value: (r, d) => d(r.completedAt) },
    { header: "failure_reason", value: (r) => r.failureReason },
    { header: `refunded (${timeZone})`, value: (r, d) => d(r.refundedAt) },
    { header: "refund_reason", value: (r) => r.refundReason },
    { header: "partner_metadata", value: (r) => jsonCell(r.metadata?.partnerMetadata) },
  ];
}
