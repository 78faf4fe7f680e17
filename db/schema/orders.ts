import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, numeric, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { customer } from "./customers";
import { project } from "./projects";
import { checkoutSession } from "./sessions";
import { createdAt, ts, updatedAt, type Mode } from "./types";

export const ORDER_STATUSES = ["created", "processing", "completed", "failed", "refunded", "expired"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type CheckoutMethod = "redirect" | "iframe" | "widget";
export const ORDER_TYPES = ["buy", "sell"] as const;

/** System keys at the top level; the partner's own data only under `partnerMetadata`. */
export type OrderMetadata = {
  provider: string;
  providerOrderId: string | null;
  email: string | null;
  paymentMethodId: string | null;
  partnerMetadata: Record<string, unknown>;
};

/** An order (`ord_…`): exactly one per session, or direct from a checkout-intent. */
export const order = pgTable(
  "order",
  {
    id: text("id").primaryKey(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => project.id, { onDelete: "cascade" }),
    mode: text("mode").$type<Mode>().notNull(),
    /** Null for orders made by a checkout-intent; unique, so a session yields one order. */
    sessionId: text("session_id").references(() => checkoutSession.id),
    customerId: text("customer_id").references(() => customer.id),
    externalCustomerId: text("external_customer_id"),
    type: text("type").$type<"buy" | "sell">().notNull().default("buy"),
    status: text("status").$type<OrderStatus>().notNull().default("created"),
    gatewayId: text("gateway_id").notNull(),
    providerOrderId: text("provider_order_id"),
    paymentMethod: text("payment_method"),
    email: text("email"),
    /**
     * `source` is what the customer gives, `destination` what they get: a buy pays fiat for crypto sent to
     * `destinationAddress`; a sell deposits crypto (source, on `network`) for a fiat payout (destination,
     * no address). See docs/api-contract.md#sell-orders.
     */
    sourceCurrency: text("source_currency").notNull(),
    sourceAmount: numeric("source_amount").notNull(),
    destinationCurrency: text("destination_currency").notNull(),
    destinationAmount: numeric("destination_amount"),
    network: text("network").notNull(),
    /** The buyer's wallet; null for a sell. */
    destinationAddress: text("destination_address"),
    /** Sell: where the customer sends the crypto (the gateway's address; null until the gateway gives it). */
    depositAddress: text("deposit_address"),
    /** Sell: the deposit must arrive by then, or the order expires. */
    depositExpiresAt: ts("deposit_expires_at"),
    /** Sell: where the gateway returns the crypto if the sale fails. */
    refundAddress: text("refund_address"),
    /** Buy: crypto per unit of fiat at quote time. Sell: fiat per unit of crypto. */
    rate: numeric("rate"),
    gatewayFee: numeric("gateway_fee"),
    networkFee: numeric("network_fee"),
    metadata: jsonb("metadata").$type<OrderMetadata>().notNull(),
    checkoutMethod: text("checkout_method").$type<CheckoutMethod>(),
    checkoutUrl: text("checkout_url"),
    checkoutExpiresAt: ts("checkout_expires_at"),
    /** `txn_…`, set once the order completes. */
    transactionId: text("transaction_id"),
    transactionHash: text("transaction_hash"),
    failureReason: text("failure_reason"),
    /** Why the order was refunded: the partner's reason when it asked, else the gateway's. */
    refundReason: text("refund_reason"),
    /**
     * When a refund was asked of the gateway (API or console). Set by one request only, so a
     * refund is sent once; the order becomes `refunded` when the gateway's callback confirms.
     */
    refundRequestedAt: ts("refund_requested_at"),
    /** Last `sequence` given to this order's events, so receivers can drop stale ones. */
    eventSequence: integer("event_sequence").notNull().default(0),
    processingAt: ts("processing_at"),
    completedAt: ts("completed_at"),
    failedAt: ts("failed_at"),
    refundedAt: ts("refunded_at"),
    expiredAt: ts("expired_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("order_session_idx").on(t.sessionId),
    uniqueIndex("order_transaction_idx").on(t.transactionId),
    index("order_list_idx").on(t.projectId, t.mode, t.createdAt, t.id),
    index("order_status_idx").on(t.projectId, t.mode, t.status, t.createdAt, t.id),
    index("order_currency_idx").on(t.projectId, t.mode, t.destinationCurrency, t.createdAt, t.id),
    index("order_network_idx").on(t.projectId, t.mode, t.network, t.createdAt, t.id),
    index("order_type_idx").on(t.projectId, t.mode, t.type, t.createdAt, t.id),
    // The deposit-deadline sweep scans only sell orders still awaiting their deposit.
    index("order_deposit_expiry_idx")
      .on(t.depositExpiresAt)
      .where(sql`${t.type} = 'sell' and ${t.status} = 'created'`),
    // The overview's live days: an index-only scan of the recent range (docs/decisions/0009-overview-rollups.md).
    // Ordered like the list index, so a keyset page the planner serves from it is just as good.
    index("order_overview_idx").on(t.projectId, t.mode, t.createdAt, t.id, t.gatewayId, t.status, t.sourceCurrency, t.sourceAmount),
    index("order_customer_idx").on(t.customerId),
    index("order_email_idx").on(t.projectId, t.mode, t.email),
    index("order_address_idx").on(t.projectId, t.mode, t.destinationAddress),
    index("order_tx_hash_idx").on(t.transactionHash),
    index("order_provider_order_idx").on(t.gatewayId, t.providerOrderId),
    index("order_metadata_idx").using("gin", sql`${t.metadata} jsonb_path_ops`),
    check("order_mode_check", sql`${t.mode} in ('test','live')`),
    check("order_type_check", sql`${t.type} in ('buy','sell')`),
    check("order_status_check", sql`${t.status} in ('created','processing','completed','failed','refunded','expired')`),
  ],
);
