import { sql } from "drizzle-orm";
import { check, index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { user } from "./auth";
import { project } from "./projects";
import { createdAt, ts, type Mode } from "./types";

/** restricted: a secret key (`rk_…`) limited to the permissions in `permissions` (app/keys/permissions.ts). */
export type ApiKeyKind = "publishable" | "secret" | "restricted";

/**
 * API keys (`pk_test_…`, `sk_live_…`). The API looks a key up by `tokenHash` only;
 * the plaintext of a secret key is never stored (test secret keys are kept
 * encrypted so developers can reveal them again).
 */
export const apiKey = pgTable(
  "api_key",
  {
    id: text("id").primaryKey(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => project.id, { onDelete: "cascade" }),
    mode: text("mode").$type<Mode>().notNull(),
    kind: text("kind").$type<ApiKeyKind>().notNull(),
    label: text("label"),
    /** SHA-256 (hex) of the whole key: the only column the key check reads by. */
    tokenHash: text("token_hash").notNull(),
    /** Last four characters, for the masked form `sk_test_…a1B2`. */
    lastFour: text("last_four").notNull(),
    /** Publishable keys only: they are public and always shown. */
    publishableToken: text("publishable_token"),
    /** Test secret keys only: AES-256-GCM ciphertext, revealable by admins/developers. */
    secretCiphertext: text("secret_ciphertext"),
    createdByUserId: text("created_by_user_id").references(() => user.id, { onDelete: "set null" }),
    /** The key this one replaced when it was rolled. */
    rolledFromKeyId: text("rolled_from_key_id"),
    lastUsedAt: ts("last_used_at"),
    /** The client IP of the request that last wrote `last_used_at` (written at most once a minute). */
    lastUsedIp: text("last_used_ip"),
    /** Restricted keys only: the permissions granted (`sessions:read`, `orders:refund`…); null for other kinds. */
    permissions: text("permissions").array(),
    /** Secret and restricted keys: the CIDRs requests may come from (IPv4 and IPv6); null or empty: anywhere. */
    allowedIps: text("allowed_ips").array(),
    /** The date chosen at creation, or the end of the grace period when the key is rolled: it works until then. */
    expiresAt: ts("expires_at"),
    revokedAt: ts("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("api_key_token_hash_idx").on(t.tokenHash),
    index("api_key_project_idx").on(t.projectId, t.mode, t.createdAt),
    check("api_key_mode_check", sql`${t.mode} in ('test','live')`),
    check("api_key_kind_check", sql`${t.kind} in ('publishable','secret','restricted')`),
  ],
);
