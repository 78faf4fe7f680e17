import { integer, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, ts, type Mode } from "./types";

/** A POST's `Idempotency-Key`, kept 24 h: the same key and body replay the stored answer. */
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
    responseBody: jsonb("response_body"),
    createdAt: createdAt(),
    expiresAt: ts("expires_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.mode, t.key] })],
);
