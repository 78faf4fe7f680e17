import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { organization } from "./auth";
import { bytea, createdAt, ts, updatedAt, type Mode } from "./types";

export const project = pgTable(
  "project",
  {
    /** UUID, as `projectId` in the API (docs/api-contract.md#conventions). */
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** Mode the public (keyless) endpoints serve: test until an admin takes the project live. */
    defaultMode: text("default_mode").$type<Mode>().notNull().default("test"),
    wentLiveAt: ts("went_live_at"),
    /** In live mode a session's redirectUrl must start with one of these origins. */
    allowedRedirectOrigins: text("allowed_redirect_origins")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Archived projects refuse API calls. */
    archivedAt: ts("archived_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("project_org_idx").on(t.organizationId, t.createdAt), check("project_default_mode_check", sql`${t.defaultMode} in ('test','live')`)],
);

/** What the hosted checkout looks like for a project. */
export const projectBranding = pgTable("project_branding", {
  projectId: uuid("project_id")
    .primaryKey()
    .references(() => project.id, { onDelete: "cascade" }),
  displayName: text("display_name"),
  logo: bytea("logo"),
  logoContentType: text("logo_content_type"),
  primaryColor: text("primary_color").notNull().default("#4c6ef5"),
  backgroundColor: text("background_color").notNull().default("#ffffff"),
  cornerRadius: integer("corner_radius").notNull().default(8),
  updatedAt: updatedAt(),
});

/**
 * A gateway from the catalogue (app/gateways) switched on for a project and mode.
 * Quotes come only from enabled rows, ranked by `priority` when rates tie.
 */
export const gatewaySetting = pgTable(
  "gateway_setting",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => project.id, { onDelete: "cascade" }),
    mode: text("mode").$type<Mode>().notNull(),
    gatewayId: text("gateway_id").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    priority: integer("priority").notNull().default(0),
    /** Live credentials, AES-256-GCM encrypted; write-only from the console. */
    credentialsCiphertext: text("credentials_ciphertext"),
    /** Masked hint shown in the console, e.g. "…a1B2". */
    credentialsHint: text("credentials_hint"),
    /** The secret the gateway signs its callbacks with (live), AES-256-GCM encrypted; write-only. */
    callbackSecretCiphertext: text("callback_secret_ciphertext"),
    callbackSecretHint: text("callback_secret_hint"),
    /** Last authenticated call to the gateway (Test connection, a quote, an order): when, and its error (null: it worked). */
    lastCheckedAt: ts("last_checked_at"),
    lastError: text("last_error"),
    /** Last time Test connection succeeded since the credentials were saved (null: not connected). */
    connectedAt: ts("connected_at"),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.mode, t.gatewayId] }), check("gateway_setting_mode_check", sql`${t.mode} in ('test','live')`)],
);

/**
 * Every callback a live gateway sent to /callbacks/:gatewayId/:projectId, with our verdict:
 * what the console's gateway page lists, and how an exact replay is recognised.
 */
export const gatewayCallback = pgTable(
  "gateway_callback",
  {
    /** `gcb_…` */
    id: text("id").primaryKey(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => project.id, { onDelete: "cascade" }),
    mode: text("mode").$type<Mode>().notNull(),
    gatewayId: text("gateway_id").notNull(),
    /** applied | unchanged | bad_signature | replayed | malformed | ignored | unknown_order | not_connected | refused */
    verdict: text("verdict").notNull(),
    httpStatus: integer("http_status").notNull(),
    message: text("message").notNull(),
    providerOrderId: text("provider_order_id"),
    orderId: text("order_id"),
    /** SHA-256 of the body and signature headers of a verified callback: the same one again is a replay (checked, not a unique index: two racing copies both apply idempotently). */
    digest: text("digest"),
    receivedAt: ts("received_at").notNull().defaultNow(),
  },
  (t) => [
    index("gateway_callback_list_idx").on(t.projectId, t.mode, t.gatewayId, t.receivedAt),
    index("gateway_callback_digest_idx").on(t.projectId, t.gatewayId, t.digest),
    check("gateway_callback_mode_check", sql`${t.mode} in ('test','live')`),
  ],
);
