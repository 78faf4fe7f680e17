import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { order } from "./orders";
import { project } from "./projects";
import { checkoutSession } from "./sessions";
import { createdAt, ts, updatedAt, type Mode } from "./types";
import { EVENT_TYPES, type EventType } from "../../app/webhooks/event-types";

// One list for the database, the API and the console (app/webhooks/event-types.ts).
export { EVENT_TYPES, type EventType };

/** An event (`evt_…`), written in the same transaction as the change that caused it. */
export const event = pgTable(
  "event",
  {
    id: text("id").primaryKey(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => project.id, { onDelete: "cascade" }),
    mode: text("mode").$type<Mode>().notNull(),
    type: text("type").$type<EventType>().notNull(),
    orderId: text("order_id").references(() => order.id),
    sessionId: text("session_id").references(() => checkoutSession.id),
    /** Per-order sequence number (order events only). */
    sequence: integer("sequence"),
    /** The payload exactly as delivered: `{ id, type, createdAt, data }`. */
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    /** A "Send test event" from the console: sample data, delivered to one endpoint only. */
    isTest: boolean("is_test").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index("event_list_idx").on(t.projectId, t.mode, t.createdAt, t.id),
    index("event_type_list_idx").on(t.projectId, t.mode, t.type, t.createdAt, t.id),
    index("event_order_idx").on(t.orderId),
    index("event_session_idx").on(t.sessionId),
    check("event_mode_check", sql`${t.mode} in ('test','live')`),
  ],
);

export const webhookEndpoint = pgTable(
  "webhook_endpoint",
  {
    id: text("id").primaryKey(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => project.id, { onDelete: "cascade" }),
    mode: text("mode").$type<Mode>().notNull(),
    url: text("url").notNull(),
    description: text("description"),
    /** Event types it receives; `["*"]` for all. */
    enabledEvents: text("enabled_events")
      .array()
      .notNull()
      .default(sql`'{*}'::text[]`),
    status: text("status").$type<"enabled" | "disabled">().notNull().default("enabled"),
    disabledReason: text("disabled_reason"),
    /** `whsec_…` signing secret, AES-256-GCM encrypted (needed in plaintext to sign). */
    secretCiphertext: text("secret_ciphertext").notNull(),
    /** After a roll the old secret keeps signing until `previousSecretExpiresAt`. */
    previousSecretCiphertext: text("previous_secret_ciphertext"),
    previousSecretExpiresAt: ts("previous_secret_expires_at"),
    /** First failure of the current unbroken run of failures; null when healthy. */
    failingSince: ts("failing_since"),
    lastSuccessAt: ts("last_success_at"),
    lastFailureAt: ts("last_failure_at"),
    /** What the last failed attempt got back (status or network error), for the console's health column. */
    lastFailureMessage: text("last_failure_message"),
    disabledAt: ts("disabled_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("webhook_endpoint_project_idx").on(t.projectId, t.mode, t.createdAt), check("webhook_endpoint_mode_check", sql`${t.mode} in ('test','live')`)],
);

export type DeliveryStatus = "pending" | "succeeded" | "retrying" | "failed";

/** One event to one endpoint; its attempts are in webhook_attempt. */
export const webhookDelivery = pgTable(
  "webhook_delivery",
  {
    id: text("id").primaryKey(),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => webhookEndpoint.id, { onDelete: "cascade" }),
    eventId: text("event_id")
      .notNull()
      .references(() => event.id, { onDelete: "cascade" }),
    projectId: uuid("project_id").notNull(),
    mode: text("mode").$type<Mode>().notNull(),
    eventType: text("event_type").$type<EventType>().notNull(),
    status: text("status").$type<DeliveryStatus>().notNull().default("pending"),
    attemptCount: integer("attempt_count").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at"),
    lastAttemptAt: ts("last_attempt_at"),
    /**
     * Held by the worker sending an attempt (longer than the 30 s request timeout): a second
     * worker or instance never sends the same attempt while it is held. A crash leaves it to expire.
     */
    leaseUntil: ts("lease_until"),
    lastResponseStatus: integer("last_response_status"),
    lastError: text("last_error"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("webhook_delivery_endpoint_idx").on(t.endpointId, t.createdAt, t.id),
    index("webhook_delivery_endpoint_status_idx").on(t.endpointId, t.status, t.createdAt, t.id),
    index("webhook_delivery_endpoint_type_idx").on(t.endpointId, t.eventType, t.createdAt, t.id),
    index("webhook_delivery_event_idx").on(t.eventId),
    // The safety-net sweep: open deliveries whose job never ran (e.g. written by a process with no queue).
    index("webhook_delivery_open_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} in ('pending','retrying')`),
    check("webhook_delivery_status_check", sql`${t.status} in ('pending','succeeded','retrying','failed')`),
  ],
);

export const webhookAttempt = pgTable(
  "webhook_attempt",
  {
    id: text("id").primaryKey(),
    deliveryId: text("delivery_id")
      .notNull()
      .references(() => webhookDelivery.id, { onDelete: "cascade" }),
    attemptNumber: integer("attempt_number").notNull(),
    requestHeaders: jsonb("request_headers").$type<Record<string, string>>().notNull(),
    requestBody: text("request_body").notNull(),
    responseStatus: integer("response_status"),
    /** First 4 KB of the receiver's answer. */
    responseBodyExcerpt: text("response_body_excerpt"),
    latencyMs: integer("latency_ms"),
    error: text("error"),
    /** `auto` (the schedule) or `resend` (someone pressed Resend). */
    trigger: text("trigger").$type<"auto" | "resend">().notNull().default("auto"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("webhook_attempt_delivery_idx").on(t.deliveryId, t.attemptNumber)],
);
