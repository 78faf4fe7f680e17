import { sql } from "drizzle-orm";
import { check, index, jsonb, numeric, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { customer } from "./customers";
import { project } from "./projects";
import { createdAt, ts, updatedAt, type Mode } from "./types";

export const SESSION_STATUSES = ["pending", "confirmed", "processing", "completed", "expired", "cancelled", "failed"] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export const SESSION_TYPES = ["onramp", "offramp"] as const;
export type SessionType = (typeof SESSION_TYPES)[number];

/** `{ sourceAmount: { locked: true, min?: "10", max?: "500" }, … }` */
export type FieldLocks = Record<string, { locked: boolean; min?: string; max?: string }>;

/** A checkout session (`sess_…`) created by a partner backend with a secret key. */
export const checkoutSession = pgTable(
  "checkout_session",
  {
    id: text("id").primaryKey(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => project.id, { onDelete: "cascade" }),
    mode: text("mode").$type<Mode>().notNull(),
    type: text("type").$type<SessionType>().notNull().default("onramp"),
    status: text("status").$type<SessionStatus>().notNull().default("pending"),
    customerId: text("customer_id")
      .notNull()
      .references(() => customer.id),
    externalCustomerId: text("external_customer_id"),
    /** Decimal strings kept exactly as sent ("100" stays "100"): unconstrained numeric. */
    sourceAmount: numeric("source_amount"),
    sourceCurrency: text("source_currency"),
    destinationCurrency: text("destination_currency"),
    /** `network` in the API (docs/api-contract.md#session-object), `destination_network` in the list filters. */
    network: text("network"),
    destinationAddress: text("destination_address"),
    /** Sell sessions: the customer's address on `network` where the gateway returns crypto if the sale fails. */
    refundAddress: text("refund_address"),
    redirectUrl: text("redirect_url"),
    country: text("country"),
    fieldLocks: jsonb("field_locks").$type<FieldLocks>().notNull().default({}),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    /** SHA-256 of the clientSecret, which is returned once at creation. */
    clientSecretHash: text("client_secret_hash").notNull(),
    expiresAt: ts("expires_at").notNull(),
    confirmedAt: ts("confirmed_at"),
    processingAt: ts("processing_at"),
    completedAt: ts("completed_at"),
    failedAt: ts("failed_at"),
    cancelledAt: ts("cancelled_at"),
    expiredAt: ts("expired_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Keyset pagination on (created_at, id), one index per list filter (docs/api-contract.md#lists).
    index("checkout_session_list_idx").on(t.projectId, t.mode, t.createdAt, t.id),
    index("checkout_session_status_idx").on(t.projectId, t.mode, t.status, t.createdAt, t.id),
    index("checkout_session_currency_idx").on(t.projectId, t.mode, t.destinationCurrency, t.createdAt, t.id),
    index("checkout_session_network_idx").on(t.projectId, t.mode, t.network, t.createdAt, t.id),
    index("checkout_session_type_idx").on(t.projectId, t.mode, t.type, t.createdAt, t.id),
    // The overview's live days: an index-only scan of the recent range (docs/decisions/0009-overview-rollups.md).
    // Ordered like the list index, so a keyset page the planner serves from it is just as good.
    index("checkout_session_overview_idx").on(t.projectId, t.mode, t.createdAt, t.id, t.status, t.destinationCurrency),
    // Support search.
    index("checkout_session_customer_idx").on(t.customerId),
    index("checkout_session_external_customer_idx").on(t.projectId, t.mode, t.externalCustomerId),
    index("checkout_session_address_idx").on(t.projectId, t.mode, t.destinationAddress),
    index("checkout_session_metadata_idx").using("gin", sql`${t.metadata} jsonb_path_ops`),
    // The expiry job scans only sessions that can still expire.
    index("checkout_session_expiry_idx")
      .on(t.expiresAt)
      .where(sql`${t.status} in ('pending','confirmed')`),
    check("checkout_session_mode_check", sql`${t.mode} in ('test','live')`),
    check("checkout_session_status_check", sql`${t.status} in ('pending','confirmed','processing','completed','expired','cancelled','failed')`),
    check("checkout_session_type_check", sql`${t.type} in ('onramp','offramp')`),
  ],
);
