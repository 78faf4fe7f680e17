import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, smallint, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, ts, type Mode } from "./types";
import type { ApiKeyKind } from "./keys";

/**
 * Every API request a project received (`/v1/…`, `/public/v1/…`) and every gateway callback
 * (`source = 'callback'`), kept REQUEST_LOG_RETENTION_DAYS (docs/decisions/0015-request-log.md).
 * Partitioned by day on created_at (PARTITION BY RANGE, written by hand in the migration:
 * drizzle-kit does not model partitioning), so expiry drops a partition. No foreign keys: a
 * log row outlives nothing it points at, and a partitioned table's FKs cost every insert.
 */
export const requestLog = pgTable(
  "request_log",
  {
    /** The request id (`req_…`) the answer carried (Request-Id, error.requestId). */
    id: text("id").notNull(),
    createdAt: createdAt(),
    projectId: uuid("project_id").notNull(),
    mode: text("mode").$type<Mode>().notNull(),
    /** api: /v1 and /public/v1; callback: a gateway calling us back. */
    source: text("source").$type<"api" | "callback">().notNull(),
    method: text("method").notNull(),
    /** The path as requested, without the query string. */
    path: text("path").notNull(),
    /** The query string, redacted (e.g. `limit=10`), or null. */
    query: text("query"),
    /** The registry's pattern with its method: `POST /v1/sessions/:id/order`. Null for an unknown path. */
    endpoint: text("endpoint"),
    status: smallint("status").notNull(),
    latencyMs: integer("latency_ms").notNull(),
    /** The key used (`key_…`, never the token), its kind and mode; null for keyless requests. */
    keyId: text("key_id"),
    keyKind: text("key_kind").$type<ApiKeyKind>(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    idempotencyKey: text("idempotency_key"),
    /** The error envelope's code and message (null on success). */
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    /** The headers we keep (content-type, user-agent, idempotency-key, a masked Authorization; response Request-Id, Retry-After…). */
    requestHeaders: text("request_headers"),
    responseHeaders: text("response_headers"),
    /** JSON text, redacted, at most 16 KB; a longer body is `{"$truncated":true,"$bytes":n,"$preview":"…"}`. */
    requestBody: text("request_body"),
    responseBody: text("response_body"),
    /** The objects the request touched (sess_, ord_, evt_, txn_, cust_, we_ ids from the path, the body and the answer). */
    objectIds: text("object_ids")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (t) => [
    primaryKey({ name: "request_log_pkey", columns: [t.createdAt, t.id] }),
    index("request_log_list_idx").on(t.projectId, t.mode, t.createdAt.desc(), t.id.desc()),
    index("request_log_endpoint_idx").on(t.projectId, t.mode, t.endpoint, t.createdAt.desc(), t.id.desc()),
    index("request_log_key_idx").on(t.projectId, t.mode, t.keyId, t.createdAt.desc(), t.id.desc()),
    index("request_log_ip_idx").on(t.projectId, t.mode, t.ip, t.createdAt.desc(), t.id.desc()),
    /** Failed requests only: status classes, error codes and the Errors view scan these. */
    index("request_log_failed_idx")
      .on(t.projectId, t.mode, t.createdAt.desc(), t.id.desc())
      .where(sql`${t.status} >= 400`),
    index("request_log_id_idx").on(t.id),
    index("request_log_idempotency_idx")
      .on(t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    index("request_log_objects_idx").using("gin", t.objectIds),
    check("request_log_mode_check", sql`${t.mode} in ('test','live')`),
    check("request_log_source_check", sql`${t.source} in ('api','callback')`),
  ],
);

/**
 * Failed requests (status ≥ 400) counted per project, mode, hour, endpoint and error code: what the
 * Errors view reads, so its 7-day summary costs a few hundred rows instead of an aggregate over every
 * failed request. Written in the same transaction as the log rows (app/request-logs/record.server.ts),
 * expired with them (partitions.server.ts). `endpoint` is '' for an unknown path (a key column).
 */
export const requestLogErrorHours = pgTable(
  "request_log_error_hours",
  {
    projectId: uuid("project_id").notNull(),
    mode: text("mode").$type<Mode>().notNull(),
    hour: ts("hour").notNull(),
    endpoint: text("endpoint").notNull(),
    errorCode: text("error_code").notNull(),
    count: integer("count").notNull(),
    /** The distinct HTTP statuses seen, ascending. */
    statuses: smallint("statuses").array().notNull(),
    lastAt: ts("last_at").notNull(),
    lastRequestId: text("last_request_id").notNull(),
  },
  (t) => [primaryKey({ name: "request_log_error_hours_pkey", columns: [t.projectId, t.mode, t.hour, t.endpoint, t.errorCode] })],
);
