import { integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, ts, type Mode } from "./types";

/**
 * A POST's `Idempotency-Key`, kept 24 h: the same key and body replay the stored answer.
 * While the first request runs, the key is leased to it; a lease that runs out (the process
 * died mid-request) lets a retry run the request again (app/api/idempotency.server.ts).
 */
export const idempotencyKey = pgTable(
  "idempotency_key",
  {
    projectId: uuid("project_id").notNull(),
    mode: text("mode").$type<Mode>().notNull(),
    key: text("key").notNull(),
    method: text("method").notNull(),
    path: text("path").notNull(),
    /** SHA-256 of the request body: a different body with the same key is a 409. */
    requestHash: text("request_hash").notNull(),
    /** Null while the first request is still running. */
    responseStatus: integer("response_status"),
    /** The stored answer `{ requestId, body }` as JSON, encrypted (it may hold a clientSecret). */
    responseCiphertext: text("response_ciphertext"),
    /** Which request holds the key while it runs; null once answered. */
    leaseToken: text("lease_token"),
    /** Until when that request holds it; after that a retry may take the key over. */
    leaseExpiresAt: ts("lease_expires_at"),
    createdAt: createdAt(),
    expiresAt: ts("expires_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.mode, t.key] })],
);
